"""An address is routed in one query for the whole path, with Wagtail's answers."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from pages.models import SectionPage, ServiceGuidePage
from pages.routing import ancestors, nearest
from tests.factories import make_guide, make_window


def _guides_section(tree):
    return SectionPage.objects.child_of(tree["center"]).get(kind="guides")


def test_a_guide_four_levels_down_is_found_in_two_page_queries(rf, tree):
    guide = make_guide(_guides_section(tree), window=make_window(tree["center"]))
    request = rf.get(guide.url)

    with CaptureQueriesContext(connection) as captured:
        page, args, kwargs = Page.route_for_request(request, guide.url[len("/") :])

    assert page.pk == guide.pk and isinstance(page, ServiceGuidePage)
    # Wagtail's own routing reads two rows per level below the site root (six
    # here, nine in all): now the path's pages in one query and the guide's own
    # row, with its window and department, in another.
    assert len(captured.captured_queries) == 5  # the site, its locale and its root first
    section = _guides_section(tree)
    with CaptureQueriesContext(connection) as captured:
        assert page.window.number == 1 and page.department.name == "民政办"
        assert [p.pk for p in ancestors(page)] == [tree["home"].pk, tree["center"].pk, section.pk]
    assert captured.captured_queries == []  # all came with the route
    with CaptureQueriesContext(connection) as captured:
        for _ in range(3):  # the guide's unit, the frame's center, ...
            assert nearest(page, type(tree["center"])).pk == tree["center"].pk
    assert len(captured.captured_queries) == 1  # its specific row, once


def test_a_guide_page_shows_its_frame_without_looking_up_its_ancestors_again(client, tree):
    guide = make_guide(_guides_section(tree), window=make_window(tree["center"]))

    with CaptureQueriesContext(connection) as captured:
        response = client.get(guide.url)

    assert response.status_code == 200
    assert tree["center"].title in response.content.decode()
    lookup = '"wagtailcore_page"."path" IN'
    ancestor_lookups = [q for q in captured.captured_queries if lookup in q["sql"]]
    # Only Wagtail's own view-restriction check still asks for them (seven before).
    assert len(ancestor_lookups) <= 2
    assert len(captured.captured_queries) <= 15


def test_missing_and_unpublished_pages_are_not_found(client, tree):
    section = _guides_section(tree)
    draft = make_guide(section, publish_it=False)

    assert client.get(f"{section.url}no-such-guide/").status_code == 404
    assert client.get(f"{section.url}{draft.slug}/").status_code == 404
    assert client.get(f"{tree['center'].url}no-such-section/deeper/").status_code == 404


def test_a_page_below_an_unpublished_section_is_still_served_as_wagtail_serves_it(client, tree):
    section = _guides_section(tree)
    guide = make_guide(section)
    section.unpublish()

    assert client.get(f"{tree['center'].url}{section.slug}/{guide.slug}/").status_code == 200


def test_routable_sub_addresses_still_reach_their_views(client, tree):
    home = tree["home"]

    assert client.get(f"{home.url}catalogue/").status_code == 200
    assert client.get(f"{home.url}items/").status_code == 200
    staff = SectionPage.objects.child_of(tree["center"]).get(kind="staff")
    assert client.get(f"{staff.url}organisation/").status_code == 200
