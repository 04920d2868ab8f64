"""Shared fixtures: a small published tree, and the demo county."""

import pytest

from tests.factories import make_site_tree


@pytest.fixture
def tree(db):
    return make_site_tree()


@pytest.fixture
def demo(db):
    from pages.demo.loader import load_demo

    return load_demo()
