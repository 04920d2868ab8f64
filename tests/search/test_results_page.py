"""The public results page: what a citizen sees."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_every_page_has_a_search_box(shared_demo, client):
    page = soup(client, "/yunxi/")
    form = page.select_one("header form[role=search]")
    assert form["action"] == "/search/"


def test_results_are_highlighted_with_facets_and_counts(shared_demo, client):
    page = soup(client, "/search/?q=低保")
    first = page.select_one(".hit")
    assert first.select_one(".hit__title").get_text() == "最低生活保障申请"
    assert first.select_one(".hit__title mark").get_text() == "最低生活保障"
    assert "找到" in page.select_one("[role=status]").get_text()
    facet_links = [a.get_text() for a in page.select(".facets a")]
    assert any(link.startswith("办事指南（") for link in facet_links)


def test_facet_filters_live_in_the_url(shared_demo, client):
    page = soup(client, "/search/?q=低保")
    link = next(a for a in page.select(".facets a") if "云溪镇" in a.get_text())
    assert "center=" in link["href"]
    narrowed = soup(client, "/search/" + link["href"])
    centers = {hit.select_one(".hit__kind").get_text() for hit in narrowed.select(".hit")}
    assert all("云溪镇" in c for c in centers)
    assert narrowed.select_one(".facet--chosen")


def test_no_match_suggests_popular_searches(shared_demo, client):
    page = soup(client, "/search/?q=量子计算机")
    empty = page.select_one(".empty-state")
    assert "没有找到" in empty.get_text()
    assert empty.select_one("a[href='?q=%E7%A4%BE%E4%BF%9D']")


def test_hostile_query_is_escaped(shared_demo, client):
    response = client.get("/search/?q=<script>alert(1)</script>低保")
    assert b"<script>alert(1)</script>" not in response.content


def test_autocomplete_suggests_titles(shared_demo, client):
    data = client.get("/search/suggest/?q=低保").json()
    assert data == {"suggestions": []} or all("低保" in s for s in data["suggestions"])
    data = client.get("/search/suggest/?q=最低生活").json()
    assert data["suggestions"][0] == "最低生活保障申请"


def test_pagination_links_keep_the_query(shared_demo, client):
    page = soup(client, "/search/?q=登记")
    nxt = page.select_one(".pagination a")
    if nxt is not None:
        assert "q=" in nxt["href"] and "page=2" in nxt["href"]
