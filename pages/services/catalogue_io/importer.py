"""Importing a catalogue: checking every row, planning, then writing in one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from wagtail.models import (
    COMMENTS_RELATION_NAME,
    Locale,
    Revision,
)

from pages.models import (
    SectionPage,
    ServiceCenterPage,
    ServiceGuidePage,
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
from pages.services.catalogue_io.reading import read_table
from pages.services.catalogue_io.rows import (
    BadRow,
    CenterLookups,
    GuideRow,
    changed_fields,
    parse_row,
    snapshot,
)
from pages.services.catalogue_io.writer import _GuideWriter
from pages.services.guides import GuideFacts, missing_disclosures


@dataclass
class RowOutcome:
    row_number: int
    item_code: str
    title: str
    action: str  # "create", "update" or "unchanged"
    published: bool = True
    missing: list[str] = field(default_factory=list)  # 八公开 elements lacking (drafts)
    changed: list[str] = field(default_factory=list)  # labels of changed columns (updates)


@dataclass
class ImportReport:
    center: str
    source: str
    total_rows: int = 0
    outcomes: list[RowOutcome] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    skip_bad_rows: bool = False
    applied: bool = False

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


@dataclass
class _Plan:
    row: GuideRow
    outcome: RowOutcome
    page: ServiceGuidePage | None
    merged: dict[str, Any]


def guides_section(center: ServiceCenterPage) -> SectionPage:
    section = SectionPage.objects.child_of(center).filter(kind="guides").first()
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
    progress: Progress | None = None,
) -> ImportReport:
    """Check every row; unless refused or a dry run, write the good rows in one transaction."""
    source = Path(source)
    progress = progress or (lambda stage, done, total: None)
    table = read_table(source)
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
        dry_run=dry_run,
        skip_bad_rows=skip_bad_rows,
    )
    lookups = CenterLookups.for_center(center)
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
    if dry_run or report.refused:
        return report
    writes = [plan for plan in plans if plan.outcome.action != "unchanged"]
    with transaction.atomic():
        _GuideWriter(section).write(writes, progress)
    report.applied = True
    return report


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
