"""A worker killed mid-publish leaves a durable record that brings search up to date.

Reported: killing the worker during a publish left the search entry with the
old title and nothing queued. Wagtail commits the page, then sends
page_published (which indexes); the crash is simulated right there.
"""

from unittest import mock

from django.core.management import call_command

from wagtail.signals import page_published

import pytest

from pages.models import SectionPage
from search import service
from search.indexing import page_key
from search.models import PendingIndexUpdate, SearchEntry
from tests.factories import make_guide, make_window
from tests.search.test_outage import FakeCluster

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even except-Exception handlers."""


@pytest.fixture
def guide(tree):
    section = SectionPage.objects.child_of(tree["center"]).get(kind="guides")
    return make_guide(section, make_window(tree["center"]), title="临时救助申请")


def _publish_and_die(guide, title):
    guide.title = title
    revision = guide.save_revision()
    with (
        mock.patch.object(page_published, "send", side_effect=WorkerKilled),
        pytest.raises(WorkerKilled),
    ):
        revision.publish()


def test_a_crash_between_commit_and_indexing_is_recorded_and_replayed(guide):
    key = page_key(guide.pk)
    assert SearchEntry.objects.get(key=key).title == "临时救助申请"

    _publish_and_die(guide, "临时救助申请（急难型）")

    assert PendingIndexUpdate.objects.filter(key=key).exists()
    call_command("search_index", "replay")
    assert SearchEntry.objects.get(key=key).title == "临时救助申请（急难型）"
    assert not PendingIndexUpdate.objects.exists()
    assert [h.title for h in service.search("急难型").results.hits] == ["临时救助申请（急难型）"]


def test_the_record_also_reaches_elasticsearch(guide, settings, monkeypatch):
    settings.ELASTICSEARCH_URL = "http://cluster.invalid:9200"
    cluster = FakeCluster()
    monkeypatch.setattr(service, "remote", lambda: cluster)

    _publish_and_die(guide, "临时救助申请（支出型）")
    call_command("search_index", "replay")

    assert cluster.documents[page_key(guide.pk)] == "临时救助申请（支出型）"
    assert SearchEntry.objects.get(key=page_key(guide.pk)).title == "临时救助申请（支出型）"
    assert not PendingIndexUpdate.objects.exists()


def test_an_unpublish_that_dies_midway_is_replayed_too(guide):
    guide.save_revision()
    from wagtail.signals import page_unpublished

    with (
        mock.patch.object(page_unpublished, "send", side_effect=WorkerKilled),
        pytest.raises(WorkerKilled),
    ):
        guide.unpublish()
    call_command("search_index", "replay")
    assert not SearchEntry.objects.filter(key=page_key(guide.pk)).exists()


def test_a_normal_publish_leaves_nothing_recorded(guide):
    guide.title = "临时救助申请（修订）"
    guide.save_revision().publish()
    assert not PendingIndexUpdate.objects.filter(key=page_key(guide.pk)).exists()
    assert SearchEntry.objects.get(key=page_key(guide.pk)).title == "临时救助申请（修订）"
