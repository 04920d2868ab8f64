"""Importing a catalogue: reading it in a bounded child, checking every row, planning,
then writing in batches, each its own transaction.

A refused file writes nothing, since every row is checked and planned before
the first write. Writing in batches keeps SQLite's single write lock free
between batches for staff saving a status or publishing a page; a batch that
fails leaves the earlier ones written, and importing the same file again
completes the import (rows match guides by item code).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from wagtail.models import (
    COMMENTS_RELATION_NAME,
    Locale,
    Revision,
)

from core.limits import ChildFailed, LimitExceeded, Limits, Sandbox
from core.sections import SectionKind
from pages.models import (
    Department,
    SectionPage,
    ServiceCenterPage,
    ServiceGuidePage,
    ServiceWindow,
    VillageStationPage,
)
from pages.services.catalogue_io.columns import (
    CHUNK,
    FIELD_LABELS,
    NEW_GUIDE_DEFAULTS,
    CatalogueError,
    Progress,
    map_headers,
)
from pages.services.catalogue_io.lookups import WINDOW, CenterLookups, NewName, planned_names
from pages.services.catalogue_io.reading import Table, TableLimits, read_table
from pages.services.catalogue_io.rows import (
    BadRow,
    GuideRow,
    RowOutcome,
    _Plan,
    changed_fields,
    parse_row,
    snapshot,
)
from pages.services.catalogue_io.writer import _GuideWriter
from pages.services.guides import GuideFacts, missing_disclosures

DEFAULT_BATCH_SIZE = 250
# SQLite hands its write lock to whoever asks first after a commit, and a waiting
# writer only retries every few tens of ms (up to 100 ms): pause that long.
SQLITE_PAUSE_SECONDS = 0.1


@dataclass
class ImportReport:
    center: str
    source: str
    total_rows: int = 0
    outcomes: list[RowOutcome] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    header_notes: list[str] = field(default_factory=list)  # columns read in another's place
    name_matches: list[str] = field(default_factory=list)  # names the file writes its own way
    new_windows: list[str] = field(default_factory=list)  # created (or to be, in a dry run)
    new_departments: list[str] = field(default_factory=list)
    dry_run: bool = False
    skip_bad_rows: bool = False
    applied: bool = False
    written: int = 0  # guides written (created or updated), batch by batch
    write_error: str = ""  # why writing stopped part way; "" when it did not

    def _with(self, action: str) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.action == action]

    @property
    def created(self) -> list[RowOutcome]:
        return self._with("create")

    @property
    def updated(self) -> list[RowOutcome]:
        return self._with("update")

    @property
    def unchanged(self) -> list[RowOutcome]:
        return self._with("unchanged")

    @property
    def drafts(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.missing]

    @property
    def refused(self) -> bool:
        """All-or-nothing: any bad row refuses the file unless bad rows may be skipped."""
        return bool(self.bad_rows) and not self.skip_bad_rows


def guides_section(center: ServiceCenterPage) -> SectionPage:
    section = SectionPage.of_kind(center, SectionKind.GUIDES).first()
    if section is None:
        raise CatalogueError(
            f"“{center.title}”没有“办事指南”栏目，无法导入。请先在后台为该中心建立办事指南栏目。"
        )
    return section


def center_guides(center: ServiceCenterPage):
    """The center's own guides: under the center, not under its village stations, no aliases."""
    queryset = ServiceGuidePage.objects.descendant_of(center).filter(alias_of__isnull=True)
    for path in VillageStationPage.objects.descendant_of(center).values_list("path", flat=True):
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def find_center(slug: str) -> ServiceCenterPage:
    """The center with this slug (default locale first); one clear error otherwise."""
    centers = list(ServiceCenterPage.objects.filter(slug=slug))
    if len(centers) > 1:
        default = [c for c in centers if c.locale_id == Locale.get_default().pk]
        centers = default or centers
    if not centers:
        known = "、".join(ServiceCenterPage.objects.values_list("slug", flat=True)[:20])
        raise CatalogueError(f"找不到网址名为“{slug}”的便民服务中心（现有：{known or '无'}）。")
    if len(centers) > 1:
        raise CatalogueError(f"有多个网址名为“{slug}”的便民服务中心，请联系管理员。")
    return centers[0]


