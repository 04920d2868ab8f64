"""The 工作人员 section: the whereabouts board, and 领导组织机构 at organisation/.

Registered into core.sections from StaffConfig.ready(), so the page tree
shows the board without importing this app.
"""

from __future__ import annotations

from django.template.response import TemplateResponse

from core.sections import SectionKind, SectionView, register_section_view

from .services.directory import organisation
from .services.whereabouts import build_board


def board_context(section, request) -> dict:
    center = section.center
    return {"whereabouts": build_board(center)} if center is not None else {}


def organisation_page(section, request):
    """Leadership, windows with their departments and AB posts, agents."""
    context = section.get_context(request, listing=False)  # not the whole board as well
    context.update(organisation(section.center))
    return TemplateResponse(request, "pages/organisation_page.html", context)


def register() -> None:
    register_section_view(
        SectionKind.STAFF,
        SectionView(
            board_context,
            "pages/includes/whereabouts_board.html",
            subviews={"organisation": organisation_page},
        ),
    )
