"""Wagtail's admin search finds pages by the Chinese words citizens use."""

from django.contrib.auth import get_user_model

from wagtail.models import Page

import pytest

from tests.factories import make_guide


@pytest.fixture
def editor(db, client):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "x-pass-2026")
    client.force_login(user)
    return user


def test_drafts_are_found_by_a_word_inside_the_title(tree):
    make_guide(tree["center"], title="最低生活保障申请", publish_it=False)
    make_guide(tree["center"], title="残疾人两项补贴申请", publish_it=False)

    assert {p.title for p in Page.objects.search("生活保障")} == {"最低生活保障申请"}
    assert {p.title for p in Page.objects.search("低保")} == {"最低生活保障申请"}  # synonym
    assert {p.title for p in Page.objects.search("申請")} == {  # traditional folded
        "最低生活保障申请",
        "残疾人两项补贴申请",
    }
    assert not Page.objects.search("宅基地")


def test_typed_word_in_the_title_ranks_first(tree):
    make_guide(tree["center"], title="残疾人两项补贴申请", publish_it=False)
    make_guide(tree["center"], title="高龄补助申领", publish_it=False)

    assert [p.title for p in Page.objects.search("补助")] == ["高龄补助申领", "残疾人两项补贴申请"]


SOCIAL_INSURANCE = {
    "城乡居民基本养老保险参保登记",
    "城乡居民医疗保险参保缴费",
    "城乡居民医保缴费代办",
}
ISSUE_QUERIES = {
    "社保": SOCIAL_INSURANCE,
    "低保": {"最低生活保障申请"},
    "户口迁移": {"户籍证明代办"},
    "建房审批": {"农村村民住宅建设规划许可"},
    "去向": {"工作人员"},
}


def test_admin_page_search_puts_the_right_demo_page_first(demo, editor, client):
    for query, titles in ISSUE_QUERIES.items():
        response = client.get("/admin/pages/search/", {"q": query})
        assert response.status_code == 200
        first = response.context["object_list"][0]
        assert first.title in titles, query
        assert first.title in response.content.decode()


def test_staff_add_a_synonym_in_the_admin_and_search_uses_it(tree, editor, client):
    from search import service
    from search.models import SynonymGroup

    make_guide(tree["center"], title="城乡居民医疗保险参保缴费")
    assert not service.search("合作医疗").results.hits

    listing = client.get("/admin/snippets/portal_search/synonymgroup/")
    assert "社保、社会保险" in listing.content.decode()
    response = client.post(
        "/admin/snippets/portal_search/synonymgroup/add/",
        {"terms": "合作医疗，医疗保险"},
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms="合作医疗，医疗保险").exists()
    assert service.search("合作医疗").results.hits[0].title == "城乡居民医疗保险参保缴费"


def test_published_copies_of_one_item_are_each_found(tree):
    """The public search shows an item once with its places; the admin's lists each page
    (found here by a word of their conditions, which only the public index holds)."""
    copies = {
        make_guide(
            parent, title="户籍证明代办", item_code="QS-DB-002", conditions="需要开具证明的村民。"
        ).pk
        for parent in (tree["center"], tree["station"])
    }
    assert {p.pk for p in Page.objects.search("开具证明")} == copies