def import_catalogue(
    source: Path | str,
    center: ServiceCenterPage,
    *,
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    create_names: bool = True,
    progress: Progress | None = None,
) -> ImportReport:
    """Check every row; unless refused or a dry run, write the good rows in batches.

    A window or department name that matches none of the center's, directly or
    through the alias list, is created with the first batch; with
    `create_names=False` it is a bad row instead."""
    source = Path(source)
    progress = progress or (lambda stage, done, total: None)
    table = _read_bounded(source)
    headers = map_headers(table.headers)
    if headers.missing:
        found = "、".join(h for h in table.headers if h) or "（空）"
        raise CatalogueError(
            f"缺少必需的列：{'、'.join(headers.missing)}。第 {table.header_row} 行应为表头，"
            f"至少包含“事项编码”“事项名称”；现在的表头是：{found}。"
        )
    if headers.duplicates:
        raise CatalogueError(" ".join(headers.duplicates))
    section = guides_section(center)
    report = ImportReport(
        center=center.title,
        source=source.name,
        total_rows=len(table.rows),
        unknown_columns=list(headers.unknown),
        header_notes=[
            _("“%(used)s”列用作%(column)s，“%(others)s”列未读取")
            % {"used": used, "column": column, "others": "”“".join(others)}
            for used, column, others in headers.unread
        ],
        dry_run=dry_run,
        skip_bad_rows=skip_bad_rows,
    )
    lookups = CenterLookups.for_center(center, create=create_names)
    rows: list[GuideRow] = []
    for done, (number, cells) in enumerate(table.rows, start=1):
        parsed = parse_row(number, cells, headers.columns, lookups)
        if isinstance(parsed, BadRow):
            report.bad_rows.append(parsed)
        else:
            rows.append(parsed)
        if done % CHUNK == 0:
            progress("检查", done, len(table.rows))
    rows = _drop_duplicate_codes(rows, report)
    plans = _plan(rows, center, report)
    progress("检查", len(table.rows), len(table.rows))
    report.bad_rows.sort(key=lambda bad: bad.row_number)
    report.outcomes = [plan.outcome for plan in plans]
    writes = [plan for plan in plans if plan.outcome.action != "unchanged"]
    _report_names(report, lookups, writes)
    if dry_run or report.refused:
        return report
    _create_names(writes, center)
    _write_in_batches(writes, section, report, progress)
    return report


def _report_names(report: ImportReport, lookups: CenterLookups, writes: list[_Plan]) -> None:
    """What the names in the file were read as, and what will be created for the rows written."""
    report.name_matches = lookups.windows.mappings() + lookups.departments.mappings()
    wanted = {name for plan in writes for name in planned_names(plan.row.values)}
    report.new_windows = lookups.windows.plans(wanted)
    report.new_departments = lookups.departments.plans(wanted)


def _create_names(writes: list[_Plan], center: ServiceCenterPage) -> None:
    """Create the windows and departments rows named that the center lacks, link each new
    one with the window or department on the same rows, and put their pks in the plans."""
    wanted = {name for plan in writes for name in planned_names(plan.row.values)}
    if not wanted:
        return
    with transaction.atomic():
        created: dict[NewName, int] = {}
        for name in sorted(wanted, key=lambda n: (n.kind, n.number or 0, n.name)):
            if name.kind == WINDOW:
                assert name.number is not None  # a planned window always has its number
                row = ServiceWindow.objects.create(unit=center, number=name.number, name=name.name)
            else:
                row = Department.objects.create(center=center, name=name.name)
            created[name] = row.pk
        links = set()
        for plan in writes:
            for values in (plan.row.values, plan.merged):
                for key in ("window_id", "department_id"):
                    if isinstance(values.get(key), NewName):
                        values[key] = created[values[key]]
            window, department = plan.merged.get("window_id"), plan.merged.get("department_id")
            new = set(created.values())
            if window and department and (window in new or department in new):
                links.add((window, department))
        through = ServiceWindow.departments.through
        existing = set(
            through.objects.filter(servicewindow_id__in=[w for w, _ in links]).values_list(
                "servicewindow_id", "department_id"
            )
        )
        through.objects.bulk_create(
            [through(servicewindow_id=w, department_id=d) for w, d in sorted(links - existing)]
        )


