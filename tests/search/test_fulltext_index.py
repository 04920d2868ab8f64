"""The embedded index itself, on whichever database the suite runs (SQLite FTS5 or
PostgreSQL bigrams): exact substrings of any length, updates and deletes that
leave nothing behind, suggestions from the index, and on PostgreSQL candidates
found through the GIN index rather than by walking the table."""

import datetime as dt
from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from search.analysis import query_terms
from search.backends.base import SearchDocument, SearchQuery, Term
from search.backends.embedded import EmbeddedBackend

pytestmark = pytest.mark.django_db


def _doc(n: int, title: str, body: str = "", **fields) -> SearchDocument:
    return SearchDocument(
        key=f"t:{n}", kind="guide", title=title, body=body, url=f"/t/{n}/", **fields
    )


def _titles(backend: EmbeddedBackend, text: str, **query) -> list[str]:
    results = backend.search(SearchQuery(text=text, terms=query_terms(text), per_page=50, **query))
    return [hit.title for hit in results.hits]


@pytest.fixture
def backend():
    backend = EmbeddedBackend()
    backend.index(
        [
            _doc(1, "居民身份证申领", "携带户口簿到户籍窗口办理。"),
            _doc(2, "身份核验", "部份证件"),  # 身份 and 份证, never 身份证
            _doc(3, "农村建房审批", "宅基地和建房许可。"),
            _doc(4, "落户", "新生儿出生登记落户。"),
            _doc(5, "婚姻登记预约", "结婚登记", context="社会事务窗口"),
        ]
    )
    return backend


def test_a_phrase_matches_only_as_an_exact_substring(backend):
    assert _titles(backend, "身份证") == ["居民身份证申领"]


def test_two_characters_and_one_character_match_anywhere_in_a_text(backend):
    assert _titles(backend, "建房") == ["农村建房审批"]
    assert set(_titles(backend, "户")) == {"居民身份证申领", "落户"}  # 落户: the last character


def test_terms_must_all_match_unless_any_is_asked_for(backend):
    assert _titles(backend, "建房 户籍") == []
    assert set(_titles(backend, "建房 户籍", match_all_terms=False)) == {
        "农村建房审批",
        "居民身份证申领",
    }


def test_synonyms_short_and_long_find_exactly_the_texts_holding_one(backend):
    """A term's short alternatives are looked up on their own and only its long ones
    confirmed (PostgreSQL); either way a text must hold one alternative whole."""
    backend.index(
        [
            _doc(6, "住宅区的建设规划", "住宅与建设"),  # the bigrams of 住宅建设, never the word
            _doc(7, "住宅建设补助", ""),
            _doc(8, "农村建房和户籍", ""),
        ]
    )
    house = Term(("建房", "农村建房", "住宅建设"))

    def titles(*terms, match_all=True):
        query = SearchQuery(text="", terms=list(terms), per_page=50, match_all_terms=match_all)
        return {hit.title for hit in backend.search(query).hits}

    assert titles(house) == {"农村建房审批", "住宅建设补助", "农村建房和户籍"}
    assert titles(house, Term(("户籍",))) == {"农村建房和户籍"}
    assert titles(house, Term(("宅基地许可", "户籍")), match_all=False) == {
        "农村建房审批", "住宅建设补助", "农村建房和户籍", "居民身份证申领"
    }  # fmt: skip
    assert titles(Term(("住宅建设",)), Term(("规划",))) == set()


def test_a_match_in_the_context_only_ranks_last(backend):
    backend.index([_doc(6, "社会事务", "户籍")])
    # the window's name is the other entry's context only
    assert _titles(backend, "社会事务") == ["社会事务", "婚姻登记预约"]


def test_reindexing_and_deleting_leave_no_stale_terms(backend):
    backend.index([_doc(3, "农村危房改造", "补助")])
    assert _titles(backend, "建房") == []
    assert _titles(backend, "危房") == ["农村危房改造"]
    backend.delete(["t:3"])
    assert _titles(backend, "危房") == []
    assert backend.count() == 4
    backend.clear()
    assert _titles(backend, "户") == [] and backend.count() == 0


def test_suggestions_come_from_titles_and_skip_expired_and_staff(backend):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    backend.index(
        [
            SearchDocument("t:8", "notice", "身份证办理公示", "", "/t/8/", expires=yesterday),
            SearchDocument("t:9", "staff", "身份证窗口 张三", "", "/t/9/"),
            _doc(10, "临时身份证", boost=2.0),
        ]
    )
    assert backend.suggest("身份") == ["临时身份证", "居民身份证申领", "身份核验"]
    assert backend.suggest("份证申") == ["居民身份证申领"]
    assert backend.suggest("户籍") == []  # in a body only
    assert backend.suggest("…") == []


def test_the_autocomplete_endpoint_answers_from_the_index(backend, client):
    data = client.get("/search/suggest/", {"q": "身份证"}).json()
    assert data == {"suggestions": ["居民身份证申领"]}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans")
def test_postgresql_finds_candidates_through_the_bigram_index(backend):
    """The old query ordered by id with a limit: the planner walked the primary key
    backwards reading every stored vector. Every search query must use the index."""

    def searches(run) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            run()
        return [q["sql"] for q in captured if "@@" in q["sql"]]

    def check(found: list[str]) -> None:
        assert found
        with connection.cursor() as cursor:
            for sql in found:
                assert "ORDER BY" not in sql.upper()
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert "Bitmap Index Scan on portal_search_fts_" in plan, plan

    check(searches(lambda: (_titles(backend, "身份证"), _titles(backend, "户"))))
    check(searches(lambda: backend.suggest("身份")))  # autocomplete too


def test_migration_0004_rebuilds_the_index_of_an_existing_database():
    """Entries written before 0004 (token streams in the entry; SQLite's FTS5 table
    holding its own copy) are found after it, without a rebuild by hand."""
    from importlib import import_module

    from django.apps import apps

    from search.models import SearchEntry

    migration = import_module("search.migrations.0004_fulltext_tables")

    editor = SimpleNamespace(connection=connection)  # all the migration uses of one
    migration.backwards(apps, editor)  # the structures 0003 left
    entries = [
        EmbeddedBackend._entry(_doc(n, title, body), None)
        for n, title, body in [(1, "居民身份证申领", "户籍窗口"), (2, "农村建房审批", "宅基地")]
    ]
    SearchEntry.objects.bulk_create(entries)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for entry in SearchEntry.objects.all():
                cursor.execute(
                    "INSERT INTO portal_search_fts(rowid, title_chars, title_words, body_chars, "
                    "body_words, context_chars, context_words) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    [entry.pk, entry.title_chars, entry.title_words, entry.body_chars,
                     entry.body_words, entry.context_chars, entry.context_words],
                )  # fmt: skip

    migration.forwards(apps, editor)

    backend = EmbeddedBackend()
    assert _titles(backend, "身份证") == ["居民身份证申领"]
    assert _titles(backend, "宅基地") == ["农村建房审批"]
    backend.index([_doc(2, "农村危房改造", "补助")])  # and it is maintained from then on
    assert _titles(backend, "宅基地") == [] and _titles(backend, "危房") == ["农村危房改造"]
