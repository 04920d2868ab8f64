"""The Elasticsearch backend: same tokens, same matching, a server that scales.

Documents arrive pre-segmented by search.analysis, so the cluster needs no
Chinese plugin: the `*_chars`/`*_words` fields are split on whitespace only,
and queries mirror the embedded backend (phrase over characters must match,
whole words add weight, title outweighs body outweighs context, a match in the
title or body ranks in a tier above context-only matches, and the copies of
one thing collapse into one hit with their places). The index is reached through
an alias so `rebuild` can load a fresh versioned index and swap atomically.
Every transport or API failure becomes BackendUnavailable, so callers fall
back to the embedded index instead of showing a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from django.conf import settings
from django.utils import timezone

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.dsl import A, Index, Mapping, Q, Query, Search, analyzer
from elasticsearch.dsl.field import Date, Float, Keyword, Text
from elasticsearch.helpers import BulkIndexError, bulk

from search.analysis import analyse, char_tokens

from .base import (
    BODY_CHARS,
    BODY_WORDS,
    CONTENT_TIER,
    CONTEXT_CHARS,
    CONTEXT_WORDS,
    FACETS,
    MAX_PLACES,
    TITLE_CHARS,
    TITLE_WORDS,
    BackendUnavailable,
    FacetValue,
    Hit,
    Place,
    SearchDocument,
    SearchQuery,
    SearchResults,
)

FACET_SIZE = 100
# Distinct groups are counted exactly up to these (HyperLogLog beyond).
FACET_PRECISION, TOTAL_PRECISION = 3000, 40000
REBUILD_TIMEOUT = 120.0  # a bulk load may take longer than an interactive query
HIT_FIELDS = ["key", "kind", "title", "url", "body", "center", "date", "place"]
PLACE_FIELDS = ["url", "center", "place"]
PRETOKENIZED = analyzer("pretokenized", tokenizer="whitespace", filter=["lowercase"])


def index_settings(ik_available: bool) -> dict[str, Any]:
    """Settings and mappings for a new versioned index (the body of indices.create)."""
    text_fields: dict[str, Any] = {"cjk": Text(analyzer="cjk")}
    if ik_available:  # better recall for ad-hoc queries; our own queries need no plugin
        text_fields["ik_max_word"] = Text(analyzer="ik_max_word")
        text_fields["ik_smart"] = Text(analyzer="ik_smart")
    mapping = Mapping()
    mapping.field("key", Keyword())
    mapping.field("group", Keyword())
    mapping.field("place", Keyword(index=False))
    for key, _label in FACETS:
        mapping.field(key, Keyword())
    for name in ("title", "body"):
        mapping.field(name, Text(analyzer="standard", fields=text_fields))
    mapping.field("context", Text(analyzer="standard"))
    for name in ("title", "body", "context"):
        mapping.field(f"{name}_chars", Text(analyzer=PRETOKENIZED))
        mapping.field(f"{name}_words", Text(analyzer=PRETOKENIZED))
    mapping.field("url", Keyword(index=False))
    mapping.field("date", Date())
    mapping.field("expires", Date())
    mapping.field("boost", Float())
    index = Index("unused")
    index.settings(number_of_shards=1)
    index.analyzer(PRETOKENIZED)
    index.mapping(mapping)
    return index.to_dict()


def document_source(doc: SearchDocument) -> dict[str, Any]:
    """The stored source: display fields, facet keywords and the analysed streams."""
    title, body, context = analyse(doc.title), analyse(doc.body), analyse(doc.context)
    expires = getattr(doc, "expires", None)
    return {
        "key": doc.key,
        "kind": doc.kind,
        "title": doc.title,
        "body": doc.body,
        "url": doc.url,
        "center": doc.center,
        "window": doc.window,
        "date": doc.date.isoformat() if doc.date else None,
        "year": doc.year,
        "validity": doc.validity,
        "expires": expires.isoformat() if expires else None,
        "boost": doc.boost,
        "group": doc.group_key,
        "place": doc.place,
        "context": doc.context,
        "title_chars": title.chars,
        "title_words": title.words,
        "body_chars": body.chars,
        "body_words": body.words,
        "context_chars": context.chars,
        "context_words": context.words,
    }


def _alternative_query(chars: list[str]) -> Query:
    """The characters as a phrase in title, body or context must match; whole words
    score extra."""
    phrase, word = " ".join(chars), "".join(chars)
    title_phrase = Q("match_phrase", title_chars={"query": phrase, "boost": TITLE_CHARS})
    body_phrase = Q("match_phrase", body_chars={"query": phrase, "boost": BODY_CHARS})
    context_phrase = Q("match_phrase", context_chars={"query": phrase, "boost": CONTEXT_CHARS})
    title_word = Q("term", title_words={"value": word, "boost": TITLE_WORDS})
    body_word = Q("term", body_words={"value": word, "boost": BODY_WORDS})
    context_word = Q("term", context_words={"value": word, "boost": CONTEXT_WORDS})
    phrases = Q("bool", should=[title_phrase, body_phrase, context_phrase], minimum_should_match=1)
    return Q("bool", must=[phrases], should=[title_word, body_word, context_word])


def _content_query(alternatives: list[list[str]]) -> Query:
    """Any alternative as a phrase in the title or body: the upper ranking tier
    (the embedded backend's nonzero title-and-body score)."""
    phrases = [
        Q("match_phrase", **{field: {"query": " ".join(chars)}})
        for chars in alternatives
        for field in ("title_chars", "body_chars")
    ]
    return Q("constant_score", filter=Q("bool", should=phrases), boost=CONTENT_TIER)


def _facet_filters(filters: dict[str, str], skip: str = "") -> list[Query]:
    keys = dict(FACETS)
    return [Q("term", **{k: v}) for k, v in filters.items() if v and k in keys and k != skip]


def build_search_body(query: SearchQuery, today: dt.date) -> dict[str, Any]:
    """The request body for one query; pure, so it can be checked without a server."""
    per_term = []
    every_alternative: list[list[str]] = []
    for term in query.terms:
        alternatives = [c for c in (char_tokens(a) for a in term.alternatives) if c]
        every_alternative += alternatives
        should = [_alternative_query(chars) for chars in alternatives]
        if should:  # a term matches when any of its synonyms does
            per_term.append(Q("bool", should=should, minimum_should_match=1))
    if not per_term:
        matching = Q("match_none")
    elif query.match_all_terms:
        matching = Q("bool", must=per_term)
    else:
        matching = Q("bool", should=per_term, minimum_should_match=1)
    scored = Q(
        "function_score",
        query=matching,
        functions=[{"field_value_factor": {"field": "boost", "missing": 1.0}}],
        boost_mode="multiply",
    )
    # Docs without `expires` never match the range, so only expired ones are dropped.
    visible = Q(
        "bool",
        must=[scored],
        must_not=[Q("range", expires={"lt": today.isoformat()})],
        should=[_content_query(every_alternative)] if every_alternative else [],
    )
    # The stub's List[str | InstrumentedField] is invariant; a list of names is what it takes.
    search = Search().query(visible).source(HIT_FIELDS)  # type: ignore[arg-type]
    # Facet filters narrow the hits (post_filter) but each facet's counts ignore its own.
    chosen = _facet_filters(query.filters)
    if chosen:
        search = search.post_filter(Q("bool", filter=chosen))
    for number, (key, _label) in enumerate(FACETS):
        others = _facet_filters(query.filters, skip=key)
        scope = Q("bool", filter=others) if others else Q("match_all")
        facet = search.aggs.bucket(key, A("filter", filter=scope))
        values = A("terms", field=key, size=FACET_SIZE, order=[{"groups": "desc"}, {"_key": "asc"}])
        values.metric(
            "groups", A("cardinality", field="group", precision_threshold=FACET_PRECISION)
        )
        facet.bucket("values", values)
        if number == 0:  # this facet's scope and its own filter: every filter, the result count
            own = _facet_filters({key: query.filters.get(key, "")})
            facet.bucket(
                "results", A("filter", filter=Q("bool", filter=own) if own else Q("match_all"))
            ).metric("groups", A("cardinality", field="group", precision_threshold=TOTAL_PRECISION))
    # One hit per group (post_filter applies first, and to the places too).
    if query.collapse:
        search = search.extra(
            collapse={
                "field": "group",
                "inner_hits": {"name": "places", "size": MAX_PLACES, "_source": PLACE_FIELDS},
            }
        )
    if query.sort == "date":
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        search = search.extra(track_scores=True)
    start = max(query.page - 1, 0) * query.per_page
    return search.extra(from_=start, size=query.per_page, track_total_hits=True).to_dict()


@contextmanager
def _unavailable(action: str) -> Iterator[None]:
    """Turn any client failure into BackendUnavailable with a short message."""
    try:
        yield
    except BulkIndexError as exc:
        raise BackendUnavailable(f"Elasticsearch {action}: {len(exc.errors)} rejected") from exc
    except ApiError as exc:  # error responses: missing index, bad request, 5xx
        raise BackendUnavailable(f"Elasticsearch {action} failed: {str(exc)[:200]}") from exc
    except TransportError as exc:  # connection refused, timeout, TLS (elastic_transport)
        raise BackendUnavailable(
            f"Elasticsearch {action} failed: server unreachable ({type(exc).__name__})"
        ) from exc


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, url: str, alias: str, timeout: float | None = None) -> None:
        self.url = url
        self.alias = alias
        self.timeout = timeout
        self._client: Any = None
        self._ik: bool | None = None
        self._ready = False  # the alias is known to exist

    @property
    def client(self) -> Elasticsearch:
        """Created on first use; no retries so an outage fails within one timeout."""
        if self._client is None:
            timeout = self.timeout
            if timeout is None:
                timeout = float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 3))
            try:
                self._client = Elasticsearch(
                    self.url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
                )
            except ValueError as exc:
                raise BackendUnavailable(f"invalid Elasticsearch URL: {exc}") from exc
        return self._client

    # --- writing -------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        actions = [self._index_action(doc, self.alias) for doc in documents]
        if not actions:
            return 0
        with _unavailable("index"):
            self._ensure_index()
            indexed, _errors = bulk(self.client, actions)
        return indexed

    def delete(self, keys: Iterable[str]) -> None:
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys]
        if not actions:
            return
        with _unavailable("delete"):
            self._ensure_index()
            bulk(self.client, actions, ignore_status=(404,))

    def clear(self) -> None:
        with _unavailable("clear"), suppress(NotFoundError):  # no index yet: nothing to clear
            self.client.delete_by_query(
                index=self.alias, query={"match_all": {}}, refresh=True, conflicts="proceed"
            )

    def count(self) -> int:
        with _unavailable("count"):
            try:
                return int(self.client.count(index=self.alias)["count"])
            except NotFoundError:
                return 0

    def rebuild(
        self, documents: Iterable[SearchDocument], progress: Callable[[int], None] | None = None
    ) -> str:
        """Load a new versioned index, then swap the alias to it in one atomic call.

        Searches keep hitting the old index until the swap; a failed rebuild
        leaves a stray version behind, which the next successful one deletes.
        """
        name = self._version_name()
        loaded = 0

        def actions() -> Iterator[dict[str, Any]]:
            nonlocal loaded
            for doc in documents:
                loaded += 1
                if progress is not None:
                    progress(loaded)
                yield self._index_action(doc, name)

        with _unavailable("rebuild"):
            client = self.client.options(request_timeout=REBUILD_TIMEOUT)
            client.indices.create(index=name, **index_settings(self._ik_available()))
            bulk(client, actions())
            client.indices.refresh(index=name)
            try:
                holders = list(client.indices.get_alias(name=self.alias))
            except NotFoundError:
                holders = []
            swap: list[dict[str, Any]] = []
            if not holders and client.indices.exists(index=self.alias):
                swap.append({"remove_index": {"index": self.alias}})  # a plain index squats
            swap += [{"remove": {"index": old, "alias": self.alias}} for old in holders]
            swap.append({"add": {"index": name, "alias": self.alias}})
            client.indices.update_aliases(actions=swap)
            version = re.compile(re.escape(self.alias) + r"-\d{8}-\d{6}-\d{6}")
            existing = client.indices.get(index=f"{self.alias}-*")
            stale = [old for old in existing if old != name and version.fullmatch(old)]
            if stale:
                client.indices.delete(index=",".join(sorted(stale)), ignore_unavailable=True)
        self._ready = True
        return name

    def _version_name(self) -> str:
        """`<alias>-<UTC timestamp>`: sortable, and unique even for back-to-back rebuilds."""
        return f"{self.alias}-{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S-%f}"

    def _index_action(self, doc: SearchDocument, index: str) -> dict[str, Any]:
        source = document_source(doc)
        return {"_op_type": "index", "_index": index, "_id": doc.key, "_source": source}

    def _ensure_index(self) -> None:
        """On first write, create a versioned index behind the alias if none exists.

        Writing to a missing alias would auto-create a plain index of that
        name and block the alias for good.
        """
        if self._ready:
            return
        if not self.client.indices.exists(index=self.alias):
            body = index_settings(self._ik_available())
            self.client.indices.create(index=self._version_name(), aliases={self.alias: {}}, **body)
        self._ready = True

    def _ik_available(self) -> bool:
        """Whether the cluster has the IK analysis plugin; asked once."""
        if self._ik is None:
            try:
                plugins = self.client.cat.plugins(format="json")
                # format="json" answers a list of objects, not the text the union allows.
                self._ik = any(
                    "analysis-ik" in str(p.get("component", ""))  # type: ignore[attr-defined]
                    for p in plugins
                )
            except ApiError:  # e.g. no monitor privilege: do without IK
                self._ik = False
        return self._ik

    # --- reading -------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        if not any(char_tokens(a) for t in query.terms for a in t.alternatives):
            return SearchResults(0, [], backend=self.name)
        body = build_search_body(query, timezone.localdate())
        with _unavailable("search"):
            response = self.client.search(index=self.alias, body=body)
        aggs = response["aggregations"]
        facets = {
            key: [FacetValue(b["key"], _groups(b, b["doc_count"])) for b in buckets if b["key"]]
            for key, _label in FACETS
            for buckets in [aggs[key]["values"]["buckets"]]
        }
        hits = [_hit(h) for h in response["hits"]["hits"]]
        results = aggs[FACETS[0][0]].get("results", {}) if query.collapse else {}
        total = _groups(results, int(response["hits"]["total"]["value"]))
        return SearchResults(total=total, hits=hits, facets=facets, backend=self.name)


def _groups(bucket: dict[str, Any], documents: int) -> int:
    """A bucket's distinct groups (its document count when not asked for)."""
    groups = bucket.get("groups")
    return int(groups["value"]) if groups else documents


def _hit(raw: dict[str, Any]) -> Hit:
    source = raw["_source"]
    date = source.get("date")
    copies = raw.get("inner_hits", {}).get("places", {}).get("hits", {})
    places = tuple(
        Place(c["_source"].get("place") or c["_source"].get("center", ""), c["_source"]["url"])
        for c in copies.get("hits", [])
    )
    return Hit(
        key=source["key"],
        kind=source.get("kind", ""),
        title=source.get("title", ""),
        url=source.get("url", ""),
        body=source.get("body", ""),
        center=source.get("center", ""),
        date=dt.date.fromisoformat(date[:10]) if date else None,
        score=float(raw.get("_score") or 0.0),
        place=source.get("place") or source.get("center", ""),
        places=places,
        place_count=int(copies.get("total", {}).get("value", 1)) if copies else 1,
    )
