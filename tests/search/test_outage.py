"""An Elasticsearch outage: publishing still works, search answers from the
embedded index with a notice, and every update is queued and replayed."""

from django.core.management import call_command

import pytest
from bs4 import BeautifulSoup

from pages.models import SectionPage
from search import service
from search.backends.base import BackendUnavailable
from search.models import PendingIndexUpdate
from tests.factories import make_guide, make_window, publish

pytestmark = pytest.mark.django_db


class FakeCluster:
    """Stands in for Elasticsearch: records what it receives, or refuses while down."""

    def __init__(self):
        self.up = True
        self.calls = 0
        self.documents: dict[str, str] = {}

    def _check(self):
        self.calls += 1
        if not self.up:
            raise BackendUnavailable("connection refused")

    def index(self, documents):
        self._check()
        self.documents.update({d.key: d.title for d in documents})

    def delete(self, keys):
        self._check()
        for key in keys:
            self.documents.pop(key, None)

    def search(self, query):
        self._check()
        raise AssertionError("not used here")


@pytest.fixture
def guides(tree):
    return SectionPage.objects.child_of(tree["center"]).get(kind="guides")


@pytest.fixture
def cluster(settings, monkeypatch):
    settings.ELASTICSEARCH_URL = "http://cluster.invalid:9200"
    fake = FakeCluster()
    monkeypatch.setattr(service, "remote", lambda: fake)
    return fake


@pytest.fixture
def unreachable(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    service._remote_for.cache_clear()
    yield
    service._remote_for.cache_clear()


def test_unreachable_cluster_publishing_works_and_search_falls_back(
    unreachable, guides, tree, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guide = make_guide(guides, make_window(tree["center"]), title="残疾人证办理")

    assert guide.live
    assert PendingIndexUpdate.objects.filter(key=f"page:{guide.pk}").exists()
    page = BeautifulSoup(client.get("/search/", {"q": "残疾人证"}).content, "html.parser")
    assert "残疾人证办理" in page.get_text()
    assert str(service.FALLBACK_NOTICE) in page.select_one("[role=status]").get_text()


def test_updates_made_during_an_outage_are_replayed_when_it_ends(
    guides, tree, cluster, django_capture_on_commit_callbacks
):
    window = make_window(tree["center"])
    with django_capture_on_commit_callbacks(execute=True):
        doomed = make_guide(guides, window, title="临时救助申请")
    assert f"page:{doomed.pk}" in cluster.documents

    cluster.up = False
    with django_capture_on_commit_callbacks(execute=True):
        added = make_guide(guides, window, title="高龄津贴申领")
    with django_capture_on_commit_callbacks(execute=True):
        doomed.delete()
    with django_capture_on_commit_callbacks(execute=True):
        added.title = "高龄津贴申领（80周岁以上）"
        publish(added)

    assert set(PendingIndexUpdate.objects.values_list("key", flat=True)) == {
        f"page:{added.pk}",
        f"page:{doomed.pk}",
    }
    with pytest.raises(Exception, match="still unavailable"):
        call_command("search_index", "replay")

    cluster.up = True
    call_command("search_index", "replay")

    assert cluster.documents[f"page:{added.pk}"] == "高龄津贴申领（80周岁以上）"
    assert f"page:{doomed.pk}" not in cluster.documents
    assert not PendingIndexUpdate.objects.exists()


def test_a_down_cluster_is_not_asked_again_at_every_publish(
    guides, tree, cluster, django_capture_on_commit_callbacks
):
    window = make_window(tree["center"])
    cluster.up = False
    with django_capture_on_commit_callbacks(execute=True):
        first = make_guide(guides, window, title="临时救助申请")
    calls = cluster.calls
    with django_capture_on_commit_callbacks(execute=True):
        second = make_guide(guides, window, title="高龄津贴申领")

    assert cluster.calls == calls  # queued straight away while marked down
    pending = set(PendingIndexUpdate.objects.values_list("key", flat=True))
    assert {f"page:{first.pk}", f"page:{second.pk}"} <= pending
    assert "备用检索" in " ".join(service.search("津贴").notices)
