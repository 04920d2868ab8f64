"""Wagtail's own search (admin page search, choosers) made to understand Chinese.

Wagtail's database backends hand text to SQLite FTS5 or PostgreSQL's
tokenizer, which split on spaces: "民政窗口最低生活保障申请" is one token, so
an editor typing 低保 finds nothing. For queries with Han characters this
backend analyses the query the way public search does (segmentation, stop
words, synonyms) and matches every word, or one of its synonyms, as a
substring of the searchable fields, drafts included; results are ordered by
where the words matched (the typed word in the title first). Other queries
keep the vendor's full-text backend. Admin searches run over one county's
pages, a size where substring matching is fast.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
"""

from __future__ import annotations

import re

from django.db import models
from django.db.models import Case, Value, When

from wagtail.models import Page

from modelsearch.backends.database import SearchBackend as vendor_backend
from modelsearch.backends.database.fallback import (
    DatabaseSearchBackend,
    DatabaseSearchQueryCompiler,
    DatabaseSearchResults,
)
from modelsearch.query import PlainText
from modelsearch.utils import AND, OR

from search import service
from search.analysis import query_terms

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SCORE = "_chinese_score"


def _han_text(query) -> str | None:
    """The text of a plain query (a string or the admin's parsed PlainText) with Han in it."""
    text = query if isinstance(query, str) else None
    if isinstance(query, PlainText):
        text = query.query_string
    return text if text and _HAN.search(text) else None


class ChineseQueryCompiler(DatabaseSearchQueryCompiler):
    """Every term must match, through the word itself or one of its synonyms.

    For pages, what public search finds (body text, materials, synonyms in
    the body) is found too, ranked as public search ranks it; drafts and
    private pages are found by their own fields.
    """

    def terms(self):
        return query_terms(self.query.query_string)

    def ranked_ids(self) -> list[int]:
        if not issubclass(self.queryset.model, Page):
            return []
        if not hasattr(self, "_ranked"):
            self._ranked = service.ranked_page_ids(self.query.query_string)
        return self._ranked

    def build_database_filter(self, query=None, boost=1.0):
        own_fields = AND(
            [
                OR([self.build_single_term_filter(a) for a in term.alternatives])
                for term in self.terms()
            ]
        )
        ranked = self.ranked_ids()
        return own_fields | models.Q(pk__in=ranked) if ranked else own_fields

    def score(self) -> models.Expression:
        """Public search's rank first; then the typed word in the title 3, a synonym 2, else 1."""
        title = "title" if "title" in self.fields_names else None
        ranked = self.ranked_ids()
        parts = []
        if ranked:
            top = len(ranked)
            whens = [When(pk=pk, then=Value(100 * (top - i))) for i, pk in enumerate(ranked)]
            parts.append(Case(*whens, default=Value(0), output_field=models.IntegerField()))
        for term in self.terms():
            whens = []
            for position, alternative in enumerate(term.alternatives):
                if title:
                    weight = 3 if position == 0 else 2
                    whens.append(When(**{f"{title}__icontains": alternative}, then=Value(weight)))
            parts.append(Case(*whens, default=Value(1), output_field=models.IntegerField()))
        return sum(parts[1:], parts[0]) if parts else Value(0)


class ChineseSearchResults(DatabaseSearchResults):
    def get_queryset(self):
        compiler = self.query_compiler
        queryset = compiler.queryset.filter(compiler.build_database_filter())
        if compiler.order_by_relevance:
            queryset = queryset.annotate(**{SCORE: compiler.score()}).order_by(f"-{SCORE}", "pk")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset.distinct()[self.start : self.stop]


class ChineseSubstringBackend(DatabaseSearchBackend):
    query_compiler_class = ChineseQueryCompiler
    autocomplete_query_compiler_class = ChineseQueryCompiler
    results_class = ChineseSearchResults


class _ChineseAware:
    """Mixed into the vendor backend: Han queries go to ChineseSubstringBackend."""

    def _han_backend(self) -> ChineseSubstringBackend:
        if getattr(self, "_han", None) is None:
            self._han = ChineseSubstringBackend(self.params)
        return self._han

    def search(self, query, model_or_queryset, **kwargs):
        if text := _han_text(query):
            return self._han_backend().search(text, model_or_queryset, **kwargs)
        return super().search(query, model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        if text := _han_text(query):
            return self._han_backend().search(text, model_or_queryset, **kwargs)
        return super().autocomplete(query, model_or_queryset, **kwargs)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    base = type(vendor_backend(params))
    backend = type(f"Chinese{base.__name__}", (_ChineseAware, base), {})(params)
    backend.params = params
    return backend
