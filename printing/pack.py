"""A center's print pack: every product as its own print-shop file, or all in one PDF."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .cache import cached_pdf, content_key
from .products import Product, center_pack

Progress = Callable[[Product], None]


@dataclass
class PackFile:
    product: Product
    pdf: bytes
    cached: bool


def render_products(
    products: list[Product], progress: Progress = lambda product: None
) -> list[PackFile]:
    """Render (or fetch from the cache) every product, PRINT_WORKERS at a time, in order."""
    pages = [(product, product.html()) for product in products]  # templates read the DB here

    def one(item: tuple[Product, str]) -> PackFile:
        product, html = item
        pdf, cached = cached_pdf(html)
        progress(product)
        return PackFile(product, pdf, cached)

    with ThreadPoolExecutor(max_workers=settings.PRINT_WORKERS) as pool:
        return list(pool.map(one, pages))


def write_pack(center, out_dir: Path, progress: Progress = lambda product: None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for file in render_products(center_pack(center), progress):
        path = out_dir / file.product.filename
        path.write_bytes(file.pdf)
        written.append(path)
    return written


def pack_zip(center) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in render_products(center_pack(center)):
            archive.writestr(file.product.filename, file.pdf)
    return buffer.getvalue()


def pack_pdf(center) -> bytes:
    """All products in one PDF; each page keeps its own physical size."""
    from pypdf import PdfWriter  # heavy: loads only to print a whole pack

    writer = PdfWriter()
    for file in render_products(center_pack(center)):
        writer.append(io.BytesIO(file.pdf))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def preview_png(product: Product, width_px: int = 480) -> bytes:
    """The first page as a PNG for the print menu, cached with the PDF."""
    html = product.html()
    key = content_key(html)
    path = Path(settings.PRINT_CACHE_DIR) / key[:2] / f"{key}-{width_px}.png"
    if path.is_file():
        return path.read_bytes()
    pdf, _ = cached_pdf(html)
    png = _rasterise(pdf, width_px)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    return png


def _rasterise(pdf: bytes, width_px: int) -> bytes:
    import pypdfium2 as pdfium  # heavy: loads only to preview a print

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        width_pt, height_pt = page.get_size()
        scale = min(width_px / width_pt, 4 * width_px / height_pt)
        image = page.render(scale=scale).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()
