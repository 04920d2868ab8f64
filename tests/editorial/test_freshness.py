"""内容健康度: stale and empty sections, guides missing 八公开, overdue reviews,
as each center's staff see them in the admin (and no one else's)."""

import datetime as dt

from django.test import Client
from django.utils import timezone

from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup

from editorial.freshness import EMPTY, OK, STALE, freshness_report, summary_text
from tests.factories import SectionPageFactory, make_guide, make_user, make_window, publish

INDEX = "/admin/freshness/"


def _notice(section, title="春耕补贴发放通知", slug="chungeng"):
    from pages.models import NoticePage

    today = timezone.localdate()
    notice = NoticePage(
        title=title,
        slug=slug,
        kind="notice",
        notice_start=today - dt.timedelta(days=3),
        notice_end=today + dt.timedelta(days=30),
        expire_on_end=False,
        body="<p>通知</p>",
    )
    section.add_child(instance=notice)
    return publish(notice)


def _published_days_ago(page, days: int) -> None:
    """Move the section and everything beneath it back in time, as if untouched since."""
    when = timezone.now() - dt.timedelta(days=days)
    Page.objects.filter(path__startswith=page.path).update(last_published_at=when)


def _section(center, kind):
    from pages.models import SectionPage

    return SectionPage.objects.child_of(center).get(kind=kind)


def _report_html(client, center):
    response = client.get(INDEX)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("section", attrs={"data-center": str(center.pk)})


def _status(report_html, section) -> str:
    row = report_html.find("tr", attrs={"data-section": str(section.pk)})
    assert row is not None, f"{section.title} not listed"
    return row.find_all("td")[-1].get_text(strip=True)


def test_service_reports_sections_guides_and_reviews_for_a_fixed_day(towns):
    from pages.models import VillageStationPage

    a, _ = towns
    today = dt.date(2026, 3, 2)
    aware = dt.datetime(2026, 3, 1, 10, 0, tzinfo=timezone.get_current_timezone())
    news = publish(SectionPageFactory(parent=a.center, title="工作动态", kind="news"))
    notices = _section(a.center, "notices")
    _notice(news, "春耕动员会", "dongyuan")
    _notice(notices)
    window = make_window(a.center)
    complete = make_guide(a.guides, window, title="临时救助申请", review_by=dt.date(2026, 3, 1))
    draft = make_guide(a.guides, window, publish_it=False, title="残疾人补贴", conditions="")
    station_guide = make_guide(VillageStationPage.objects.child_of(a.center).get(), window)
    Page.objects.filter(path__startswith=a.center.path).update(last_published_at=aware)
    Page.objects.filter(path__startswith=news.path).update(
        last_published_at=aware - dt.timedelta(days=20)
    )

    report = freshness_report(a.center, today=today)

    by_kind = {s.kind: s for s in report.sections}
    assert by_kind["news"].status == STALE and by_kind["news"].days_since == 21
    assert by_kind["notices"].status == OK and by_kind["notices"].days_since == 1
    assert by_kind["documents"].status == EMPTY and not by_kind["documents"].stale
    assert by_kind["guides"].status == OK
    assert by_kind["disclosure"].status == OK and not by_kind["disclosure"].empty
    assert by_kind["staff"].status == OK
    assert [g.title for g in report.guide_gaps] == ["残疾人补贴"]
    assert report.guide_gaps[0].missing == tuple(draft.missing_disclosures()) == ("受理条件",)
    assert not report.guide_gaps[0].live
    assert [(r.page_id, r.days_overdue) for r in report.overdue_reviews] == [(complete.pk, 1)]
    assert station_guide.pk not in {g.page_id for g in report.guide_gaps}
    assert report.problem_count == 4  # news stale, documents empty, one gap, one review
    assert summary_text(report) == (
        f"{a.center.title}：1 个栏目超期未更新，1 个空栏目，"
        "1 篇指南缺少八公开要素，1 个页面已过复核日期"
    )


def test_the_latest_revision_counts_not_the_live_one(towns):
    """A draft that removes an element is a gap; a draft that moves the review date on is not."""
    a, _ = towns
    today = timezone.localdate()
    window = make_window(a.center)
    broken = make_guide(a.guides, window, title="临时救助申请")
    broken.conditions = ""
    broken.save_revision()
    reviewed = make_guide(a.guides, window, review_by=today - dt.timedelta(days=5))
    reviewed.review_by = today + dt.timedelta(days=300)
    reviewed.save_revision()

    report = freshness_report(a.center)

    assert [(g.page_id, g.live, g.missing) for g in report.guide_gaps] == [
        (broken.pk, True, ("受理条件",))
    ]
    assert report.overdue_reviews == []


