"""Fixtures for the browser tests: Debian's Chromium, a live server and the demo county.

Playwright's sync API runs an asyncio loop in the test thread, which makes
Django refuse ORM calls from that thread unless async-unsafe access is allowed
(DJANGO_ALLOW_ASYNC_UNSAFE). The tests only touch the ORM between browser
steps, never concurrently. The variable is set only while Chromium runs: set
for the whole session it would leak into other tests' subprocesses, where
`check --deploy` rightly warns about it.
"""

import os
from dataclasses import dataclass

import pytest

from tests.snapshot import Snapshot

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Generous for a cold admin page on a slow runner, short enough to fail fast.
DEFAULT_TIMEOUT_MS = 15_000

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


def _pin_db_connections(connections, pinned):
    """Make this thread keep the Django connections it had before Playwright started.

    Django stores connections in an asgiref Local that switches to per-context
    storage whenever an asyncio loop is running in the thread, and Playwright's
    sync API marks its loop as running between calls. Without pinning, the test
    code would open second connections: they lack the serialized migration data
    that serialized rollback restores, and on in-memory SQLite they are not the
    connection the live server shares with the test.
    """
    for alias, connection in pinned.items():
        setattr(connections._connections, alias, connection)


@pytest.fixture(scope="package")
def browser(django_db_setup, django_db_blocker):
    """One Chromium for all browser tests; Playwright never downloads a browser here.

    Package-scoped rather than session-scoped: pytest-django runs live-server
    tests after the others but before tests without a database, and those must
    not inherit Playwright's running loop or the async-unsafe override. Starts
    after the test databases exist, so the connections pinned are the test ones.
    """
    from django.db import connections

    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM_PATH):
        pytest.fail(f"{CHROMIUM_PATH} is not installed: run scripts/install.sh", pytrace=False)
    with django_db_blocker.unblock():
        pinned = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        _pin_db_connections(connections, pinned)
        yield chromium
        chromium.close()


class _LoadedCounty:
    """The demo county as first loaded in this process, put back for every later load
    (tests/snapshot.py): the same rows, in a fraction of a second instead of ten."""

    snapshot: Snapshot | None = None
    home_pk: int | None = None

    def load(self) -> DemoCounty:
        from django.contrib.auth import get_user_model
        from django.db import connection

        from demo.loader import load_demo
        from pages.models import CountyHomePage, ServiceCenterPage, VillageStationPage

        if self.snapshot is None:
            self.home_pk = load_demo().home.pk
            get_user_model().objects.create_superuser(
                EDITOR_USERNAME, "editor-admin@example.invalid", EDITOR_PASSWORD
            )
            self.snapshot = Snapshot.take(connection)
        else:
            self.snapshot.restore(connection)
        home = CountyHomePage.objects.get(pk=self.home_pk)
        yunxi = ServiceCenterPage.objects.child_of(home).get(slug="yunxi")
        hongyan = VillageStationPage.objects.child_of(yunxi).get(slug="hongyan")
        return DemoCounty(home=home, yunxi=yunxi, hongyan=hongyan)


LOADED_COUNTY = _LoadedCounty()


def _load_county() -> DemoCounty:
    return LOADED_COUNTY.load()


@pytest.fixture
def demo_county(live_server, django_db_serialized_rollback):
    """Load the demo county into the live server's database, plus an editor with a known password.

    The live server needs a transactional database, which is flushed after
    every test; serialized rollback brings back what Wagtail's migrations
    created (root page, locale, default site, workflow) before the next test.
    """
    return _load_county()


class _SharedCounty:
    """The demo county loaded once for all the browser tests that only read it.

    Loading takes seconds per test. Those tests (the ones asking for
    `shared_county`) run first, across modules, and share one committed county
    (with no transactional_db of their own, see _live_server_helper). Before
    the first test that loads its own county, and at the end of the package,
    the county is emptied with the same flush and serialized rollback as above.
    """

    def __init__(self):
        self.county: DemoCounty | None = None
        self.case = None

    def get(self, blocker) -> DemoCounty:
        if self.county is None:
            from django.test import TransactionTestCase

            class SharedCounty(TransactionTestCase):
                serialized_rollback = True

            with blocker.unblock():
                SharedCounty._pre_setup()
                self.case = SharedCounty
                try:
                    self.county = _load_county()
                except BaseException:
                    self.close(blocker)
                    raise
        return self.county

    def close(self, blocker) -> None:
        if self.case is None:
            return
        case, self.case, self.county = self.case, None, None
        with blocker.unblock():
            case(methodName="__init__")._post_teardown()


SHARED_COUNTY = _SharedCounty()


def _wants_shared_county(item) -> bool:
    return "shared_county" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The browser tests on the shared county first (stably), so it is loaded once."""
    places = [index for index, item in enumerate(items) if item.get_closest_marker("browser")]
    chosen = [items[index] for index in places]
    chosen.sort(key=lambda item: not _wants_shared_county(item))
    for index, item in zip(places, chosen, strict=True):
        items[index] = item


@pytest.fixture(scope="package")
def _shared_county_holder(browser, django_db_blocker):
    yield SHARED_COUNTY
    SHARED_COUNTY.close(django_db_blocker)


@pytest.fixture
def shared_county(_shared_county_holder, live_server, django_db_blocker):
    """The demo county shared by the tests that only read it (see _SharedCounty).

    The database stays open to the test and the live server, as a transactional test's would.
    """
    county = _shared_county_holder.get(django_db_blocker)
    with django_db_blocker.unblock():
        yield county


@pytest.fixture(autouse=True)
def _live_server_helper(request):
    """pytest-django's own helper (same name, so it replaces it here), except that a test on
    the shared county gets no transactional database: its flush would empty the county."""
    if "live_server" not in request.fixturenames:
        yield
        return
    if not _wants_shared_county(request.node):
        SHARED_COUNTY.close(request.getfixturevalue("django_db_blocker"))
        request.getfixturevalue("transactional_db")
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture
def browser_context(browser, live_server):
    """A fresh, cookie-less Chinese-locale context per test, rooted at the live server.

    Requests to any other origin (the admin's Gravatar images and upgrade
    check) are refused, so the tests neither depend on nor leak to the internet.
    """
    origin = live_server.url.rstrip("/") + "/"
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.route(lambda url: not url.startswith(origin), lambda route: route.abort())
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A tab in the test's own context."""
    return browser_context.new_page()
