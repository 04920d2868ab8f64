"""Catalogue import/export: files as staff save them, every bad row reported, round trip.

Test files are built in tmp_path with openpyxl and csv; no binary fixtures.
"""

import csv
import io
import time
import zipfile

from django.core.management import CommandError, call_command
from django.test import Client

from wagtail.models import Page, PageLogEntry, Revision

import openpyxl
import pytest

from pages.models import (
    Department,
    LifeEvent,
    SectionPage,
    ServiceCenterPage,
    ServiceGuidePage,
    ServiceWindow,
)
from pages.services import catalogue_io
from pages.services.catalogue_io import (
    CatalogueError,
    CenterLookups,
    export_catalogue,
    import_catalogue,
    parse_days,
    parse_legal_bases,
    parse_materials,
    parse_row,
    parse_steps,
    parse_visits,
    read_table,
    snapshot,
)
from tests.factories import ServiceCenterPageFactory, publish

HEADERS = [
    "事项编码",
    "事项名称",
    "事项类型",
    "办件类型",
    "服务对象",
    "办理窗口",
    "实施部门",
    "主题",
    "办理依据",
    "受理条件",
    "申报材料",
    "办理程序",
    "法定时限",
    "承诺时限",
    "到现场次数",
    "收费标准",
    "收费依据",
    "咨询电话",
    "投诉电话",
]


def item(code: str = "T-001", title: str = "最低生活保障申请", **changes) -> dict:
    """A complete row (satisfies the 八公开), keyed by header."""
    values = {
        "事项编码": code,
        "事项名称": title,
        "事项类型": "行政给付",
        "办件类型": "上报件",
        "服务对象": "个人",
        "办理窗口": "2号",
        "实施部门": "民政办",
        "主题": "社会救助、养老",
        "办理依据": "《社会救助暂行办法》第九条至第十二条\n《青石县低保实施细则（演示）》",
        "受理条件": "持有本县户籍，家庭人均收入低于当地最低生活保障标准。",
        "申报材料": "居民身份证（原件和复印件）；居民户口簿（复印件，2份）；"
        "残疾人证（复印件，非必须：家庭成员有残疾的）",
        "办理程序": "申请→受理→调查核实→审批",
        "法定时限": "30个工作日",
        "承诺时限": "２０个工作日",
        "到现场次数": "最多跑一次",
        "收费标准": "不收费",
        "收费依据": "",
        "咨询电话": "",
        "投诉电话": "",
    }
    values.update(changes)
    return values


def write_xlsx(path, rows, headers=HEADERS, title_row=None):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title_row:
        sheet.append([title_row])
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h, "") for h in headers])
    workbook.save(path)
    return path


def write_csv(path, rows, headers=HEADERS, encoding="utf-8-sig"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row.get(h, "") for h in headers])
    return path


def guides(center):
    """The center's own guides (not its village stations'), as import and export see them."""
    return catalogue_io.center_guides(center)


@pytest.fixture
def center(tree):
    """The tree's center with two windows, a department and two themes."""
    center = tree["center"]
    civil = Department.objects.create(center=center, name="民政办")
    Department.objects.create(center=center, name="人社服务中心")
    window = ServiceWindow.objects.create(unit=center, number=2, name="民政救助窗口")
    window.departments.add(civil)
    ServiceWindow.objects.create(unit=center, number=3, name="人社窗口")
    LifeEvent.objects.create(name="社会救助", slug="relief", sort_order=1)
    LifeEvent.objects.create(name="养老", slug="pension", sort_order=2)
    return center


# -- value parsing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("5个工作日", 5),
        ("5 个工作日", 5),
        ("５个工作日", 5),
        ("十五个工作日", 15),
        ("20日内", 20),
        ("7", 7),
        ("即办", 0),
        ("当场办结", 0),
        ("即办（当场办结）", 0),
        ("", None),
    ],
)
def test_time_limits_are_read_as_working_days(text, days):
    assert parse_days(text, "承诺时限") == days


