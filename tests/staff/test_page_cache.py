"""The staff section's board in the public page cache, and the whereabouts API's
validators: a status change or a return time passing is seen at once, and a
hall TV's poll of an unchanged board is answered with 304."""

import datetime as dt
from unittest import mock

from django.utils import timezone

import pytest

from staff.models import WhereaboutsStatus
from staff.services.whereabouts import set_status

pytestmark = pytest.mark.django_db


def board_url(hall):
    return hall["center"].url + "staff/"


def test_a_status_change_is_on_the_cached_board_at_the_next_request(hall, client):
    url = board_url(hall)
    assert "下村走访" not in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    set_status(hall["a"], WhereaboutsStatus.objects.get(name="下村走访"))
    response = client.get(url)
    assert "下村走访" in response.content.decode()


def test_a_return_time_passing_ends_the_cached_board(hall, client):
    url = board_url(hall)
    until = timezone.now() + dt.timedelta(minutes=30)
    set_status(hall["a"], WhereaboutsStatus.objects.get(name="下村走访"), until=until)
    stored = client.get(url)
    assert stored["X-Page-Cache"] == "miss" and "status--overdue" not in stored.content.decode()
    later = until + dt.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "status--overdue" in response.content.decode()


def test_the_whereabouts_api_answers_304_until_the_board_changes(hall, client):
    url = f"/api/v1/centers/{hall['center'].slug}/whereabouts/"
    first = client.get(url)
    etag = first["ETag"]
    unchanged = client.get(url, headers={"if-none-match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == etag
    set_status(hall["b"], WhereaboutsStatus.objects.get(name="下村走访"))
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "下村走访" in changed.content.decode()


def test_the_notices_api_has_a_validator_too(hall, client):
    url = f"/api/v1/centers/{hall['center'].slug}/notices/"
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_an_unchanged_poll_is_answered_before_the_view_without_a_query(
    hall, client, django_assert_num_queries
):
    url = f"/api/v1/centers/{hall['center'].slug}/whereabouts/"
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        unchanged = client.get(url, headers={"if-none-match": etag})
    assert unchanged.status_code == 304 and unchanged["X-Page-Cache"] == "hit"
    assert unchanged["ETag"] == etag and unchanged["Access-Control-Allow-Origin"] == "*"
    # A poll without the validator, or with another one, still gets the board.
    assert client.get(url, headers={"if-none-match": '"other"'}).status_code == 200


def test_a_return_time_passing_ends_the_polls_304(hall, client):
    url = f"/api/v1/centers/{hall['center'].slug}/whereabouts/"
    until = timezone.now() + dt.timedelta(minutes=30)
    set_status(hall["a"], WhereaboutsStatus.objects.get(name="下村走访"), until=until)
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    later = until + dt.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        overdue = client.get(url, headers={"if-none-match": etag})
    assert overdue.status_code == 200 and overdue["ETag"] != etag
