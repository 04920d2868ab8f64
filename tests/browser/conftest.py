"""Fixtures for the browser tests: Debian's Chromium, a live server and the demo county.

Playwright's sync API runs an asyncio loop in the test thread, which makes
Django refuse ORM calls from that thread unless async-unsafe access is allowed.
The tests only touch the ORM between browser steps, never concurrently.
"""

import os
from dataclasses import dataclass

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Generous for a cold admin page on a slow CI runner, short enough to fail fast.
DEFAULT_TIMEOUT_MS = 15_000

EDITING_SESSION_URLS = "**/admin/editing-sessions/**"

EDITOR_USERNAME = "editor-admin"
EDITOR_PASSWORD = "Browser-test-editor-2026"


@dataclass
class DemoCounty:
    """The demo county as the browser tests need it: pages to visit and a login."""

    home: object
    yunxi: object
    hongyan: object
    username: str = EDITOR_USERNAME
    password: str = EDITOR_PASSWORD


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session; Playwright never downloads a browser here."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM_PATH):
        pytest.skip(f"{CHROMIUM_PATH} is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def demo_county(live_server, django_db_serialized_rollback):
    """Load the demo county into the live server's database, plus an editor with a known password.

    The live server needs a transactional database, which is flushed after
    every test; serialized rollback brings back what Wagtail's migrations
    created (root page, locale, default site) before the next test.
    """
    from django.contrib.auth import get_user_model

    from pages.demo.loader import load_demo
    from pages.models import ServiceCenterPage, VillageStationPage

    result = load_demo()
    get_user_model().objects.create_superuser(
        EDITOR_USERNAME, "editor-admin@example.invalid", EDITOR_PASSWORD
    )
    yunxi = ServiceCenterPage.objects.child_of(result.home).get(slug="yunxi")
    hongyan = VillageStationPage.objects.child_of(yunxi).get(slug="hongyan")
    return DemoCounty(home=result.home, yunxi=yunxi, hongyan=hongyan)


@pytest.fixture
def browser_context(browser, live_server):
    """A fresh, cookie-less Chinese-locale context per test, rooted at the live server.

    The admin's editing-session pings (every 10 s, plus a beacon on unload)
    are dropped: they reach the live server after the test has ended and race
    the database flush, which on in-memory SQLite shares one connection.
    """
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.route(EDITING_SESSION_URLS, lambda route: route.abort())
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A tab in the test's own context."""
    return browser_context.new_page()
