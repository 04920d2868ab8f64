"""Importing old policy documents (.docx, .txt, .html, .pdf) as draft PolicyDocumentPages.

reading.py turns a file into blocks of text, extract.py (pure) finds the
title, 文号, issuer, dates and disclosure metadata in them, importer.py
writes drafts, one transaction per file.
"""

from .extract import ExtractedDocument, extract
from .reading import Block, ImportProblem, read_document

__all__ = ["Block", "ExtractedDocument", "ImportProblem", "extract", "read_document"]
