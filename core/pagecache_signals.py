"""What purges every cached page: the page tree changing, and the models that
every page shows whatever its type (sites, locales, images, documents, the
working-day calendar). Upper apps register their own models the same way."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import pagecache
from .models import CalendarOverride

# Saves that only touch the admin's bookkeeping (a new draft revision, a lock, a
# scheduled go-live of a draft) change nothing readers see; search uses it too.
PAGE_BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "approved_go_live_at",
    }
)


def tree_changed(sender=None, **kwargs) -> None:
    pagecache.invalidate(pagecache.TREE)


def page_saved(sender, instance, update_fields=None, **kwargs) -> None:
    """A live page saved outside publishing (imports, scripts) changes what readers see."""
    if not isinstance(instance, Page) or not instance.live:
        return
    if update_fields is not None and set(update_fields) <= PAGE_BOOKKEEPING_FIELDS:
        return
    pagecache.invalidate(pagecache.TREE)


def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        pagecache.invalidate(pagecache.TREE)


def register() -> None:
    page_published.connect(tree_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(tree_changed, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(tree_changed, dispatch_uid="pagecache-moved")
    post_save.connect(page_saved, dispatch_uid="pagecache-page-saved")
    post_delete.connect(page_deleted, dispatch_uid="pagecache-page-deleted")
    for model in (Site, Locale, get_image_model(), get_document_model(), CalendarOverride):
        pagecache.register_model(model)
    pagecache.register_boundary(pagecache.next_midnight)
