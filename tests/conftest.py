"""Shared fixtures: a small published tree, and the demo county.

Both are built once for the consecutive tests that ask for them (grouped across modules),
each test rolling back its own changes (see tests/shared.py).
"""

import pytest

from tests import premigrated, shared
from tests.factories import make_site_tree


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    shared.group_by_shared_data(items)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    shared.SHARED.before(item)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """The shared data is built just before pytest-django opens the test's own transaction."""
    if fixturedef.argname == "_django_db_helper":
        shared.SHARED.open(request.node)
    return (yield)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """Start from the databases scripts/test.sh migrated once (tests/premigrated.py)."""
    from django.conf import settings

    return premigrated.adjust_settings(settings.DATABASES)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_modify_db_settings, django_db_blocker):
    """pytest-django's set-up, then the migrated SQLite content when one was prepared."""
    if django_db_modify_db_settings:
        from django.db import connection

        with django_db_blocker.unblock():
            premigrated.load_into(connection)


@pytest.fixture(scope="session")
def shared_data(django_db_setup, django_db_blocker):
    """Holds the shared data the tests ask for; rolls it back when the session is done."""
    shared.SHARED.blocker = django_db_blocker
    yield shared.SHARED
    shared.SHARED.release()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters, cached fragments and cached pages must not leak from one
    test to the next (a rolled-back test never committed the purges of its writes)."""
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Chinese: a request leaves its language active in the thread,
    and with the English catalogue compiled a leftover "en" would show in the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@shared.builds("tree")
def _build_tree(data):
    return make_site_tree()


@pytest.fixture
def tree(shared_data, db, request):
    return shared_data.get("tree", request.node)


@shared.builds("demo")
def _build_demo(data):
    from demo.loader import load_demo

    return load_demo()


@pytest.fixture
def demo(shared_data, db, request):
    return shared_data.get("demo", request.node)


@pytest.fixture
def shared_demo(demo):
    """The demo county (the older name of `demo`, which is now shared as well)."""
    return demo
