"""The boards, the organisation page and the API ask the database the same number of
questions for four people or forty: photos come with their renditions, B posts
from the board's own map (a center of 200 once made 210 queries, one per person)."""

import json

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from tests.factories import StaffMemberFactory, make_image_file

pytestmark = pytest.mark.django_db

PAGES = ("staff/", "staff/organisation/")


def _add_people(hall, count, on_commit):
    """`count` more people on the civil-affairs window, each with a photo, in AB pairs
    where only the first names the second (the second finds the first from the map)."""
    from wagtail.images import get_image_model

    with on_commit(execute=True):  # the photos' renditions are made after the commit
        for n in range(0, count, 2):
            photos = [
                get_image_model().objects.create(title=f"工作照{n + i}", file=make_image_file())
                for i in range(2)
            ]
            b = StaffMemberFactory(
                center=hall["center"], name=f"乙{n}", window=hall["civil"], photo=photos[1]
            )
            StaffMemberFactory(
                center=hall["center"],
                name=f"甲{n}",
                window=hall["civil"],
                photo=photos[0],
                ab_partner=b,
            )


def _queries(client, url) -> tuple[int, str]:
    cache.clear()  # a cold cache: the renditions are read from the database
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


def _urls(hall):
    center = hall["center"]
    return [
        center.url + "staff/",
        center.url + "staff/organisation/",
        f"/hall/{center.slug}/",
        f"/api/v1/centers/{center.slug}/whereabouts/",
    ]


def test_query_counts_do_not_grow_with_the_staff(hall, client, django_capture_on_commit_callbacks):
    _add_people(hall, 2, django_capture_on_commit_callbacks)
    small = {url: _queries(client, url)[0] for url in _urls(hall)}
    _add_people(hall, 16, django_capture_on_commit_callbacks)
    large = {url: _queries(client, url)[0] for url in _urls(hall)}
    assert large == small


def test_the_organisation_page_names_b_posts_both_ways(
    hall, client, django_capture_on_commit_callbacks
):
    _add_people(hall, 2, django_capture_on_commit_callbacks)
    _count, html = _queries(client, hall["center"].url + "staff/organisation/")
    cells = BeautifulSoup(html, "html.parser").select("table.board tbody tr td")
    staff = " ".join(td.get_text(" ", strip=True) for td in cells)
    assert "甲0（B角 乙0）" in staff and "乙0（B角 甲0）" in staff
    assert "张民政（B角 李民政）" in staff


def test_every_photo_is_shown_from_its_prepared_rendition(
    hall, client, django_capture_on_commit_callbacks
):
    from wagtail.images.models import Rendition

    _add_people(hall, 4, django_capture_on_commit_callbacks)
    before = Rendition.objects.count()
    _count, board = _queries(client, hall["center"].url + "staff/")
    cards = BeautifulSoup(board, "html.parser").select("img.staff-card__photo")
    assert len(cards) == 4
    _count, api = _queries(client, f"/api/v1/centers/{hall['center'].slug}/whereabouts/")
    photos = [p["photo"] for g in json.loads(api)["groups"] for p in g["staff"]]
    assert sum(1 for url in photos if url) == 4
    assert Rendition.objects.count() == before
