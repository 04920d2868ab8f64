"""The county home helps a resident find things (issue 15, item 5): popular items, life-event
themes, the notices in force and the catalogues, one step from the home."""

import pytest
from bs4 import BeautifulSoup

from pages.models import SectionPage
from pages.models.home_parts import HomePopularItem
from tests.factories import LifeEventFactory, ServiceCenterPageFactory, make_guide, publish
from tests.pages.test_disclosure import _notice


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _section(page, kind):
    return SectionPage.objects.child_of(page).get(kind=kind)


def _popular(client) -> list[tuple[str, str]]:
    section = _soup(client.get("/")).find(id="popular-title").find_parent("section")
    return [(li.a.get_text(strip=True), li.get_text(" ", strip=True)) for li in section("li")]


@pytest.fixture
def county(tree):
    """低保 is offered by two centers and the station, 户籍证明 by the station alone."""
    other = publish(ServiceCenterPageFactory(parent=tree["home"]))
    for place in (_section(tree["center"], "guides"), _section(other, "guides"), tree["station"]):
        make_guide(place, item_code="DB-01", title="最低生活保障申请")
    make_guide(tree["station"], item_code="HJ-01", title="户籍证明代办", level="village")
    return {**tree, "other": other}


def test_popular_items_are_the_most_widely_offered_and_link_to_their_places(client, county):
    popular = _popular(client)
    assert [title for title, _text in popular] == ["最低生活保障申请", "户籍证明代办"]
    assert "3 处可办" in popular[0][1] and "1 处可办" in popular[1][1]
    link = _soup(client.get("/")).find("a", string="最低生活保障申请")["href"]
    path, anchor = link.split("#")
    row = _soup(client.get(path)).find(id=anchor)
    assert row is not None and row.th.get_text(strip=True) == "最低生活保障申请"
    assert len(row.select("td a")) == 3


def test_editors_picks_come_first_among_popular_items(client, county):
    pick = county["station"].get_children().live().specific().get(title="户籍证明代办")
    HomePopularItem.objects.create(home=county["home"], guide=pick, sort_order=0)
    assert [title for title, _text in _popular(client)] == ["户籍证明代办", "最低生活保障申请"]


def test_life_event_themes_lead_to_their_items(client, tree):
    birth = LifeEventFactory(name="生育收养", slug="birth", sort_order=1)
    work = LifeEventFactory(name="就业创业", slug="work", sort_order=2)
    LifeEventFactory(name="没有事项的主题", slug="empty", sort_order=3)
    guides = _section(tree["center"], "guides")
    make_guide(guides, item_code="SY", title="生育登记", themes=[birth])
    make_guide(guides, item_code="JY", title="就业登记", themes=[work])
    nav = _soup(client.get("/")).find(id="themes-title").find_parent("nav")
    tiles = {a.get_text(strip=True): a["href"] for a in nav("a")}
    assert list(tiles) == ["生育收养", "就业创业"]
    page = _soup(client.get(tiles["生育收养"]))
    assert "生育收养" in page.h1.get_text()
    assert [th.get_text(strip=True) for th in page.select("tbody th")] == ["生育登记"]


def test_home_lists_the_notices_in_force_newest_first_with_their_place(client, tree):
    notices = _section(tree["center"], "notices")
    _notice(notices, "早先的低保公示", -10, 5)
    _notice(notices, "新的救助公示", -1, 6)
    _notice(notices, "已结束的公示", -30, -2)
    _notice(notices, "尚未开始的公示", 3, 9)
    section = _soup(client.get("/")).find(id="home-notices-title").find_parent("section")
    rows = [li.get_text(" ", strip=True) for li in section("li")]
    assert [row.split(" ")[0] for row in rows] == ["新的救助公示", "早先的低保公示"]
    assert all(tree["center"].title in row for row in rows)


def test_catalogue_is_linked_from_the_home_every_center_and_documents_section(client, tree):
    catalogue = "/catalogue/"
    for page in (tree["home"], tree["center"], _section(tree["center"], "documents")):
        links = [a["href"] for a in _soup(client.get(page.url)).select("main a[href]")]
        assert catalogue in links, page.url
    assert client.get(catalogue).status_code == 200
