"""依申请公开: an application online, its receipt, the officers' steps, the reply letter."""

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from disclosure.models import DisclosureRequest
from disclosure.services import requests as cases

from .conftest import VALID

D = dt.date


def _apply(client, town, **changes):
    return client.post(f"{town.center.url}open-government/apply/", {**VALID, **changes})


def _step(officer_client, case, step, **fields):
    data = {"step": step, **{f"{step}-{k}": v for k, v in fields.items()}}
    return officer_client.post(f"/admin/disclosure/requests/{case.pk}/handle/", data)


def test_an_application_on_28_september_is_due_after_the_national_day(towns, client, today):
    today(D(2026, 9, 28))
    response = _apply(client, towns[0])
    text = response.content.decode()
    case = DisclosureRequest.objects.get()
    assert response.status_code == 200
    assert case.code in text and "2026-10-30" in text
    assert case.center_id == towns[0].center.pk and case.received_on == D(2026, 9, 28)


def test_a_correction_pauses_the_clock_and_the_new_date_counts_from_the_completed_one(
    towns, client, officer, today
):
    today(D(2026, 9, 28))
    _apply(client, towns[0])
    case = DisclosureRequest.objects.get()
    desk = officer(towns[0])
    today(D(2026, 9, 30))
    response = _step(desk, case, "pause", kind="correction", on="2026-09-30", note="请写明村名")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "correction" and case.due_on is None
    page = desk.get(f"/admin/disclosure/requests/{case.pk}/handle/").content.decode()
    assert "计时暂停中" in page and "恢复计时" in page
    today(D(2026, 10, 12))
    _step(desk, case, "resume", on="2026-10-12", note="申请人补正")
    case.refresh_from_db()
    assert case.status == "pending" and case.due_on == D(2026, 11, 9)
    tracked = client.post(
        f"{towns[0].center.url}open-government/track/", {"code": case.code, "digits": "5678"}
    ).content.decode()
    assert "2026-11-09" in tracked and "2026-10-12" in tracked
    assert "欧阳明轩" not in tracked and "11010519491231002X" not in tracked


def test_the_reply_letter_prints_numbered_with_the_request_escaped(towns, client, officer, today):
    today(D(2026, 9, 28))
    _apply(client, towns[0], description="<b>低保</b>名单 & 审批表")
    case = DisclosureRequest.objects.get()
    desk = officer(towns[0])
    response = _step(
        desk, case, "reply", outcome="open", text="现提供名单一份，请查收。", on="2026-10-20",
        fee="0", fee_note="",
    )  # fmt: skip
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "replied" and case.outcome == "open"
    assert re.fullmatch(r".+依申请公开告〔2026〕1号", case.reply_number)
    pdf = desk.get(f"/admin/disclosure/requests/{case.pk}/letter/")
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    width, height = (float(v) * 25.4 / 72 for v in reader.pages[0].mediabox[2:])
    assert round(width) == 210 and round(height) == 297
    text = "".join(p.extract_text() for p in reader.pages).replace("\n", "")
    assert "政府信息公开申请答复告知书" in text and case.reply_number in text
    assert "<b>低保</b>名单" in text and "予以公开" in text and "欧阳明轩" in text


