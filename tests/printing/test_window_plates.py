"""窗口吊牌: the window's number and name are lettered to the plate's width, whatever
the name's length, and the plate says the size its PDF has."""

import io
from types import SimpleNamespace

from django.utils import translation

import pytest
from pypdf import PdfReader

from printing.products import vertical_signboard, window_plate
from printing.render import render_pdf
from tests.documents.pdfcheck import assert_size, read_pdf
from tests.printing.pdfgeometry import glyphs

UNIT = "青石县云溪镇便民服务中心"
NAMES = {
    "short": (1, "综合窗口"),
    "usual": (2, "民政救助窗口"),
    "long": (5, "自然资源与村镇建设窗口"),
    "very long": (12, "退役军人服务与社会救助综合窗口"),
}


@pytest.fixture(scope="module")
def plates():
    """Each plate rendered once for the module: (product, pdf)."""
    rendered = {}
    for label, (number, name) in NAMES.items():
        product = window_plate(SimpleNamespace(number=number, name=name), UNIT)
        rendered[label] = (product, render_pdf(product.html()).pdf)
    return rendered


def _line(pdf, text):
    """The boxes of the characters of the line reading `text`."""
    found = glyphs(pdf)
    chars = "".join(g.char for g in found)
    start = chars.index(text)
    return found[start : start + len(text)]


@pytest.mark.parametrize("label", NAMES)
def test_the_lettering_fills_the_plate_and_stays_on_it(plates, label):
    product, pdf = plates[label]
    number, name = NAMES[label]
    facts = read_pdf(pdf)
    assert_size(facts, 400, 200)
    assert facts.pages == 1
    inner = 400 - 2 * 3  # inside the plate's border

    name_line = _line(pdf, name)
    number_line = _line(pdf, f"{number}号窗口")
    lettering = name_line + number_line
    left = min(g.left for g in lettering)
    right = max(g.right for g in lettering)
    assert right - left >= 0.85 * inner, f"{name}: lettering {right - left:.0f} mm wide"
    assert left >= 3 and right <= 397  # nothing runs off the plate
    assert max(g.bottom for g in _line(pdf, UNIT)) <= 197
    assert max(g.top for g in name_line) < min(g.bottom for g in name_line)  # on one line
    # The name is the largest lettering on the plate, the number next.
    name_height = name_line[0].bottom - name_line[0].top
    assert name_height > 20 and name_line[0].top > number_line[0].bottom


def test_the_plate_states_the_size_of_its_pdf(plates):
    product, pdf = plates["usual"]
    assert product.caption == "2号窗口吊牌 · 400 × 200 mm（横）"
    assert PdfReader(io.BytesIO(pdf)).metadata.title == product.caption  # the PDF's own title


def test_titles_and_size_labels_are_translated():
    """Titles built in Python go through gettext: an English admin reads them in English."""
    window = SimpleNamespace(number=2, name="民政救助窗口")
    with translation.override("en"):
        assert window_plate(window, UNIT).caption == (
            "Window 2 hanging plate · 400 × 200 mm (landscape)"
        )
        assert vertical_signboard(SimpleNamespace(official_name=UNIT)).caption == (
            "Vertical signboard · 400 × 2400 mm (portrait)"
        )
