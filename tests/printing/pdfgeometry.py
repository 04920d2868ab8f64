"""Where things land on a rendered page: character boxes and blank bands, in mm."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium

from tests.documents.pdfcheck import MM_PER_POINT


@dataclass(frozen=True)
class Glyph:
    char: str
    left: float  # mm from the page's left edge
    top: float  # mm from the page's top edge
    right: float
    bottom: float


def visible_chars(pdf: bytes, index: int = 0) -> Iterator[tuple[str, int, object, float]]:
    """(character, its index, the text page, the page's height in points) for each
    visible character of page `index`, in reading order."""
    page = pdfium.PdfDocument(pdf)[index]
    height = page.get_height()
    text = page.get_textpage()
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if char.strip():
            yield char, i, text, height


def glyphs(pdf: bytes, index: int = 0) -> list[Glyph]:
    """The visible characters of page `index` with their tight boxes, top-left origin."""
    found = []
    for char, i, text, height in visible_chars(pdf, index):
        left, bottom, right, top = text.get_charbox(i)
        found.append(
            Glyph(
                char,
                left * MM_PER_POINT,
                (height - top) * MM_PER_POINT,
                right * MM_PER_POINT,
                (height - bottom) * MM_PER_POINT,
            )
        )
    return found


def ink_rows(pdf: bytes, index: int = 0, px_per_mm: float = 0.5, edge_mm: float = 0) -> list[int]:
    """Per pixel row (px_per_mm rows a millimetre), how many pixels differ from the row's
    most common shade, `edge_mm` on the left and right left out: 0 means a blank row."""
    page = pdfium.PdfDocument(pdf)[index]
    image = page.render(scale=px_per_mm * MM_PER_POINT, grayscale=True).to_pil().convert("L")
    width, height = image.size
    data = image.tobytes()
    edge = round(edge_mm * px_per_mm)
    rows = []
    for y in range(height):
        row = data[y * width + edge : (y + 1) * width - edge]
        background = max(set(row), key=row.count)
        rows.append(sum(1 for value in row if abs(value - background) > 24))
    return rows


def largest_blank_band_mm(
    pdf: bytes, margin_mm: float = 20.0, index: int = 0, px_per_mm: float = 0.5
) -> float:
    """The tallest run of blank rows inside the sheet, `margin_mm` all round left out."""
    rows = ink_rows(pdf, index, px_per_mm, margin_mm)
    edge = round(margin_mm * px_per_mm)
    best = run = 0
    for count in rows[edge:-edge]:
        run = run + 1 if count == 0 else 0
        best = max(best, run)
    return best / px_per_mm