def reader_limits() -> Limits:
    return Limits(
        seconds=float(getattr(settings, "CATALOGUE_IMPORT_TIMEOUT_SECONDS", 120)),
        memory_mb=int(getattr(settings, "CATALOGUE_IMPORT_MEMORY_MB", 1024)),
    )


def _read_bounded(source: Path) -> Table:
    """read_table in a child process under reader_limits(): a crafted file fails alone."""
    limits = reader_limits()
    try:
        with Sandbox(limits) as sandbox:
            return sandbox.run(read_table, str(source), TableLimits.from_settings())
    except LimitExceeded as exc:
        raise CatalogueError(
            _("读取“%(name)s”时%(limit)s：文件过大或结构异常，未导入任何事项。")
            % {"name": source.name, "limit": exc.message}
        ) from None
    except ChildFailed as exc:
        raise CatalogueError(
            _("读取“%(name)s”的子进程出错：%(error)s") % {"name": source.name, "error": exc}
        ) from None


def batch_size() -> int:
    return max(1, int(getattr(settings, "CATALOGUE_IMPORT_BATCH_SIZE", DEFAULT_BATCH_SIZE)))


def _write_in_batches(
    writes: list[_Plan], section: SectionPage, report: ImportReport, progress: Progress
) -> None:
    """Each batch commits on its own; a failure stops here and says what was written."""
    size = batch_size()
    for start in range(0, len(writes), size):
        batch = writes[start : start + size]
        try:
            with transaction.atomic():
                # A writer per batch: it reads the section's children afresh, so pages
                # added between batches (by staff, say) never collide with ours.
                _GuideWriter(section).write(batch, lambda *args: None)
        except Exception as exc:  # noqa: BLE001 - reported with what was written
            section.refresh_from_db(fields=["numchild"])
            report.write_error = _write_failure(writes, start, exc)
            return
        report.written = start + len(batch)
        progress("写入", report.written, len(writes))
        if report.written < len(writes) and connection.vendor == "sqlite":
            time.sleep(SQLITE_PAUSE_SECONDS)  # let a waiting writer have the lock
    report.applied = True


def _write_failure(writes: list[_Plan], start: int, exc: Exception) -> str:
    rows = [plan.outcome.row_number for plan in writes[:start]]
    left = len(writes) - start
    done = (
        _("已写入 %(count)s 项（第 %(first)s–%(last)s 行中的新增和更新）")
        % {"count": len(rows), "first": min(rows), "last": max(rows)}
        if rows
        else _("此前没有写入任何事项")
    )
    return _(
        "写入第 %(row)s 行起的一批时出错（%(error)s）：%(done)s，其余 %(left)s 项未写入。"
        "已写入的事项按事项编码匹配，重新导入同一文件即可补全，不会重复。"
    ) % {
        "row": writes[start].outcome.row_number,
        "error": f"{type(exc).__name__}: {exc}"[:200],
        "done": done,
        "left": left,
    }


def _drop_duplicate_codes(rows: list[GuideRow], report: ImportReport) -> list[GuideRow]:
    """An item code twice in one file is ambiguous: every occurrence is a bad row."""
    seen: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        seen[row.item_code].append(row.row_number)
    for bad in report.bad_rows:
        if bad.item_code:
            seen[bad.item_code].append(bad.row_number)
    duplicated = {code: numbers for code, numbers in seen.items() if len(numbers) > 1}
    if not duplicated:
        return rows
    kept = []
    for row in rows:
        numbers = duplicated.get(row.item_code)
        if numbers is None:
            kept.append(row)
            continue
        others = "、".join(str(n) for n in sorted(numbers) if n != row.row_number)
        report.bad_rows.append(
            BadRow(
                row.row_number, row.item_code, (f"事项编码“{row.item_code}”与第 {others} 行重复",)
            )
        )
    return kept


