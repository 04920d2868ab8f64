"""Wagtail's admin search finds pages by Chinese words inside longer titles."""

from django.contrib.auth import get_user_model

from wagtail.models import Page

import pytest

from search.wagtail_backend import chinese_query
from tests.factories import make_guide


@pytest.fixture
def editor(db, client):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "x-pass-2026")
    client.force_login(user)
    return user


def test_query_is_segmented_and_folded():
    assert chinese_query("最低生活保障申請") == "最低生活保障 申请"


def test_pages_are_found_by_a_word_inside_the_title(tree):
    make_guide(tree["center"], title="最低生活保障申请")
    make_guide(tree["center"], title="残疾人两项补贴申请")

    titles = {p.title for p in Page.objects.search("生活保障")}
    assert titles == {"最低生活保障申请"}
    assert {p.title for p in Page.objects.search("申请")} == {
        "最低生活保障申请",
        "残疾人两项补贴申请",
    }
    assert not Page.objects.search("宅基地")


def test_admin_page_search_lists_the_guide(tree, editor, client):
    make_guide(tree["center"], title="高龄津贴申领")

    response = client.get("/admin/pages/search/", {"q": "津贴"})

    assert response.status_code == 200
    assert "高龄津贴申领" in response.content.decode()
    assert "高龄津贴申领" not in client.get("/admin/pages/search/", {"q": "低保"}).content.decode()
