"""The single-veto items counted by the official thresholds, on a small tree."""

import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from core.sections import SectionKind
from documents.models import PolicyDocumentPage
from inspection.export import as_xlsx
from inspection.models import LinkResult, Probe
from inspection.report_pdf import report_html
from inspection.services import columns as cols
from inspection.services import monitor, report
from inspection.services.footer import marks_in
from interaction.models import Letter
from pages.models import GuideMaterial, NoticePage, SectionPage
from tests.factories import make_guide, publish

pytestmark = pytest.mark.django_db


def _column(parent, slug, kind=SectionKind.NEWS):
    column = SectionPage(title=f"栏目{slug}", slug=slug, kind=kind)
    parent.add_child(instance=column)
    return publish(column)


def _notice(column, days_ago, slug=None):
    start = timezone.localdate() - dt.timedelta(days=days_ago)
    notice = NoticePage(
        title=f"通知{days_ago}",
        slug=slug or f"n{days_ago}",
        kind="notice",
        notice_start=start,
        notice_end=start + dt.timedelta(days=400),
        expire_on_end=False,
        body="<p>内容</p>",
    )
    column.add_child(instance=notice)
    return publish(notice)


def _item(code, center=None):
    ctx = monitor.context(only=center)
    return next(i for i in monitor.all_items(ctx) if i.code == code)


@pytest.fixture
def fresh(towns):
    """The two towns with every column holding a notice of yesterday: nothing to count yet."""
    today = timezone.localdate()
    for column in cols.columns():
        if column.empty or column.not_updated(today):
            _notice(SectionPage.objects.get(pk=column.page_id), days_ago=1, slug="yesterday")
    assert not _item("columns").failed
    return towns


def test_months_before_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert cols.months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)
    assert cols.months_before(dt.date(2024, 8, 31), 6) == dt.date(2024, 2, 29)
    assert cols.months_before(dt.date(2026, 3, 15), 6) == dt.date(2025, 9, 15)


def test_five_stale_news_columns_fail_the_site_and_four_do_not(fresh):
    a, b = fresh
    made = []
    for n in range(monitor.STALE_TIMED):
        column = _column(a.center if n % 2 else b.center, f"news{n}")
        _notice(column, days_ago=15, slug=f"old{n}")  # one day past the 2 weeks
        made.append(column)
    _notice(_column(a.center, "recent"), days_ago=14, slug="edge")  # the 14th day still counts
    item = _item("columns")
    assert item.failed, item.value
    assert {p.unit for p in item.problems} == {a.center.title, b.center.title}
    assert "工作动态" not in item.value and "5 个" in item.value
    # Publishing into one of them (dated within the 2 weeks) brings the count below 5.
    _notice(made[0], days_ago=3, slug="fresh")
    assert not _item("columns").failed


def test_notice_and_policy_columns_have_six_months(fresh):
    a, _b = fresh
    for n in range(monitor.STALE_TIMED):
        column = _column(a.center, f"notices{n}", kind=SectionKind.NOTICES)
        _notice(column, days_ago=150, slug="five-months")
    assert not _item("columns").failed
    for n in range(monitor.STALE_TIMED):
        _notice(_column(a.center, f"docs{n}", kind=SectionKind.DOCUMENTS), days_ago=200)
    assert _item("columns").failed


def test_an_item_without_a_date_or_dated_in_the_future_does_not_update_a_column(towns):
    a, _b = towns
    column = _column(a.center, "policies", kind=SectionKind.DOCUMENTS)
    document = PolicyDocumentPage(
        title="无日期的文件", slug="undated", publish_date=None, body="<p>正文</p>"
    )
    column.add_child(instance=document)
    publish(document)
    _notice(_column(a.center, "future-news"), days_ago=-3, slug="future")
    by_slug = {c.title: c for c in cols.columns()}
    today = timezone.localdate()
    assert by_slug["栏目policies"].items == 1 and by_slug["栏目policies"].not_updated(today)
    assert by_slug["栏目future-news"].newest is None
    assert by_slug["栏目future-news"].not_updated(today)


def test_five_blank_columns_fail_even_when_nothing_else_is_stale(fresh):
    a, _b = fresh
    for n in range(monitor.EMPTY_COLUMNS - 1):
        _column(a.center, f"blank{n}", kind=SectionKind.GUIDES)
    assert not _item("columns").failed
    _column(a.center, "blank-last", kind=SectionKind.GUIDES)
    item = _item("columns")
    assert item.failed
    blank = [p for p in item.problems if "空白栏目" in p.detail]
    assert len(blank) >= monitor.EMPTY_COLUMNS and all(p.edit_url for p in blank)


def test_one_center_narrowed_counts_only_its_own_columns(fresh):
    a, b = fresh
    for n in range(monitor.EMPTY_COLUMNS):
        _column(b.center, f"blank{n}", kind=SectionKind.GUIDES)
    assert _item("columns").failed
    assert not _item("columns", center=a.center).failed
    assert _item("columns", center=b.center).failed


def _letter(center, days_ago, status=Letter.Status.RECEIVED, kind=Letter.Kind.CONSULT, n=1):
    received = timezone.localdate() - dt.timedelta(days=days_ago)
    return Letter.objects.create(
        center=center,
        kind=kind,
        subject=f"来信{n}",
        body="内容",
        code=f"T{n:08d}",
        status=status,
        received_on=received,
        due_on=received + dt.timedelta(days=7),
    )


