"""The embedded backend over the demo county, on SQLite FTS5 or PostgreSQL
(whichever the suite runs on): the issue's example queries, facets, filters."""

import pytest

from search import service

pytestmark = pytest.mark.django_db

EXPECTED_TOP = {
    "低保": "最低生活保障申请",
    "建房审批": "农村村民住宅建设规划许可",
    "户口迁移": "户籍证明代办",
    "去向": "工作人员",
    "养老": "城乡居民基本养老保险参保登记",
    "医保": "城乡居民医疗保险参保缴费",
    "生育": "生育登记",
}


@pytest.mark.parametrize(("query", "title"), EXPECTED_TOP.items())
def test_demo_queries_find_the_right_page_first(shared_demo, query, title):
    answer = service.search(query)
    assert answer.results.hits, f"nothing found for {query}"
    assert answer.results.hits[0].title == title


def test_social_insurance_tops_a_search_for_its_short_name(shared_demo):
    first = service.search("社保").results.hits[0].title
    assert first in {
        "城乡居民基本养老保险参保登记",
        "城乡居民医疗保险参保缴费",
        "城乡居民医保缴费代办",
    }


def test_two_characters_match_inside_longer_words(shared_demo):
    titles = {h.title for h in service.search("社保", per_page=50).results.hits}
    assert "城乡居民基本养老保险参保登记" in titles  # via 社会保险 in its legal basis


def test_one_character_query_works(shared_demo):
    assert service.search("户").results.total > 0


def test_traditional_and_full_width_queries_match(shared_demo):
    assert service.search("戶口遷移").results.hits[0].title == "户籍证明代办"


def test_facets_count_and_filters_narrow(shared_demo):
    answer = service.search("低保")
    kinds = {v.value: v.count for v in answer.results.facets["kind"]}
    centers = {v.value: v.count for v in answer.results.facets["center"]}
    # one item offered by the three centers is one result (issue #15): counts are results
    assert kinds["guide"] == 1
    assert answer.results.hits[0].place_count == 3
    assert "青石县云溪镇便民服务中心" in centers
    narrowed = service.search("低保", {"center": "青石县云溪镇便民服务中心"})
    assert narrowed.results.total == centers["青石县云溪镇便民服务中心"]
    assert {h.center for h in narrowed.results.hits} == {"青石县云溪镇便民服务中心"}
    # the center facet still shows the other centers while one is chosen
    assert len(narrowed.results.facets["center"]) == len(centers)


def test_pagination_and_date_sort(shared_demo):
    first = service.search("登记", per_page=2, page=1).results
    second = service.search("登记", per_page=2, page=2).results
    assert first.total == second.total > 2
    assert {h.key for h in first.hits}.isdisjoint({h.key for h in second.hits})
    dated = service.search("公示", sort="date", per_page=50).results.hits
    dates = [h.date for h in dated if h.date]
    assert dates == sorted(dates, reverse=True)


def test_nothing_found_is_an_empty_answer_not_an_error(shared_demo):
    answer = service.search("量子计算机")
    assert answer.results.total == 0


def test_staff_are_found_by_name(shared_demo):
    hits = service.search("潘志强").results.hits
    assert hits[0].kind == "staff"
    assert hits[0].url.endswith("/yunxi/staff/")


def test_a_broad_query_ranks_a_capped_set_and_says_there_are_more(shared_demo, monkeypatch, client):
    from search.backends import embedded

    # copies counted one by one: the cap is on entries, and copies would collapse
    exact = service.search("申请", per_page=50, collapse=False).results
    assert not exact.more
    monkeypatch.setattr(embedded, "MAX_CANDIDATES", 5)
    monkeypatch.setattr(embedded, "TITLE_CANDIDATES", 3)

    capped = service.search("申请", per_page=50, collapse=False).results
    assert capped.more and 5 < capped.total < exact.total
    assert "条以上结果" in client.get("/search/", {"q": "申请"}).content.decode()
