"""The index follows the content: publish, unpublish, move, delete, privacy,
notice periods; drafts never appear."""

import datetime as dt

from django.utils import timezone

import pytest

from pages.models import NoticePage, SectionPage
from search import service
from search.models import SearchEntry
from tests.factories import make_guide, make_window, publish

pytestmark = pytest.mark.django_db


def titles(query, **filters):
    return [h.title for h in service.search(query, filters, per_page=50).results.hits]


@pytest.fixture
def guides_section(tree):
    return SectionPage.objects.child_of(tree["center"]).get(kind="guides")


def test_published_guide_is_found_at_once_and_drafts_never(guides_section, tree):
    window = make_window(tree["center"])
    make_guide(guides_section, window, title="社会保障卡补办")
    make_guide(guides_section, window, title="社会保障卡挂失", publish_it=False)
    assert titles("社保卡") == ["社会保障卡补办"] or "社会保障卡补办" in titles("社保")
    assert "社会保障卡挂失" not in titles("社会保障卡")


def test_unpublish_move_and_delete_update_the_index(guides_section, tree):
    guide = make_guide(guides_section, make_window(tree["center"]), title="残疾人证办理")
    assert titles("残疾人证") == ["残疾人证办理"]

    guide.unpublish()
    assert titles("残疾人证") == []

    publish(guide)
    old_url = service.search("残疾人证").results.hits[0].url
    other = SectionPage.objects.child_of(tree["center"]).get(kind="disclosure")
    guide.move(other, pos="last-child")
    new_url = service.search("残疾人证").results.hits[0].url
    assert new_url != old_url and "/disclosure/" in new_url

    guide.delete()
    assert titles("残疾人证") == []
    assert not SearchEntry.objects.filter(title="残疾人证办理").exists()


def test_private_pages_are_not_found(guides_section, tree):
    from wagtail.models import PageViewRestriction

    make_guide(guides_section, make_window(tree["center"]), title="内部培训安排")
    assert titles("内部培训") == ["内部培训安排"]
    PageViewRestriction.objects.create(
        page=guides_section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert titles("内部培训") == []


def test_a_notice_drops_out_of_search_when_its_period_ends(tree):
    section = SectionPage.objects.child_of(tree["center"]).get(kind="notices")
    today = timezone.localdate()
    for title, end in (
        ("特困供养对象公示", today + dt.timedelta(days=3)),
        ("临时救助对象公示", today - dt.timedelta(days=1)),
    ):
        notice = NoticePage(
            title=title,
            slug=f"n-{end:%d}",
            notice_start=today - dt.timedelta(days=7),
            notice_end=end,
            body="<p>现予公示。</p>",
        )
        section.add_child(instance=notice)
        publish(notice)
    assert titles("公示", kind="notice") == ["特困供养对象公示"]


def test_rebuild_command_indexes_everything_with_progress(demo, capsys):
    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    assert service.search("低保").results.total == 0
    call_command("search_index", "rebuild", verbosity=0)
    assert service.search("低保").results.total > 0
    call_command("search_index", "status")
    out = capsys.readouterr().out
    assert "embedded:" in out and "not configured" in out
