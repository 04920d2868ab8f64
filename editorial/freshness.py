"""内容健康度: is each center's site kept up to date, as the inspectors check it?

The national government-website inspection counts a column as not updated
when nothing new appeared in it within its window (工作动态 two weeks,
通知公告 and 政策文件 six months); we hold guides and 政务公开 to six months
too. Alongside that, guides missing any of the 八公开 elements and pages past
their review date (下次复核日期) are what an editor should fix next.

Pure reads, a handful of queries per center whatever its size, so the admin
dashboard can show every center at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, get_page_models

from core.sections import SectionKind
from pages.models import SectionPage, ServiceGuidePage, VillageStationPage
from pages.services.guides import missing_disclosures

# Days within which something must have been published in a section of each kind.
STALE_AFTER_DAYS: dict[str, int] = {
    "news": 14,
    "notices": 183,
    "documents": 183,
    "guides": 183,
    "disclosure": 183,
}
# Kinds whose content is child pages; 政务公开 and 工作人员 are generated from other data.
CONTAINER_KINDS = frozenset(
    {SectionKind.GUIDES, SectionKind.NOTICES, SectionKind.DOCUMENTS, SectionKind.NEWS}
)

OK, STALE, EMPTY = "ok", "stale", "empty"


@dataclass(frozen=True)
class SectionFreshness:
    page_id: int
    title: str
    kind: str
    kind_label: str
    last_update: dt.datetime | None
    days_since: int | None
    stale: bool
    empty: bool

    @property
    def status(self) -> str:
        """An empty column is the bigger problem, so it wins over a stale one."""
        if self.empty:
            return EMPTY
        return STALE if self.stale else OK


@dataclass(frozen=True)
class GuideGap:
    page_id: int
    title: str
    live: bool
    missing: tuple[str, ...]


@dataclass(frozen=True)
class OverdueReview:
    page_id: int
    title: str
    review_by: dt.date
    days_overdue: int


@dataclass
class CenterFreshness:
    center_id: int
    center_title: str
    today: dt.date
    sections: list[SectionFreshness] = field(default_factory=list)
    guide_gaps: list[GuideGap] = field(default_factory=list)
    overdue_reviews: list[OverdueReview] = field(default_factory=list)

    @property
    def stale_sections(self) -> list[SectionFreshness]:
        return [s for s in self.sections if s.status == STALE]

    @property
    def empty_sections(self) -> list[SectionFreshness]:
        return [s for s in self.sections if s.status == EMPTY]

    @property
    def problem_count(self) -> int:
        """Each section, guide and page counted once, however many things are wrong with it."""
        return (
            len(self.stale_sections)
            + len(self.empty_sections)
            + len(self.guide_gaps)
            + len(self.overdue_reviews)
        )


def freshness_report(center: Page, today: dt.date | None = None) -> CenterFreshness:
    """The whole report for one center (its default-locale page tree)."""
    today = today or timezone.localdate()
    locale = Locale.get_default()
    return CenterFreshness(
        center_id=center.pk,
        center_title=center.title,
        today=today,
        sections=_sections(center, locale, today),
        guide_gaps=_guide_gaps(center, locale),
        overdue_reviews=_overdue_reviews(center, locale, today),
    )


def summary_text(report: CenterFreshness) -> str:
    """One line per center for the admin home page and the command line."""
    parts = []
    if report.stale_sections:
        parts.append(_("%(n)d 个栏目超期未更新") % {"n": len(report.stale_sections)})
    if report.empty_sections:
        parts.append(_("%(n)d 个空栏目") % {"n": len(report.empty_sections)})
    if report.guide_gaps:
        parts.append(_("%(n)d 篇指南缺少八公开要素") % {"n": len(report.guide_gaps)})
    if report.overdue_reviews:
        parts.append(_("%(n)d 个页面已过复核日期") % {"n": len(report.overdue_reviews)})
    detail = "，".join(parts) if parts else _("内容均按时更新")
    return _("%(center)s：%(detail)s") % {"center": report.center_title, "detail": detail}


def _in_tree(center: Page, locale: Locale) -> Q:
    return Q(path__startswith=center.path, locale=locale)


def _sections(center: Page, locale: Locale, today: dt.date) -> list[SectionFreshness]:
    sections = list(
        SectionPage.objects.child_of(center).filter(live=True, locale=locale).order_by("path")
    )
    if not sections:
        return []
    # One grouped query: per section, its newest live descendant and its live children.
    section_depth = center.depth + 1
    below = (
        Page.objects.filter(_in_tree(center, locale), depth__gt=section_depth, live=True)
        .annotate(section_path=Substr("path", 1, Page.steplen * section_depth))
        .values("section_path")
        .annotate(
            newest=Max("last_published_at"),
            children=Count("pk", filter=Q(depth=section_depth + 1)),
        )
    )
    by_section = {row["section_path"]: row for row in below}
    # 政务公开 is generated from the guides and notices: it is as fresh as they are.
    feeds = [
        by_section.get(s.path, {}).get("newest")
        for s in sections
        if s.kind in (SectionKind.GUIDES, SectionKind.NOTICES)
    ]
    feeds = [d for d in feeds if d is not None]
    generated = {"newest": max(feeds)} if feeds else {}
    return [
        _section(
            s, generated if s.kind == SectionKind.DISCLOSURE else by_section.get(s.path, {}), today
        )
        for s in sections
    ]


def _section(section, below: dict, today: dt.date) -> SectionFreshness:
    dates = [d for d in (section.last_published_at, below.get("newest")) if d is not None]
    last = max(dates) if dates else None
    days = (today - timezone.localdate(last)).days if last else None
    limit = STALE_AFTER_DAYS.get(section.kind)
    return SectionFreshness(
        page_id=section.pk,
        title=section.title,
        kind=section.kind,
        kind_label=str(section.get_kind_display()),
        last_update=last,
        days_since=days,
        stale=limit is not None and (days is None or days > limit),
        empty=section.kind in CONTAINER_KINDS and not below.get("children"),
    )


@dataclass(frozen=True)
class _UnitPhones:
    """What a guide falls back to for its phones (see ServiceGuidePage.effective_phones),
    known up front so that no guide looks up its station and center one by one."""

    consultation_phone: str
    complaint_phone: str


def _guide_gaps(center: Page, locale: Locale) -> list[GuideGap]:
    guides = list(
        ServiceGuidePage.objects.filter(_in_tree(center, locale))
        .select_related("latest_revision")
        .prefetch_related("legal_bases", "materials", "steps")
        .order_by("path")
    )
    if not guides:
        return []
    specific_center = center.specific
    complaint = specific_center.complaint_phone
    units = {
        station.path: _UnitPhones(station.phone, complaint)
        for station in VillageStationPage.objects.child_of(center).only("path", "phone")
    }
    center_phones = _UnitPhones(specific_center.consultation_phone, complaint)
    gaps = []
    for guide in guides:
        latest = _latest(guide)
        unit = units.get(guide.path[: len(center.path) + Page.steplen], center_phones)
        missing = missing_disclosures(latest.facts(unit))
        if missing:
            gaps.append(
                GuideGap(guide.pk, guide.draft_title or guide.title, guide.live, tuple(missing))
            )
    return gaps


def _latest(page):
    """The page as its latest revision has it (what the editor sees and would publish).

    Built from the revision without checking its foreign keys against the
    database: only the page's own fields and child rows matter here.
    """
    revision = page.latest_revision
    if not page.has_unpublished_changes or revision is None:
        return page
    return type(page).from_serializable_data(revision.content, check_fks=False)


def _review_models() -> list[type[Page]]:
    """Page types with a review date; a subclass is covered by its parent's query."""
    with_field = [
        m for m in get_page_models() if any(f.name == "review_by" for f in m._meta.concrete_fields)
    ]
    return [m for m in with_field if not any(issubclass(m, o) and m is not o for o in with_field)]


def _overdue_reviews(center: Page, locale: Locale, today: dt.date) -> list[OverdueReview]:
    overdue: dict[int, OverdueReview] = {}
    for model in _review_models():
        rows = (
            model.objects.filter(_in_tree(center, locale))
            .filter(Q(review_by__lt=today) | Q(has_unpublished_changes=True))
            .select_related("latest_revision")
            .order_by("path")
        )
        for page in rows:
            review_by = _latest_review_by(page)
            if review_by is not None and review_by < today:
                overdue[page.pk] = OverdueReview(
                    page.pk, page.draft_title or page.title, review_by, (today - review_by).days
                )
    return sorted(overdue.values(), key=lambda r: (r.review_by, r.title))


def _latest_review_by(page) -> dt.date | None:
    """The review date in the latest revision: an editor who moved it on in a draft is done."""
    revision = page.latest_revision
    if not page.has_unpublished_changes or revision is None:
        return page.review_by
    value = revision.content.get("review_by")
    return dt.date.fromisoformat(value) if value else None
