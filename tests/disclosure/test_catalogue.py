"""基层政务公开标准目录: the 公开时限 rules, the public page per center, the admin per center."""

import datetime as dt
import re

import pytest

from core.workdays import WorkingCalendar
from disclosure.models import CatalogueArea, CatalogueEntry, CatalogueLink
from disclosure.services import catalogue
from disclosure.services.catalogue import Kind, LinkedPage, State, Unit
from pages.models import VillageStationPage
from tests.factories import make_guide

D = dt.date
POLICY = "12-01"  # 社会救助 · 救助政策 · 信息形成或变更之日起20个工作日内, posted in the villages
GUIDE = "12-02"  # 社会救助 · 最低生活保障 · 办理指南 (实时), posted in the hall and the stations


def _page(client, town):
    response = client.get(f"{town.center.url}open-government/standard-catalogue/")
    assert response.status_code == 200
    return response.content.decode()


def _row(html: str, key: str) -> str:
    found = re.search(rf'<tr id="row-{key}".*?</tr>', html, re.S)
    assert found, key
    return found.group(0)


# --- 公开时限 --------------------------------------------------------------------------


def test_every_time_limit_in_the_file_is_a_rule_or_an_explicit_no_check():
    phrasings = {row.time_limit for row in catalogue.catalogue().rows.values()}
    assert len(phrasings) > 15
    for text in phrasings:
        rule = catalogue.parse_time_limit(text)
        if rule.kind is Kind.NO_CHECK:
            assert rule.reason, text
        else:
            assert rule.span or rule.deadlines, text
        assert catalogue.describe(rule)


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        ("信息形成或变更之日起20个工作日内", Kind.AFTER_CHANGE, (20, Unit.WORKING_DAYS)),
        ("作出决定之日起7个工作日内", Kind.AFTER_CHANGE, (7, Unit.WORKING_DAYS)),
        ("财政部门批复后20日内", Kind.AFTER_CHANGE, (20, Unit.DAYS)),
        ("收到评标报告之日起3日内", Kind.AFTER_CHANGE, (3, Unit.DAYS)),
        ("信息形成或变更之日起二十个工作日内", Kind.AFTER_CHANGE, (20, Unit.WORKING_DAYS)),
        ("实时", Kind.AFTER_CHANGE, (5, Unit.WORKING_DAYS)),
        ("及时", Kind.AFTER_CHANGE, (20, Unit.WORKING_DAYS)),
        ("48小时内", Kind.AFTER_CHANGE, (2, Unit.DAYS)),
        ("每季度", Kind.PERIODIC, (10, Unit.WORKING_DAYS)),
        ("每月", Kind.PERIODIC, (10, Unit.WORKING_DAYS)),
        ("每季度结束后15日内", Kind.PERIODIC, (15, Unit.DAYS)),
        ("年度", Kind.PERIODIC, (10, Unit.WORKING_DAYS)),
        ("每半年", Kind.PERIODIC, (10, Unit.WORKING_DAYS)),
    ],
)
def test_spans_and_periods(text, kind, span):
    rule = catalogue.parse_time_limit(text)
    assert rule.kind is kind
    assert (rule.span.amount, rule.span.unit) == span


@pytest.mark.parametrize(
    ("text", "deadlines"),
    [
        ("每年3月底前", ((3, 0),)),
        ("每年三月底前", ((3, 0),)),
        ("每年6月底前", ((6, 0),)),
        ("每年3月15日前", ((3, 15),)),
        ("每年3月前", ((2, 0),)),
        ("每学期开学前", ((2, 0), (8, 0))),
    ],
)
def test_dates_in_the_year(text, deadlines):
    rule = catalogue.parse_time_limit(text)
    assert rule.kind is Kind.DEADLINES and rule.deadlines == deadlines


@pytest.mark.parametrize(
    "text",
    [
        "收到申请之日起20个工作日内",
        "征求意见期限不少于30日",
        "拟申请征收土地前发布，公告期不少于10个工作日",
        "提前24小时",
        "按有关规定",
        "",
        "<b>??</b>" * 500,
    ],
)
def test_what_cannot_be_checked_says_so_and_never_fails(text):
    rule = catalogue.parse_time_limit(text)
    assert rule.kind is Kind.NO_CHECK and rule.reason


