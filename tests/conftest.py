"""Shared fixtures: a small published tree, and the demo county."""

import pytest

from tests.factories import make_site_tree


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters and cached fragments must not leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tree(db):
    return make_site_tree()


@pytest.fixture(scope="module")
def _demo_for_module(django_db_setup, django_db_blocker):
    """Load the demo county once per test module, inside a transaction rolled back at the end.

    Loading it takes seconds; each test still runs in its own savepoint (the
    ``db`` fixture nests inside this transaction), so changes never leak.
    """
    from django.db import transaction

    from demo.loader import load_demo

    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def shared_demo(_demo_for_module, db):
    """The demo county loaded once for the module: only for modules where every test uses it
    (a test without it would otherwise still see the county)."""
    return _demo_for_module


@pytest.fixture
def demo(db):
    from demo.loader import load_demo

    return load_demo()
