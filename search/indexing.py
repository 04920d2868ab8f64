"""What gets indexed, and how each kind of content reads as a SearchDocument.

Only what a citizen may see: live pages without view restrictions, notices
until their period ends (the backend filters on `expires`), and the staff
directory's public fields. Keys ("page:12", "staff:3") let the queue replay
any update from the object's current state, so a replay is never stale.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import prefetch_related_objects
from django.utils.html import strip_tags

from wagtail.models import Locale, Page, PageViewRestriction

from .backends.base import SearchDocument

PAGE_PREFIX = "page:"
STAFF_PREFIX = "staff:"


def page_key(page_id: int) -> str:
    return f"{PAGE_PREFIX}{page_id}"


def staff_key(member_id: int) -> str:
    return f"{STAFF_PREFIX}{member_id}"


class _Batch:
    """Facts shared by many pages of one batch (their ancestors, their centers),
    read once instead of once per page: an import of thousands of guides would
    otherwise spend most of its time here."""

    def __init__(self):
        from pages.models import ServiceCenterPage, VillageStationPage

        self.default_locale = Locale.get_default().pk
        self.restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        self.centers = list(ServiceCenterPage.objects.all())
        self.stations = list(VillageStationPage.objects.all())
        self.ancestors_live: dict[str, bool] = {}

    def ancestors_live_for(self, page: Page) -> bool:
        parent_path = page.path[: -page.steplen]
        if parent_path not in self.ancestors_live:
            self.ancestors_live[parent_path] = all(
                a.live for a in page.get_ancestors().filter(depth__gt=1)
            )
        return self.ancestors_live[parent_path]

    @staticmethod
    def closest(candidates: list, page: Page):
        found = [c for c in candidates if page.path.startswith(c.path)]
        return max(found, key=lambda c: c.depth) if found else None


_batch: ContextVar[_Batch | None] = ContextVar("search_batch", default=None)


@contextmanager
def batch():
    token = _batch.set(_Batch())
    try:
        yield
    finally:
        _batch.reset(token)


def is_public(page: Page) -> bool:
    """Live, unrestricted, with live ancestors, and in Chinese: the search serves
    Chinese readers; translations (wagtail-localize) are not indexed."""
    shared = _batch.get()
    if shared is not None:
        return (
            page.live
            and page.locale_id == shared.default_locale
            and not any(page.path.startswith(p) for p in shared.restricted)
            and shared.ancestors_live_for(page)
        )
    if not page.live or page.locale_id != Locale.get_default().pk:
        return False
    restricted = PageViewRestriction.objects.filter(
        page__in=Page.objects.ancestor_of(page, inclusive=True)
    )
    return not restricted.exists() and all(a.live for a in page.get_ancestors().filter(depth__gt=1))


def _center_of(page: Page):
    from pages.models import ServiceCenterPage

    shared = _batch.get()
    if shared is not None:
        return shared.closest(shared.centers, page)
    return ServiceCenterPage.objects.ancestor_of(page, inclusive=True).first()


def _places(page: Page, center) -> str:
    """Township and village names, so "云溪 低保" finds 云溪's guide first."""
    from pages.models import VillageStationPage

    shared = _batch.get()
    if shared is not None:
        station = shared.closest(shared.stations, page)
    else:
        station = VillageStationPage.objects.ancestor_of(page, inclusive=True).first()
    return _text(
        center.township_name if center else "",
        station.village_name if station else "",
    )


def _text(*parts) -> str:
    return "\n".join(strip_tags(str(p)) for p in parts if p)