def test_overdue_counts_working_days_across_the_national_day_holiday():
    row = catalogue.catalogue().rows[POLICY]
    calendar = WorkingCalendar(overrides={})
    changed = D(2026, 9, 28)
    # 09-29 and 09-30 count, 10-01…10-08 do not (the holiday), 10-09 on: due 10-30.
    state, _last, due = catalogue.evaluate(row, [], D(2026, 10, 29), calendar, changed)
    assert (state, due) == (State.UNPUBLISHED, D(2026, 10, 30))
    state, _last, due = catalogue.evaluate(row, [], D(2026, 10, 31), calendar, changed)
    assert (state, due) == (State.OVERDUE, D(2026, 10, 30))
    older = [LinkedPage("旧文件", "/old/", D(2026, 5, 1))]
    state, last, _due = catalogue.evaluate(row, older, D(2026, 11, 2), calendar, changed)
    assert state is State.OVERDUE and last == D(2026, 5, 1)  # content older than the change
    newer = [LinkedPage("新文件", "/new/", D(2026, 10, 20))]
    state, *_ = catalogue.evaluate(row, newer, D(2026, 11, 2), calendar, changed)
    assert state is State.PUBLISHED


def test_periodic_and_yearly_rows_go_stale():
    calendar = WorkingCalendar(overrides={})
    quarterly = catalogue.catalogue().rows["12-04"]  # 保障对象名单, 每季度
    page = [LinkedPage("名单", "/list/", D(2026, 4, 10))]
    assert catalogue.evaluate(quarterly, page, D(2026, 7, 20), calendar)[0] is State.PUBLISHED
    state, _last, due = catalogue.evaluate(quarterly, page, D(2026, 8, 1), calendar)
    assert state is State.OVERDUE and due == D(2026, 7, 24)  # 07-10 + 10 working days
    yearly = next(r for r in catalogue.catalogue().rows.values() if r.time_limit == "每年3月底前")
    budget = [LinkedPage("预算", "/budget/", D(2025, 3, 20))]
    assert catalogue.evaluate(yearly, budget, D(2026, 3, 31), calendar)[0] is State.PUBLISHED
    assert catalogue.evaluate(yearly, budget, D(2026, 4, 1), calendar)[0] is State.OVERDUE


# --- The public page -------------------------------------------------------------------


def test_a_center_page_lists_its_rows_with_the_official_columns(towns, client):
    html = _page(client, towns[0])
    for column in ("公开事项", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限",
                   "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"):  # fmt: skip
        assert f">{column}</th>" in html, column
    township_rows = [r for r in catalogue.catalogue().rows.values() if "乡级" in r.levels]
    assert html.count('<tr id="row-') == len(township_rows)  # every area by default
    assert "<caption>" in html and 'scope="row"' in html and 'class="table-wrap"' in html
    assert "救助政策及标准" in _row(html, POLICY)


def test_chosen_areas_only(towns, client):
    for code in ("12", "10"):
        CatalogueArea.objects.create(unit=towns[0].center, area=code)
    html = _page(client, towns[0])
    assert 'id="area-12"' in html and 'id="area-10"' in html and 'id="area-03"' not in html
    assert 'id="area-03"' in _page(client, towns[1])  # the other center keeps the default


def test_a_row_links_its_live_page_and_not_a_draft(towns, client):
    guide = make_guide(towns[0].guides, title="最低生活保障办理指南")
    draft = make_guide(towns[0].guides, title="尚未发布的草稿", publish_it=False)
    entry = CatalogueEntry.objects.create(unit=towns[0].center, key=GUIDE)
    CatalogueLink.objects.create(entry=entry, page=guide, sort_order=0)
    CatalogueLink.objects.create(entry=entry, page=draft, sort_order=1)
    row = _row(_page(client, towns[0]), GUIDE)
    assert f'href="{guide.url}"' in row and "最低生活保障办理指南" in row
    assert "尚未发布的草稿" not in row
    assert "已公开" in row
    assert "未公开" in _row(_page(client, towns[0]), POLICY)
    assert "最低生活保障办理指南" not in _page(client, towns[1])


def test_an_overdue_row_is_flagged_after_the_national_day(towns, client, today):
    CatalogueEntry.objects.create(unit=towns[0].center, key=POLICY, changed_on=D(2026, 9, 28))
    today(D(2026, 10, 29))
    assert "逾期" not in _row(_page(client, towns[0]), POLICY)
    today(D(2026, 10, 31))
    row = _row(_page(client, towns[0]), POLICY)
    assert "逾期" in row and "应于 2026-10-30 前公开" in row
    assert "逾期 1 项" in _page(client, towns[0])


def test_board_channels_link_the_boards_and_their_print_products(towns, client):
    center = towns[0].center
    station = VillageStationPage.objects.child_of(center).live().first()
    row = _row(_page(client, towns[0]), GUIDE)  # 政务服务中心 and 便民服务站
    assert f'href="{center.url}disclosure/"' in row  # the hall's board online
    assert f'href="{station.url}"' in row and station.title in row
    assert "/admin/print/" not in row  # a citizen gets the boards, not the print menu
    row = _row(_page(towns[0].client("editor"), towns[0]), GUIDE)
    assert f"/admin/print/{center.pk}/download/disclosure-board" in row
    assert f"/admin/print/{center.pk}/download/disclosure-station-{station.slug}" in row
    pdf = towns[0].client("editor").get(f"/admin/print/{center.pk}/download/disclosure-board")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    online_only = "23-05"  # 义务教育, 政府网站 and 其他: no board
    assert catalogue.catalogue().rows[online_only].channels == ("政府网站", "其他")
    assert "og-catalogue__boards" not in _row(_page(client, towns[0]), online_only)


