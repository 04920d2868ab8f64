"""The 政策文件 section and the county's 政府信息公开目录 (the home's catalogue/):
the faceted document list, registered into core.sections from DocumentsConfig.ready()."""

from __future__ import annotations

from core.sections import SectionKind, SectionView, register_page_view, register_section_view
from pages.services.localized import source_of

from .services.document_list import FACET_TITLES, build_catalogue


def section_context(section, request) -> dict:
    source = source_of(section)
    return {
        "catalogue": build_catalogue(source, request.GET),
        "facet_titles": FACET_TITLES,
        "feed_url": f"/feeds/documents/{source.pk}/",
    }


def county_catalogue(home, request):
    """Every policy document of the county and its centers."""
    return home.render(
        request,
        landing=False,
        context_overrides={
            "catalogue": build_catalogue(source_of(home), request.GET),
            "facet_titles": FACET_TITLES,
            "feed_url": "/feeds/documents/",
        },
        template="documents/county_catalogue.html",
    )


def register() -> None:
    register_section_view(
        SectionKind.DOCUMENTS, SectionView(section_context, "documents/catalogue.html")
    )
    register_page_view("home", "catalogue", county_catalogue)
