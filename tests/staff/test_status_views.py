"""Setting a status over HTTP: two taps, permissions across centers, CSRF, rate limit."""

import re

from django.test import Client

import pytest

from staff.models import StatusChange, WhereaboutsStatus

pytestmark = pytest.mark.django_db
PASSWORD = "Test-pass-2026"  # noqa: S105


def status_pk(name):
    return WhereaboutsStatus.objects.get(name=name).pk


def login(client, username):
    """Through the staff login form, as a phone does (and past the login throttle)."""
    client.get("/staff/login/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/staff/login/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def post_status(client, member, name="下村走访", **extra):
    data = {"status": status_pk(name), "return_choice": "at", "return_clock": "15:00"}
    data.update(extra)
    return client.post(f"/staff/members/{member.pk}/status/", data)


def test_my_status_page_needs_a_login(hall, client):
    response = client.get("/staff/me/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_staff_set_their_own_status_in_two_taps(hall, client):
    login(client, "staff-a")
    page = client.get("/staff/me/").content.decode()
    assert "张民政" in page and "第一步：选择去向" in page

    response = post_status(client, hall["a"], next="/staff/me/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert re.search(r"已更新：张民政 — 下村走访（预计 (明天 )?15:00 返回）", page)
    hall["a"].refresh_from_db()
    assert hall["a"].status.name == "下村走访"
    assert StatusChange.objects.filter(member=hall["a"], to_status="下村走访").count() == 1


def test_staff_cannot_change_a_colleagues_status(hall, client):
    login(client, "staff-a")
    response = post_status(client, hall["b"])
    assert response.status_code == 403
    assert "只能更新自己的去向" in response.content.decode()
    hall["b"].refresh_from_db()
    assert hall["b"].status.name == "在岗"


def test_director_changes_anyone_in_their_center_but_not_in_another(hall, client):
    login(client, "director")
    assert post_status(client, hall["b"], name="会议").status_code == 302
    hall["b"].refresh_from_db()
    assert hall["b"].status.name == "会议"

    assert post_status(client, hall["outsider"]).status_code == 403
    hall["outsider"].refresh_from_db()
    assert hall["outsider"].status.name == "在岗"


def test_another_centers_director_can_neither_change_nor_see_the_console(hall, client):
    login(client, "outsider")
    assert post_status(client, hall["a"]).status_code == 403
    assert client.get(f"/staff/centers/{hall['center'].slug}/").status_code == 403
    assert client.get("/staff/centers/other/").status_code == 200


def test_director_console_shows_warnings_and_the_log(hall, client):
    login(client, "director")
    post_status(client, hall["a"], name="下村走访")
    post_status(client, hall["b"], name="请假", return_choice="none")
    page = client.get(f"/staff/centers/{hall['center'].slug}/").content.decode()
    assert "AB岗均不在岗" in page
    assert "在岗 → 请假" in page
    assert "AB岗均不在岗" in client.get("/staff/me/").content.decode(), "warned on their own page"


def test_status_changes_are_csrf_protected(hall):
    client = login(Client(enforce_csrf_checks=True), "staff-a")
    assert post_status(client, hall["a"]).status_code == 403
    hall["a"].refresh_from_db()
    assert hall["a"].status.name == "在岗"


def test_status_changes_are_rate_limited(hall, client, settings):
    settings.STAFF_STATUS_RATE_LIMIT = (3, 600)
    login(client, "staff-a")
    codes = [post_status(client, hall["a"], name="在岗").status_code for _ in range(4)]
    assert codes == [302, 302, 302, 429]
    assert StatusChange.objects.filter(member=hall["a"], changed_by__isnull=False).count() == 3


def test_an_impossible_return_time_is_explained_and_changes_nothing(hall, client):
    login(client, "staff-a")
    response = post_status(client, hall["a"], return_clock="99:99", next="/staff/me/")
    page = client.get(response["Location"]).content.decode()
    assert "返回时间格式应为" in page
    hall["a"].refresh_from_db()
    assert hall["a"].status.name == "在岗"


def test_next_cannot_send_the_user_off_site(hall, client):
    login(client, "staff-a")
    response = post_status(client, hall["a"], next="https://evil.example/")
    assert response["Location"] == "/staff/me/"


def test_login_page_is_in_chinese_and_logs_in(hall, client):
    page = client.get("/staff/login/").content.decode()
    assert "工作人员登录" in page
    response = client.post("/staff/login/", {"username": "staff-a", "password": PASSWORD})
    assert response["Location"] == "/staff/me/"
    wrong = Client().post("/staff/login/", {"username": "staff-a", "password": "nope"})
    assert "用户名或密码不正确" in wrong.content.decode()
