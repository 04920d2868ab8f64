"""What a row's window, department and theme cells name in one center.

Windows and departments are found through the alias list and by their words
(names.py): “计生窗口” finds “4号 卫健医保窗口”, “县人社局” the department
“人力资源和社会保障服务中心”. A name that matches nothing is planned as a new
window or department (a NewName in the row's values, created just before the
guides are written) unless creating is turned off; then it is a bad row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from wagtail.models import Locale

from pages.models import Department, LifeEvent, NameAlias, ServiceCenterPage, ServiceWindow
from pages.services.catalogue_io.names import (
    Candidate,
    NameKey,
    Vocabulary,
    best_matches,
    clean_name,
    places_in,
)
from pages.services.catalogue_io.values import fold, parse_themes

WINDOW = "window"
DEPARTMENT = "department"
_MAX_LENGTH = {
    WINDOW: ServiceWindow._meta.get_field("name").max_length or 40,
    DEPARTMENT: Department._meta.get_field("name").max_length or 60,
}


@dataclass(frozen=True)
class NewName:
    """A window or department the import will create; stands in a row's values for its pk."""

    kind: str  # WINDOW or DEPARTMENT
    name: str
    number: int | None = None

    @property
    def label(self) -> str:
        return f"{self.number}号 {self.name}" if self.number is not None else self.name


Ref = int | NewName


@dataclass
class NameResolver:
    """Finds the window (or department) a cell names, remembering what it matched and
    planned, so the report can list every mapping and every name to be created."""

    kind: str
    header: str  # the column as messages name it: 办理窗口, 实施部门
    vocabulary: Vocabulary
    rows: list[tuple[int, str, int | None]]  # (pk, name, window number)
    create: bool = True
    matched: dict[str, tuple[str, list[int]]] = field(default_factory=dict)
    planned: dict[NewName, list[int]] = field(default_factory=dict)
    _candidates: list[Candidate[Ref]] | None = None

    @property
    def numbered(self) -> bool:
        return self.kind == WINDOW

    def labels(self) -> dict[int, str]:
        return {pk: name for pk, name, _ in self.rows}

    def resolve(self, text: str, row_number: int) -> Ref | None:
        if not text.strip():
            return None
        literal = self._literal(text)
        if literal is not None:
            return literal
        key = self.vocabulary.key(text, numbered=self.numbered)
        by_number = next(
            (pk for pk, _, n in self.rows if key.number is not None and n == key.number), None
        )
        if key.empty:
            if by_number is not None:
                return by_number
            raise ValueError(self._unknown(text))
        found = best_matches(key, self.candidates())
        if len(found) > 1 and key.number is not None:
            found = [c for c in found if c.key.number == key.number] or found
        if len(found) > 1:
            message = (
                _("%(header)s“%(text)s”可能是%(names)s，请写明窗口号或完整名称")
                if self.numbered
                else _("%(header)s“%(text)s”可能是%(names)s，请写完整名称")
            )
            names = "、".join(c.label for c in found)
            raise ValueError(message % {"header": self.header, "text": text, "names": names})
        if found:
            hit = found[0]
            if by_number is not None and hit.ref != by_number:
                raise ValueError(
                    _(
                        "%(header)s“%(text)s”：%(number)s号是“%(numbered)s”，名称却对应“%(named)s”，"
                        "请改正窗口号或名称"
                    )
                    % {
                        "header": self.header,
                        "text": text,
                        "number": key.number,
                        "numbered": self._label(by_number),
                        "named": hit.label,
                    }
                )
            return self._use(text, hit.ref, hit.label, row_number)
        if by_number is not None:
            return self._use(text, by_number, self._label(by_number), row_number)
        if not self.create:
            raise ValueError(self._unknown(text, aliases=True))
        return self._plan(text, key, row_number)

    def candidates(self) -> list[Candidate[Ref]]:
        """Keys are made on first need: cutting names loads the segmenter (about a second)."""
        if self._candidates is None:
            self._candidates = [
                Candidate(pk, self._key(name, number), self._label(pk))
                for pk, name, number in self.rows
            ]
        return self._candidates

    def _key(self, name: str, number: int | None) -> NameKey:
        key = self.vocabulary.key(name)
        return NameKey(number, key.words, key.text, key.terms)

    def _literal(self, text: str) -> int | None:
        value = fold(text)
        for pk, name, number in self.rows:
            if value in (fold(name), f"{number}号{fold(name)}"):
                return pk
        return None

    def _label(self, ref: Ref) -> str:
        if isinstance(ref, NewName):
            return ref.label
        pk, name, number = next(row for row in self.rows if row[0] == ref)
        return f"{number}号 {name}" if number is not None else name

    def _use(self, text: str, ref: Ref, label: str, row_number: int) -> Ref:
        if isinstance(ref, NewName):
            self.planned[ref].append(row_number)
        else:
            self.matched.setdefault(text.strip(), (label, []))[1].append(row_number)
        return ref

    def _plan(self, text: str, key: NameKey, row_number: int) -> NewName:
        name = clean_name(text)
        if self.numbered and "窗" not in name:
            name += "窗口"
        if len(name) > _MAX_LENGTH[self.kind]:
            raise ValueError(
                _("%(header)s“%(text)s”超过 %(limit)s 个字，无法新建")
                % {"header": self.header, "text": text, "limit": _MAX_LENGTH[self.kind]}
            )
        number = None
        if self.numbered:
            taken = {n for _, _, n in self.rows} | {n.number for n in self.planned}
            number = key.number
            if number is None or number in taken:
                number = max((n for n in taken if n is not None), default=0) + 1
        new = NewName(self.kind, name, number)
        self.planned[new] = [row_number]
        self.candidates().append(
            Candidate(new, NameKey(number, key.words, key.text, key.terms), new.label)
        )
        return new

    def _unknown(self, text: str, aliases: bool = False) -> str:
        listed = "、".join(self._label(pk) for pk, _, _ in self.rows[:12])
        what = _("窗口") if self.numbered else _("进驻部门")
        hint = (
            _("（本中心的%(what)s：%(listed)s）") % {"what": what, "listed": listed}
            if listed
            else _("（本中心尚未设置%(what)s）") % {"what": what}
        )
        if not aliases:
            return _("%(header)s“%(text)s”不是本中心的%(what)s%(hint)s") % {
                "header": self.header,
                "text": text,
                "what": what,
                "hint": hint,
            }
        return _(
            "%(header)s“%(text)s”不是本中心的%(what)s，也不是已知的别名%(hint)s。"
            "请改为本中心的名称，或在后台“服务目录 → 名称别名”中添加别名；"
            "不加 --no-create 导入时将自动新建"
        ) % {"header": self.header, "text": text, "what": what, "hint": hint}

    def mappings(self) -> list[str]:
        """“计生窗口” → 4号 卫健医保窗口（第 2、5 行）, for names the file writes its own way."""
        return [
            _("%(header)s“%(text)s” → %(label)s（第 %(rows)s 行）")
            % {"header": self.header, "text": text, "label": label, "rows": _rows(rows)}
            for text, (label, rows) in self.matched.items()
        ]

    def plans(self, wanted: set[NewName]) -> list[str]:
        """“7号 工商窗口（第 3、5 行）” for the new names in `wanted` (rows to be written)."""
        return [
            _("%(label)s（第 %(rows)s 行）") % {"label": new.label, "rows": _rows(rows)}
            for new, rows in self.planned.items()
            if new in wanted
        ]


