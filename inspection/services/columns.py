"""Columns (栏目) as the inspection counts them: each with its window and its newest dated item.

The inspection reads what a visitor sees: an item counts by the date it shows
(a notice's 公示开始日期, a policy document's 发布日期; other pages their
publication), an item without a date counts as not updated, and a date still to
come has not happened yet. The whole portal is one site, so the county's columns
and every township's are counted together; each column still knows its unit so
that the screen can say which township to call.

A few queries whatever the size: every dated page is read as (path, date) once
and attributed to the column it sits in by its parent's path.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils import timezone

from wagtail.models import Locale, Page

from core.sections import SectionKind
from documents.models import PolicyDocumentPage, PolicyInterpretationPage
from pages.models import CountyHomePage, NoticePage, SectionPage, ServiceCenterPage

# 动态、要闻类: within 2 weeks before the check.
DYNAMIC = frozenset({SectionKind.NEWS})
# 通知公告、政策文件类: within 6 months before the check.
NOTICE_POLICY = frozenset({SectionKind.NOTICES, SectionKind.DOCUMENTS})
# Other columns that are meant to grow (办事指南, 其他栏目 with pages): 应更新但长期未更新
# when nothing new appeared in a year.
LONG_TERM = frozenset({SectionKind.GUIDES, SectionKind.GENERAL})
# Columns whose content is generated from other data (政务公开 from guides and notices,
# 工作人员 from the whereabouts, 政府信息公开 from its own pages): never blank by themselves.
GENERATED = frozenset({SectionKind.DISCLOSURE, SectionKind.STAFF, SectionKind.OPEN_GOVERNMENT})

DYNAMIC_DAYS = 14
LONG_TERM_DAYS = 365
NOTICE_POLICY_MONTHS = 6

# The field whose date a page shows as its publication; others show when they were published.
DATE_FIELDS: dict[type[Page], str] = {
    NoticePage: "notice_start",
    PolicyDocumentPage: "publish_date",
    PolicyInterpretationPage: "publish_date",
}


@dataclass(frozen=True)
class Column:
    page_id: int
    title: str
    kind: str
    unit_id: int
    unit_title: str
    items: int  # live pages in the column, dated or not
    newest: dt.date | None  # the newest date an item shows, not after today
    has_body: bool  # a column page with its own text is not blank

    @property
    def timed(self) -> bool:
        return self.kind in DYNAMIC or self.kind in NOTICE_POLICY

    @property
    def empty(self) -> bool:
        """空白栏目: a column with nothing in it (generated columns never are)."""
        return self.kind not in GENERATED and not self.items and not self.has_body

    def since(self, today: dt.date) -> dt.date | None:
        """The first day an item must be dated for the column to count as updated."""
        if self.kind in DYNAMIC:
            return today - dt.timedelta(days=DYNAMIC_DAYS)
        if self.kind in NOTICE_POLICY:
            return months_before(today, NOTICE_POLICY_MONTHS)
        if self.kind in LONG_TERM and self.items:
            return today - dt.timedelta(days=LONG_TERM_DAYS)
        return None  # generated, or a text-only column: nothing to update

    def not_updated(self, today: dt.date) -> bool:
        since = self.since(today)
        return since is not None and (self.newest is None or self.newest < since)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the last day of a shorter month)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def all_units() -> list[Page]:
    """The county home and every center, in tree order (the default locale's)."""
    locale = Locale.get_default()
    homes = CountyHomePage.objects.filter(locale=locale, live=True)
    centers = ServiceCenterPage.objects.filter(locale=locale, live=True)
    return sorted([*homes, *centers], key=lambda p: p.path)


def unit_of(path: str, unit_paths: Iterable[tuple[str, Page]]) -> Page | None:
    """The deepest unit whose subtree holds `path` (a center before the county)."""
    best = None
    for unit_path, unit in unit_paths:
        if path.startswith(unit_path) and (best is None or len(unit_path) > len(best[0])):
            best = (unit_path, unit)
    return best[1] if best else None


def columns(
    today: dt.date | None = None, under: Page | None = None, units: list[Page] | None = None
) -> list[Column]:
    """Every live column of the site (or of one unit), with its item count and newest date;
    `units` when the caller has read them already."""
    today = today or timezone.localdate()
    locale = Locale.get_default()
    sections = SectionPage.objects.filter(live=True, locale=locale)
    if under is not None:
        sections = sections.filter(path__startswith=under.path)
    sections = list(sections.only("id", "title", "kind", "path", "body", "intro").order_by("path"))
    by_path = {s.path: s for s in sections}
    newest: dict[str, dt.date] = {}

    def seen(path: str, day: dt.date | None) -> None:
        parent = path[: -Page.steplen]
        if day is not None and day <= today and parent in by_path:
            newest[parent] = max(day, newest.get(parent, day))

    def live(queryset):
        queryset = queryset.filter(live=True, locale=locale)
        return queryset.filter(path__startswith=under.path) if under is not None else queryset

    depths = {len(p) // Page.steplen + 1 for p in by_path}
    counts = {row["parent"]: row["n"] for row in _children(live(Page.objects), depths)}
    for model, field in DATE_FIELDS.items():
        for path, day in live(model.objects.filter(depth__in=depths)).values_list("path", field):
            seen(path, day)
    # Pages without a date field of their own show when they were published.
    dated_types = ContentType.objects.get_for_models(*DATE_FIELDS, SectionPage).values()
    undated = live(Page.objects.filter(depth__in=depths)).exclude(content_type__in=dated_types)
    for path, published in undated.values_list("path", "last_published_at"):
        seen(path, timezone.localdate(published) if published else None)

    known = all_units() if units is None else units
    unit_paths = [(u.path, u) for u in known if under is None or u.path.startswith(under.path)]
    if under is not None and not unit_paths:
        unit_paths = [(under.path, under)]
    result = []
    for section in sections:
        unit = unit_of(section.path, unit_paths)
        result.append(
            Column(
                page_id=section.pk,
                title=section.title,
                kind=section.kind,
                unit_id=unit.pk if unit else 0,
                unit_title=unit.title if unit else "",
                items=counts.get(section.path, 0),
                newest=newest.get(section.path),
                has_body=bool(section.body) and section.kind == SectionKind.GENERAL,
            )
        )
    return result


def _children(live, depths: set[int]) -> list[dict]:
    """Live children per column path, grouped in the database (one query per depth)."""
    rows: list[dict] = []
    for depth in depths:
        rows += list(
            live.filter(depth=depth)
            .annotate(parent=Substr("path", 1, Page.steplen * (depth - 1)))
            .values("parent")
            .annotate(n=Count("pk"))
        )
    return rows