@pytest.mark.parametrize("text", ["尽快", "5个月", "约5天左右"])
def test_unreadable_time_limit_is_an_error_naming_the_value(text):
    with pytest.raises(ValueError, match=f"承诺时限“{text}”无法识别"):
        parse_days(text, "承诺时限")


@pytest.mark.parametrize("text", ["三五个工作日", "一两天", "两三日内"])
def test_a_range_of_days_is_an_error_not_its_last_number(text):
    """'三五个工作日' (three to five) was read as 5 before the shared numeral parser."""
    with pytest.raises(ValueError, match=f"承诺时限“{text}”无法识别"):
        parse_days(text, "承诺时限")


@pytest.mark.parametrize(
    ("text", "visits"), [("零跑动", 0), ("最多跑一次", 1), ("需到现场 2 次", 2), ("3次", 3)]
)
def test_visits(text, visits):
    assert parse_visits(text) == visits


def test_materials_keep_brackets_that_are_part_of_the_name():
    specs = parse_materials(
        "1.一卡通（惠民资金发放卡）（复印件）\n2.居民身份证（原件和复印件，2份）\n"
        "3.残疾人证（复印件，非必须：家庭成员有残疾的，或监护人代办的）\n4.结婚证（夫妻双方）"
    )
    assert [(s.name, s.original_or_copy, s.copies, s.required, s.condition) for s in specs] == [
        ("一卡通（惠民资金发放卡）", "copy", 1, True, ""),
        ("居民身份证", "both", 2, True, ""),
        ("残疾人证", "copy", 1, False, "家庭成员有残疾的，或监护人代办的"),
        ("结婚证（夫妻双方）", "original", 1, True, ""),
    ]


def test_legal_bases_split_into_law_and_articles():
    specs = parse_legal_bases(
        "《社会救助暂行办法》第九条；中华人民共和国社会保险法第二十条；某某办法"
    )
    assert [(s.law, s.articles) for s in specs] == [
        ("社会救助暂行办法", "第九条"),
        ("中华人民共和国社会保险法", "第二十条"),
        ("某某办法", ""),
    ]


def test_steps_split_by_arrows_lines_or_semicolons():
    assert [s.title for s in parse_steps("申请→受理→办结")] == ["申请", "受理", "办结"]
    assert [s.title for s in parse_steps("申请；受理")] == ["申请", "受理"]
    steps = parse_steps("申请：到窗口提交；含村代办\n审批：县民政局审批")
    assert [(s.title, s.description) for s in steps] == [
        ("申请", "到窗口提交；含村代办"),
        ("审批", "县民政局审批"),
    ]


def test_a_row_lists_every_problem_at_once(center):
    lookups = CenterLookups.for_center(center)
    row = item(承诺时限="尽快", 办理窗口="9号", 事项类型="行政审查", 咨询电话="12")
    columns = catalogue_io.map_headers(HEADERS).columns
    bad = parse_row(7, [row[h] for h in HEADERS], columns, lookups)
    assert bad.row_number == 7
    assert len(bad.reasons) == 4
    assert "承诺时限“尽快”无法识别" in bad.message
    assert "办理窗口“9号”不是本中心的窗口" in bad.message
    assert "事项类型“行政审查”无法识别" in bad.message
    assert "咨询电话" in bad.message


# -- importing ---------------------------------------------------------------------


