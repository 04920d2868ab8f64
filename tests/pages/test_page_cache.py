"""The public page cache (core.pagecache): served again from the cache with
validators, answered with 304 when unchanged, and never stale or personal."""

import datetime as dt
from unittest import mock

from django.middleware.csrf import get_token
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from pages.models import NoticePage, SectionPage, ServiceCenterPage
from tests.factories import SectionPageFactory, make_guide, make_user, make_window, publish

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, response.content.decode()


def test_a_page_is_served_again_from_the_cache_with_validators(tree, client):
    url = tree["center"].url
    first, _ = get(client, url)
    again, body = get(client, url)
    assert first["X-Page-Cache"] == "miss" and again["X-Page-Cache"] == "hit"
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] and "must-revalidate" in again["Cache-Control"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert tree["center"].title in body


def test_an_unchanged_page_answers_304_to_a_conditional_get(tree, client):
    url = tree["center"].url
    first, _ = get(client, url)
    by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_date.status_code == 304
    assert client.get(url, headers={"if-none-match": '"other"'}).status_code == 200


def test_a_publish_is_seen_on_the_very_next_request(tree, client):
    center = tree["center"]
    etag = get(client, center.url)[0]["ETag"]
    center.title = "青石县新名字便民服务中心"
    publish(center)
    response, body = get(client, center.url, **{"if-none-match": etag})
    assert response.status_code == 200 and "青石县新名字便民服务中心" in body


def test_a_draft_leaves_the_cached_page_alone(tree, client):
    center = tree["center"]
    get(client, center.url)
    center.title = "草稿中的名字"
    center.save_revision()
    response, body = get(client, center.url)
    assert response["X-Page-Cache"] == "hit" and "草稿中的名字" not in body


def test_unpublish_move_and_delete_are_seen_on_the_very_next_request(tree, client):
    center = tree["center"]
    gone, moved, deleted = (make_guide(center, title=t) for t in ("撤下", "移走", "删除"))
    urls = {page.pk: page.url for page in (gone, moved, deleted)}
    for url in urls.values():
        assert get(client, url)[0]["X-Page-Cache"] == "miss"  # now stored
    gone.unpublish()
    moved.move(tree["station"], pos="last-child")
    deleted.delete()
    assert client.get(urls[gone.pk]).status_code == 404
    assert client.get(urls[deleted.pk]).status_code == 404
    moved_away = client.get(urls[moved.pk])  # Wagtail's redirect to the new address
    assert moved_away.status_code == 301 and moved_away["Location"].startswith(tree["station"].url)


def test_a_snippet_the_page_shows_is_seen_on_the_very_next_request(tree, client):
    window = make_window(tree["center"], 7, "老窗口名")
    guide = make_guide(tree["center"], window=window)
    stored, body = get(client, guide.url)
    assert stored["X-Page-Cache"] == "miss" and "老窗口名" in body
    window.name = "新窗口名"
    window.save()
    body = get(client, guide.url)[1]
    assert "新窗口名" in body and "老窗口名" not in body


def test_editors_neither_get_nor_fill_the_public_cache(tree, client):
    url = tree["center"].url
    editor = make_user("editor-cache")
    editor.is_superuser = True
    editor.save()
    client.force_login(editor)
    as_editor = client.get(url)
    assert "X-Page-Cache" not in as_editor
    client.logout()
    client.cookies.clear()
    public = client.get(url)
    assert public["X-Page-Cache"] == "miss"  # the editor's view was not stored
    assert "userbar" not in public.content.decode()
    assert "csrfmiddlewaretoken" not in public.content.decode()
    client.force_login(editor)
    assert "X-Page-Cache" not in client.get(url)  # nor is the public one served to them


def test_elder_mode_and_each_language_are_separate_variants(tree, client):
    url = tree["center"].url
    standard = get(client, url)[1]
    client.cookies["portal_display"] = "elder"
    elder_response, elder = get(client, url)
    assert elder_response["X-Page-Cache"] == "miss"
    assert 'class="mode-elder"' in elder and 'class="mode-elder"' not in standard
    del client.cookies["portal_display"]
    english_response, english = get(client, "/en" + url)
    assert english_response["X-Page-Cache"] == "miss"
    assert '<html lang="en"' in english and '<html lang="en"' not in standard


def test_a_notice_that_ends_leaves_the_cached_list_at_midnight(tree, client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 7 * 24 * 3600  # only the boundary may end it
    today = timezone.localdate()
    section = publish(SectionPageFactory(parent=tree["center"], kind="notices", slug="n-cache"))
    notice = NoticePage(
        title="低保评议结果公示",
        slug="low",
        notice_start=today - dt.timedelta(days=3),
        notice_end=today,
        body=[],
    )
    section.add_child(instance=notice)
    publish(notice)
    url = SectionPage.objects.get(pk=section.pk).url

    def showing(body):
        return "低保评议结果公示" in body.split("往期公示")[0]

    assert showing(get(client, url)[1])
    tomorrow = timezone.now() + dt.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        response, body = get(client, url)
    assert response["X-Page-Cache"] == "miss" and not showing(body)


def test_a_page_with_a_csrf_protected_form_is_never_stored(tree, client):
    """The password form of a restricted page carries a CSRF token: each visitor
    gets their own, never another's from the cache."""
    guide = make_guide(tree["center"], title="受限页面")
    PageViewRestriction.objects.create(page=guide, restriction_type="password", password="pw")
    tokens = set()
    for _ in range(2):
        client.cookies.clear()
        response = client.get(guide.url)
        assert "X-Page-Cache" not in response and "受限页面" not in response.content.decode()
        tokens.add(response.cookies["csrftoken"].value)
    assert len(tokens) == 2


def test_a_page_that_renders_a_csrf_token_is_never_stored(tree, client):
    """A page with a form (here the center page made to use a token) is rendered for
    each visitor, with their own token; never served from another's response."""
    original = ServiceCenterPage.get_context

    def with_form(self, request, *args, **kwargs):
        context = original(self, request, *args, **kwargs)
        context["token"] = get_token(request)
        return context

    url = tree["center"].url
    with mock.patch.object(ServiceCenterPage, "get_context", with_form):
        first = client.get(url)
        client.cookies.clear()
        second = client.get(url)
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
