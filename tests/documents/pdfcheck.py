"""Reading a PDF back the way a print shop's software would."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader

MM_PER_POINT = 25.4 / 72


@dataclass
class PdfFacts:
    pages: int
    sizes_mm: list[tuple[float, float]]
    text: str
    fonts: dict[str, bool]  # base font name → embedded


def read_pdf(data: bytes) -> PdfFacts:
    reader = PdfReader(io.BytesIO(data))
    sizes, fonts, text = [], {}, []
    for page in reader.pages:
        box = page.mediabox
        sizes.append((float(box.width) * MM_PER_POINT, float(box.height) * MM_PER_POINT))
        text.append(page.extract_text() or "")
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = _descriptor(font)
            embedded = bool(
                descriptor
                and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            )
            fonts[str(font.get("/BaseFont"))] = embedded
    return PdfFacts(len(reader.pages), sizes, "\n".join(text), fonts)


def _descriptor(font):
    if "/FontDescriptor" in font:
        return font["/FontDescriptor"].get_object()
    for child in font.get("/DescendantFonts") or []:
        child = child.get_object()
        if "/FontDescriptor" in child:
            return child["/FontDescriptor"].get_object()
    return None


def assert_size(facts: PdfFacts, width_mm: float, height_mm: float) -> None:
    for width, height in facts.sizes_mm:
        assert abs(width - width_mm) <= 0.5 and abs(height - height_mm) <= 0.5, (
            f"page is {width:.1f} × {height:.1f} mm, expected {width_mm} × {height_mm}"
        )


def assert_fonts_embedded_and_subset(facts: PdfFacts) -> None:
    assert facts.fonts, "no fonts at all"
    for name, embedded in facts.fonts.items():
        assert embedded, f"{name} is not embedded"
        tag = name.lstrip("/").split("+")[0]
        assert "+" in name and len(tag) == 6 and tag.isupper(), f"{name} is not a subset"


def page_texts(data: bytes) -> list[str]:
    """Each page's text on its own, to tell what shares a page with what."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