def _plan(rows: list[GuideRow], center: ServiceCenterPage, report: ImportReport) -> list[_Plan]:
    """Decide create / update / unchanged and publish / draft for every good row, read-only."""
    existing: dict[str, list[int]] = defaultdict(list)
    for pk, code in center_guides(center).values_list("pk", "item_code"):
        if code:
            existing[code].append(pk)
    pages: dict[int, ServiceGuidePage] = {}
    wanted = [
        existing[row.item_code][0] for row in rows if len(existing.get(row.item_code, ())) == 1
    ]
    for start in range(0, len(wanted), CHUNK):
        for page in _load_guides(wanted[start : start + CHUNK]):
            pages[page.pk] = page
    drafts = {
        revision.object_id: revision
        for start in range(0, len(wanted), CHUNK)
        for revision in Revision.objects.filter(
            pk__in=[
                pages[pk].latest_revision_id
                for pk in wanted[start : start + CHUNK]
                if pages[pk].has_unpublished_changes and pages[pk].latest_revision_id
            ]
        )
    }
    phones = (center.consultation_phone or "", center.complaint_phone or "")
    plans = []
    for row in rows:
        matches = existing.get(row.item_code, [])
        if len(matches) > 1:
            report.bad_rows.append(
                BadRow(
                    row.row_number,
                    row.item_code,
                    (
                        f"本中心已有 {len(matches)} 个事项编码为“{row.item_code}”的办事指南，"
                        "无法确定更新哪一个，请先在后台处理重复事项",
                    ),
                )
            )
            continue
        page = pages[matches[0]] if matches else None
        if page is None:
            merged = {**NEW_GUIDE_DEFAULTS, **row.values}
            outcome = RowOutcome(row.row_number, row.item_code, row.title, "create")
        else:
            current = snapshot(page)
            merged = {**current, **row.values}
            changed = changed_fields(row.values, current)
            matches_live = page.live and not changed
            revision = drafts.get(str(page.pk))
            if changed and revision is not None:
                draft_values = snapshot(revision.as_object())
                if not changed_fields(row.values, draft_values):
                    changed = []
                    merged = {**draft_values, **row.values}
            labels = list(dict.fromkeys(FIELD_LABELS[key] for key in changed))
            action = "update" if changed else "unchanged"
            outcome = RowOutcome(row.row_number, row.item_code, row.title, action, changed=labels)
        missing = missing_disclosures(_facts(merged, phones))
        if outcome.action == "unchanged":
            # Still a draft (or the file matches a draft): say what keeps it unpublished.
            outcome.published = matches_live
            outcome.missing = [] if matches_live else missing
        else:
            outcome.published = not missing
            outcome.missing = missing
        plans.append(_Plan(row, outcome, page, merged))
    return plans


def _load_guides(pks: Sequence[int]):
    return ServiceGuidePage.objects.filter(pk__in=pks).prefetch_related(
        "legal_bases", "materials", "steps", "themes", "faqs", COMMENTS_RELATION_NAME
    )


def _facts(values: dict[str, Any], center_phones: tuple[str, str]) -> GuideFacts:
    return GuideFacts(
        name=values["title"],
        legal_basis_count=len(values["legal_bases"]),
        conditions=values["conditions"],
        material_count=len(values["materials"]),
        step_count=len(values["steps"]),
        promised_limit_days=values["promised_limit_days"],
        fee_free=values["fee_free"],
        fee_amount=values["fee_amount"],
        fee_basis=values["fee_basis"],
        consultation_phone=values["consultation_phone"] or center_phones[0],
        complaint_phone=values["complaint_phone"] or center_phones[1],
    )