def test_a_note_with_html_is_shown_as_text(towns, client):
    note = '<script>alert("x")</script><b>注意</b>'
    CatalogueEntry.objects.create(unit=towns[0].center, key=POLICY, note=note)
    html = _page(client, towns[0])
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;注意&lt;/b&gt;" in html
    assert "<script>alert" not in html


def test_the_county_page_shows_the_county_rows(towns, client):
    html = client.get("/open-government/standard-catalogue/").content.decode()
    county_rows = [r for r in catalogue.catalogue().rows.values() if "县级" in r.levels]
    assert html.count('<tr id="row-') == len(county_rows)


def test_an_unknown_center_is_not_found(towns, client):
    assert client.get("/no-such-town/open-government/standard-catalogue/").status_code == 404


# --- The admin, per center --------------------------------------------------------------

ENTRIES = "/admin/snippets/disclosure/catalogueentry/"


def test_an_editor_chooses_the_areas_of_their_own_center_only(towns):
    a, b = towns
    url = f"/admin/disclosure/catalogue/{a.center.pk}/"
    response = a.client("editor").post(url, {"areas": ["12", "10"]})
    assert response.status_code == 302
    assert set(CatalogueArea.objects.filter(unit=a.center).values_list("area", flat=True)) == {
        "10",
        "12",
    }
    assert a.client("editor").get("/admin/disclosure/catalogue/").status_code == 302  # one unit
    page = a.client("director").get(url).content.decode()
    assert "社会救助" in page and "救助政策" in page
    assert a.client("editor").post(url, {}).status_code == 400  # at least one area
    for response in (
        b.client("editor").get(url),
        b.client("editor").post(url, {"areas": ["01"]}),
        b.client("director").post(f"{url}rows/{POLICY}/"),
    ):
        assert response.status_code == 404
    assert CatalogueArea.objects.filter(unit=a.center).count() == 2


def test_entries_are_edited_within_the_center(towns):
    a, b = towns
    CatalogueArea.objects.create(unit=a.center, area="12")
    response = a.client("editor").post(f"/admin/disclosure/catalogue/{a.center.pk}/rows/{POLICY}/")
    entry = CatalogueEntry.objects.get(unit=a.center, key=POLICY)
    assert response.status_code == 302 and response["Location"].endswith(f"/{entry.pk}/")
    edit = f"{ENTRIES}edit/{entry.pk}/"
    form = a.client("editor").get(edit).content.decode()
    assert "12 社会救助 · 救助政策 · 救助政策及标准" in form
    assert "10 涉农补贴" not in form  # only the chosen areas' rows
    guide = make_guide(a.guides, title="社会救助政策汇编")
    data = {
        "unit": a.center.pk,
        "key": POLICY,
        "changed_on": "2026-09-28",
        "note": "",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
        "links-0-page": guide.pk,
        "links-0-ORDER": "1",
        "links-0-DELETE": "",
        "links-0-id": "",
    }
    assert a.client("editor").post(edit, data).status_code == 302
    entry.refresh_from_db()
    assert entry.changed_on == D(2026, 9, 28) and entry.links.get().page_id == guide.pk
    # The other center's staff neither list, open nor save it.
    listing = b.client("editor").get(ENTRIES)
    assert listing.status_code == 200 and "救助政策及标准" not in listing.content.decode()
    assert "救助政策及标准" in a.client("editor").get(ENTRIES).content.decode()
    assert b.client("editor").get(edit).status_code == 404
    assert b.client("director").post(edit, {**data, "note": "改"}).status_code == 404
    entry.refresh_from_db()
    assert entry.note == ""
    # …nor place a new entry at the first center.
    created = b.client("editor").post(f"{ENTRIES}add/", {**data, "key": "12-03"})
    assert created.status_code == 200
    assert not CatalogueEntry.objects.filter(key="12-03").exists()


def test_a_row_outside_the_chosen_areas_is_refused(towns):
    a, _b = towns
    CatalogueArea.objects.create(unit=a.center, area="12")
    data = {"unit": a.center.pk, "key": "10-01", "changed_on": "", "note": "",
            "links-TOTAL_FORMS": "0", "links-INITIAL_FORMS": "0",
            "links-MIN_NUM_FORMS": "0", "links-MAX_NUM_FORMS": "1000"}  # fmt: skip
    response = a.client("editor").post(f"{ENTRIES}add/", data)
    assert response.status_code == 200 and not CatalogueEntry.objects.exists()
