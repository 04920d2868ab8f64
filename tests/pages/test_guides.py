"""Service guides: the 八公开 rule, the page a citizen reads, browsing and the county list."""

import json

import pytest
from bs4 import BeautifulSoup

from pages.models import NoticePage, SectionPage, ServiceGuidePage
from pages.services.guides import EIGHT_DISCLOSURES, GuideFacts, missing_disclosures
from tests.admin_forms import post_page_form
from tests.factories import LifeEventFactory, make_guide, make_window, publish


def _soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def guides_section(tree):
    return SectionPage.objects.child_of(tree["center"]).get(kind="guides")


COMPLETE = GuideFacts(
    name="低保",
    legal_basis_count=1,
    conditions="困难家庭",
    material_count=1,
    step_count=1,
    promised_limit_days=0,
    consultation_phone="12345",
    complaint_phone="12345",
)


def test_a_complete_guide_misses_nothing():
    assert missing_disclosures(COMPLETE) == []


def test_an_empty_guide_misses_all_eight_in_reading_order():
    assert missing_disclosures(GuideFacts(fee_free=False)) == list(EIGHT_DISCLOSURES)


def test_a_charged_item_needs_amount_and_basis():
    from dataclasses import replace

    charged = replace(COMPLETE, fee_free=False, fee_amount="10 元")
    assert missing_disclosures(charged) == ["收费标准及依据"]
    assert missing_disclosures(replace(charged, fee_basis="物价文件")) == []


def test_guides_only_go_in_a_guides_section_or_a_station(tree):
    sections = {s.kind: s for s in SectionPage.objects.child_of(tree["center"])}
    assert ServiceGuidePage.can_create_at(sections["guides"])
    assert not ServiceGuidePage.can_create_at(sections["notices"])
    assert ServiceGuidePage.can_create_at(tree["station"])
    assert not ServiceGuidePage.can_create_at(tree["center"])
    assert NoticePage.can_create_at(sections["notices"])
    assert not NoticePage.can_create_at(sections["guides"])


def test_incomplete_guide_cannot_be_published_and_the_message_lists_what_is_missing(
    admin_client, guides_section
):
    guide = make_guide(guides_section, publish_it=False, conditions="", legal_bases=[])
    response = post_page_form(admin_client, f"/admin/pages/{guide.pk}/edit/", {})
    assert response.status_code == 200
    assert "办事指南缺少“八公开”要素，不能发布：办理依据、受理条件。" in response.content.decode()
    guide.refresh_from_db()
    assert not guide.live


def test_complete_guide_publishes_from_the_admin(admin_client, guides_section):
    guide = make_guide(guides_section, publish_it=False)
    response = post_page_form(admin_client, f"/admin/pages/{guide.pk}/edit/", {})
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.live


def test_guide_page_puts_what_to_bring_first(client, tree, guides_section):
    window = make_window(tree["center"])
    guide = make_guide(guides_section, window=window)
    soup = _soup(client.get(guide.url))
    headings = [h.get_text(strip=True) for h in soup.select("main h2")]
    assert headings[0] == "请带齐以下材料"
    assert headings.index("受理条件") > headings.index("在哪里办")
    rows = [
        [td.get_text(strip=True) for td in tr.select("td")]
        for tr in soup.select("table.materials tbody tr")
    ]
    assert rows[0][1] == "居民身份证" and rows[0][4] == "必须"
    assert rows[1][4] == "视情形：有残疾的"
    text = soup.get_text(" ", strip=True)
    assert "1号 民政救助窗口" in text and "20 个工作日" in text and "不收费" in text
    # the guide has no phones of its own: the center's are shown
    assert "0851-88881111" in text and "0851-88882222" in text
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "GovernmentService" and data["name"] == "最低生活保障申请"
    assert data["provider"]["name"] == tree["center"].official_name


