"""GB/T 9704 §7.3.5: the 落款 (issuer and date) never stands alone on a page.

Bodies of every length over a page's worth of lines put the signature at every
position, including the top of a new page; each time its page must also carry
body text."""

import pytest

from documents.official import official_document_html
from printing.render import render_pdf
from tests.documents.pdfcheck import page_texts
from tests.documents.test_official_pdf import make_document

LINE = "各单位要按照本通知要求抓好落实确保工作取得实效"  # 24 characters: one line with its indent
MARK = "抓好落实"


@pytest.fixture
def document(tree):
    return make_document(tree["center"], publish=False, paragraphs=0)


@pytest.mark.parametrize("with_attachments", [True, False])
def test_the_signature_always_shares_its_page_with_body_text(document, with_attachments):
    if not with_attachments:
        document.attachments = []
    alone = []
    for lines in range(10, 34):
        document.body = f"<p>{LINE}</p>" * lines
        pages = page_texts(render_pdf(official_document_html(document)).pdf)
        last = "".join(pages[-1].split())
        assert "2026年3月5日" in last
        if MARK not in last:
            alone.append((lines, len(pages)))
    assert alone == []
