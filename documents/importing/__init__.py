"""Importing old policy documents (.docx, .txt, .html, .pdf) as draft PolicyDocumentPages.

reading.py turns a file into blocks of text, extraction.py (pure) finds the
title, 文号, issuer, dates and disclosure metadata in them, importer.py
writes drafts, one transaction per file.

The names below load on first use (PEP 562): the models import
``documents.importing.titles``, and every process (each ``manage.py`` call, each
app server) would otherwise pay for the readers' and cleaners' libraries (cn2an,
rjieba, BeautifulSoup, requests) that only an import needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .extraction import ExtractedDocument, extract
    from .reading import Block, ImportProblem, read_document

_HOMES = {
    "ExtractedDocument": ".extraction",
    "extract": ".extraction",
    "Block": ".reading",
    "ImportProblem": ".reading",
    "read_document": ".reading",
}

__all__ = ["Block", "ExtractedDocument", "ImportProblem", "extract", "read_document"]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name], __name__), name)
    globals()[name] = value
    return value