def test_good_xlsx_creates_published_guides_in_the_guides_section(center, tmp_path):
    path = write_xlsx(
        tmp_path / "目录.xlsx",
        [item(), item("T-002", "高龄津贴申领", 承诺时限="即办", 办理窗口="民政救助窗口")],
    )

    report = import_catalogue(path, center)

    assert (len(report.created), len(report.bad_rows), report.applied) == (2, 0, True)
    section = SectionPage.objects.child_of(center).get(kind="guides")
    guide = ServiceGuidePage.objects.child_of(section).get(item_code="T-001")
    assert guide.live and not guide.has_unpublished_changes
    assert guide.live_revision_id == guide.latest_revision_id is not None
    assert (guide.item_type, guide.handling_mode, guide.audience) == (
        "payment",
        "referred",
        "individual",
    )
    assert (guide.window.number, guide.department.name) == (2, "民政办")
    assert {t.slug for t in guide.themes.all()} == {"relief", "pension"}
    assert (guide.statutory_limit_days, guide.promised_limit_days, guide.visits) == (30, 20, 1)
    assert guide.fee_free is True
    assert [(b.law, b.articles) for b in guide.legal_bases.all()] == [
        ("社会救助暂行办法", "第九条至第十二条"),
        ("青石县低保实施细则（演示）", ""),
    ]
    materials = [(m.name, m.original_or_copy, m.copies, m.required) for m in guide.materials.all()]
    assert materials == [
        ("居民身份证", "both", 1, True),
        ("居民户口簿", "copy", 2, True),
        ("残疾人证", "copy", 1, False),
    ]
    assert [s.title for s in guide.steps.order_by("sort_order")] == [
        "申请",
        "受理",
        "调查核实",
        "审批",
    ]
    assert ServiceGuidePage.objects.get(item_code="T-002").promised_limit_days == 0
    assert PageLogEntry.objects.filter(page=guide, action="wagtail.publish").exists()
    assert Page.find_problems() == ([], [], [], [], [])
    response = Client().get(guide.url)
    assert response.status_code == 200
    assert "居民户口簿" in response.content.decode()


def test_utf8_bom_csv(center, tmp_path):
    path = write_csv(tmp_path / "目录.csv", [item(), item("T-002", "高龄津贴申领")])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    report = import_catalogue(path, center)

    assert len(report.created) == 2
    assert ServiceGuidePage.objects.get(item_code="T-001").title == "最低生活保障申请"


