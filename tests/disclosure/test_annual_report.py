"""政府信息公开工作年度报告: counted from the cases and documents, refused when it doesn't
add up, published and printed in the template; the county adds up its townships."""

import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader

from disclosure.models import AnnualReportPage
from disclosure.services import annual_report
from disclosure.services import report_tables as tables
from disclosure.services import requests as cases
from documents.models import PolicyDocumentPage
from pages.models import SectionPage
from tests.admin_forms import post_page_form

from .conftest import VALID

D = dt.date
COMPANY = {**VALID, "applicant_type": "legal", "name": "青石律师事务所", "id_type": "",
           "id_number": "31520000MA6DEMO0X1"}  # fmt: skip


def _case(center, received, applicant=VALID, outcome=None, replied=None):
    fields = {k: v for k, v in applicant.items() if k != "document_number"}
    case = cases.receive(center, received_on=received, channel="online", **fields)
    if outcome:
        cases.reply(case, None, outcome=outcome, text="答复如下。", on=replied)
    return case


def _document(center, slug, written, legal_form="normative", **fields):
    section = SectionPage.objects.child_of(center).get(kind="documents")
    page = PolicyDocumentPage(
        title=f"关于{slug}的实施办法", slug=slug, written_date=written, legal_form=legal_form,
        body="<p>正文。</p>", **fields,
    )  # fmt: skip
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


def _cells(page):
    return page.request_figures["requests"]


# The sums -------------------------------------------------------------------------------


def _requests(**cells):
    figures = tables.empty((tables.REQUESTS,))
    for key, value in cells.items():
        row, column = key.split("__")
        figures["requests"][row][column] = value
    return figures


def test_a_table_that_adds_up_passes_and_each_wrong_sum_is_named_by_its_cell():
    good = _requests(new__person=2, new__total=2, open__person=1, open__total=1,
                     results_total__person=1, results_total__total=1,
                     carried_forward__person=1, carried_forward__total=1)  # fmt: skip
    assert tables.check("request_figures", good)[1] == []

    wrong = json.loads(json.dumps(good))
    wrong["requests"]["results_total"]["person"] = 2  # but only one outcome counted
    problems = tables.check("request_figures", wrong)[1]
    text = " ".join(problems)
    assert "「（七）总计」行「自然人」列应为 1（各项办理结果之和），现为 2" in text
    assert "「（七）总计」行「总计」列" not in text or "应为 2" in text
    assert any("两者应相等" in p for p in problems)


def test_a_figure_that_is_not_a_count_is_refused_in_chinese():
    figures = _requests(new__person="3件", new__business="-1", new__research="1.5")
    problems = tables.check("request_figures", figures)[1]
    assert len(problems) == 3 and all("应填非负整数" in p for p in problems)
    first = "「一、本年新收政府信息公开申请数量」行「自然人」列应填非负整数，现为“3件”"
    assert first in problems[0]
    assert tables.check("active_figures", {"charges": {"charges": {"amount": "1.25"}}})[1] == []
    assert (
        "不超过四位小数"
        in tables.check("active_figures", {"charges": {"charges": {"amount": "x"}}})[1][0]
    )


def test_the_review_table_checks_its_totals():
    figures = tables.empty((tables.REVIEW,))
    figures["review"]["review"].update(upheld=1, total=2)
    problems = tables.check("review_figures", figures)[1]
    assert problems == [
        "政府信息公开行政复议、行政诉讼情况「行政复议」行「总计」列应为 1（各项结果之和），现为 2。"
    ]


# Counting --------------------------------------------------------------------------------


@pytest.fixture
def year_of_cases(towns, today):
    """Town A's 2026: the 28 September application (补正, then answered), one carried over
    from 2025, one partly disclosed to a law firm, one still open at the year's end."""
    center = towns[0].center
    today(D(2026, 12, 30))
    september = _case(center, D(2026, 9, 28))
    cases.pause(september, None, "correction", D(2026, 9, 29), "请写明文号")
    cases.resume(september, None, D(2026, 10, 12), "补正材料已收到")
    cases.reply(september, None, outcome="open", text="予以公开。", on=D(2026, 10, 20))
    _case(center, D(2025, 12, 22), outcome="unavailable_not_held", replied=D(2026, 1, 9))
    _case(center, D(2026, 3, 2), applicant=COMPANY, outcome="partial", replied=D(2026, 3, 20))
    _case(center, D(2026, 12, 28))
    _case(center, D(2025, 6, 1), outcome="open", replied=D(2025, 6, 20))  # all 2025
    _case(towns[1].center, D(2026, 5, 6), outcome="refuse_process", replied=D(2026, 5, 20))
    return center


