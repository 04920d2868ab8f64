"""Response headers and the settings a production deployment must refuse or warn about."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.portal.test_settings import PRODUCTION_ENV, _manage

PUBLIC_PAGES = [
    "/",
    "/yunxi/",
    "/yunxi/guides/",
    "/catalogue/",
    "/search/?q=低保",
    "/yunxi/staff/",
]


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


@pytest.fixture
def public_responses(shared_demo, client):
    from pages.models import ServiceGuidePage

    guide = ServiceGuidePage.objects.live().filter(locale__language_code="zh-hans").first()
    urls = [*PUBLIC_PAGES, guide.url]
    responses = {url: client.get(url, follow=True) for url in urls}
    for url, response in responses.items():
        assert response.status_code == 200, url
    return responses


def test_public_pages_forbid_inline_script(public_responses):
    for url, response in public_responses.items():
        policy = _directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
        soup = BeautifulSoup(response.content, "html.parser")
        inline = [s for s in soup.find_all("script") if not s.get("src") and s.string]
        data_types = {"application/json", "application/ld+json"}
        executable = [s for s in inline if s.get("type", "text/javascript") not in data_types]
        assert executable == [], url
        handlers = [
            (tag.name, attribute)
            for tag in soup.find_all(True)
            for attribute in tag.attrs
            if re.fullmatch(r"on[a-z]+", attribute)
        ]
        assert handlers == [], url


def test_public_pages_switch_off_unused_browser_features(public_responses):
    policy = public_responses["/"]["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "payment=()", "usb=()"):
        assert feature in policy


def test_the_admin_gets_what_wagtail_needs(admin_client):
    response = admin_client.get("/admin/")
    policy = _directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]


def test_production_refuses_to_start_without_allowed_hosts():
    for hosts in ("", "*"):
        result = _manage("check", env={**PRODUCTION_ENV, "ALLOWED_HOSTS": hosts})
        assert result.returncode != 0
        assert "ALLOWED_HOSTS must list" in result.stderr


def test_deploy_check_warns_without_a_shared_cache():
    env = {**PRODUCTION_ENV, "CACHE_URL": ""}
    result = _manage("check", "--deploy", env=env)
    assert "portal.W001" in result.stdout + result.stderr


def test_deploy_check_warns_about_sqlite_with_several_workers(tmp_path):
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "WEB_CONCURRENCY": "2",
    }
    result = _manage("check", "--deploy", env=env)
    assert "portal.W002" in result.stdout + result.stderr
    single = _manage("check", "--deploy", env={**env, "WEB_CONCURRENCY": "1"})
    assert "portal.W002" not in single.stdout + single.stderr
