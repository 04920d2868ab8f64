"""Guessing passwords on the admin or the staff login is stopped (django-axes).

Reported: 40 wrong passwords in 10 s on /admin/login/ and /staff/login/, and
the right one still worked afterwards.
"""

import pytest
from axes.models import AccessAttempt

from tests.factories import make_user

PASSWORD = "Right-pass-2026"
LOGINS = ["/admin/login/", "/staff/login/"]

pytestmark = pytest.mark.django_db


def _try(client, url, username, password, address="203.0.113.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("url", LOGINS)
def test_the_right_password_no_longer_works_after_repeated_guesses(client, settings, url):
    make_user("guessed", password=PASSWORD)
    for attempt in range(settings.AXES_FAILURE_LIMIT + 3):
        _try(client, url, "guessed", f"wrong-{attempt}")
    response = _try(client, url, "guessed", PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "登录已暂时锁定" in html and "联系县级管理员" in html
    assert "_auth_user_id" not in client.session


def test_the_username_stays_locked_from_another_address(client, settings):
    make_user("guessed", password=PASSWORD)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "/staff/login/", "guessed", f"wrong-{attempt}", address="203.0.113.7")
    response = _try(client, "/staff/login/", "guessed", PASSWORD, address="198.51.100.9")
    assert response.status_code == 429


def test_one_address_spraying_many_usernames_is_locked(client, settings):
    make_user("someone-else", password=PASSWORD)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "/admin/login/", f"user{attempt}", "wrong", address="203.0.113.7")
    response = _try(client, "/admin/login/", "someone-else", PASSWORD, address="203.0.113.7")
    assert response.status_code == 429
    other_address = _try(client, "/admin/login/", "someone-else", PASSWORD, address="192.0.2.1")
    assert other_address.status_code == 302


def test_a_few_typos_then_the_right_password_still_logs_in(client, settings):
    make_user("typist", password=PASSWORD)
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "/staff/login/", "typist", f"wrong-{attempt}")
    response = _try(client, "/staff/login/", "typist", PASSWORD)
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="typist").exists()  # reset on success


def test_a_county_administrator_lifts_a_lockout_in_the_admin(client, settings, admin_client):
    make_user("guessed", password=PASSWORD)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "/staff/login/", "guessed", f"wrong-{attempt}")
    assert _try(client, "/staff/login/", "guessed", PASSWORD).status_code == 429

    screen = admin_client.get("/admin/security/lockouts/")
    assert screen.status_code == 200
    html = screen.content.decode()
    assert "用户名：guessed" in html and "地址：203.0.113.7" in html
    for kind, value in (("username", "guessed"), ("ip_address", "203.0.113.7")):
        response = admin_client.post(
            "/admin/security/lockouts/", {"kind": kind, "value": value}, follow=True
        )
        assert f"已解除对“{value}”的登录锁定" in response.content.decode()
    assert "目前没有被锁定" in admin_client.get("/admin/security/lockouts/").content.decode()
    assert _try(client, "/staff/login/", "guessed", PASSWORD).status_code == 302


def test_center_editors_cannot_open_the_lockout_screen(client):
    from django.contrib.auth.models import Permission

    editor = make_user("editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/security/lockouts/").status_code in (302, 403)