def test_gbk_csv_is_detected(center, tmp_path):
    path = write_csv(tmp_path / "目录.csv", [item(), item("T-002", "高龄津贴申领")], encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")

    report = import_catalogue(path, center)

    assert len(report.created) == 2
    guide = ServiceGuidePage.objects.get(item_code="T-002")
    assert guide.title == "高龄津贴申领"
    assert guide.materials.first().name == "居民身份证"


def test_header_aliases_and_a_title_row_above_the_header(center, tmp_path):
    aliases = {
        "事项编码": "编码",
        "事项名称": "服务事项名称",
        "承诺时限": "承诺办结时限（工作日）",
        "法定时限": "法定办结时限",
        "申报材料": "申请材料",
        "办理程序": "办理流程",
    }
    headers = [aliases.get(h, h) for h in HEADERS]
    rows = [{aliases.get(h, h): v for h, v in item().items()}]
    path = write_xlsx(tmp_path / "a.xlsx", rows, headers, title_row="某镇便民服务中心事项目录")

    report = import_catalogue(path, center)

    assert len(report.created) == 1 and not report.unknown_columns
    guide = ServiceGuidePage.objects.get(item_code="T-001")
    assert (guide.title, guide.promised_limit_days, guide.statutory_limit_days) == (
        "最低生活保障申请",
        20,
        30,
    )
    assert guide.steps.count() == 4


def test_unknown_columns_are_reported_not_refused(center, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [item(备注="老系统导出")], [*HEADERS, "备注", "序号"])

    report = import_catalogue(path, center)

    assert report.unknown_columns == ["备注"]  # 序号 is a known column to ignore
    assert len(report.created) == 1


def test_missing_required_column_refuses_the_whole_file(center, tmp_path):
    headers = [h for h in HEADERS if h != "事项编码"]
    path = write_xlsx(tmp_path / "a.xlsx", [item()], headers)

    with pytest.raises(CatalogueError, match="缺少必需的列：事项编码"):
        import_catalogue(path, center)
    assert not guides(center).exists()


def test_bad_rows_write_nothing_and_are_all_listed(center, tmp_path):
    rows = [
        item("T-001"),
        item("T-002", 承诺时限="尽快办理"),
        item("T-003", 办理窗口="9号窗口"),
        item("T-004"),
        item("T-004", "重复的事项"),
        item("", "没有编码的事项"),
    ]
    path = write_xlsx(tmp_path / "a.xlsx", rows)

    report = import_catalogue(path, center)

    assert report.refused and not report.applied
    assert not guides(center).exists()
    reasons = {bad.row_number: bad.message for bad in report.bad_rows}
    assert sorted(reasons) == [3, 4, 5, 6, 7]
    assert "承诺时限“尽快办理”无法识别" in reasons[3]
    assert "办理窗口“9号窗口”不是本中心的窗口" in reasons[4]
    assert "与第 6 行重复" in reasons[5] and "与第 5 行重复" in reasons[6]
    assert "事项编码为空" in reasons[7]


def test_skip_bad_rows_imports_the_good_ones(center, tmp_path):
    rows = [item("T-001"), item("T-002", 承诺时限="尽快"), item("T-003", "第三个事项")]
    path = write_xlsx(tmp_path / "a.xlsx", rows)

    report = import_catalogue(path, center, skip_bad_rows=True)

    assert [bad.row_number for bad in report.bad_rows] == [3]
    assert sorted(guides(center).values_list("item_code", flat=True)) == ["T-001", "T-003"]


def test_guides_missing_eight_disclosures_are_drafts(center, tmp_path):
    ServiceCenterPage.objects.filter(pk=center.pk).update(complaint_phone="")
    center.refresh_from_db()
    rows = [
        item("T-001", 办理依据="", 收费标准="按标准收取"),
        item("T-002", 投诉电话="0851-88882222"),
    ]
    path = write_xlsx(tmp_path / "a.xlsx", rows)

    report = import_catalogue(path, center)

    drafts = {o.item_code: o.missing for o in report.drafts}
    assert drafts == {"T-001": ["办理依据", "收费标准及依据", "咨询及投诉电话"]}
    draft = ServiceGuidePage.objects.get(item_code="T-001")
    assert not draft.live and draft.latest_revision_id and draft.live_revision_id is None
    assert ServiceGuidePage.objects.get(item_code="T-002").live


def test_import_again_updates_by_item_code(center, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [item("T-001"), item("T-002", "高龄津贴申领")])
    import_catalogue(path, center)
    guide = ServiceGuidePage.objects.get(item_code="T-001")
    revisions = Revision.objects.filter(object_id=str(guide.pk)).count()

    again = import_catalogue(path, center)
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 2)

    changed = write_xlsx(
        tmp_path / "b.xlsx", [item("T-001", 承诺时限="10个工作日"), item("T-002", "高龄津贴申领")]
    )
    report = import_catalogue(changed, center)

    assert [(o.item_code, o.changed) for o in report.updated] == [("T-001", ["承诺时限"])]
    assert guides(center).count() == 2
    guide.refresh_from_db()
    assert guide.promised_limit_days == 10 and guide.live
    assert guide.live_revision_id == guide.latest_revision_id
    assert Revision.objects.filter(object_id=str(guide.pk)).count() == revisions + 1


def test_an_update_missing_disclosures_leaves_the_live_version(center, tmp_path):
    import_catalogue(write_xlsx(tmp_path / "a.xlsx", [item()]), center)

    report = import_catalogue(write_xlsx(tmp_path / "b.xlsx", [item(受理条件="")]), center)

    assert [o.missing for o in report.drafts] == [["受理条件"]]
    guide = ServiceGuidePage.objects.get(item_code="T-001")
    assert guide.live and guide.has_unpublished_changes and guide.conditions
    assert guide.get_latest_revision_as_object().conditions == ""


