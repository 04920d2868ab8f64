"""Keep the index current: publish, unpublish, move, delete, privacy and staff edits.

A page's descendants change with it (a move changes their URLs, an
unpublish hides them), so the whole subtree is refreshed; each key is
re-read from the database, so the handler never has to know what happened.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import service
from .indexing import page_key, staff_key
from .models import SearchEntry

STATUS_ONLY_FIELDS = frozenset({"status", "status_note", "status_until", "status_since"})
# Saves that only touch the admin's bookkeeping (a new draft revision, a lock)
# change nothing the public index holds.
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


def _subtree_keys(page: Page) -> list[str]:
    ids = Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    return [page_key(pk) for pk in ids]


def _refresh_subtree(page: Page) -> None:
    keys = _subtree_keys(page)
    from pages.models import ServiceCenterPage
    from staff.models import StaffMember

    centers = ServiceCenterPage.objects.descendant_of(page, inclusive=True).values("pk")
    keys += [
        staff_key(pk)
        for pk in StaffMember.objects.filter(center__in=centers).values_list("pk", flat=True)
    ]
    service.update(keys)


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
    from pages.models import ServiceCenterPage

    key = page_key(instance.pk)
    indexed_url = SearchEntry.objects.filter(key=key).values_list("url", flat=True).first()
    if indexed_url is None or indexed_url != (instance.url or ""):
        _refresh_subtree(instance)
    elif isinstance(instance, ServiceCenterPage):
        _refresh_subtree(instance)  # staff entries carry the center's name
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
    from staff.models import StaffMember

    if isinstance(instance, Page):
        service.remove([page_key(instance.pk)])
    elif isinstance(instance, StaffMember):
        service.remove([staff_key(instance.pk)])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def reindex_on_privacy_change(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _refresh_subtree(page)


@receiver(post_save, sender="staff.StaffMember")
def index_staff_member(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= STATUS_ONLY_FIELDS:
        return  # whereabouts are live data, not indexed text
    service.update([staff_key(instance.pk)])