def _rows(numbers: list[int]) -> str:
    unique = sorted(set(numbers))
    shown = "、".join(str(n) for n in unique[:10])
    return shown + (_(" 等 %(count)s 行") % {"count": len(unique)} if len(unique) > 10 else "")


@dataclass(frozen=True)
class CenterLookups:
    """A center's windows, departments and the county's themes, by what a cell may say."""

    windows: NameResolver
    departments: NameResolver
    themes_by_name: dict[str, int]
    theme_labels: dict[int, str]

    @classmethod
    def for_center(cls, center: ServiceCenterPage, *, create: bool = True) -> CenterLookups:
        county = center.get_parent() if center.depth > 1 else None
        places = places_in(
            center.title,
            center.official_name or "",
            center.township_name or "",
            county.title if county else "",
        )
        vocabulary = Vocabulary(NameAlias.for_center(center), places)
        windows = ServiceWindow.objects.filter(unit=center).order_by("number")
        departments = Department.objects.filter(center=center).order_by("name")
        themes = list(LifeEvent.objects.filter(locale=Locale.get_default()))
        by_theme = {t.name: t.pk for t in themes}
        by_theme.update({t.slug: t.pk for t in themes})
        return cls(
            windows=NameResolver(
                WINDOW,
                _("办理窗口"),
                vocabulary,
                [(w.pk, w.name, w.number) for w in windows],
                create=create,
            ),
            departments=NameResolver(
                DEPARTMENT,
                _("实施部门"),
                vocabulary,
                [(d.pk, d.name, None) for d in departments],
                create=create,
            ),
            themes_by_name=by_theme,
            theme_labels={t.pk: t.name for t in themes},
        )

    @property
    def window_labels(self) -> dict[int, str]:
        return self.windows.labels()

    @property
    def department_labels(self) -> dict[int, str]:
        return self.departments.labels()

    def themes(self, text: str) -> frozenset[int]:
        names = parse_themes(text)
        unknown = [n for n in names if n not in self.themes_by_name]
        if unknown:
            known = "、".join(list(self.theme_labels.values())[:20])
            raise ValueError(f"主题“{'、'.join(unknown)}”不存在（可用的主题：{known}）")
        return frozenset(self.themes_by_name[n] for n in names)


def planned_names(values: dict) -> list[NewName]:
    """The windows and departments a row's values wait for."""
    return [v for k in ("window_id", "department_id") if isinstance(v := values.get(k), NewName)]