def test_an_item_code_twice_in_the_center_is_a_bad_row(center, tmp_path):
    import_catalogue(write_xlsx(tmp_path / "a.xlsx", [item()]), center)
    section = SectionPage.objects.child_of(center).get(kind="guides")
    duplicate = ServiceGuidePage(
        title="手工录入的事项", slug="dup", item_code="T-001", item_type="other"
    )
    section.add_child(instance=duplicate)

    report = import_catalogue(write_xlsx(tmp_path / "b.xlsx", [item(承诺时限="3个工作日")]), center)

    assert report.refused
    assert "本中心已有 2 个事项编码为“T-001”的办事指南" in report.bad_rows[0].message
    assert ServiceGuidePage.objects.get(slug="t-001").promised_limit_days == 20


def test_guides_with_aliases_are_published_through_wagtail(tree, center, tmp_path):
    """Aliases must follow their original; Wagtail's own publish does that."""
    import_catalogue(write_xlsx(tmp_path / "a.xlsx", [item()]), center)
    other = publish(ServiceCenterPageFactory(parent=tree["home"]))
    other_section = SectionPage.objects.child_of(other).get(kind="guides")
    guide = ServiceGuidePage.objects.get(item_code="T-001")
    alias = guide.create_alias(parent=other_section, update_slug="t-001-copy")

    report = import_catalogue(
        write_xlsx(tmp_path / "b.xlsx", [item(承诺时限="10个工作日")]), center
    )

    assert [o.item_code for o in report.updated] == ["T-001"]
    assert ServiceGuidePage.objects.get(pk=guide.pk).promised_limit_days == 10
    assert ServiceGuidePage.objects.get(pk=alias.pk).promised_limit_days == 10


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是可以导入的电子表格"),
        ("a.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是可以导入的电子表格"),
        ("a.pdf", b"%PDF-1.4 hello", "不是可以导入的电子表格"),
        ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "旧版 Excel（.xls）"),
        ("a.xlsx", b"PK\x03\x04 truncated zip", "文件已损坏"),
        ("a.csv", b"", "是空的"),
    ],
)
def test_not_a_spreadsheet_is_one_clear_error(center, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CatalogueError, match=message):
        import_catalogue(path, center)


def test_a_zip_that_is_not_a_workbook(center, tmp_path):
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(CatalogueError, match="不是 Excel 工作簿"):
        read_table(path)


def test_export_then_import_changes_nothing(center, tmp_path):
    rows = [
        item(),
        item("T-002", "高龄津贴申领", 承诺时限="即办", 办理窗口="人社窗口", 实施部门="", 主题=""),
        item(
            "T-003",
            "收费事项",
            收费标准="每件 10 元",
            收费依据="县发改局收费文件（演示）",
            咨询电话="0851-12345678",
            到现场次数="零跑动",
            服务对象="个人和法人",
        ),
    ]
    import_catalogue(write_xlsx(tmp_path / "a.xlsx", rows), center)
    edited = ServiceGuidePage.objects.get(item_code="T-002")
    edited.conditions = "年满 80 周岁；\r\n具有本县户籍。"  # as an admin textarea saves it
    edited.save_revision().publish()
    before = {g.item_code: snapshot(g) for g in guides(center)}
    out = tmp_path / "export.xlsx"

    assert export_catalogue(center, out) == 3
    report = import_catalogue(out, center)

    assert (len(report.created), len(report.updated), len(report.unchanged)) == (0, 0, 3)
    assert not report.unknown_columns and not report.bad_rows
    assert {g.item_code: snapshot(g) for g in guides(center)} == before
    assert before["T-003"]["fee_amount"] == "每件 10 元" and before["T-003"]["visits"] == 0
    edited.refresh_from_db()
    assert edited.conditions == "年满 80 周岁；\r\n具有本县户籍。"


