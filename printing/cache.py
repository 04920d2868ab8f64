"""Rendered PDFs kept by content version: reprinting unchanged content is instant.

The key is a hash of everything that decides the output — the product's
HTML (which carries every field it prints) and the print stylesheets — so
any edit, to content or to a county's visual identity, makes a new key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

from .render import RenderedPdf, render_pdf

STYLESHEETS = ("css/print.css",)
ENGINE_VERSION = "1"


def content_key(html: str) -> str:
    digest = hashlib.sha256(ENGINE_VERSION.encode())
    for name in STYLESHEETS:
        found = finders.find(name)
        digest.update(Path(found).read_bytes() if found else b"")
    digest.update(html.encode())
    return digest.hexdigest()


def cached_pdf(html: str, render: Callable[[str], RenderedPdf] = render_pdf) -> tuple[bytes, bool]:
    """The PDF for `html`, and whether it came from the cache."""
    key = content_key(html)
    path = Path(settings.PRINT_CACHE_DIR) / key[:2] / f"{key}.pdf"
    if path.is_file():
        return path.read_bytes(), True
    pdf = render(html).pdf
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(pdf)
    partial.replace(path)  # atomic: a reader never sees half a file
    return pdf, False
