"""The page tree's own section kinds: 办事指南, 政务公开, 通知公告 and 其他栏目.

Registered into core.sections from PagesConfig.ready(), as the staff and
documents apps register theirs.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from core.sections import SectionKind, SectionView, register_section_view

from .models import Department, LifeEvent, NoticePage, ServiceWindow
from .services import listings


def guides_context(section, request) -> dict:
    center = section.center
    all_guides = listings.live_guides(section)
    filters = {k: request.GET.get(k, "") for k in listings.GUIDE_FILTERS}
    page = listings.guide_list(
        listings.filter_guides(all_guides, filters), {**filters, **_page(request)}
    )
    return {
        "guide_groups": page.groups,
        "guide_count": page.total,
        "guide_pager": page.pager,
        "filters": filters,
        "filter_windows": ServiceWindow.objects.filter(unit=center) if center else [],
        "filter_departments": Department.objects.filter(center=center) if center else [],
        "filter_themes": _localized_themes(
            LifeEvent.objects.filter(guides__in=all_guides).distinct()
        ),
    }


def _page(request) -> dict[str, str]:
    return {"page": request.GET.get("page", "")}


def _localized_themes(themes) -> list[dict]:
    """Guides point at the Chinese themes: filter by their slug, show each theme's
    name in the reader's language where it has been translated."""
    translate = translation.get_language() != settings.LANGUAGE_CODE
    return [
        {"slug": theme.slug, "name": (theme.localized if translate else theme).name}
        for theme in themes
    ]


def disclosure_context(section, request) -> dict:
    center = section.center
    return {"board": listings.disclosure_page(center, _page(request))} if center is not None else {}


def notices_context(section, request) -> dict:
    notices = NoticePage.objects.live().public().child_of(section)
    return {
        "current_notices": notices.current().order_by("notice_end"),
        "ended_notices": notices.ended().order_by("-notice_end"),
    }


def register() -> None:
    register_section_view(
        SectionKind.GUIDES, SectionView(guides_context, "pages/includes/guide_list.html")
    )
    register_section_view(
        SectionKind.DISCLOSURE,
        SectionView(disclosure_context, "pages/includes/disclosure_board.html"),
    )
    register_section_view(
        SectionKind.NOTICES, SectionView(notices_context, "pages/includes/notice_list.html")
    )
