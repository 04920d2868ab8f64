"""How the page tree's pages read in the site search (registered into search.registry
from PagesConfig.ready()): guides, notices, centers, stations, sections, the home,
and a default for any other page type.

The body is what a citizen reads in a snippet: the content's own sentences.
Codes, type labels, window and department names go to the low-weight context.
Copies of one service item (the same 事项编码, or the same title without one,
in one county) share a group, so the search shows them once with their places.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.sections import SectionKind
from core.text import fold
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
from .services.content_dates import content_changed_at, prefetch_content_revisions

GUIDE_PREFETCH = ("window", "department", "themes", "materials", "steps", "legal_bases", "faqs")


def center_of(page: Page):
    return closest(ServiceCenterPage, page)


def common(page: Page) -> dict:
    center = center_of(page)
    return common_fields(page, center.official_name if center else "")


def place_name(page: Page) -> str:
    """Where a page's content is offered: its station, else its center."""
    station = closest(VillageStationPage, page)
    if station is not None:
        return station.official_name
    center = center_of(page)
    return center.official_name if center else ""


_NOT_NAME = re.compile(r"[\s\W_]+")


def item_group(page: ServiceGuidePage) -> str:
    """The same item in one county: by 事项编码, else by its normalized title."""
    county = closest(CountyHomePage, page)
    scope = county.pk if county else 0
    code = _NOT_NAME.sub("", fold(page.item_code or ""))
    if code:
        return f"item:{scope}:{code}"[:100]
    title = _NOT_NAME.sub("", fold(page.title))
    return f"item:{scope}:t:{hashlib.sha1(title.encode()).hexdigest()[:20]}"  # noqa: S324


def undated(page: Page) -> dict:
    """Common fields without a date: a place or a listing has no date of its own
    (its publish time is when it was loaded)."""
    return {**common(page), "date": None}


def places(page: Page) -> str:
    """Township and village names, so "云溪 低保" finds 云溪's guide first."""
    center = center_of(page)
    station = closest(VillageStationPage, page)
    return text(
        center.township_name if center else "",
        station.village_name if station else "",
    )


def _sentence(label: str, items) -> str:
    """ "申报材料：甲、乙。" from a label and its parts ("" when there are none)."""
    parts = [str(i).strip().rstrip("。；;") for i in items if str(i).strip()]
    return (
        _("%(label)s：%(items)s。") % {"label": label, "items": "；".join(parts)} if parts else ""
    )


def guide_body(page: ServiceGuidePage) -> str:
    """The guide as sentences, in the portal's language whoever publishes it."""
    with translation.override(settings.LANGUAGE_CODE):
        return text(
            page.conditions,
            _sentence(_("申报材料"), (m.name for m in page.materials.all())),
            _sentence(
                _("办理程序"),
                (
                    f"{s.title}：{s.description}" if s.description else s.title
                    for s in page.steps.all()
                ),
            ),
            _sentence(_("办理依据"), (f"{b.law}{b.articles}" for b in page.legal_bases.all())),
            "\n".join(f"{f.question} {f.answer}" for f in page.faqs.all()),
            _sentence(_("收费标准"), [page.fee_amount]),
            page.fee_basis,
            _sentence(_("主题"), (t.name for t in page.themes.all())),
        )


def guide_document(page: ServiceGuidePage) -> SearchDocument:
    window = page.window.name if page.window_id else ""
    context = text(
        page.item_code,
        page.get_item_type_display(),
        page.get_handling_mode_display(),
        window,
        page.department.name if page.department_id else "",
        places(page),
    )
    changed = content_changed_at(page)
    return SearchDocument(
        kind="guide",
        body=guide_body(page),
        window=window,
        boost=1.2,
        group=item_group(page),
        place=place_name(page),
        context=context,
        **{**common(page), "date": timezone.localdate(changed) if changed else None},
    )


def notice_document(page: NoticePage) -> SearchDocument:
    return SearchDocument(
        kind="notice",
        body=text(page.body),
        context=text(page.get_kind_display(), places(page)),
        expires=page.notice_end,
        place=place_name(page),
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
    return SearchDocument(
        kind="center", body=body, boost=1.1, place=page.official_name, **undated(page)
    )


def station_document(page: VillageStationPage) -> SearchDocument:
    agents = " ".join(f"{a.name} 代办员" for a in page.agents.all())
    body = text(page.official_name, page.village_name, page.address, page.opening_hours, agents)
    return SearchDocument(kind="station", body=body, place=page.official_name, **undated(page))


def section_document(page: SectionPage) -> SearchDocument:
    extra = "工作人员去向公示 AB岗 在岗 领导组织机构" if page.kind == SectionKind.STAFF else ""
    return SearchDocument(
        kind="page",
        body=text(page.intro),
        context=text(page.get_kind_display(), extra),
        boost=0.8,
        place=place_name(page),
        **undated(page),
    )


def home_document(page: CountyHomePage) -> SearchDocument:
    return SearchDocument(kind="page", body=text(page.official_name), boost=0.5, **undated(page))


def page_document(page: Page) -> SearchDocument:
    published = page.first_published_at  # its own publication, not the latest re-publish
    return SearchDocument(
        kind="page",
        body=text(getattr(page, "search_description", "")),
        place=place_name(page),
        **{**common(page), "date": timezone.localdate(published) if published else None},
    )


def register() -> None:
    registry.register_place(ServiceCenterPage)
    registry.register_place(VillageStationPage)
    registry.register_place(CountyHomePage)
    register = registry.register_page_source
    register(Page, registry.PageSource(page_document))
    register(
        ServiceGuidePage,
        registry.PageSource(
            guide_document, prefetch=GUIDE_PREFETCH, prepare=prefetch_content_revisions
        ),
    )
    register(NoticePage, registry.PageSource(notice_document))
    register(ServiceCenterPage, registry.PageSource(center_document, refresh_subtree=True))
    register(VillageStationPage, registry.PageSource(station_document))
    register(SectionPage, registry.PageSource(section_document))
    register(CountyHomePage, registry.PageSource(home_document))