def document_for_page(page: Page) -> SearchDocument | None:
    """The page as the index sees it; None when it must not be found."""
    from pages.models import (
        CountyHomePage,
        NoticePage,
        SectionPage,
        ServiceCenterPage,
        ServiceGuidePage,
        VillageStationPage,
    )

    page = page.specific
    if page.depth <= 1 or not is_public(page):
        return None
    center = _center_of(page)
    common = {
        "key": page_key(page.pk),
        "title": page.title,
        "url": page.url or "",
        "center": center.official_name if center else "",
        "date": (page.last_published_at or page.first_published_at).date()
        if page.last_published_at or page.first_published_at
        else None,
    }
    if isinstance(page, ServiceGuidePage):
        body = _text(
            page.item_code,
            page.get_item_type_display(),
            page.get_handling_mode_display(),
            page.window.name if page.window_id else "",
            page.department.name if page.department_id else "",
            " ".join(t.name for t in page.themes.all()),
            page.conditions,
            "\n".join(m.name for m in page.materials.all()),
            "\n".join(f"{s.title} {s.description}" for s in page.steps.all()),
            "\n".join(f"{b.law} {b.articles}" for b in page.legal_bases.all()),
            "\n".join(f"{f.question} {f.answer}" for f in page.faqs.all()),
            page.fee_amount,
            page.fee_basis,
            _places(page, center),
        )
        return SearchDocument(
            kind="guide",
            body=body,
            window=page.window.name if page.window_id else "",
            boost=1.2,
            **common,
        )
    from documents.models import PolicyDocumentPage, PolicyInterpretationPage

    if isinstance(page, PolicyDocumentPage):
        body = _text(
            page.document_number,
            page.index_number,
            page.organisation_names,
            page.keywords,
            page.addressees,
            page.body,
            " ".join(a.title for a in page.attachments.all()),
        )
        return SearchDocument(
            kind="document",
            body=body,
            validity=page.get_validity_display(),
            boost=1.1,
            **{**common, "date": page.publish_date or common["date"]},
        )
    if isinstance(page, PolicyInterpretationPage):
        body = _text("政策解读", page.interpreter, page.body)
        return SearchDocument(
            kind="document", body=body, **{**common, "date": page.publish_date or common["date"]}
        )
    if isinstance(page, NoticePage):
        return SearchDocument(
            kind="notice",
            body=_text(page.get_kind_display(), page.body, _places(page, center)),
            expires=page.notice_end,
            **{**common, "date": page.notice_start},
        )
    if isinstance(page, ServiceCenterPage):
        body = _text(
            page.official_name,
            page.township_name,
            page.address,
            page.location_note,
            page.opening_hours,
            page.consultation_phone,
            page.director_name,
            page.intro,
            "便民服务中心",
        )
        return SearchDocument(kind="center", body=body, boost=1.1, **common)
    if isinstance(page, VillageStationPage):
        agents = " ".join(f"{a.name} 代办员" for a in page.agents.all())
        body = _text(
            page.official_name, page.village_name, page.address, page.opening_hours, agents
        )
        return SearchDocument(kind="station", body=body, **common)
    if isinstance(page, SectionPage):
        extra = "工作人员去向公示 AB岗 在岗 领导组织机构" if page.kind == "staff" else ""
        body = _text(page.get_kind_display(), page.intro, extra)
        return SearchDocument(kind="page", body=body, boost=0.8, **common)
    if isinstance(page, CountyHomePage):
        return SearchDocument(kind="page", body=_text(page.official_name), boost=0.5, **common)
    return SearchDocument(
        kind="page", body=_text(getattr(page, "search_description", "")), **common
    )


def document_for_staff(member) -> SearchDocument | None:
    """A staff member by name, title and window, linking to the center's board."""
    from pages.models import SectionPage

    if not member.active:
        return None
    center = member.center
    if not center.live:
        return None
    board = SectionPage.objects.child_of(center).filter(kind="staff").live().first()
    if board is None or not is_public(board):
        return None
    window = str(member.window) if member.window_id else ""
    department = member.department.name if member.department_id else ""
    return SearchDocument(
        key=staff_key(member.pk),
        kind="staff",
        title=f"{member.name}（{member.title or '工作人员'}）",
        body=_text(member.name, member.title, window, department, center.official_name, "去向"),
        url=board.url or "",
        center=center.official_name,
        window=member.window.name if member.window_id else "",
        boost=0.9,
    )


def document_for_key(key: str) -> SearchDocument | None:
    """Rebuild a document from its key (None if the object is gone or private)."""
    from staff.models import StaffMember

    if key.startswith(PAGE_PREFIX):
        page = Page.objects.filter(pk=int(key[len(PAGE_PREFIX) :])).first()
        try:
            return document_for_page(page) if page else None
        except ObjectDoesNotExist:  # half-deleted: the specific row is already gone
            return None
    if key.startswith(STAFF_PREFIX):
        member = (
            StaffMember.objects.select_related("center", "window", "department")
            .filter(pk=int(key[len(STAFF_PREFIX) :]))
            .first()
        )
        return document_for_staff(member) if member else None
    return None


def documents_for_keys(keys: list[str]) -> list[tuple[str, SearchDocument | None]]:
    """Many documents at once: pages fetched in bulk with what guides show, and
    ancestors and centers shared (see _Batch). Same results as document_for_key."""
    from pages.models import ServiceGuidePage

    if len(keys) < 20:
        return [(key, document_for_key(key)) for key in keys]
    ids = [int(k[len(PAGE_PREFIX) :]) for k in keys if k.startswith(PAGE_PREFIX)]
    pages = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
    guides = [p for p in pages.values() if isinstance(p, ServiceGuidePage)]
    prefetch_related_objects(
        guides, "window", "department", "themes", "materials", "steps", "legal_bases", "faqs"
    )
    results = []
    with batch():
        for key in keys:
            if not key.startswith(PAGE_PREFIX):
                results.append((key, document_for_key(key)))
                continue
            page = pages.get(int(key[len(PAGE_PREFIX) :]))
            try:
                results.append((key, document_for_page(page) if page else None))
            except ObjectDoesNotExist:
                results.append((key, None))
    return results


def all_keys() -> Iterator[str]:
    from staff.models import StaffMember

    pages = Page.objects.live().filter(depth__gt=1, locale=Locale.get_default())
    for pk in pages.values_list("pk", flat=True).iterator():
        yield page_key(pk)
    for pk in StaffMember.objects.filter(active=True).values_list("pk", flat=True).iterator():
        yield staff_key(pk)
