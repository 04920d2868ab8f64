"""Policy documents printed in the GB/T 9704-2012 official format: the sheet, the
text block and its 22 × 28 grid, fonts, page numbers, escaping, and who may print."""

import ctypes
import datetime
from collections import Counter
from urllib.parse import quote

from wagtail.models import PageViewRestriction

import pypdfium2.raw as pdfium_raw
import pytest

from documents.models import IssuingOrganisation, PolicyAttachment, PolicyDocumentPage
from documents.official import (
    PITCH_MM,
    official_document,
    official_document_html,
    official_document_pdf,
    sanitise_body,
)
from pages.models import SectionPage
from printing.render import render_pdf
from tests.documents.pdfcheck import (
    MM_PER_POINT,
    assert_fonts_embedded_and_subset,
    assert_size,
    read_pdf,
)
from tests.editorial.conftest import towns  # noqa: F401 - the two-centers fixture
from tests.printing.pdfgeometry import visible_chars

SENTENCE = "为进一步优化营商环境提升政务服务水平经县人民政府同意现就有关事项通知如下"  # 36
PARAGRAPH = SENTENCE * 3 + "请各单位认真贯彻执行。"
TITLE = "青石县人民政府办公室关于进一步优化政务服务提升行政效能的实施意见"


def _section(center):
    return SectionPage.objects.child_of(center).get(kind="documents")


def make_document(center, publish=True, paragraphs=3, **fields):
    organisation, _ = IssuingOrganisation.objects.get_or_create(
        name="青石县人民政府办公室", defaults={"code": "QSX001", "short_name": "青府办"}
    )
    values = {
        "title": TITLE,
        "slug": f"doc-{PolicyDocumentPage.objects.count() + 1}",
        "document_number": "青府办发〔2026〕12号",
        "addressees": "各乡镇人民政府，县政府各部门：",
        "written_date": datetime.date(2026, 3, 5),
        "body": "<h2>一、总体要求</h2><h3>（一）指导思想</h3>" + f"<p>{PARAGRAPH}</p>" * paragraphs,
        **fields,
    }
    page = PolicyDocumentPage(live=publish, **values)
    _section(center).add_child(instance=page)
    page.organisations.add(organisation)
    page.attachments.add(PolicyAttachment(title="青石县政务服务事项清单"))
    page.attachments.add(PolicyAttachment(title="办事指南样式"))
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def glyphs(pdf: bytes, index: int) -> list[tuple[str, float, float, float]]:
    """(character, x of its origin, baseline, top of its font box) in mm from the top left."""
    found = []
    for char, i, text, height in visible_chars(pdf, index):
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_raw.FPDFText_GetCharOrigin(text.raw, i, ctypes.byref(x), ctypes.byref(y))
        top = text.get_charbox(i, loose=True)[3]
        found.append(
            (
                char,
                x.value * MM_PER_POINT,
                (height - y.value) * MM_PER_POINT,
                (height - top) * MM_PER_POINT,
            )
        )
    return found


def lines_of(found, above_mm=262.0) -> list[list[tuple]]:
    """Characters grouped by baseline, top to bottom; the page number (below the block) left out."""
    lines: dict[float, list] = {}
    for glyph in found:
        if glyph[2] < above_mm:
            lines.setdefault(round(glyph[2], 1), []).append(glyph)
    return [sorted(lines[y], key=lambda g: g[1]) for y in sorted(lines)]


@pytest.fixture
def long_pdf(tree):
    return official_document_pdf(make_document(tree["center"], paragraphs=12))


def test_an_a4_sheet_with_the_text_block_where_the_standard_puts_it(long_pdf):
    facts = read_pdf(long_pdf)
    assert facts.pages >= 3
    assert_size(facts, 210, 297)

    first_page = lines_of(glyphs(long_pdf, 0))
    number_line, addressees = first_page[0], first_page[3]
    assert abs(number_line[0][3] - 37) <= 2  # 文号: the block's first line, 37 mm down
    assert "".join(g[0] for g in addressees).startswith("各乡镇人民政府")
    assert abs(addressees[0][1] - 28) <= 0.5  # 主送 flush left at the binding margin

    second_page = lines_of(glyphs(long_pdf, 1))
    assert abs(second_page[0][0][3] - 37) <= 2
    assert abs(min(line[0][1] for line in second_page) - 28) <= 0.5


