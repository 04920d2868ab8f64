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


@pytest.fixture
def demo(db):
    from pages.demo.loader import load_demo

    return load_demo()
