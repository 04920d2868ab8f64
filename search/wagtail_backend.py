"""Wagtail's own search (admin page search, choosers) made to understand Chinese.

Wagtail's database backends hand text to SQLite FTS5 or PostgreSQL's
tokenizer, which split on spaces: "民政窗口最低生活保障申请" is one token, so
an editor typing 低保 or 最低生活保障 finds nothing. For queries with Han
characters this backend segments the query and matches every word as a
substring of the searchable fields (the database fallback backend); other
queries keep the vendor's full-text backend. Admin searches run over one
county's pages, a size where substring matching is fast.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
"""

from __future__ import annotations

import re

from modelsearch.backends.database import SearchBackend as vendor_backend
from modelsearch.backends.database.fallback import DatabaseSearchBackend
from modelsearch.query import PlainText

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def chinese_query(query: str) -> str:
    """The query folded and segmented into space-separated words."""
    from search.analysis import fold, segmenter

    words = [w.strip() for w in segmenter.cut(fold(query))]
    return " ".join(w for w in words if w and re.search(r"\w", w))


def _han_text(query) -> str | None:
    """The text of a plain query (a string or the admin's parsed PlainText) with Han in it."""
    text = query if isinstance(query, str) else None
    if isinstance(query, PlainText):
        text = query.query_string
    return text if text and _HAN.search(text) else None


class _ChineseAware:
    """Mixed into the vendor backend: Han queries go to substring matching."""

    def _han_backend(self) -> DatabaseSearchBackend:
        if getattr(self, "_han", None) is None:
            self._han = DatabaseSearchBackend(self.params)
        return self._han

    def search(self, query, model_or_queryset, **kwargs):
        if text := _han_text(query):
            kwargs["operator"] = "and"
            return self._han_backend().search(chinese_query(text), model_or_queryset, **kwargs)
        return super().search(query, model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        if text := _han_text(query):
            kwargs["operator"] = "and"
            return self._han_backend().search(chinese_query(text), model_or_queryset, **kwargs)
        return super().autocomplete(query, model_or_queryset, **kwargs)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    base = vendor_backend(params)
    cls = type(f"Chinese{type(base).__name__}", (_ChineseAware, type(base)), {})
    backend = cls(params)
    backend.params = params
    return backend
