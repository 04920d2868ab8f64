"""How the page tree's pages read in the site search (registered into search.registry
from PagesConfig.ready()): guides, notices, centers, stations, sections, the home,
and a default for any other page type."""

from __future__ import annotations

from wagtail.models import Page

from core.sections import SectionKind
from search import registry
from search.backends.base import SearchDocument
from search.indexing import closest, common_fields, text

from .models import (
    CountyHomePage,
    NoticePage,
    SectionPage,
    ServiceCenterPage,
    ServiceGuidePage,
    VillageStationPage,
)

GUIDE_PREFETCH = ("window", "department", "themes", "materials", "steps", "legal_bases", "faqs")


def center_of(page: Page):
    return closest(ServiceCenterPage, page)


def common(page: Page) -> dict:
    center = center_of(page)
    return common_fields(page, center.official_name if center else "")


def places(page: Page) -> str:
    """Township and village names, so "云溪 低保" finds 云溪's guide first."""
    center = center_of(page)
    station = closest(VillageStationPage, page)
    return text(
        center.township_name if center else "",
        station.village_name if station else "",
    )


def guide_document(page: ServiceGuidePage) -> SearchDocument:
    body = text(
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
        places(page),
    )
    return SearchDocument(
        kind="guide",
        body=body,
        window=page.window.name if page.window_id else "",
        boost=1.2,
        **common(page),
    )


def notice_document(page: NoticePage) -> SearchDocument:
    return SearchDocument(
        kind="notice",
        body=text(page.get_kind_display(), page.body, places(page)),
        expires=page.notice_end,
        **{**common(page), "date": page.notice_start},
    )


def center_document(page: ServiceCenterPage) -> SearchDocument:
    body = text(
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
    return SearchDocument(kind="center", body=body, boost=1.1, **common(page))


def station_document(page: VillageStationPage) -> SearchDocument:
    agents = " ".join(f"{a.name} 代办员" for a in page.agents.all())
    body = text(page.official_name, page.village_name, page.address, page.opening_hours, agents)
    return SearchDocument(kind="station", body=body, **common(page))


def section_document(page: SectionPage) -> SearchDocument:
    extra = "工作人员去向公示 AB岗 在岗 领导组织机构" if page.kind == SectionKind.STAFF else ""
    body = text(page.get_kind_display(), page.intro, extra)
    return SearchDocument(kind="page", body=body, boost=0.8, **common(page))


def home_document(page: CountyHomePage) -> SearchDocument:
    return SearchDocument(kind="page", body=text(page.official_name), boost=0.5, **common(page))


def page_document(page: Page) -> SearchDocument:
    return SearchDocument(
        kind="page", body=text(getattr(page, "search_description", "")), **common(page)
    )


def register() -> None:
    registry.register_place(ServiceCenterPage)
    registry.register_place(VillageStationPage)
    register = registry.register_page_source
    register(Page, registry.PageSource(page_document))
    register(ServiceGuidePage, registry.PageSource(guide_document, prefetch=GUIDE_PREFETCH))
    register(NoticePage, registry.PageSource(notice_document))
    register(ServiceCenterPage, registry.PageSource(center_document, refresh_subtree=True))
    register(VillageStationPage, registry.PageSource(station_document))
    register(SectionPage, registry.PageSource(section_document))
    register(CountyHomePage, registry.PageSource(home_document))
