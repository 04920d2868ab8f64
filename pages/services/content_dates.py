"""When a page's content last really changed, for the dates citizens see.

`last_published_at` moves whenever a page is published again, changed or not
(a demo repair, an editor's second click, a re-run import), so a listing that
shows it says "today" for content written years ago. The revisions keep each
published state: the content date is when the live state first appeared in
the latest run of identical revisions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, IntegerField, OuterRef, Subquery, Window
from django.db.models.functions import Cast, RowNumber

from wagtail.models import Page, Revision

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


# Where prefetch_content_revisions leaves each page's recent revisions.
PREFETCHED = "_content_revisions"


def prefetch_content_revisions(pages: list[Page]) -> None:
    """Read the recent revisions of many pages in one query, for an index rebuild:
    content_changed_at then asks nothing more (it once read them one query per page).

    The same revisions as the per-page read: up to MAX_REVISIONS per page, newest
    first, none newer than the page's live revision."""
    ids = [str(page.pk) for page in pages if page.live_revision_id]
    if not ids:
        return
    live_revision = Page.objects.filter(pk=Cast(OuterRef("object_id"), IntegerField()))
    rows = (
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page), object_id__in=ids
        )
        .annotate(live_id=Subquery(live_revision.values("live_revision_id")[:1]))
        .filter(pk__lte=F("live_id"))
        .annotate(rank=Window(RowNumber(), partition_by=[F("object_id")], order_by=F("pk").desc()))
        .filter(rank__lte=MAX_REVISIONS)
        .order_by("object_id", "-pk")
        .values_list("object_id", "created_at", "content")
    )
    found: dict[str, list] = defaultdict(list)
    for object_id, created_at, content in rows:
        found[object_id].append((created_at, content))
    for page in pages:
        if page.live_revision_id:
            setattr(page, PREFETCHED, found.get(str(page.pk), []))


def content_changed_at(page: Page) -> dt.datetime | None:
    """The moment the page's live content was first published as it is now."""
    fallback = page.first_published_at or page.last_published_at
    if not page.live_revision_id:
        return fallback
    revisions = getattr(page, PREFETCHED, None)
    if revisions is None:
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
