"""The embedded backend's candidates to a page: tiers, facets, filters, groups."""

import datetime as dt

import pytest

from search.analysis import query_terms
from search.backends.base import SearchDocument, SearchQuery
from search.backends.candidates import FACET_KEYS, Shape, rank
from search.backends.embedded import EmbeddedBackend


def _row(pk, *, group="", kind="guide", center="红岩镇", year=2024, content=1.0, score=1.0):
    values = {"kind": kind, "center": center, "window": "", "year": year, "validity": ""}
    return (pk, f"{year}-01-0{pk % 9 + 1}", 1.0, group, *(values[k] for k in FACET_KEYS),
            content, score)  # fmt: skip


def test_a_facet_counts_with_the_other_facets_filters_only():
    rows = [
        _row(1, kind="guide", year=2024),
        _row(2, kind="notice", year=2024),
        _row(3, kind="notice", year=2023),
        _row(4, kind="guide", year=2023),
    ]
    ranked = rank(
        rows,
        {"kind": "notice", "year": "2024"},
        Shape(collapse=True, by_date=False, start=0, size=10),
    )
    assert [c.pk for g in ranked.page for c in g] == [2]
    # kinds among 2024's results, years among the notices
    assert {f.value: f.count for f in ranked.facets["kind"]} == {"guide": 1, "notice": 1}
    assert {f.value: f.count for f in ranked.facets["year"]} == {2024: 1, 2023: 1}


def test_copies_of_one_item_count_once_and_the_best_leads_its_group():
    rows = [
        _row(1, group="g", score=1.0),
        _row(2, group="g", score=3.0),
        _row(3, center="青石镇", score=2.0),
        _row(4, content=0.0, score=9.0),  # only in the context: below every content match
    ]
    ranked = rank(rows, {}, Shape(collapse=True, by_date=False, start=0, size=10))
    assert ranked.total == 3
    assert [[c.pk for c in g] for g in ranked.page] == [[2, 1], [3], [4]]
    assert {f.value: f.count for f in ranked.facets["center"]} == {"红岩镇": 2, "青石镇": 1}

    apart = rank(rows, {}, Shape(collapse=False, by_date=False, start=1, size=2))
    assert apart.total == 4
    assert [[c.pk for c in g] for g in apart.page] == [[3], [1]]


@pytest.mark.django_db
def test_the_backend_pages_and_counts_alike_on_either_database():
    """PostgreSQL computes the page and the counts in SQL, SQLite in Python
    (candidates.rank): the same answers."""
    backend = EmbeddedBackend()

    def doc(n, kind, year, group="", center="红岩镇便民服务中心"):
        return SearchDocument(
            key=f"c:{n}", kind=kind, title=f"低保办理{n}", body="低保", url=f"/c/{n}/",
            center=center, date=dt.date(year, 1, n), group=group,
        )  # fmt: skip

    backend.index(
        [
            doc(1, "guide", 2024, group="item"),
            doc(2, "guide", 2024, group="item", center="青石镇便民服务中心"),
            doc(3, "notice", 2024),
            doc(4, "notice", 2023),
            doc(5, "guide", 2023),
        ]
    )

    def search(page=1, **filters):
        terms = query_terms("低保")
        query = SearchQuery(text="低保", terms=terms, filters=filters, per_page=2, page=page)
        return backend.search(query)

    def counts(results, facet):
        return {f.value: f.count for f in results.facets[facet]}

    everything = search()
    assert everything.total == 4  # the two copies of "item" are one result
    assert counts(everything, "kind") == {"guide": 2, "notice": 2}
    assert counts(everything, "center") == {"红岩镇便民服务中心": 4, "青石镇便民服务中心": 1}
    pages = everything.hits + search(page=2).hits
    assert len(everything.hits) == 2 and len({h.key for h in pages}) == 4
    assert sorted(h.place_count for h in pages) == [1, 1, 1, 2]

    narrowed = search(kind="notice", year="2024")
    assert (narrowed.total, [h.title for h in narrowed.hits]) == (1, ["低保办理3"])
    assert counts(narrowed, "kind") == {"guide": 1, "notice": 1}  # 2024's kinds
    assert counts(narrowed, "year") == {"2024": 1, "2023": 1}  # the notices' years
