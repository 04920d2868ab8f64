"""The one small interface every search backend implements.

Backends receive `SearchDocument`s already analysed (segmented, folded) by
search.analysis and answer `SearchQuery`s with `SearchResults`; everything
Chinese-specific happens before a backend is called, so the embedded index
and Elasticsearch rank the same tokens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext_lazy as _

# Facets shown on the results page, in order: (key, label).
FACETS: tuple[tuple[str, StrPromise], ...] = (
    ("kind", _("类型")),
    ("center", _("便民服务中心")),
    ("window", _("窗口")),
    ("year", _("年份")),
    ("validity", _("有效性")),
)
KIND_LABELS: dict[str, StrPromise] = {
    "guide": _("办事指南"),
    "document": _("政策文件"),
    "notice": _("通知公示"),
    "center": _("便民服务中心"),
    "station": _("便民服务站"),
    "staff": _("工作人员"),
    "letter": _("信件选登"),
    "page": _("其他页面"),
}


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing, as public as the page it came from."""

    key: str  # "page:123", "staff:45": unique across kinds
    kind: str  # a KIND_LABELS key
    title: str
    body: str
    url: str
    center: str = ""  # the center's official name, for the facet
    window: str = ""
    date: dt.date | None = None
    validity: str = ""  # 有效 / 已修订 / 已废止 for documents, else ""
    expires: dt.date | None = None  # e.g. the last day of a notice period
    boost: float = 1.0
    # Copies of one thing (an item offered by several stations) share a group and
    # are one result; "" makes the document a group of its own.
    group: str = ""
    place: str = ""  # where this copy is offered: the station's or the center's name
    # Names around the content (window, department, item code): found, but a match
    # only here ranks after every match in the title or body.
    context: str = ""

    @property
    def year(self) -> str:
        return str(self.date.year) if self.date else ""

    @property
    def group_key(self) -> str:
        return self.group or self.key


# Places listed under one collapsed result (Elasticsearch's inner_hits cap is 100).
MAX_PLACES = 50
# Added to the score of a match in the title or body, so that every such match
# ranks before a match found only in the context (a window's name).
CONTENT_TIER = 1000.0
# Field weights, the same in every backend: a title match counts most, the context
# (window and department names, codes) least.
TITLE_CHARS, TITLE_WORDS, BODY_CHARS, BODY_WORDS = 10.0, 5.0, 1.0, 0.5
CONTEXT_CHARS, CONTEXT_WORDS = 0.3, 0.15


@dataclass(frozen=True)
class Term:
    """One query term and its synonyms, e.g. 社保 → (社保, 社会保险)."""

    alternatives: tuple[str, ...]


@dataclass
class SearchQuery:
    text: str
    terms: Sequence[Term] = ()
    filters: dict[str, str] = field(default_factory=dict)  # facet key → value
    sort: str = "relevance"  # or "date"
    page: int = 1
    per_page: int = 10
    match_all_terms: bool = True
    collapse: bool = True  # one hit per group; False lists every copy (the admin's search)


@dataclass(frozen=True)
class Place:
    """One place a result can be had, linking to that place's copy."""

    name: str
    url: str


@dataclass(frozen=True)
class Hit:
    """The best copy of one group; `places` lists every matching copy's place (best
    first, at most MAX_PLACES) and `place_count` how many there are."""

    key: str
    kind: str
    title: str
    url: str
    body: str
    center: str
    date: dt.date | None
    score: float
    place: str = ""
    places: tuple[Place, ...] = ()
    place_count: int = 1


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass
class SearchResults:
    total: int  # results, i.e. groups: the copies of one item count once
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    backend: str = ""
    notice: str = ""  # shown to the citizen, e.g. when answered by the fallback
    more: bool = False  # only the best candidates were counted: total is a lower bound


class SearchBackend(Protocol):
    name: str

    def index(self, documents: Iterable[SearchDocument]) -> int: ...

    def delete(self, keys: Iterable[str]) -> None: ...

    def search(self, query: SearchQuery) -> SearchResults: ...

    def clear(self) -> None: ...

    def count(self) -> int: ...


class BackendUnavailable(RuntimeError):
    """The backend cannot be reached; callers fall back and queue updates."""
