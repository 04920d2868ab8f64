"""Long lists a page at a time: the guide list, the disclosure board and the county
item list show a page of rows, count every window from a grouped query, keep their
filters in the page links, and ask the same queries for a few rows or many."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from pages.models import SectionPage
from pages.services import listings
from pages.services.content_dates import content_changed_at, prefetch_content_revisions
from tests.factories import make_guide, make_window, publish

PER_PAGE = 4


@pytest.fixture
def sections(tree):
    return {s.kind: s for s in SectionPage.objects.child_of(tree["center"])}


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of four rows, so a dozen guides already make three pages."""
    monkeypatch.setattr(listings, "GUIDES_PER_PAGE", PER_PAGE)
    monkeypatch.setattr(listings, "BOARD_PER_PAGE", PER_PAGE)
    from pages.models import home

    monkeypatch.setattr(home, "ITEMS_PER_PAGE", PER_PAGE)


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _get(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    return _soup(response), len(queries.captured_queries)


def _pagination(soup):
    nav = soup.select_one("nav.pagination")
    if nav is None:
        return None
    return {
        "status": nav.select_one(".pagination__status").get_text(strip=True),
        "links": {a.get_text(strip=True): a["href"] for a in nav.select("a")},
        "current": [a.get_text(strip=True) for a in nav.select("a[aria-current=page]")],
    }


def _guides(section, window, count, start=0, **fields):
    return [
        make_guide(section, window=window, title=f"事项{n:02d}", item_code=f"C{n:02d}", **fields)
        for n in range(start, start + count)
    ]


def test_the_guide_list_pages_its_rows_and_keeps_the_filters(client, tree, sections, small_pages):
    relief = make_window(tree["center"], 1, "民政救助窗口", "民政办")
    labour = make_window(tree["center"], 2, "人社窗口", "人社中心")
    _guides(sections["guides"], relief, 2)
    small, few = _get(client, sections["guides"].url, {"audience": "individual"})
    _guides(sections["guides"], relief, 4, start=2)
    _guides(sections["guides"], labour, 4, start=6)
    first, many = _get(client, sections["guides"].url, {"audience": "individual"})
    assert many == few
    assert len(first.select(".guide-list li")) == PER_PAGE
    assert "共 10 个事项" in first.get_text()
    pages = _pagination(first)
    assert pages["status"] == "第 1 页 / 共 3 页" and pages["current"] == ["1"]
    assert pages["links"]["下一页"] == "?audience=individual&page=2"
    assert pages["links"]["3"] == "?audience=individual&page=3"
    # The window running over pages says how many it has in all.
    second, _n = _get(client, sections["guides"].url, {"audience": "individual", "page": "2"})
    headings = [h.get_text(strip=True) for h in second.select("main h2")]
    assert headings == ["1号 民政救助窗口", "2号 人社窗口"]
    assert "本窗口共 6 项，本页列出 2 项" in second.get_text()
    assert _pagination(second)["links"]["上一页"] == "?audience=individual"
    last, _n = _get(client, sections["guides"].url, {"audience": "individual", "page": "3"})
    assert [a.get_text() for a in last.select(".guide-list a")] == ["事项08", "事项09"]
    assert _pagination(small) is None  # one page: no page links


def test_the_board_pages_its_rows_place_by_place(client, tree, sections, small_pages):
    center, station = tree["center"], tree["station"]
    relief = make_window(center, 1, "民政救助窗口", "民政办")
    make_window(center, 2, "人社窗口", "人社中心")  # no items: shown where its rows would be
    desk = make_window(station, 1, "综合代办窗口", department=None)
    _guides(sections["guides"], relief, 1)
    small, few = _get(client, sections["disclosure"].url)
    _guides(sections["guides"], relief, 4, start=1)
    _guides(station, desk, 2, start=5, level="village")
    first, many = _get(client, sections["disclosure"].url)
    assert many == few
    assert "共公开服务事项 7 项" in first.get_text()
    rows = [a.get_text() for a in first.select("table.board tbody th a")]
    assert rows == ["事项00", "事项01", "事项02", "事项03"]
    place = first.select_one(".board-place h2").get_text(" ", strip=True)
    assert place.startswith(center.official_name) and place.endswith("5 项")
    assert _pagination(first)["status"] == "第 1 页 / 共 2 页"

    second, _n = _get(client, sections["disclosure"].url, {"page": "2"})
    places = {
        section.h2.get_text(" ", strip=True): [
            (h.get_text(" ", strip=True), [a.get_text() for a in h.parent.select("tbody th a")])
            for h in section.select(".board-window h3")
        ]
        for section in second.select(".board-place")
    }
    center_title, station_title = list(places)
    assert center_title.startswith(center.official_name)
    assert station_title.startswith(station.official_name) and station_title.endswith("2 项")
    (relief_row, empty_row) = places[center_title]
    assert relief_row[0].startswith("1号 民政救助窗口") and relief_row[1] == ["事项04"]
    assert empty_row[0].startswith("2号 人社窗口") and empty_row[1] == []
    assert places[station_title] == [(places[station_title][0][0], ["事项05", "事项06"])]
    assert "本窗口共 5 项，本页列出 1 项" in second.get_text()
    assert "本窗口暂无公开事项" in second.get_text()
    # The printed board still has every row.
    board = listings.disclosure_board(center)
    assert board.item_count == 7 and sum(len(g.guides) for g in board.groups) == 7


def test_the_county_item_list_pages_its_items_and_a_popular_item_finds_its_row(
    client, tree, sections, small_pages
):
    window = make_window(tree["center"], 1, "民政救助窗口", "民政办")
    _guides(sections["guides"], window, 2)
    _small, few = _get(client, "/items/")
    _guides(sections["guides"], window, 8, start=2)
    make_guide(tree["station"], item_code="C09", title="事项09", level="village")
    first, many = _get(client, "/items/")
    assert many == few
    assert [tr.th.get_text() for tr in first.select("tbody tr")] == [
        "事项00",
        "事项01",
        "事项02",
        "事项03",
    ]
    assert "共 10 个服务事项" in first.get_text()
    assert _pagination(first)["status"] == "第 1 页 / 共 3 页"
    # 事项09 is offered in two places, so it is the first popular item; its link opens
    # its own row wherever the full list would page it.
    home = _soup(client.get("/"))
    link = home.find("a", string="事项09")["href"]
    path, anchor = link.split("#")
    row = _soup(client.get(path)).find(id=anchor)
    assert row is not None and row.th.get_text() == "事项09"
    assert len(row.select("td a")) == 2


def test_a_rebuild_reads_content_dates_for_many_guides_in_one_query(
    sections, django_assert_num_queries, django_assert_max_num_queries
):
    from pages.models import ServiceGuidePage

    guides = _guides(sections["guides"], None, 3)
    changed = guides[0]
    changed.conditions = "本县户籍困难家庭，收入低于标准。"
    publish(changed)
    publish(guides[1])  # published again unchanged: its date stays
    pages = list(ServiceGuidePage.objects.filter(pk__in=[g.pk for g in guides]).order_by("pk"))
    expected = [content_changed_at(page) for page in pages]
    with django_assert_max_num_queries(2):  # the revisions (and Page's content type, once)
        prefetch_content_revisions(pages)
    with django_assert_num_queries(0):
        assert [content_changed_at(page) for page in pages] == expected
    assert expected[1] < pages[1].last_published_at


def test_a_station_taken_offline_takes_its_items_off_the_board(client, tree, sections):
    _guides(tree["station"], None, 2, level="village")
    _guides(sections["guides"], None, 1, start=2)
    tree["station"].unpublish()
    board, _n = _get(client, sections["disclosure"].url)
    assert [a.get_text() for a in board.select("table.board tbody th a")] == ["事项02"]
    assert "共公开服务事项 1 项" in board.get_text()
