"""The embedded backend's candidates to a page: tiers, facets, filters, groups."""

from search.backends.candidates import FACET_KEYS, rank


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
        rows, {"kind": "notice", "year": "2024"}, collapse=True, by_date=False, start=0, size=10
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
    ranked = rank(rows, {}, collapse=True, by_date=False, start=0, size=10)
    assert ranked.total == 3
    assert [[c.pk for c in g] for g in ranked.page] == [[2, 1], [3], [4]]
    assert {f.value: f.count for f in ranked.facets["center"]} == {"红岩镇": 2, "青石镇": 1}

    apart = rank(rows, {}, collapse=False, by_date=False, start=1, size=2)
    assert apart.total == 4
    assert [[c.pk for c in g] for g in apart.page] == [[3], [1]]
