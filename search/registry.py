"""What each app contributes to the index, registered from its AppConfig.ready().

The search app sits below the content apps, so it never imports their
models: a page type says how it reads as a SearchDocument by registering a
`PageSource` for its class (the nearest registered class in the page's MRO
answers, so registering `Page` gives every other type a default); content
that is not a page (the staff directory) registers an `ObjectSource` with a
key prefix. Places (centers, stations) are registered so that a batch can
read them once for thousands of pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from wagtail.models import Page

from .backends.base import SearchDocument


@dataclass(frozen=True)
class PageSource:
    """build(page) -> the page's document, or None to keep it out (it is called only
    for live, public pages; search.indexing has the helpers builders share).

    `prefetch` names the relations build() reads, fetched in bulk for a batch;
    `prepare(pages)` reads anything else build() needs for a whole batch at once
    (what is not a relation: a guide's content date from its revisions);
    `refresh_subtree` re-reads everything under the page when it is published
    (a center: the entries below carry its name)."""

    build: Callable[..., SearchDocument | None]
    prefetch: tuple[str, ...] = ()
    refresh_subtree: bool = False
    prepare: Callable[[list[Page]], None] | None = None


@dataclass(frozen=True)
class ObjectSource:
    """Content that is not a page, indexed under keys "<prefix><pk>".

    build(pk) rebuilds a document from the object's current state (None when
    it is gone or private); all_ids() lists what a full rebuild indexes;
    ids_under(page) names the objects shown under a page's subtree, which
    change when that subtree moves, is unpublished or is restricted."""

    prefix: str
    build: Callable[[int], SearchDocument | None]
    all_ids: Callable[[], Iterable[int]]
    ids_under: Callable[[Page], Iterable[int]]


_pages: dict[type, PageSource] = {}
_objects: dict[str, ObjectSource] = {}
_places: list[type] = []


def register_page_source(model: type, source: PageSource) -> None:
    _pages[model] = source


def page_source(model: type) -> PageSource | None:
    for cls in model.__mro__:
        if cls in _pages:
            return _pages[cls]
    return None


def register_object_source(source: ObjectSource) -> None:
    _objects[source.prefix] = source


def object_sources() -> list[ObjectSource]:
    return list(_objects.values())


def register_place(model: type) -> None:
    """A page type that places the pages beneath it (a center, a station)."""
    if model not in _places:
        _places.append(model)


def places() -> list[type]:
    return list(_places)
