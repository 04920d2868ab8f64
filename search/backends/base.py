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

    @property
    def year(self) -> str:
        return str(self.date.year) if self.date else ""


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


@dataclass(frozen=True)
class Hit:
    key: str
    kind: str
    title: str
    url: str
    body: str
    center: str
    date: dt.date | None
    score: float


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass
class SearchResults:
    total: int
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
