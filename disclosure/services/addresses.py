"""Where a unit's 政府信息公开 column and its Django-served parts live.

The column is /<center slug>/open-government/ for a center and
/open-government/ for the county (whose home is the site root); the form,
the tracking page and the catalogue hang below it (disclosure.urls).
"""

from __future__ import annotations

from wagtail.models import Page

COLUMN_SLUG = "open-government"


def column_url(unit: Page) -> str:
    """The column's address for a center or the county home."""
    return f"{unit.url or '/'}{COLUMN_SLUG}/"
