"""The Elasticsearch backend.

Most tests check the request bodies the backend sends and need no server:
index settings, the search body, the stored source, and the alias swap of
`rebuild` (against a stub client that records its calls). The outage tests
point at a port nothing listens on. The live tests, marked `live` below, are
SKIPPED unless ELASTICSEARCH_URL names a reachable cluster, e.g.
`ELASTICSEARCH_URL=http://localhost:9200 pytest tests/search/test_elastic.py`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid

import pytest

from search.backends import elastic
from search.backends.base import BackendUnavailable, SearchDocument, SearchQuery, Term
from search.backends.elastic import (
    ElasticsearchBackend,
    build_search_body,
    document_source,
    index_settings,
)

live = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="live Elasticsearch tests skipped: ELASTICSEARCH_URL not set",
)
TODAY = dt.date(2025, 3, 1)
SOCIAL = Term(("社保", "社会保险"))


def _query(**kwargs) -> SearchQuery:
    kwargs.setdefault("terms", [SOCIAL, Term(("补办",))])
    return SearchQuery(text="社保 补办", **kwargs)


def _phrases(clause: dict) -> list[tuple[str, str, float]]:
    """(field, query, boost) of every match_phrase below `clause`."""
    found = []
    if isinstance(clause, dict):
        for key, value in clause.items():
            if key == "match_phrase":
                (field, spec), *_ = value.items()
                found.append((field, spec["query"], spec["boost"]))
            else:
                found += _phrases(value)
    elif isinstance(clause, list):
        for item in clause:
            found += _phrases(item)
    return found


def _matching(body: dict) -> dict:
    """The term-matching bool inside the expiry filter and the boost function."""
    return body["query"]["bool"]["must"][0]["function_score"]["query"]["bool"]


# --- bodies ------------------------------------------------------------


def test_index_settings_use_whitespace_analysis_and_keyword_facets():
    body = index_settings(ik_available=False)
    analyzer = body["settings"]["analysis"]["analyzer"]["pretokenized"]
    assert analyzer["tokenizer"] == "whitespace"
    assert analyzer["filter"] == ["lowercase"]
    fields = body["mappings"]["properties"]
    for name in ("title_chars", "title_words", "body_chars", "body_words"):
        assert fields[name] == {"type": "text", "analyzer": "pretokenized"}
    for name in ("title", "body"):
        assert fields[name]["fields"] == {"cjk": {"type": "text", "analyzer": "cjk"}}
    for name in ("key", "kind", "center", "window", "year", "validity"):
        assert fields[name]["type"] == "keyword"
    assert fields["date"]["type"] == fields["expires"]["type"] == "date"
    assert fields["boost"]["type"] == "float"


def test_index_settings_add_ik_subfields_only_when_the_plugin_is_there():
    fields = index_settings(ik_available=True)["mappings"]["properties"]
    for name in ("title", "body"):
        sub = fields[name]["fields"]
        assert sub["ik_max_word"]["analyzer"] == "ik_max_word"
        assert sub["ik_smart"]["analyzer"] == "ik_smart"
        assert "cjk" in sub
    assert "ik_smart" not in str(index_settings(ik_available=False))


def test_all_terms_must_match_each_through_any_synonym():
    matching = _matching(build_search_body(_query(), TODAY))
    first, second = matching["must"]
    assert first["bool"]["minimum_should_match"] == 1
    assert {q for _f, q, _b in _phrases(first)} == {"社 保", "社 会 保 险"}
    assert {q for _f, q, _b in _phrases(second)} == {"补 办"}
    # A phrase over characters must match; the title counts ten times the body.
    assert ("title_chars", "社 保", 10.0) in _phrases(first)
    assert ("body_chars", "社 保", 1.0) in _phrases(first)
    alternative = first["bool"]["should"][0]["bool"]
    assert {"term": {"title_words": {"value": "社保", "boost": 5.0}}} in alternative["should"]
    assert {"term": {"body_words": {"value": "社保", "boost": 0.5}}} in alternative["should"]


def test_any_term_may_match_when_not_all_are_required():
    matching = _matching(build_search_body(_query(match_all_terms=False), TODAY))
    assert "must" not in matching
    assert matching["minimum_should_match"] == 1
    assert len(matching["should"]) == 2


def test_relevance_is_multiplied_by_boost_and_expired_entries_are_excluded():
    body = build_search_body(_query(), TODAY)
    scored = body["query"]["bool"]["must"][0]["function_score"]
    assert scored["functions"] == [{"field_value_factor": {"field": "boost", "missing": 1.0}}]
    assert scored["boost_mode"] == "multiply"
    assert body["query"]["bool"]["must_not"] == [{"range": {"expires": {"lt": "2025-03-01"}}}]
    assert "sort" not in body


def test_filters_go_to_post_filter_and_each_facet_ignores_its_own():
    body = build_search_body(_query(filters={"kind": "guide", "year": "2024", "x": "y"}), TODAY)
    assert body["post_filter"] == {
        "bool": {"filter": [{"term": {"kind": "guide"}}, {"term": {"year": "2024"}}]}
    }
    aggs = body["aggs"]
    assert list(aggs) == ["kind", "center", "window", "year", "validity"]
    assert aggs["kind"]["filter"] == {"bool": {"filter": [{"term": {"year": "2024"}}]}}
    assert aggs["year"]["filter"] == {"bool": {"filter": [{"term": {"kind": "guide"}}]}}
    assert len(aggs["center"]["filter"]["bool"]["filter"]) == 2
    assert aggs["center"]["aggs"]["values"]["terms"]["field"] == "center"


def test_no_filter_means_no_post_filter_and_unscoped_facets():
    body = build_search_body(_query(), TODAY)
    assert "post_filter" not in body
    assert body["aggs"]["kind"]["filter"] == {"match_all": {}}


def test_date_sort_and_second_page():
    body = build_search_body(_query(sort="date", page=2, per_page=10), TODAY)
    assert body["sort"] == [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
    assert body["track_scores"] is True
    assert (body["from"], body["size"]) == (10, 10)
    assert body["track_total_hits"] is True


def test_document_source_has_the_analysed_streams():
    doc = SearchDocument(
        key="page:1",
        kind="guide",
        title="社保卡补办",
        body="携带身份证到窗口办理",
        url="/guides/1/",
        center="城关镇便民服务中心",
        date=dt.date(2024, 5, 6),
        expires=dt.date(2025, 1, 1),
        boost=2.0,
    )
    source = document_source(doc)
    assert "社 保 卡" in source["title_chars"]
    assert "社保" in source["title_words"].split()
    assert "身 份 证" in source["body_chars"]
    assert source["key"] == "page:1"
    assert (source["date"], source["year"], source["expires"]) == (
        "2024-05-06",
        "2024",
        "2025-01-01",
    )
    assert (source["center"], source["boost"], source["url"]) == (
        "城关镇便民服务中心",
        2.0,
        "/guides/1/",
    )


# --- rebuild and search against a stub client --------------------------


OLD = "portal-test-20240101-000000-000000"
ORPHAN = "portal-test-20240102-000000-000000"  # left by a failed rebuild
OTHER = "portal-test-other-20240101-000000-000000"  # another alias's version


class FakeIndices:
    def __init__(self, calls: list):
        self.calls = calls

    def __getattr__(self, name):
        answers = {
            "get_alias": {OLD: {"aliases": {"portal-test": {}}}},
            "exists": True,
            "get": {OLD: {}, ORPHAN: {}, OTHER: {}},
        }

        def record(**kwargs):
            self.calls.append((name, kwargs))
            return answers.get(name)

        return record


class FakeClient:
    """Records calls instead of sending them; answers like a cluster with IK."""

    def __init__(self, response: dict | None = None):
        self.calls: list = []
        self.indices = FakeIndices(self.calls)
        self.cat = self
        self.response = response

    def options(self, **kwargs):
        self.calls.append(("options", kwargs))
        return self

    def plugins(self, **kwargs):
        return [{"name": "node-1", "component": "analysis-ik", "version": "8.19.3"}]

    def search(self, **kwargs):
        self.calls.append(("search", kwargs))
        return self.response


@pytest.fixture
def fake_bulk(monkeypatch):
    sent: list = []

    def bulk(client, actions, **kwargs):
        sent.extend(actions)
        return len(sent), []

    monkeypatch.setattr(elastic, "bulk", bulk)
    return sent


def _docs() -> list[SearchDocument]:
    return [
        SearchDocument("page:1", "guide", "社保卡补办", "携带身份证", "/1/"),
        SearchDocument("page:2", "notice", "停水通知", "社会保险窗口暂停", "/2/"),
    ]


def test_rebuild_loads_a_new_version_and_swaps_the_alias_atomically(fake_bulk):
    backend = ElasticsearchBackend("http://unused:9200", "portal-test")
    backend._client = client = FakeClient()
    progress: list[int] = []
    name = backend.rebuild(iter(_docs()), progress=progress.append)

    assert re.fullmatch(r"portal-test-\d{8}-\d{6}-\d{6}", name)
    calls = dict(client.calls)
    assert calls["create"]["index"] == name
    assert "aliases" not in calls["create"]  # the alias moves only once loaded
    assert "ik_smart" in calls["create"]["mappings"]["properties"]["title"]["fields"]
    assert [(a["_index"], a["_id"]) for a in fake_bulk] == [(name, "page:1"), (name, "page:2")]
    assert progress == [1, 2]
    names = [call for call, _kwargs in client.calls]
    assert names.index("refresh") < names.index("update_aliases")
    assert names.count("update_aliases") == 1
    assert calls["update_aliases"]["actions"] == [
        {"remove": {"index": OLD, "alias": "portal-test"}},
        {"add": {"index": name, "alias": "portal-test"}},
    ]
    assert names.index("update_aliases") < names.index("delete")
    assert calls["delete"]["index"] == f"{OLD},{ORPHAN}"  # never another alias's versions


def test_index_writes_through_the_alias(fake_bulk):
    backend = ElasticsearchBackend("http://unused:9200", "portal-test")
    backend._client = FakeClient()
    assert backend.index(_docs()) == 2
    assert {a["_index"] for a in fake_bulk} == {"portal-test"}
    assert fake_bulk[0]["_source"]["title_chars"] == "社 保 卡 补 办"


def test_search_reads_hits_and_facets():
    response = {
        "hits": {
            "total": {"value": 1},
            "hits": [
                {
                    "_score": 12.5,
                    "_source": {
                        "key": "page:1",
                        "kind": "guide",
                        "title": "社保卡补办",
                        "url": "/1/",
                        "body": "携带身份证",
                        "center": "城关镇便民服务中心",
                        "date": "2024-05-06",
                    },
                }
            ],
        },
        "aggregations": {
            key: {
                "values": {
                    "buckets": [{"key": "guide", "doc_count": 1}, {"key": "", "doc_count": 3}]
                }
            }
            for key in ("kind", "center", "window", "year", "validity")
        },
    }
    backend = ElasticsearchBackend("http://unused:9200", "portal-test")
    backend._client = client = FakeClient(response)
    results = backend.search(_query())
    assert results.backend == "elasticsearch"
    assert results.total == 1
    hit = results.hits[0]
    assert (hit.key, hit.title, hit.date, hit.score) == (
        "page:1",
        "社保卡补办",
        dt.date(2024, 5, 6),
        12.5,
    )
    assert [(f.value, f.count) for f in results.facets["kind"]] == [("guide", 1)]
    assert client.calls[0][1]["index"] == "portal-test"


def test_a_query_without_tokens_needs_no_server():
    backend = ElasticsearchBackend("http://127.0.0.1:9", "portal-test", timeout=0.5)
    results = backend.search(SearchQuery(text="？", terms=[Term(("？",))]))
    assert (results.total, results.backend) == (0, "elasticsearch")


# --- outage ------------------------------------------------------------


@pytest.fixture
def down() -> ElasticsearchBackend:
    return ElasticsearchBackend("http://127.0.0.1:9", "portal-test", timeout=0.5)


def test_outage_index_raises_backend_unavailable(down):
    with pytest.raises(BackendUnavailable, match="unreachable"):
        down.index(_docs())


def test_outage_search_raises_backend_unavailable(down):
    with pytest.raises(BackendUnavailable):
        down.search(_query())


def test_outage_delete_count_clear_rebuild_raise_backend_unavailable(down):
    with pytest.raises(BackendUnavailable):
        down.delete(["page:1"])
    with pytest.raises(BackendUnavailable):
        down.count()
    with pytest.raises(BackendUnavailable):
        down.clear()
    with pytest.raises(BackendUnavailable):
        down.rebuild(_docs())


# --- live (skipped without ELASTICSEARCH_URL) ---------------------------


def _live_docs() -> list[SearchDocument]:
    return [
        SearchDocument(
            "page:1", "guide", "社保卡补办", "携带身份证到社保窗口", "/1/", date=dt.date(2024, 1, 1)
        ),
        SearchDocument(
            "page:2",
            "document",
            "关于调整缴费基数的通知",
            "社会保险缴费基数调整",
            "/2/",
            date=dt.date(2025, 1, 1),
        ),
        SearchDocument("page:3", "guide", "户口迁移", "落户办理", "/3/", date=dt.date(2023, 1, 1)),
        SearchDocument(
            "page:4",
            "notice",
            "社保窗口停办公告",
            "社保窗口暂停",
            "/4/",
            expires=dt.date(2000, 1, 1),
        ),
    ]


@pytest.fixture
def live_backend():
    alias = f"portal-test-{uuid.uuid4().hex[:8]}"
    backend = ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"], alias, timeout=10)
    yield backend
    versions = list(backend.client.indices.get(index=f"{alias}-*"))
    if versions:
        backend.client.indices.delete(index=",".join(versions))


@live
def test_live_index_search_delete(live_backend):
    assert live_backend.index(_live_docs()) == 4
    live_backend.client.indices.refresh(index=live_backend.alias)
    results = live_backend.search(SearchQuery(text="社保", terms=[SOCIAL]))
    keys = [hit.key for hit in results.hits]
    assert keys[0] == "page:1"  # title match first
    assert set(keys) == {"page:1", "page:2"}  # synonym found; expired notice hidden
    assert {(f.value, f.count) for f in results.facets["kind"]} == {("guide", 1), ("document", 1)}

    narrowed = live_backend.search(
        SearchQuery(text="社保", terms=[SOCIAL], filters={"kind": "document"}, sort="date")
    )
    assert [hit.key for hit in narrowed.hits] == ["page:2"]
    assert {f.value for f in narrowed.facets["kind"]} == {"guide", "document"}

    live_backend.delete(["page:1", "page:999"])
    live_backend.client.indices.refresh(index=live_backend.alias)
    assert live_backend.count() == 3


@live
def test_live_rebuild_swaps_the_alias(live_backend):
    first = live_backend.rebuild(_live_docs())
    assert live_backend.count() == 4
    second = live_backend.rebuild(_live_docs()[:2])
    assert second != first
    assert list(live_backend.client.indices.get_alias(name=live_backend.alias)) == [second]
    assert not live_backend.client.indices.exists(index=first)
    assert live_backend.count() == 2
    results = live_backend.search(SearchQuery(text="社保", terms=[SOCIAL]))
    assert results.hits[0].key == "page:1"


# --- one result per item, content before context (issue #15) ------------


def test_context_is_searched_with_less_weight_than_the_body():
    first = _matching(build_search_body(_query(), TODAY))["must"][0]
    assert ("context_chars", "社 保", 0.3) in _phrases(first)
    alternative = first["bool"]["should"][0]["bool"]
    assert {"term": {"context_words": {"value": "社保", "boost": 0.15}}} in alternative["should"]


def test_a_title_or_body_match_lifts_a_hit_into_the_upper_tier():
    body = build_search_body(_query(), TODAY)
    (tier,) = body["query"]["bool"]["should"]
    assert tier["constant_score"]["boost"] == 1000.0
    phrases = tier["constant_score"]["filter"]["bool"]["should"]
    assert {next(iter(p["match_phrase"])) for p in phrases} == {"title_chars", "body_chars"}
    assert {p["match_phrase"][next(iter(p["match_phrase"]))]["query"] for p in phrases} == {
        "社 保",
        "社 会 保 险",
        "补 办",
    }


def test_copies_collapse_by_group_and_facets_count_groups():
    body = build_search_body(_query(filters={"kind": "guide"}), TODAY)
    assert body["collapse"]["field"] == "group"
    assert body["collapse"]["inner_hits"]["name"] == "places"
    assert body["collapse"]["inner_hits"]["size"] == 50
    values = body["aggs"]["center"]["aggs"]["values"]
    assert values["aggs"]["groups"]["cardinality"]["field"] == "group"
    assert values["terms"]["order"] == [{"groups": "desc"}, {"_key": "asc"}]
    results = body["aggs"]["kind"]["aggs"]["results"]  # the kind facet's scope + kind: all filters
    assert results["filter"] == {"bool": {"filter": [{"term": {"kind": "guide"}}]}}
    assert results["aggs"]["groups"]["cardinality"]["field"] == "group"


def test_document_source_has_group_place_and_context():
    doc = SearchDocument(
        key="page:3",
        kind="guide",
        title="户籍证明代办",
        body="户籍在本村的村民。",
        url="/a/",
        group="item:1:QSDB002",
        place="红岩村便民服务站",
        context="综合代办窗口 QS-DB-002",
    )
    source = document_source(doc)
    assert (source["group"], source["place"]) == ("item:1:QSDB002", "红岩村便民服务站")
    assert "综 合 代 办 窗 口" in source["context_chars"]
    fields = index_settings(ik_available=False)["mappings"]["properties"]
    assert fields["group"]["type"] == "keyword"
    assert fields["context_chars"] == {"type": "text", "analyzer": "pretokenized"}
    # a document of its own is a group of its own
    assert document_source(SearchDocument("page:4", "page", "t", "b", "/"))["group"] == "page:4"


def test_search_reads_groups_and_places():
    copy = {"url": "/b/", "center": "城关镇便民服务中心", "place": "东门社区便民服务站"}
    response = {
        "hits": {
            "total": {"value": 9},
            "hits": [
                {
                    "_score": 1001.5,
                    "_source": {"key": "page:1", "title": "户籍证明代办", "url": "/a/", **copy},
                    "inner_hits": {
                        "places": {
                            "hits": {
                                "total": {"value": 7},
                                "hits": [{"_source": copy}, {"_source": {**copy, "url": "/c/"}}],
                            }
                        }
                    },
                }
            ],
        },
        "aggregations": {
            key: {
                "values": {"buckets": [{"key": "guide", "doc_count": 7, "groups": {"value": 1}}]},
                **({"results": {"doc_count": 9, "groups": {"value": 3}}} if key == "kind" else {}),
            }
            for key in ("kind", "center", "window", "year", "validity")
        },
    }
    backend = ElasticsearchBackend("http://unused:9200", "portal-test")
    backend._client = FakeClient(response)
    results = backend.search(_query())
    assert results.total == 3
    assert [(f.value, f.count) for f in results.facets["kind"]] == [("guide", 1)]
    hit = results.hits[0]
    assert (hit.place, hit.place_count) == ("东门社区便民服务站", 7)
    assert [p.url for p in hit.places] == ["/b/", "/c/"]


def test_without_collapsing_every_copy_is_a_hit():
    assert "collapse" not in build_search_body(_query(collapse=False), TODAY)