def test_browse_guides_by_window_theme_and_audience(client, tree, guides_section):
    relief = make_window(tree["center"], 1, "民政救助窗口", "民政办")
    labour = make_window(tree["center"], 2, "人社窗口", "人社中心")
    pension = LifeEventFactory(name="养老", slug="pension")
    dibao = make_guide(guides_section, window=relief, title="低保申请", item_code="A1")
    enrol = make_guide(guides_section, window=labour, title="养老保险参保", item_code="A2")
    enrol.themes.set([pension])
    publish(enrol)
    firm = make_guide(
        guides_section, window=labour, title="单位社保登记", item_code="A3", audience="legal"
    )

    def titles(**params):
        soup = _soup(client.get(guides_section.url, params))
        return {a.get_text(strip=True) for a in soup.select(".guide-list a")}

    assert titles() == {dibao.title, enrol.title, firm.title}
    assert titles(window=relief.pk) == {dibao.title}
    assert titles(theme="pension") == {enrol.title}
    assert titles(audience="legal") == {firm.title}
    assert titles(department=labour.departments.first().pk) == {enrol.title, firm.title}
    assert titles(window="not-a-number") == {dibao.title, enrol.title, firm.title}
    groups = [
        h.get_text(strip=True) for h in _soup(client.get(guides_section.url)).select("main h2")
    ]
    assert groups == ["1号 民政救助窗口", "2号 人社窗口"]


def test_drafts_never_show_in_lists(client, guides_section):
    make_guide(guides_section, title="草稿事项", publish_it=False)
    assert "草稿事项" not in client.get(guides_section.url).content.decode()


def test_county_item_list_spans_centers(client, tree, guides_section):
    from tests.factories import ServiceCenterPageFactory

    other = publish(ServiceCenterPageFactory(parent=tree["home"]))
    other_section = SectionPage.objects.child_of(other).get(kind="guides")
    make_guide(guides_section, item_code="SAME")
    make_guide(other_section, item_code="SAME")
    make_guide(tree["station"], item_code="AGENT", title="医保缴费代办", level="village")
    soup = _soup(client.get("/items/"))
    rows = {
        tr.th.get_text(strip=True): [a.get_text(strip=True) for a in tr.select("td a")]
        for tr in soup.select("tbody tr")
    }
    assert sorted(rows["最低生活保障申请"]) == sorted([tree["center"].title, other.title])
    assert rows["医保缴费代办"] == [f"{tree['station'].title}（{tree['center'].title}）"]


def test_county_item_list_names_the_center_of_each_station(client, tree):
    """Two townships' stations of one name offer the same item: each row says which."""
    from tests.factories import ServiceCenterPageFactory, VillageStationPageFactory

    other = publish(ServiceCenterPageFactory(parent=tree["home"]))
    twin = publish(VillageStationPageFactory(parent=other, title=tree["station"].title))
    for station in (tree["station"], twin):
        window = make_window(station, 1, "综合代办窗口", department=None)
        make_guide(station, window=window, item_code="HJ", title="户籍证明代办", level="village")
    soup = _soup(client.get("/items/"))
    row = next(tr for tr in soup.select("tbody tr") if tr.th.get_text() == "户籍证明代办")
    places = sorted(a.get_text(strip=True) for a in row.select("td a"))
    assert places == sorted(
        f"{tree['station'].title}（{center.title}）" for center in (tree["center"], other)
    )


def test_station_page_lists_the_items_its_agents_handle(client, tree):
    from tests.factories import make_window

    window = make_window(tree["station"], 1, "综合代办窗口", department=None)
    make_guide(tree["station"], window=window, title="户籍证明代办", level="village")
    make_guide(tree["station"], title="草稿代办", publish_it=False)
    soup = _soup(client.get(tree["station"].url))
    items = [li.get_text(" ", strip=True) for li in soup.select("#agent-items-title ~ ul li")]
    assert len(items) == 1 and items[0].startswith("户籍证明代办 1号 综合代办窗口")