def test_demo_catalogue_round_trip(demo, tmp_path):
    """The demo guides (built by the loader, not the importer) survive export → import."""
    center = ServiceCenterPage.objects.get(slug="yunxi", locale__language_code="zh-hans")
    before = {g.item_code: snapshot(g) for g in guides(center)}
    sources = dict(guides(center).values_list("materials__name", "materials__source"))
    out = tmp_path / "yunxi.xlsx"
    export_catalogue(center, out)

    report = import_catalogue(out, center)

    assert (len(report.created), len(report.updated)) == (0, 0)
    assert len(report.unchanged) == len(before) == 10
    assert {g.item_code: snapshot(g) for g in guides(center)} == before
    assert dict(guides(center).values_list("materials__name", "materials__source")) == sources


def test_a_ten_thousand_row_csv(center, tmp_path):
    rows = [item(f"T-{n:05d}", f"事项{n}") for n in range(10_000)]
    path = write_csv(tmp_path / "big.csv", rows)
    start = time.perf_counter()

    report = import_catalogue(path, center, dry_run=True)

    assert report.total_rows == 10_000
    assert (len(report.created), len(report.bad_rows)) == (10_000, 0)
    assert not guides(center).exists()
    assert time.perf_counter() - start < 30


# -- management commands -------------------------------------------------------------


def test_command_reports_what_it_did(center, tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx",
        [item("T-001"), item("T-002", 办理依据=""), item("T-003", 承诺时限="尽快")],
        [*HEADERS, "备注"],
    )
    out = io.StringIO()

    call_command(
        "import_catalogue",
        str(path),
        "--center",
        center.slug,
        "--skip-bad-rows",
        stdout=out,
        stderr=io.StringIO(),
    )

    text = out.getvalue()
    assert "共 3 行：新增 2 项，更新 0 项，未变 0 项，草稿 1 项，错误行 1 行。" in text
    assert "未识别的列（已忽略）：备注" in text
    assert "第 4 行（T-003）：承诺时限“尽快”无法识别" in text
    assert "第 3 行 T-002 最低生活保障申请：缺少 办理依据" in text
    assert "导入完成" in text
    assert guides(center).count() == 2


def test_command_dry_run_writes_nothing(center, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [item("T-001"), item("T-002")])
    out = io.StringIO()

    call_command("import_catalogue", str(path), "--center", center.slug, "--dry-run", stdout=out)

    assert "将新增 2 项" in out.getvalue() and "未写入任何数据" in out.getvalue()
    assert not guides(center).exists()


def test_command_refuses_bad_files_with_a_non_zero_exit(center, tmp_path):
    bad_rows = write_xlsx(tmp_path / "a.xlsx", [item("T-001"), item("T-002", 办理窗口="9")])
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 行有误，未导入任何事项"):
        call_command("import_catalogue", str(bad_rows), "--center", center.slug, stdout=out)
    assert "第 3 行（T-002）：办理窗口“9”不是本中心的窗口" in out.getvalue()
    assert not guides(center).exists()

    not_a_sheet = tmp_path / "photo.xlsx"
    not_a_sheet.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    with pytest.raises(CommandError, match="不是可以导入的电子表格"):
        call_command("import_catalogue", str(not_a_sheet), "--center", center.slug)
    with pytest.raises(CommandError, match="找不到网址名为“nowhere”的便民服务中心"):
        call_command("import_catalogue", str(bad_rows), "--center", "nowhere")


def test_export_command(center, tmp_path):
    import_catalogue(write_xlsx(tmp_path / "a.xlsx", [item()]), center)
    out_file = tmp_path / "out" / "catalogue.xlsx"
    out = io.StringIO()

    call_command("export_catalogue", "--center", center.slug, "--out", str(out_file), stdout=out)

    assert "1 项办事指南" in out.getvalue()
    table = read_table(out_file)
    assert table.headers == list(catalogue_io.EXPORT_HEADERS)
    assert table.rows[0][1][:2] == ["T-001", "最低生活保障申请"]
    with pytest.raises(CommandError, match=r"\.xlsx"):
        call_command("export_catalogue", "--center", center.slug, "--out", str(tmp_path / "a.csv"))
