"""Township center pages: what a citizen sees, and what an editor may not publish."""

import json

from bs4 import BeautifulSoup

from pages.models import ServiceCenterPage
from tests.admin_forms import post_page_form
from tests.factories import ServiceCenterPageFactory, VillageStationPageFactory, publish


def _soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_center_page_shows_contact_data_market_days_and_stations(client, tree):
    center, station = tree["center"], tree["station"]
    response = client.get(center.url)
    assert response.status_code == 200
    soup = _soup(response)
    assert soup.h1.get_text(strip=True) == center.official_name
    text = soup.get_text(" ", strip=True)
    assert "0851-88881111" in text and "0851-88882222" in text
    assert "周一至周五 下午 14:00—17:30" in text
    assert "逢一、四、七" in text
    links = {a["href"] for a in soup.select("main a[href]")}
    assert station.url in links
    crumbs = [li.get_text(strip=True) for li in soup.select("nav.breadcrumbs li")]
    assert crumbs == [tree["home"].title, center.title]
    footer = "".join(soup.select_one("footer").get_text().split())
    assert "监督投诉电话：0851-88882222" in footer and "政务服务热线：12345" in footer


def test_station_page_shows_agents_and_their_days(client, tree):
    response = client.get(tree["station"].url)
    text = _soup(response).get_text(" ", strip=True)
    assert "王五" in text and "13900000000" in text
    assert "每周二、五，逢场日" in text
    assert tree["center"].official_name in text


def test_county_home_lists_centers_with_station_counts(client, tree):
    soup = _soup(client.get("/"))
    card = soup.select_one(".card")
    assert tree["center"].official_name in card.get_text()
    assert "1 个" in card.get_text()


def test_center_cannot_be_published_without_contact_data(admin_client, tree):
    center = tree["center"]
    url = f"/admin/pages/{center.pk}/edit/"
    response = post_page_form(
        admin_client,
        url,
        {"address": "", "consultation_phone": "", "complaint_phone": "", "opening_hours": ""},
    )
    assert response.status_code == 200  # the form comes back, nothing published
    html = response.content.decode()
    assert "发布前还需填写以下信息：地址、办公时间、咨询电话、监督投诉电话。" in html
    center.refresh_from_db()
    assert center.address == "测试县测试镇人民路 1 号"


def test_incomplete_center_can_still_be_saved_as_draft(admin_client, tree):
    center = tree["center"]
    response = post_page_form(
        admin_client, f"/admin/pages/{center.pk}/edit/", {"address": ""}, action=""
    )
    assert response.status_code == 302
    center.refresh_from_db()
    assert center.has_unpublished_changes
    assert center.address == "测试县测试镇人民路 1 号"  # the live page keeps its address


def test_bad_phone_and_name_get_chinese_messages(admin_client, tree):
    center = tree["center"]
    response = post_page_form(
        admin_client,
        f"/admin/pages/{center.pk}/edit/",
        {"consultation_phone": "12-34", "official_name": "测试镇政府", "market_day_numbers": "12"},
    )
    html = response.content.decode()
    assert "不是有效的电话号码" in html
    assert "中心全称应采用规范名称" in html
    assert "日期尾数只能填写 0 到 9" in html


def test_full_width_phone_numbers_are_folded(admin_client, tree):
    center = tree["center"]
    response = post_page_form(
        admin_client,
        f"/admin/pages/{center.pk}/edit/",
        {"consultation_phone": "０８５１－６６６６６６６"},
    )
    assert response.status_code == 302
    assert ServiceCenterPage.objects.get(pk=center.pk).consultation_phone == "0851-6666666"


def test_public_pages_make_a_bounded_number_of_queries(
    client, tree, django_assert_max_num_queries, settings
):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # what a render costs, not a cache hit
    client.get("/")  # warm the site-root cache, as a running server has
    # +1 each since the language switcher looks up the page's translations; the home +4 for
    # its popular items, themes and notices in force (fixed, whatever the size of the county)
    for url, budget in (("/", 19), (tree["center"].url, 15), (tree["station"].url, 17)):
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200


def test_query_count_does_not_grow_with_the_number_of_centers(client, tree, settings):
    """The county home lists every center and counts stations without a query per center."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # what a render costs, not a cache hit
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/")
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    for _ in range(3):
        center = publish(ServiceCenterPageFactory(parent=tree["home"]))
        publish(VillageStationPageFactory(parent=center))
    with CaptureQueriesContext(connection) as after:
        response = client.get("/")
    assert response.content.decode().count('class="card"') == 4
    assert len(after.captured_queries) == len(before.captured_queries)


def test_center_page_carries_escaped_schema_org_data(client, tree):
    center = tree["center"]
    ServiceCenterPage.objects.filter(pk=center.pk).update(address="人民路</script><b>1号")
    soup = _soup(client.get(center.url))
    script = soup.find("script", type="application/ld+json")
    assert "</script>" not in script.string and "\\u003C/script\\u003E" in script.string
    data = json.loads(script.string)
    assert data["@type"] == "GovernmentOffice"
    assert data["name"] == center.official_name
    assert data["address"]["streetAddress"] == "人民路</script><b>1号"
    assert data["telephone"] == "0851-88881111"
