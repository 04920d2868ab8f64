"""The demo as a county administrator meets it: 网站检查 names the failing item, the township
and the pages; fixing them turns it green; links and wording are found where the demo put them."""

import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from pypdf import PdfReader

from demo.inspection import OLD_SITE
from inspection.models import InspectionRun, LinkResult
from inspection.services import linkcheck, report
from pages.models import NoticePage, SectionPage
from tests.admin_forms import post_page_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(demo, client):
    client.force_login(get_user_model().objects.filter(is_superuser=True).first())
    return client


def _columns(result):
    return next(i for i in result["items"] if i["code"] == "columns")


def _fix_chengguan():
    """What the township's editor does: publish into 工作动态, remove the blank 街道要闻."""
    news = SectionPage.objects.get(slug="work-news", locale__language_code="zh-hans")
    today = timezone.localdate()
    notice = NoticePage(
        title="街道开展冬季消防安全检查",
        slug="winter-fire-check",
        kind="notice",
        notice_start=today,
        notice_end=today + dt.timedelta(days=30),
        body="<p>检查安排。</p>",
    )
    news.add_child(instance=notice)
    notice.save_revision().publish()
    SectionPage.objects.get(slug="street-news", locale__language_code="zh-hans").delete()


def test_the_screen_names_the_failing_item_the_township_and_the_pages(admin_client):
    result = report.latest().result  # the demo ran the inspection once
    assert not result["passed"]
    assert [i["label"] for i in result["items"] if i["status"] == "fail"] == ["栏目不更新"]
    assert result["worst_units"][0]["unit"] == "城关街道便民服务中心"
    html = admin_client.get(reverse("inspection_screen")).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    item = soup.select_one('[data-item="columns"]')
    assert item["data-status"] == "fail" and "不通过" in item.get_text()
    rows = [r.get_text(" ", strip=True) for r in item.select("tbody tr")]
    assert any("城关街道便民服务中心" in r and "工作动态" in r and "未更新" in r for r in rows)
    assert any("城关街道便民服务中心" in r and "街道要闻" in r and "空白栏目" in r for r in rows)
    links = [a["href"] for a in item.select("a")]
    blank = SectionPage.objects.get(slug="street-news")
    assert reverse("wagtailadmin_pages:edit", args=[blank.pk]) in links
    units = soup.select_one("table.insp-units")  # townships × items, the worst first
    headers = [th.get_text(strip=True) for th in units.select("thead th")]
    first = [td.get_text(strip=True) for td in units.select("tbody tr")[0].select("td")]
    assert first[0] == "城关街道便民服务中心"
    assert first[headers.index("栏目不更新")] == "3"
    assert int(first[-1]) == sum(int(n) for n in first[1:-1] if n)


def test_fixing_the_columns_turns_the_item_green_and_the_command_exits_zero(demo):
    with pytest.raises(CommandError) as failed:
        call_command("inspection_report", stdout=io.StringIO())
    assert failed.value.returncode == 1 and "栏目不更新" in str(failed.value)
    _fix_chengguan()
    out = io.StringIO()
    call_command("inspection_report", stdout=out)  # no CommandError: exit status 0
    assert "[通过] 栏目不更新" in out.getvalue()
    assert report.latest().passed


def test_one_center_and_the_other_formats(demo, tmp_path):
    out = io.StringIO()
    call_command("inspection_report", "--center", "songlin", "--format", "json", stdout=out)
    assert '"unit": "松林乡便民服务中心"' in out.getvalue()
    with pytest.raises(CommandError):
        call_command("inspection_report", "--center", "no-such-town")
    xlsx = tmp_path / "r.xlsx"
    with pytest.raises(CommandError):  # the site fails: still written, still exit 1
        call_command("inspection_report", "--format", "xlsx", "--output", str(xlsx))
    book = load_workbook(xlsx)
    cells = [c.value for row in book["待整改"].iter_rows() for c in row]
    assert "街道要闻" in cells and "城关街道便民服务中心" in cells


def test_the_monthly_pdf_is_an_a4_report_with_the_findings(demo, tmp_path):
    pdf = tmp_path / "r.pdf"
    with pytest.raises(CommandError):
        call_command("inspection_report", "--format", "pdf", "--output", str(pdf))
    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "网站检查月度报告" in text and "栏目不更新" in text and "街道要闻" in text


def test_the_link_checker_finds_the_demos_dead_link(demo):
    linkcheck.check_site()
    row = LinkResult.objects.get(url=OLD_SITE)
    assert row.external and row.ok is None  # external links wait for the timer's run
    linkcheck.check_external_links(interval=0, timeout=2)
    row.refresh_from_db()
    assert row.ok is False and row.error and row.first_seen <= row.checked_at
    result = report.run()
    assert [link["url"] for link in result["broken_links"]] == [OLD_SITE]
    assert result["broken_links"][0]["unit"] == "城关街道便民服务中心"
    assert any(d["label"] == "链接可用性" for d in result["deductions"])


def test_publishing_the_draft_warns_about_its_wrong_state_name(admin_client):
    draft = NoticePage.objects.get(slug="law-week-draft")
    assert not draft.live
    assert not report.run()["items"][4]["problems"]  # a draft is not on the site yet
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = post_page_form(admin_client, url, {})
    assert response.status_code == 302
    html = admin_client.get(response["Location"]).content.decode()
    assert "「中华人民共合国」应为「中华人民共和国」" in html
    wording = report.run()["items"][4]
    assert wording["status"] == "fail" and wording["problems"][0]["title"] == draft.title


def test_the_stored_run_downloads_as_pdf_and_xlsx_for_county_administrators_only(
    admin_client, client
):
    InspectionRun.objects.all().delete()
    assert admin_client.get(reverse("inspection_report_pdf")).status_code == 404  # no run yet
    report.run()
    pdf = admin_client.get(reverse("inspection_report_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = admin_client.get(reverse("inspection_report_xlsx"))
    assert load_workbook(io.BytesIO(xlsx.content))["单项否决"]["A2"].value == "站点无法访问"
    editor = get_user_model().objects.get(username="chengguan-editor")
    client.force_login(editor)
    for name in ("inspection_report_pdf", "inspection_report_xlsx"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith("/admin/")
    assert client.post(reverse("inspection_run")).status_code == 302
    assert InspectionRun.objects.count() == 1  # nothing ran


def test_a_townships_staff_see_only_their_own_pages_to_fix(demo, client):
    songlin = SectionPage.objects.get(slug="documents", url_path__contains="/songlin/")
    client.force_login(get_user_model().objects.get(username="chengguan-editor"))
    assert reverse("inspection_screen") in client.get("/admin/").content.decode()  # the menu
    for query in ("", f"?unit={songlin.get_parent().pk}"):  # another township: not theirs
        html = client.get(reverse("inspection_screen") + query).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        rows = soup.select('[data-item="columns"] tbody tr')
        assert rows and all("城关街道便民服务中心" in r.get_text() for r in rows)
        assert "松林乡" not in html and "云溪镇" not in html
        assert not soup.select("table.insp-units") and "立即重新检查" not in html
    client.force_login(get_user_model().objects.create_user("nobody-x", password="x"))
    assert client.get(reverse("inspection_screen")).status_code == 302
