"""The guarded views stand on the libraries' own paths: reversing Wagtail's and
wagtail-localize's URL names must land on our guards, so an upgrade that moves
or renames a path fails here instead of silently reaching the unguarded view."""

from django.test import Client
from django.urls import resolve, reverse

import pytest

from editorial import chooser, views
from editorial.services.roles import ensure_county_admin_group
from tests.editorial import conftest as editorial_fixtures
from tests.factories import make_user

towns = editorial_fixtures.towns  # the two-center fixture, shared with tests/editorial


def _wrapped_chain(func):
    """The resolved callable and everything it wraps (each decorator keeps __wrapped__)."""
    while func is not None:
        yield func
        func = getattr(func, "__wrapped__", None)


def _reaches(url: str, view) -> bool:
    chain = list(_wrapped_chain(resolve(url).func))
    return any(f is view or getattr(f, "view_class", None) is view for f in chain)


LOCALIZE_GUARDS = [
    ("submit_page_translation", {"page_id": 7}, views.guarded_submit_page_translation),
    (
        "submit_snippet_translation",
        {"app_label": "pages", "model_name": "servicewindow", "pk": "7"},
        views.guarded_submit_snippet_translation,
    ),
    ("update_translations", {"translation_source_id": 7}, views.guarded_update_translations),
    ("convert_to_alias", {"page_id": 7}, views.guarded_convert_to_alias),
    ("translations_report", {}, views.translations_report),
    ("translations_report_results", {}, views.translations_report_results),
]

CHOOSER_GUARDS = [
    ("wagtailadmin_choose_page", {}, chooser.BrowseView),
    ("wagtailadmin_choose_page_child", {"parent_page_id": 7}, chooser.BrowseView),
    ("wagtailadmin_choose_page_search", {}, chooser.SearchView),
    ("wagtailadmin_choose_page_chosen_multiple", {}, chooser.ChosenMultipleView),
]


@pytest.mark.parametrize(("name", "kwargs", "guard"), LOCALIZE_GUARDS)
def test_wagtail_localizes_url_names_reach_the_guards(name, kwargs, guard):
    assert _reaches(reverse(f"wagtail_localize:{name}", kwargs=kwargs), guard)


@pytest.mark.parametrize(("name", "kwargs", "guard"), CHOOSER_GUARDS)
def test_wagtails_page_chooser_url_names_reach_the_scoped_chooser(name, kwargs, guard):
    assert _reaches(reverse(name, kwargs=kwargs), guard)


def test_the_check_itself_tells_a_guard_from_the_librarys_view():
    """Without this, a _reaches that always said yes would pass the tests above."""
    url = reverse("wagtail_localize:submit_page_translation", kwargs={"page_id": 7})
    assert not _reaches(url, views.guarded_update_translations)
    assert not _reaches(reverse("wagtailadmin_choose_page"), chooser.SearchView)


def test_the_page_chooser_is_never_cached_like_every_admin_view(towns):
    a, _ = towns
    response = a.client("editor").get(reverse("wagtailadmin_choose_page"))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["translations_report", "translations_report_results"])
def test_the_county_wide_translations_report_is_the_countys_alone(towns, name):
    """Its results, fetched by the report's filters, list every center's pages too."""
    a, _ = towns
    url = reverse(f"wagtail_localize:{name}")
    assert a.client("editor").get(url).status_code == 404
    assert a.client("director").get(url).status_code == 404
    county = make_user("county-admin")
    county.groups.add(ensure_county_admin_group())
    client = Client()
    client.force_login(county)
    assert client.get(url).status_code == 200
