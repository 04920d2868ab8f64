"""Keep the index current: publish, unpublish, move, delete and privacy changes.

A page's descendants change with it (a move changes their URLs, an
unpublish hides them), so the whole subtree is refreshed; each key is
re-read from the database, so the handler never has to know what happened.
Content that is not a page keeps its own entries current (its app's signals).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.pagecache_signals import PAGE_BOOKKEEPING_FIELDS

from . import registry, service
from .indexing import keys_under, page_key
from .models import SearchEntry


def _refresh_subtree(page: Page) -> None:
    service.update(keys_under(page))


@receiver(post_save)
def record_saved_page(sender, instance, raw=False, update_fields=None, **kwargs):
    """Record, in the save's own transaction, that a public page's entries must change.

    Publishing commits the page and only then sends page_published, which
    does the indexing; should the worker die in between, this record survives
    and `service.replay_pending` applies it.
    """
    if raw or not isinstance(instance, Page):
        return
    if update_fields and set(update_fields) <= PAGE_BOOKKEEPING_FIELDS:
        return
    key = page_key(instance.pk)
    if instance.live or SearchEntry.objects.filter(key=key).exists():
        service.record([key])


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    """An edit re-indexes the page; a first publish or a new URL, its whole subtree."""
    key = page_key(instance.pk)
    indexed_url = SearchEntry.objects.filter(key=key).values_list("url", flat=True).first()
    if indexed_url is None or indexed_url != (instance.url or ""):
        _refresh_subtree(instance)
    elif getattr(registry.page_source(type(instance)), "refresh_subtree", False):
        _refresh_subtree(instance)  # e.g. a center: the entries below carry its name
    else:
        service.update([key])


@receiver(page_unpublished)
def unindex_unpublished_page(sender, instance, **kwargs):
    _refresh_subtree(instance)


@receiver(post_page_move)
def reindex_moved_page(sender, instance, **kwargs):
    _refresh_subtree(instance)


@receiver(post_delete)
def unindex_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        service.remove([page_key(instance.pk)])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def reindex_on_privacy_change(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _refresh_subtree(page)