def test_the_rules_refuse_what_the_law_does_not_allow(towns, client, officer, today):
    today(D(2026, 9, 28))
    _apply(client, towns[0])
    case = DisclosureRequest.objects.get()
    desk = officer(towns[0])
    too_long = _step(desk, case, "extend", days="21", reason="材料多", approved_by="王主任",
                     on="2026-10-20")  # fmt: skip
    assert "最长不超过20个工作日" in too_long.content.decode()
    no_reason = _step(desk, case, "extend", days="10", reason="", approved_by="", on="2026-10-20")
    assert no_reason.status_code == 200
    case.refresh_from_db()
    assert case.extension_days == 0 and case.due_on == D(2026, 10, 30)
    assert _step(desk, case, "extend", days="20", reason="涉及多个部门", approved_by="王主任",
                 on="2026-10-20").status_code == 302  # fmt: skip
    case.refresh_from_db()
    assert case.due_on == D(2026, 11, 27) and case.extension_approved_by == "王主任"
    with pytest.raises(cases.RequestError, match="只能延长一次"):
        cases.extend(case, None, days=5, reason="再延", approved_by="王主任", on=D(2026, 11, 2))
    bad_outcome = _step(desk, case, "reply", outcome="granted", text="好", on="2026-10-21")
    assert bad_outcome.status_code == 200 and "选择一个有效的选项" in bad_outcome.content.decode()
    with pytest.raises(cases.RequestError, match="规定的类别"):
        cases.reply(case, None, outcome="granted", text="好", on=D(2026, 10, 21))
    case.refresh_from_db()
    assert not case.replied_on and not case.reply_number


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "必需字段"),
        ({"description": ""}, "必需字段"),
        ({"supply_form": ""}, "必需字段"),
        ({"name": "<script>alert(1)</script>"}, "请不要填写"),
        ({"name": "张" * 10000}, "不超过 100 字符"),
        ({"id_number": "110105194912310021"}, "身份证号码不正确"),
        ({"applicant_type": "business", "name": "某公司", "id_number": "12345"},
         "统一社会信用代码不正确"),
        ({"phone": "12345"}, "手机号码或带区号的固定电话"),
        ({"website": "http://spam.example"}, "请不要填写“网址”"),
    ],
)  # fmt: skip
def test_a_bad_application_is_refused_in_chinese_and_nothing_is_saved(
    towns, client, changes, message
):
    response = _apply(client, towns[0], **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_other_centers_officers_and_the_editors_see_nothing(towns, client, officer, today):
    today(D(2026, 9, 28))
    _apply(client, towns[0])
    case = DisclosureRequest.objects.get()
    _step(officer(towns[0]), case, "reply", outcome="open", text="见附件", on="2026-10-09")
    other = officer(towns[1])
    listing = other.get("/admin/snippets/disclosure/disclosurerequest/")
    assert listing.status_code == 200 and case.code not in listing.content.decode()
    for url in (
        f"/admin/snippets/disclosure/disclosurerequest/edit/{case.pk}/",
        f"/admin/disclosure/requests/{case.pk}/handle/",
        f"/admin/disclosure/requests/{case.pk}/letter/",
    ):
        assert other.get(url).status_code == 404, url
    # The center's own editors and director are not its disclosure officers.
    editor = towns[0].client("editor")
    assert editor.get("/admin/snippets/disclosure/disclosurerequest/").status_code in (302, 403)
    assert editor.get(f"/admin/disclosure/requests/{case.pk}/handle/").status_code == 404
    mine = officer(towns[0], "own-officer").get("/admin/snippets/disclosure/disclosurerequest/")
    assert case.code in mine.content.decode()


def test_an_officer_enters_a_paper_application_for_their_own_unit_only(towns, officer, today):
    today(D(2026, 10, 9))
    desk = officer(towns[0])
    url = "/admin/snippets/disclosure/disclosurerequest/add/"
    form = desk.get(url).content.decode()
    assert towns[0].center.title in form and towns[1].center.title not in form
    data = {**VALID, "channel": "post", "received_on": "2026-10-08"}
    refused = desk.post(url, {**data, "center": towns[1].center.pk})
    assert refused.status_code == 200 and not DisclosureRequest.objects.exists()
    desk.post(url, {**data, "center": towns[0].center.pk})
    case = DisclosureRequest.objects.get()
    assert case.channel == "post" and case.received_on == D(2026, 10, 8)
    assert case.due_on == D(2026, 11, 4)  # the make-up Saturday 10-10 counts


def test_the_officers_admin_home_counts_the_overdue_request(towns, client, officer, today):
    today(D(2026, 9, 28))
    _apply(client, towns[0])
    today(D(2026, 11, 2))  # due 2026-10-30
    home = officer(towns[0]).get("/admin/").content.decode()
    assert "政府信息公开申请办理情况" in home
    row = re.search(
        r"<tr><td><a [^>]*>([^<]+)</a></td>(.*?)</tr>",
        home.partition('og-requests-panel-title">')[2],
    )
    assert row.group(1) == towns[0].center.title
    assert re.findall(r"<td>(?:<strong[^>]*>)?(\d+)", row.group(2)) == ["1", "0", "0", "1"]
    other = officer(towns[1]).get("/admin/").content.decode()
    assert towns[0].center.title not in other.partition('og-requests-panel-title">')[2]


def test_no_applicant_identity_reaches_the_search_index(towns, client, officer, today):
    from search.models import SearchEntry

    today(D(2026, 9, 28))
    _apply(client, towns[0])
    case = DisclosureRequest.objects.get()
    _step(officer(towns[0]), case, "reply", outcome="open", text="见附件", on="2026-10-09")
    for secret in ("欧阳明轩", "11010519491231002X", "13812345678", case.code):
        assert not SearchEntry.objects.filter(body__contains=secret).exists(), secret
        assert not SearchEntry.objects.filter(title__contains=secret).exists(), secret
