"""Spreadsheet cells that cannot run as formulas (CSV / formula injection).

A title such as ``=HYPERLINK(...)`` or ``=cmd|' /C calc'!A0`` typed into the
portal would otherwise become a live formula in the spreadsheet of whoever
opens an export. In CSV a text cell starting with a formula trigger gets a
leading apostrophe, which Excel, WPS and LibreOffice show as plain text; in
XLSX the cell is stored as text with Excel's quote-prefix flag. A plain number
such as ``-3`` or ``+1.5`` is left as it is.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise(value: Any) -> Any:
    """The cell value, made inert if it is text that a spreadsheet would evaluate."""
    if not isinstance(value, str) or not value.startswith(FORMULA_TRIGGERS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def neutralise_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise(value) for value in row]


def _lines(chunks: Iterable[bytes | str], encoding: str) -> Iterator[str]:
    """The stream cut after each "\n", whatever the chunks' boundaries (mid-character too)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending = ""
    for chunk in chunks:
        pending += decoder.decode(chunk) if isinstance(chunk, bytes) else chunk
        *complete, pending = pending.split("\n")
        for line in complete:
            yield line + "\n"
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending


def neutralise_csv(chunks: Iterable[bytes | str], encoding: str = "utf-8") -> Iterator[bytes]:
    """Re-write a CSV stream record by record with every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    for record in csv.reader(_lines(chunks, encoding)):
        writer.writerow(neutralise_row(record))
        yield out.getvalue().encode(encoding)
        out.seek(0)
        out.truncate()


def is_formula_like(value: Any) -> bool:
    return neutralise(value) is not value


def guard_xlsx_cell(cell) -> None:
    """Keep an openpyxl cell's text as it is, but stored and flagged as text.

    In a workbook the value need not change: a string cell with Excel's
    quotePrefix flag is what Excel itself writes for a typed ``'=…``, stays
    text when edited, and round-trips through our importer unchanged.
    """
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def neutralise_xlsx(data: bytes) -> bytes:
    """Return the workbook with every formula-like text cell of every sheet guarded."""
    from openpyxl import load_workbook  # heavy: openpyxl loads only to export a spreadsheet

    workbook = load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    guard_xlsx_cell(cell)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