def test_a_letter_unanswered_for_more_than_three_months_fails_and_its_reply_clears_it(towns):
    a, _b = towns
    assert not _item("letters").failed
    letter = _letter(a.center, days_ago=95)
    _letter(a.center, days_ago=400, n=2)  # older than the year the inspection looks at
    _letter(a.center, days_ago=120, kind=Letter.Kind.ERROR, n=3)  # 找错 has its own rule
    _letter(a.center, days_ago=60, n=4)  # overdue, but not yet three months
    item = _item("letters")
    assert item.failed and [p.title for p in item.problems] == [f"咨询来信 {letter.code}"]
    assert "来信1" not in str(report.run(store=False))  # the citizen's subject stays out
    assert item.problems[0].unit == a.center.title
    Letter.objects.filter(pk=letter.pk).update(
        status=Letter.Status.REPLIED, replied_on=timezone.localdate()
    )
    assert not _item("letters").failed


def _probes(n_ok, n_failed, seconds=1.0):
    for _ in range(n_ok):
        Probe.objects.create(url="http://x/", status=200, seconds=seconds)
    for _ in range(n_failed):
        Probe.objects.create(url="http://x/", status=None, seconds=None, error="无法连接")


def test_uptime_is_unknown_without_probes_and_fails_at_five_percent(db):
    assert _item("uptime").status == monitor.UNKNOWN
    _probes(20, 0)
    assert _item("uptime").status == monitor.PASS
    _probes(0, 1)  # 1 of 21: below 5%
    assert _item("uptime").status == monitor.PASS
    Probe.objects.create(url="http://x/", status=200, seconds=15.0)  # 15 s counts as not opened
    assert _item("uptime").status == monitor.FAIL  # 2 of 22 ≥ 5%


def test_probes_older_than_a_week_are_not_counted(db):
    _probes(0, 3)
    Probe.objects.update(at=timezone.now() - dt.timedelta(days=8))
    assert _item("uptime").status == monitor.UNKNOWN


def test_guides_with_catch_all_materials_or_missing_forms_are_listed(towns):
    a, _b = towns
    guide = make_guide(a.guides)
    GuideMaterial.objects.create(guide=guide, name="其他相关材料")
    GuideMaterial.objects.create(guide=guide, name="申请表", source="网上下载")
    item = _item("guides")
    details = " ".join(p.detail for p in item.problems if p.page_id == guide.pk)
    assert "其他相关材料" in details and "兜底" in details
    assert "申请表" in details and "没有可下载的表格" in details
    assert not item.failed  # one guide: far below the five the rule counts


def test_a_site_without_any_guide_fails_the_service_item(tree):
    assert _item("guides").failed


def test_footer_marks_are_read_from_the_served_html():
    html = (
        '<footer><span>网站标识码：<span class="n">5299000001</span></span>'
        "<span>黔ICP备 <span>12345678</span> 号</span>"
        '<a href="https://bszs.conac.cn/x">标识</a> <a href="/elder/">长辈模式</a></footer>'
    )
    present = {m.code: m.present for m in marks_in(html)}
    assert present == {
        "site_code": True,
        "icp": True,
        "police": False,
        "organiser": True,
        "elder": True,
        "error_report": False,
    }


def test_the_run_is_stored_with_the_worst_units_and_deductions(fresh):
    a, _b = fresh
    for n in range(monitor.EMPTY_COLUMNS):
        _column(a.center, f"blank{n}", kind=SectionKind.GUIDES)
    result = report.run()
    assert not result["passed"] and result["verdict"].startswith("不合格")
    assert result["worst_units"][0]["unit"] == a.center.title
    assert report.latest().result["score"] == result["score"] < 100
    assert any(d["label"] == "网站标识" for d in result["deductions"])  # the factories' footer


def test_hostile_titles_stay_text_on_the_screen_in_the_spreadsheet_and_the_pdf(fresh, client):
    a, _b = fresh
    hostile = _column(a.center, "hostile", kind=SectionKind.GUIDES)  # blank: listed to fix
    SectionPage.objects.filter(pk=hostile.pk).update(
        title='=HYPERLINK("http://x")<script>alert(1)</script>'
    )
    result = report.run()
    client.force_login(get_user_model().objects.create_superuser("insp-x", "x@x.invalid", "p"))
    html = client.get("/admin/inspection/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)" in html
    cells = [
        c.value
        for row in load_workbook(io.BytesIO(as_xlsx(result)))["待整改"].iter_rows()
        for c in row
    ]
    assert '\'=HYPERLINK("http://x")<script>alert(1)</script>' in cells
    assert "<script>alert(1)</script>" not in report_html(result, "青石县")


def test_the_link_deduction_counts_every_broken_link_not_only_those_listed(fresh, monkeypatch):
    a, _b = fresh
    column = _column(a.center, "links", kind=SectionKind.NOTICES)
    notice = _notice(column, days_ago=1, slug="dead-links")
    for n in range(3):
        LinkResult.objects.create(page=notice, url=f"/gone-{n}/", ok=False, error="页面不存在")
    monkeypatch.setattr(report, "BROKEN_SHOWN", 2)
    result = report.run(store=False)
    assert len(result["broken_links"]) == 2
    links = next(d for d in result["deductions"] if d["label"] == "链接可用性")
    assert links["detail"] == "失效链接 3 个" and links["points"] == 1.5