def test_the_draft_counts_each_case_in_its_cell_and_adds_up(year_of_cases):
    page = annual_report.generate_draft(year_of_cases, 2026)
    cells = _cells(page)
    assert not page.live and page.slug == "2026" and page.year == 2026
    assert cells["new"] == {"person": 2, "business": 0, "research": 0, "charity": 0,
                            "legal": 1, "other": 0, "total": 3}  # fmt: skip
    assert cells["carried_over"]["person"] == 1
    assert cells["open"]["person"] == 1  # the 28 September case, answered after its 补正
    assert cells["partial"]["legal"] == 1 and cells["unavailable_not_held"]["person"] == 1
    assert cells["refuse_process"]["total"] == 0  # 石桥镇's case is not 云溪镇's
    assert cells["results_total"]["total"] == 3 and cells["carried_forward"]["total"] == 1
    assert tables.check("request_figures", page.request_figures)[1] == []
    assert "【待填写】" in page.overview and "新收政府信息公开申请3件" in page.overview
    assert "未收取信息处理费" in page.other_matters


def test_the_document_counts_are_those_of_the_units_published_documents(towns, year_of_cases):
    center = year_of_cases
    old = _document(center, "old", D(2020, 4, 1), validity="repealed",
                    validity_date=D(2026, 6, 1))  # fmt: skip
    _document(center, "new", D(2026, 6, 1))
    _document(center, "kept", D(2024, 2, 1))
    _document(center, "notice", D(2026, 7, 1), legal_form="")  # a 通知, not counted
    _document(towns[1].center, "elsewhere", D(2026, 7, 1))
    draft = _document(center, "draft", D(2026, 8, 1))
    draft.unpublish()
    listed = PolicyDocumentPage.objects.live().descendant_of(center).filter(legal_form="normative")
    documents = annual_report.generate_draft(center, 2026).active_figures["documents"]
    assert documents["normative"] == {"issued": 1, "repealed": 1, "valid": 2}
    assert documents["normative"]["issued"] + documents["normative"]["valid"] == listed.count()
    assert documents["rules"] == {"issued": 0, "repealed": 0, "valid": 0}
    assert old.validity == "repealed"


def test_the_county_report_adds_up_its_townships_with_a_row_each(towns, year_of_cases):
    county = year_of_cases.get_parent()
    own = _case(county, D(2026, 4, 1), outcome="other", replied=D(2026, 4, 10))
    report = annual_report.generate_draft(county, 2026)
    a = annual_report.generate_draft(towns[0].center, 2026)
    b = annual_report.generate_draft(towns[1].center, 2026)
    for row in ("new", "carried_over", "results_total", "carried_forward"):
        expected = _cells(a)[row]["total"] + _cells(b)[row]["total"] + (row == "new") + (
            row == "results_total")  # fmt: skip
        assert _cells(report)[row]["total"] == expected, row
    assert _cells(report)["other"]["person"] == 1 and own.center_id == county.pk
    assert [r["unit"] for r in report.rollup] == [towns[0].center.title, towns[1].center.title]
    assert report.rollup[1]["results_total"] == 1
    assert tables.check("request_figures", report.request_figures)[1] == []


def test_generating_again_recounts_and_keeps_what_the_editor_wrote(year_of_cases):
    page = annual_report.generate_draft(year_of_cases, 2026)
    page.problems = "<p>村公示栏更新不及时。</p>"
    page.active_figures["licensing"]["licensing"]["decisions"] = 12
    page.save_revision()
    _case(year_of_cases, D(2026, 12, 29))
    again = annual_report.generate_draft(year_of_cases, 2026)
    assert AnnualReportPage.objects.filter(year=2026).count() == 1
    assert _cells(again)["carried_forward"]["total"] == 2
    assert again.problems == "<p>村公示栏更新不及时。</p>"
    assert again.active_figures["licensing"]["licensing"]["decisions"] == 12


