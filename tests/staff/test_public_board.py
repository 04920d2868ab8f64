"""What citizens and other systems see: the board, the organisation page, the hall
display and the JSON API, with public fields only."""

import json

import pytest
from bs4 import BeautifulSoup

from staff.models import WhereaboutsStatus
from staff.services.whereabouts import set_status

pytestmark = pytest.mark.django_db


def away(member, name="下村走访"):
    set_status(member, WhereaboutsStatus.objects.get(name=name))


def api(client, slug):
    response = client.get(f"/api/v1/centers/{slug}/whereabouts/")
    assert response.status_code == 200
    return response, json.loads(response.content)


def people(payload):
    return {p["name"]: p for g in payload["groups"] for p in g["staff"]}


def test_public_board_groups_by_window_and_names_the_b_post(hall, client):
    away(hall["a"])
    page = client.get(hall["center"].url + "staff/").content.decode()
    assert "1号 民政救助窗口" in page and "2号 人社窗口" in page
    assert "下村走访" in page
    assert "请找B角 <strong>李民政</strong>" in page


def test_api_gives_public_fields_and_never_a_private_mobile(hall, client):
    hall["b"].mobile_public = True
    hall["b"].mobile = "13899998888"
    hall["b"].save()
    away(hall["a"])
    response, payload = api(client, hall["center"].slug)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"
    a = people(payload)["张民政"]
    assert set(a) == {
        "id", "name", "title", "work_number", "department", "office_phone", "photo",
        "status", "ab_partner", "ask_instead", "both_away",
    }  # fmt: skip
    assert a["status"]["name"] == "下村走访" and a["status"]["present"] is False
    assert a["ask_instead"]["name"] == "李民政"
    assert people(payload)["李民政"]["mobile"] == "13899998888"
    raw = response.content.decode()
    assert "13811112222" not in raw, "张民政 has not agreed to publish the mobile"
    assert "user" not in a and "can_manage_board" not in a


@pytest.mark.parametrize("path", ["staff/", "staff/organisation/"])
def test_private_mobile_is_absent_from_public_pages(hall, client, path):
    page = client.get(hall["center"].url + path).content.decode()
    assert "张民政" in page
    assert "13811112222" not in page


def test_hall_display_embeds_only_public_data(hall, client):
    response = client.get(f"/hall/{hall['center'].slug}/")
    page = response.content.decode()
    assert response.status_code == 200
    embedded = json.loads(BeautifulSoup(page, "html.parser").find(id="board-data").string)
    assert "张民政" in people(embedded)
    assert "13811112222" not in page
    assert "/api/v1/centers/" in page


def test_script_in_a_name_is_escaped_everywhere(hall, client):
    hall["solo"].name = "<script>x</script>"
    hall["solo"].save()
    for path in (hall["center"].url + "staff/", f"/hall/{hall['center'].slug}/"):
        assert "<script>x</script>" not in client.get(path).content.decode()


def test_unknown_or_unpublished_center_is_404(hall, client):
    assert client.get("/api/v1/centers/nowhere/whereabouts/").status_code == 404
    hall["other_center"].unpublish()
    assert client.get("/api/v1/centers/other/whereabouts/").status_code == 404
    assert client.get("/hall/other/").status_code == 404


def test_api_is_read_only(hall, client):
    response = client.post(f"/api/v1/centers/{hall['center'].slug}/whereabouts/")
    assert response.status_code == 405


def test_notices_api_lists_only_current_notices(demo, client):
    payload = json.loads(client.get("/api/v1/centers/yunxi/notices/").content)
    titles = [n["title"] for n in payload["notices"]]
    assert titles == ["云溪镇本季度新增最低生活保障对象名单公示"]


def test_organisation_page_lists_leaders_windows_and_agents(demo, client):
    page = client.get("/yunxi/staff/organisation/").content.decode()
    assert "青石县云溪镇便民服务中心领导组织机构" in page
    assert "杨明远" in page and "中心常务副主任" in page
    assert "民政救助窗口" in page and "（B角 杨秀梅）" in page
    assert "张桂兰" in page  # a village agent of 红岩村


def test_organisation_route_exists_only_on_the_staff_section(demo, client):
    assert client.get("/yunxi/guides/organisation/").status_code == 404


def test_demo_staffs_every_window_with_ab_pairs_and_photos(demo):
    from pages.models import ServiceCenterPage, ServiceWindow
    from staff.models import StaffMember

    for center in ServiceCenterPage.objects.filter(locale__language_code="zh-hans"):
        windows = ServiceWindow.objects.filter(unit=center)
        assert windows.exists()
        for window in windows:
            staff = StaffMember.objects.filter(window=window)
            assert staff.count() >= 2, f"{center.title} {window} needs an AB pair"
            assert all(m.partner is not None for m in staff)
        assert StaffMember.objects.filter(center=center, can_manage_board=True).exists()
        assert center.market_day_calendar in {"solar", "lunar", "none", "weekday"}
    assert StaffMember.objects.filter(photo__isnull=False).count() >= 40
