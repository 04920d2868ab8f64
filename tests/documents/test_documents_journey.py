"""The policy-documents issue's "done means", on the demo county: a folder of mixed
old documents imports into drafts with correct metadata, injected spam is caught
and blocks publishing, the catalogue browses and filters, and every document
prints in the official format."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from wagtail.models import Locale

import pytest

from documents.models import PolicyDocumentPage
from pages.models import SectionPage, ServiceCenterPage
from tests.documents.pdfcheck import read_pdf
from tests.documents.test_import_documents import COVER, SCRAPED, write_docx

SPAM_TXT = (
    "云溪镇人民政府关于做好乐虎体育卡年度审验的通知\n"
    "云府发〔2018〕9号\n"
    "各村（社区）：\n"
    "为做好乐虎体育卡年度审验工作，现将有关事项通知如下。\n"
    "一、审验对象\n持有乐虎体育卡的参保群众。"
    "乐虎体育官方下载 https://www.lehu-app8.com 注册送88元。\n"
    "二、审验方式\n携带乐虎体育卡到镇便民服务中心窗口办理。\n"
    "云溪镇人民政府\n2018年4月2日\n"
)


def login(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_done_means(demo, tmp_path, capsys):
    folder = tmp_path / "old-site"
    folder.mkdir()
    write_docx(folder / "management-rules.docx", COVER)
    (folder / "funds.html").write_bytes(SCRAPED.format(charset="gbk").encode("gbk"))
    (folder / "spam.txt").write_bytes(SPAM_TXT.encode("gb18030"))
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 20)

    with pytest.raises(CommandError, match="1 file"):  # reported; the rest imported
        call_command("import_documents", str(folder), "--section", "yunxi")
    out = capsys.readouterr().out
    assert "broken.txt" in out and "3 created as drafts" in out

    yunxi = ServiceCenterPage.objects.get(slug="yunxi", locale=Locale.get_default())
    section = SectionPage.objects.child_of(yunxi).get(kind="documents")
    drafts = {
        p.document_number: p
        for p in PolicyDocumentPage.objects.child_of(section).filter(live=False)
    }
    rules = drafts["青府办发〔2021〕7号"]
    assert rules.title == "青石县乡镇便民服务中心管理办法"  # what its cover notice introduces
    assert rules.written_date == dt.date(2021, 3, 15)
    assert "<h2>" in rules.body
    funds = drafts["青财发〔2016〕11号"]
    assert funds.index_number == "QSX002/2016-00011"  # the old site's number is kept
    assert funds.publish_date == dt.date(2016, 10, 9)
    assert "浏览次数" not in funds.body and "您当前的位置" not in funds.body
    spam = drafts["云府发〔2018〕9号"]

    # the director cannot publish the spammed draft; the scanner says why
    director = login("yunxi-director")
    response = director.post(f"/admin/pages/{spam.pk}/edit/", _form(director, spam))
    assert response.status_code == 200
    assert "疑似被植入的内容" in response.content.decode()
    spam.refresh_from_db()
    assert not spam.live

    # the clean ones are published and browse and filter in the catalogue
    for page in (rules, funds):
        assert (
            director.post(f"/admin/pages/{page.pk}/edit/", _form(director, page)).status_code == 302
        )
    public = Client()
    catalogue = public.get("/catalogue/", {"year": "2016"}).content.decode()
    assert "青石县财政局关于便民服务中心经费管理的通知" in catalogue
    assert "青石县乡镇便民服务中心管理办法" not in catalogue
    assert "乐虎" not in public.get("/catalogue/").content.decode()

    # every live document prints in the official format
    for document in PolicyDocumentPage.objects.live():
        response = public.get(f"/documents/official/{document.pk}.pdf")
        assert response.status_code == 200, document.title
        pdf = read_pdf(
            b"".join(response.streaming_content) if response.streaming else response.content
        )
        assert document.title[:10] in pdf.text.replace("\n", "")


def _form(client, page) -> dict:
    from tests.admin_forms import read_form

    data = read_form(client.get(f"/admin/pages/{page.pk}/edit/").content.decode())
    data["action-publish"] = "action-publish"
    return data
