"""When a page's content last really changed, for the dates citizens see.

`last_published_at` moves whenever a page is published again, changed or not
(a demo repair, an editor's second click, a re-run import), so a listing that
shows it says "today" for content written years ago. The revisions keep each
published state: the content date is when the live state first appeared in
the latest run of identical revisions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wagtail.models import Page

# Revision fields that change with every save or publish, not with the content.
VOLATILE_FIELDS = frozenset(
    {
        "pk",
        "id",
        "page",
        "path",
        "depth",
        "numchild",
        "url_path",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "latest_revision_created_at",
        "latest_revision",
        "live_revision",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "expired",
        "go_live_at",
        "expire_at",
        "review_by",
        "sort_order",
        "translation_key",
        "locale",
    }
)
# Revisions read back per page: enough to cover republishing, cheap on long histories.
MAX_REVISIONS = 20


def comparable(content: Any) -> Any:
    """The revision content without volatile fields, at every level (child rows too)."""
    if isinstance(content, dict):
        return {k: comparable(v) for k, v in content.items() if k not in VOLATILE_FIELDS}
    if isinstance(content, list):
        return [comparable(v) for v in content]
    return content


def content_changed_at(page: Page) -> dt.datetime | None:
    """The moment the page's live content was first published as it is now."""
    fallback = page.first_published_at or page.last_published_at
    if not page.live_revision_id:
        return fallback
    revisions = (
        page.revisions.filter(pk__lte=page.live_revision_id)
        .order_by("-pk")
        .values_list("created_at", "content")[:MAX_REVISIONS]
    )
    changed, live = None, None
    for created_at, content in revisions:
        state = comparable(content)
        if live is None:
            live = state
        elif state != live:
            break
        changed = created_at
    return changed or fallback
