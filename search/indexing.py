"""What gets indexed, and how the index reads content through the apps' sources.

Only what a citizen may see: live pages without view restrictions, notices
until their period ends (the backend filters on `expires`), and the staff
directory's public fields. Keys ("page:12", "staff:3") let the queue replay
any update from the object's current state, so a replay is never stale.
How each kind of content reads is contributed by its app (search.registry).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import prefetch_related_objects
from django.utils.html import strip_tags

from wagtail.models import Locale, Page, PageViewRestriction

from . import registry
from .backends.base import SearchDocument

PAGE_PREFIX = "page:"


def page_key(page_id: int) -> str:
    return f"{PAGE_PREFIX}{page_id}"


def object_key(prefix: str, pk: int) -> str:
    return f"{prefix}{pk}"


class _Batch:
    """Facts shared by many pages of one batch (their ancestors, the places they
    lie in), read once instead of once per page: an import of thousands of
    guides would otherwise spend most of its time here."""

    def __init__(self):
        self.default_locale = Locale.get_default().pk
        self.restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        self.places = {model: list(model.objects.all()) for model in registry.places()}
        self.ancestors_live: dict[str, bool] = {}

    def ancestors_live_for(self, page: Page) -> bool:
        parent_path = page.path[: -page.steplen]
        if parent_path not in self.ancestors_live:
            self.ancestors_live[parent_path] = all(
                a.live for a in page.get_ancestors().filter(depth__gt=1)
            )
        return self.ancestors_live[parent_path]


_batch: ContextVar[_Batch | None] = ContextVar("search_batch", default=None)


@contextmanager
def batch():
    token = _batch.set(_Batch())
    try:
        yield
    finally:
        _batch.reset(token)


def is_public(page: Page) -> bool:
    """Live, unrestricted, with live ancestors, and in Chinese: the search serves
    Chinese readers; translations (wagtail-localize) are not indexed."""
    shared = _batch.get()
    if shared is not None:
        return (
            page.live
            and page.locale_id == shared.default_locale
            and not any(page.path.startswith(p) for p in shared.restricted)
            and shared.ancestors_live_for(page)
        )
    if not page.live or page.locale_id != Locale.get_default().pk:
        return False
    restricted = PageViewRestriction.objects.filter(
        page__in=Page.objects.ancestor_of(page, inclusive=True)
    )
    return not restricted.exists() and all(a.live for a in page.get_ancestors().filter(depth__gt=1))


def closest(model: type, page: Page):
    """The nearest `model` page at or above `page` (a registered place is read
    once per batch), or None."""
    shared = _batch.get()
    if shared is not None and model in shared.places:
        found = [c for c in shared.places[model] if page.path.startswith(c.path)]
        return max(found, key=lambda c: c.depth) if found else None
    return model.objects.ancestor_of(page, inclusive=True).first()


def text(*parts) -> str:
    """Index text from content parts: tags stripped, empty parts dropped."""
    return "\n".join(strip_tags(str(p)) for p in parts if p)


def common_fields(page: Page, center_name: str) -> dict:
    """The fields every page's document has: key, title, address, center, date."""
    published = page.last_published_at or page.first_published_at
    return {
        "key": page_key(page.pk),
        "title": page.title,
        "url": page.url or "",
        "center": center_name,
        "date": published.date() if published else None,
    }


def document_for_page(page: Page) -> SearchDocument | None:
    """The page as the index sees it; None when it must not be found."""
    page = page.specific
    if page.depth <= 1 or not is_public(page):
        return None
    source = registry.page_source(type(page))
    return source.build(page) if source is not None else None


def document_for_key(key: str) -> SearchDocument | None:
    """Rebuild a document from its key (None if the object is gone or private)."""
    if key.startswith(PAGE_PREFIX):
        page = Page.objects.filter(pk=int(key[len(PAGE_PREFIX) :])).first()
        try:
            return document_for_page(page) if page else None
        except ObjectDoesNotExist:  # half-deleted: the specific row is already gone
            return None
    for source in registry.object_sources():
        if key.startswith(source.prefix):
            return source.build(int(key[len(source.prefix) :]))
    return None


def documents_for_keys(keys: list[str]) -> list[tuple[str, SearchDocument | None]]:
    """Many documents at once: pages fetched in bulk with what their sources read,
    and ancestors and places shared (see _Batch). Same results as document_for_key."""
    if len(keys) < 20:
        return [(key, document_for_key(key)) for key in keys]
    ids = [int(k[len(PAGE_PREFIX) :]) for k in keys if k.startswith(PAGE_PREFIX)]
    pages = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
    by_type: dict[type, list[Page]] = defaultdict(list)
    for page in pages.values():
        by_type[type(page)].append(page)
    for model, group in by_type.items():
        source = registry.page_source(model)
        if source is not None and source.prefetch:
            prefetch_related_objects(group, *source.prefetch)
        if source is not None and source.prepare is not None:
            source.prepare(group)
    results = []
    with batch():
        for key in keys:
            if not key.startswith(PAGE_PREFIX):
                results.append((key, document_for_key(key)))
                continue
            page = pages.get(int(key[len(PAGE_PREFIX) :]))
            try:
                results.append((key, document_for_page(page) if page else None))
            except ObjectDoesNotExist:
                results.append((key, None))
    return results


def keys_under(page: Page) -> list[str]:
    """Every key whose entry may change with `page`'s subtree: its pages and the
    objects the apps show beneath it."""
    ids = Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    keys = [page_key(pk) for pk in ids]
    for source in registry.object_sources():
        keys += [object_key(source.prefix, pk) for pk in source.ids_under(page)]
    return keys


def all_keys() -> Iterator[str]:
    pages = Page.objects.live().filter(depth__gt=1, locale=Locale.get_default())
    for pk in pages.values_list("pk", flat=True).iterator():
        yield page_key(pk)
    for source in registry.object_sources():
        for pk in source.all_ids():
            yield object_key(source.prefix, pk)