def test_a_full_page_has_22_lines_of_28_characters(long_pdf):
    page = lines_of(glyphs(long_pdf, 1))

    assert len(page) == 22
    assert abs((page[-1][0][2] - page[0][0][2]) - 21 * PITCH_MM) <= 0.2
    counts = Counter(len(line) for line in page)
    assert counts.most_common(1)[0][0] == 28 and max(counts) == 28
    full = next(line for line in page if len(line) == 28)
    assert abs(full[0][1] - 28) <= 0.3
    assert abs(full[-1][1] + (full[1][1] - full[0][1]) - (210 - 26)) <= 0.3  # ends at 184 mm


def test_text_layer_fonts_and_page_numbers(long_pdf):
    facts = read_pdf(long_pdf)
    text = facts.text.replace("\n", "")

    assert TITLE in text and "青府办发〔2026〕12号" in text
    assert "附件：1.青石县政务服务事项清单" in text.replace(" ", "")
    assert "2026年3月5日" in text and "青石县人民政府办公室" in text
    assert_fonts_embedded_and_subset(facts)
    pages = facts.text.split("\n")
    assert "— 1 —" in facts.text and "— 2 —" in facts.text, pages[-3:]


def test_page_numbers_sit_on_the_outside_edge(long_pdf):
    odd = [g for g in glyphs(long_pdf, 0) if g[2] > 262]
    even = [g for g in glyphs(long_pdf, 1) if g[2] > 262]
    assert "".join(g[0] for g in odd) == "—1—" and "".join(g[0] for g in even) == "—2—"
    assert odd[-1][1] > 170 and even[0][1] < 40  # right on odd pages, left on even ones


def test_page_content_is_text_and_the_body_only_keeps_the_editors_tags(tree):
    page = make_document(
        tree["center"],
        title="<script>alert(1)</script>关于印发办法的通知",
        body='<p onclick="steal()">正文<a href="https://evil.example/x">链接</a>'
        '<img src="http://evil.example/i.png"></p><script>alert(2)</script>'
        "<style>p { color: red }</style><h2>二、<b>要求</b></h2>",
    )
    html = official_document_html(page)

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for unwanted in ("<script", "alert(2)", "onclick", "evil.example", "<img", "color: red"):
        assert unwanted not in html
    assert "<p>正文链接</p>" in html and "<h2>二、<b>要求</b></h2>" in html
    result = render_pdf(html)
    assert not result.refused
    assert "<script>alert(1)</script>关于印发办法的通知" in read_pdf(result.pdf).text.replace(
        "\n", ""
    )


def test_sanitiser_closes_what_it_opened():
    assert sanitise_body("<ol><li>一<li>二</ol><p>三") == "<ol><li>一</li><li>二</li></ol><p>三</p>"
    assert sanitise_body("<p>A &amp; B &lt;i&gt;</p>") == "<p>A &amp; B &lt;i&gt;</p>"


def test_the_public_url_serves_live_public_documents_only(client, tree):
    live = make_document(tree["center"])
    draft = make_document(tree["center"], publish=False)

    assert client.get(f"/documents/official/{draft.pk}.pdf").status_code == 404
    assert client.get("/documents/official/999999.pdf").status_code == 404
    response = client.get(f"/documents/official/{live.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"inline; filename*=utf-8''{quote(TITLE)}.pdf"
    assert_size(read_pdf(response.content), 210, 297)
    again = client.get(f"/documents/official/{live.pk}.pdf", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304

    PageViewRestriction.objects.create(page=live, restriction_type="login")
    assert client.get(f"/documents/official/{live.pk}.pdf").status_code == 404


def test_an_editor_prints_a_draft_of_their_center_and_nobody_else_does(towns):  # noqa: F811
    a, b = towns
    draft = make_document(a.center, publish=False, title="青石县关于征求意见稿的通知")
    url = f"/admin/official-documents/{draft.pk}.pdf"

    response = a.client("editor").get(url)
    assert response.status_code == 200
    assert "青石县关于征求意见稿的通知" in read_pdf(response.content).text.replace("\n", "")
    assert b.client("editor").get(url).status_code == 404
    edit = a.client("editor").get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert "标准格式 PDF" in edit and url in edit


def test_it_is_a_print_product(tree):
    page = make_document(tree["center"])
    product = official_document(page)
    assert (product.width_mm, product.height_mm) == (210, 297)
    assert product.html() == official_document_html(page)