# The editor, the public page, the PDF ---------------------------------------------------


def _edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def test_the_editor_cannot_publish_a_table_that_does_not_add_up_nor_a_placeholder(
    towns, year_of_cases
):
    page = annual_report.generate_draft(year_of_cases, 2026)
    director = towns[0].client("director")
    response = post_page_form(
        director, _edit_url(page), {"request_figures-requests-results_total-person": "5"}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "「（七）总计」行「自然人」列应为 2（各项办理结果之和），现为 5" in text
    response = post_page_form(director, _edit_url(page), {})
    assert response.status_code == 200 and "还有“【待填写】”的内容" in response.content.decode()
    page.refresh_from_db()
    assert not page.live


def test_a_completed_report_is_published_shown_and_printed_without_any_identity(
    towns, client, year_of_cases
):
    page = annual_report.generate_draft(year_of_cases, 2026)
    page.overview = "<p>2026年，本镇政府信息公开工作有序开展。</p>"
    page.problems = "<p>公示栏更新不够及时，已按月检查。</p>"
    page.save_revision()
    director = towns[0].client("director")
    response = post_page_form(
        director, _edit_url(page), {"review_figures-review-review-upheld": "1",
                                    "review_figures-review-review-total": "1"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.live and page.review_figures["review"]["review"]["total"] == 1

    html = client.get(page.url).content.decode()
    assert "三、收到和处理政府信息公开申请情况" in html and "（一）予以公开" in html
    assert "法律服务机构" in html and "结转下年度继续办理" in html
    index = client.get(page.get_parent().url).content.decode()
    assert page.title in index

    pdf = client.get(f"{page.url}pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    width, height = (float(v) * 25.4 / 72 for v in reader.pages[0].mediabox[2:])
    assert round(width) == 210 and round(height) == 297
    text = "".join(p.extract_text() for p in reader.pages).replace("\n", "").replace(" ", "")
    labels = ("一、总体情况", "第二十条第（一）项", "行政规范性文件",
              "本年新收政府信息公开申请数量", "行政诉讼", "六、其他需要报告的事项")  # fmt: skip
    for label in labels:
        assert label in text, label
    for identity in (VALID["name"], VALID["id_number"], VALID["phone"], COMPANY["name"]):
        assert identity not in html and identity not in text


def test_the_admin_home_warns_from_1_january_until_the_report_is_published(
    towns, year_of_cases, today
):
    editor = towns[0].client("editor")
    today(D(2027, 1, 4))
    home = editor.get("/admin/").content.decode()
    assert "2026年度政府信息公开工作年度报告尚未发布，法定期限为 2027-01-31" in home
    assert "生成年度报告草稿" in home
    today(D(2027, 2, 3))
    assert "已逾期 3 天" in editor.get("/admin/").content.decode()
    response = editor.post(
        "/admin/disclosure/annual-report/generate/",
        {"unit": towns[0].center.pk, "year": 2026},
    )
    page = AnnualReportPage.objects.get(year=2026)
    assert response.status_code == 302 and response["Location"] == _edit_url(page)
    assert "编辑草稿" in editor.get("/admin/").content.decode()
    page = page.get_latest_revision_as_object()
    page.overview = page.problems = "<p>已完成。</p>"
    page.save_revision().publish()
    assert "尚未发布" not in editor.get("/admin/").content.decode()


def test_another_centers_editor_cannot_generate_a_report_here(towns, year_of_cases):
    response = (
        towns[1]
        .client("editor")
        .post(
            "/admin/disclosure/annual-report/generate/", {"unit": towns[0].center.pk, "year": 2026}
        )
    )
    # Wagtail answers a PermissionDenied in its admin with the admin home and a message.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not AnnualReportPage.objects.exists()


def test_a_second_report_for_the_same_year_is_refused(towns, year_of_cases):
    index = annual_report.generate_draft(year_of_cases, 2026).get_parent()
    response = post_page_form(
        towns[0].client("director"),
        f"/admin/pages/add/disclosure/annualreportpage/{index.pk}/",
        {"title": "又一份2026年报告", "slug": "again", "year": "2026"},
        action="",
    )
    assert response.status_code == 200
    assert "本栏目已有2026年度的报告" in response.content.decode()
    assert AnnualReportPage.objects.filter(year=2026).count() == 1
