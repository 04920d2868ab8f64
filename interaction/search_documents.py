"""Published letters in the site search: subject, letter and reply, masked as the
archive shows them (no name, no phone or ID numbers). Registered into
search.registry from InteractionConfig.ready()."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from wagtail.models import Page

from pages.models import ServiceCenterPage
from search import registry, service
from search.backends.base import SearchDocument
from search.indexing import is_public, object_key, text

from .models import Letter
from .services import letters

PREFIX = "letter:"


def build(pk: int) -> SearchDocument | None:
    letter = letters.published(Letter.objects.select_related("center").filter(pk=pk)).first()
    if letter is None:
        return None
    center = letter.center.specific
    if not isinstance(center, ServiceCenterPage) or not is_public(center):
        return None
    return SearchDocument(
        key=object_key(PREFIX, letter.pk),
        kind="letter",
        title=letter.subject,
        body=text(letters.mask_text(letter.body), letters.mask_text(letter.reply)),
        context=text(letter.get_kind_display(), letter.handler),
        url=reverse("letters:letter", args=[center.slug, letter.pk]),
        center=center.official_name,
        place=center.official_name,
        date=letter.replied_on,
        boost=0.8,
    )


def all_ids():
    return letters.published().values_list("pk", flat=True).iterator()


def ids_under(page: Page):
    centers = ServiceCenterPage.objects.descendant_of(page, inclusive=True).values("pk")
    return letters.published().filter(center__in=centers).values_list("pk", flat=True)


def _saved(sender, instance, **kwargs):
    service.update([object_key(PREFIX, instance.pk)])


def _deleted(sender, instance, **kwargs):
    service.remove([object_key(PREFIX, instance.pk)])


def register() -> None:
    registry.register_object_source(
        registry.ObjectSource(prefix=PREFIX, build=build, all_ids=all_ids, ids_under=ids_under)
    )
    post_save.connect(_saved, sender=Letter, dispatch_uid="search-letter-save")
    post_delete.connect(_deleted, sender=Letter, dispatch_uid="search-letter-delete")