def test_station_guides_count_and_queries_do_not_grow_with_guides(
    towns, django_assert_max_num_queries
):
    from pages.models import VillageStationPage

    a, _ = towns
    station = VillageStationPage.objects.child_of(a.center).get()
    window = make_window(a.center)
    for n in range(6):
        make_guide(a.guides, window, title=f"指南{n}")
    make_guide(station, window, title="代办指南", publish_it=False, steps=[])

    with django_assert_max_num_queries(12):
        report = freshness_report(a.center)

    assert [(g.title, g.missing) for g in report.guide_gaps] == [("代办指南", ("办理程序",))]


def test_editor_sees_stale_and_empty_sections(towns):
    a, _ = towns
    notices = _section(a.center, "notices")
    _notice(notices)
    _published_days_ago(notices, 200)

    html = _report_html(a.client("editor"), a.center)

    assert _status(html, notices) == "超期未更新"
    assert _status(html, _section(a.center, "documents")) == "空栏目"
    assert _status(html, _section(a.center, "staff")) == "正常"
    assert "200 天前" in html.find("tr", attrs={"data-section": str(notices.pk)}).get_text()


def test_guides_missing_disclosures_and_past_review_are_listed_with_edit_links(towns):
    a, _ = towns
    window = make_window(a.center)
    gap = make_guide(a.guides, window, publish_it=False, title="残疾人补贴申请", conditions="")
    assert gap.missing_disclosures() == ["受理条件"]
    overdue = make_guide(
        a.guides,
        window,
        title="高龄津贴申领",
        review_by=timezone.localdate() - dt.timedelta(days=10),
    )

    html = _report_html(a.client("director"), a.center)

    gaps = html.find("ul", class_="freshness-guides")
    assert "残疾人补贴申请" in gaps.get_text() and "受理条件" in gaps.get_text()
    assert gaps.find("a")["href"] == f"/admin/pages/{gap.pk}/edit/"
    reviews = html.find("ul", class_="freshness-reviews")
    assert "高龄津贴申领" in reviews.get_text() and "10 天" in reviews.get_text()
    assert reviews.find("a")["href"] == f"/admin/pages/{overdue.pk}/edit/"


def test_a_center_sees_only_its_own_report(towns):
    a, b = towns
    make_guide(
        a.guides, make_window(a.center), publish_it=False, title="云溪秘密草稿", conditions=""
    )
    client = b.client("editor")

    page = client.get(INDEX).content.decode()
    assert b.center.title in page
    assert a.center.title not in page and "云溪秘密草稿" not in page
    assert client.get(f"{INDEX}{a.center.pk}/").status_code == 404
    own = client.get(f"{INDEX}{b.center.pk}/")
    assert own.status_code == 200 and b.center.title in own.content.decode()
    assert a.center.title not in client.get("/admin/").content.decode()


def test_staff_without_a_center_see_an_empty_state(towns):
    from django.contrib.auth.models import Permission

    a, _ = towns
    nobody = make_user("nobody")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(nobody)

    page = client.get(INDEX).content.decode()

    assert "您没有负责的便民服务中心" in page
    assert a.center.title not in page
    assert client.get(f"{INDEX}{a.center.pk}/").status_code == 404


def test_county_admin_sees_every_center(towns):
    a, b = towns
    admin = make_user("county")
    admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)

    page = client.get(INDEX).content.decode()

    assert a.center.title in page and b.center.title in page
    assert client.get(f"{INDEX}{a.center.pk}/").status_code == 200


def test_dashboard_panel_summarises_each_center(towns):
    a, _ = towns
    notices = _section(a.center, "notices")
    _notice(notices)
    _published_days_ago(notices, 200)
    make_guide(a.guides, make_window(a.center), publish_it=False, conditions="")  # no live guide

    soup = BeautifulSoup(a.client("editor").get("/admin/").content, "html.parser")

    panel = soup.find("ul", class_="freshness-panel")
    assert panel is not None
    link = panel.find("a")
    assert link["href"] == f"{INDEX}{a.center.pk}/"
    assert link.get_text(strip=True) == (
        f"{a.center.title}：1 个栏目超期未更新，2 个空栏目，1 篇指南缺少八公开要素"
    )


@pytest.mark.parametrize("who", ["editor", "director"])
def test_menu_item_is_shown_to_center_staff(towns, who):
    a, _ = towns
    assert "内容健康度" in a.client(who).get("/admin/").content.decode()


def test_command_prints_the_report(towns):
    from io import StringIO

    from django.core.management import call_command

    a, b = towns
    make_guide(a.guides, make_window(a.center), publish_it=False, title="残疾人补贴", conditions="")
    out = StringIO()

    call_command("freshness_report", center=a.center.slug, stdout=out)

    text = out.getvalue()
    assert "[空栏目] 政策文件" in text and "[缺八公开] 残疾人补贴：受理条件" in text
    assert b.center.title not in text
