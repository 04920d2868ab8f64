"""Translations go through the same permission and moderation rules as any edit:
an editor without the publish right can neither make a translation live by
submitting it, nor publish it from the translation editor, nor replace a live
translation by converting it back into an alias of the Chinese page."""

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

import pytest

from tests.editorial import conftest as editorial_fixtures
from tests.factories import make_guide, make_window

towns = editorial_fixtures.towns  # the two-center fixture, shared with tests/editorial


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def live_guide(towns):
    a, _ = towns
    return make_guide(a.guides, make_window(a.center), title="最低生活保障申请")


def _submit(client, page, locale, on_commit):
    """Submit as the admin does; wagtail-localize publishes on commit, so run those too."""
    with on_commit(execute=True):
        response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302, response.content.decode()[:800]
    return page.get_translation(locale)


def test_an_editors_translation_of_a_live_page_starts_as_a_draft(
    towns, english, live_guide, django_capture_on_commit_callbacks
):
    a, _ = towns
    target = _submit(a.client("editor"), live_guide, english, django_capture_on_commit_callbacks)
    target.refresh_from_db()
    assert not target.live
    assert not Page.objects.live().filter(pk=target.pk).exists()


def test_a_directors_translation_of_a_live_page_is_published_as_before(
    towns, english, live_guide, django_capture_on_commit_callbacks
):
    a, _ = towns
    target = _submit(a.client("director"), live_guide, english, django_capture_on_commit_callbacks)
    target.refresh_from_db()
    assert target.live


def test_a_translation_of_a_draft_stays_a_draft_even_for_the_director(
    towns, english, django_capture_on_commit_callbacks
):
    a, _ = towns
    draft = make_guide(a.guides, make_window(a.center), publish_it=False, title="草稿指南")
    target = _submit(a.client("director"), draft, english, django_capture_on_commit_callbacks)
    target.refresh_from_db()
    assert not target.live


def test_the_translation_editors_publish_needs_the_publish_right(
    towns, english, live_guide, django_capture_on_commit_callbacks
):
    a, _ = towns
    target = _submit(a.client("editor"), live_guide, english, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        denied = a.client("editor").post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})
    assert denied.status_code in (302, 403)
    target.refresh_from_db()
    assert not target.live
    with django_capture_on_commit_callbacks(execute=True):
        allowed = a.client("director").post(
            f"/admin/pages/{target.pk}/edit/", {"action": "publish"}
        )
    assert allowed.status_code == 302
    target.refresh_from_db()
    assert target.live


def _live_translation(town, page, locale, on_commit):
    target = _submit(town.client("director"), page, locale, on_commit)
    target.refresh_from_db()
    assert target.live and target.alias_of_id is None
    return target


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_editor_cannot_convert_a_live_translation_into_an_alias(
    towns, english, live_guide, django_capture_on_commit_callbacks, method
):
    a, b = towns
    target = _live_translation(a, live_guide, english, django_capture_on_commit_callbacks)
    url = f"/admin/localize/page/{target.pk}/convert_to_alias/"
    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(a.client("editor"), method)(url, follow=True)
    assert response.status_code in (200, 403)
    assert "没有发布权限" in response.content.decode()
    target.refresh_from_db()
    assert target.alias_of_id is None
    assert Translation.objects.filter(
        source__object_id=live_guide.translation_key, target_locale=english
    ).exists()
    # nor can another center's people, whatever their role
    for who in ("editor", "director"):
        other = getattr(b.client(who), method)(url)
        assert other.status_code in (302, 403, 404)
    target.refresh_from_db()
    assert target.alias_of_id is None


def test_the_edit_screens_convert_button_leads_to_the_same_refusal(
    towns, english, live_guide, django_capture_on_commit_callbacks
):
    a, _ = towns
    target = _live_translation(a, live_guide, english, django_capture_on_commit_callbacks)
    client = a.client("editor")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/{target.pk}/edit/", {"localize-convert-to-alias": "1"}, follow=True
        )
        client.post(f"/admin/localize/page/{target.pk}/convert_to_alias/")
    target.refresh_from_db()
    assert target.alias_of_id is None
    assert "没有发布权限" in response.content.decode()


def test_the_director_may_convert_a_translation_back_into_an_alias(
    towns, english, live_guide, django_capture_on_commit_callbacks
):
    a, _ = towns
    target = _live_translation(a, live_guide, english, django_capture_on_commit_callbacks)
    url = f"/admin/localize/page/{target.pk}/convert_to_alias/"
    with django_capture_on_commit_callbacks(execute=True):
        response = a.client("director").post(url)
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.alias_of_id == live_guide.pk
