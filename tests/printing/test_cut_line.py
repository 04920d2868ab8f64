"""受理告知书: the dashed cut line between the applicant's copy and the counterfoil
runs clear of its own label "（沿此虚线剪开）"."""

from types import SimpleNamespace

import pytest

from printing.forms import acceptance_notice_book
from printing.render import render_pdf
from tests.printing.pdfgeometry import glyphs, ink_rows

LABEL = "沿此虚线剪开"
PX_PER_MM = 4.0


@pytest.fixture(scope="module")
def pdf(django_db_setup, django_db_blocker):
    center = SimpleNamespace(
        slug="yunxi",
        official_name="青石县云溪镇便民服务中心",
        consultation_phone="0859-6621001",
        complaint_phone="0859-6621002",
    )
    with django_db_blocker.unblock():  # the public host, for the applicant copy's QR code
        book = acceptance_notice_book(center, year=2026)
    return render_pdf(book.html()).pdf


def cut_lines_mm(pdf: bytes) -> list[float]:
    """Rows (mm from the top) around the middle of the sheet, where the two parts meet,
    crossed by a line across most of the sheet's width (the form's own underlines for
    filling in are shorter)."""
    rows = ink_rows(pdf, px_per_mm=PX_PER_MM)
    width_px = 210 * PX_PER_MM
    return [
        y / PX_PER_MM
        for y, count in enumerate(rows)
        if count > 0.35 * width_px and 130 <= y / PX_PER_MM <= 167
    ]


def test_the_cut_line_never_crosses_its_label(pdf):
    lines = cut_lines_mm(pdf)
    assert lines, "no cut line found"

    found = glyphs(pdf)
    text = "".join(g.char for g in found)
    start = text.index(LABEL)
    label = found[start : start + len(LABEL)]
    top = min(g.top for g in label) - 0.3
    bottom = max(g.bottom for g in label) + 0.3
    assert not [y for y in lines if top <= y <= bottom], (
        f"the cut line at {lines} mm crosses the label ({top:.1f}–{bottom:.1f} mm)"
    )
