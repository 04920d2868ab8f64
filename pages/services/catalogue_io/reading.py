"""Reading .xlsx and .csv files (in any encoding staff use) into text cells, bounded.

A crafted file must not cost more than a real catalogue: a zip container's
declared sizes are checked before openpyxl opens it, rows are read one at a
time (never a grid sized by the declared dimension) and CSV is streamed, with
caps on rows and columns that name themselves in the error.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

import openpyxl

from core.limits import ZipCaps, ZipRefused, check_zip
from core.text import encoding as text_encoding
from pages.services.catalogue_io.columns import CatalogueError, map_headers

DEFAULT_MAX_ROWS = 20000
DEFAULT_MAX_COLUMNS = 100
_DECODE_SAMPLE = 1024 * 1024  # bytes charset-normalizer looks at


@dataclass(frozen=True)
class TableLimits:
    """Caps on one catalogue file; a county's catalogue is a few thousand rows."""

    max_rows: int = DEFAULT_MAX_ROWS
    max_columns: int = DEFAULT_MAX_COLUMNS
    zip: ZipCaps = field(default_factory=ZipCaps)

    @classmethod
    def from_settings(cls) -> TableLimits:
        return cls(
            max_rows=int(getattr(settings, "CATALOGUE_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)),
            max_columns=int(getattr(settings, "CATALOGUE_IMPORT_MAX_COLUMNS", DEFAULT_MAX_COLUMNS)),
            zip=getattr(settings, "CATALOGUE_IMPORT_ZIP_CAPS", None) or ZipCaps(),
        )


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as the spreadsheet shows it, cells)
    header_row: int = 1


TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER_SCAN_ROWS = 10


def read_table(path: Path, limits: TableLimits | None = None) -> Table:
    """Read a .xlsx or .csv file into text cells; anything else is one clear error."""
    path = Path(path)
    limits = limits or TableLimits.from_settings()
    if not path.is_file():
        raise CatalogueError(f"找不到文件“{path}”。")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise CatalogueError(f"无法打开文件“{path.name}”：{exc.strerror or exc}。") from exc
    if not head:
        raise CatalogueError(f"文件“{path.name}”是空的。")
    if head.startswith(_OLE2_MAGIC):
        raise CatalogueError(
            f"“{path.name}”是旧版 Excel（.xls）文件，暂不支持。请在 Excel 中“另存为”"
            "“Excel 工作簿（.xlsx）”或“CSV UTF-8（逗号分隔）”后再导入。"
        )
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, limits)
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise _not_a_spreadsheet(path)
    return _read_csv(path, limits)


def _too_big(path: Path, limits: TableLimits, where: str | Promise) -> CatalogueError:
    return CatalogueError(
        format_lazy(
            _(
                "“{}”超出了可导入的范围（{}）：一个文件最多 {} 行、{} 列。"
                "请删去多余的行列，或分成几个文件导入。"
            ),
            path.name,
            where,
            limits.max_rows,
            limits.max_columns,
        )
    )


def _bounded(
    rows: Iterable[tuple[int, list[str]]], path: Path, limits: TableLimits
) -> Iterator[tuple[int, list[str]]]:
    """Rows up to the caps; content beyond them refuses the file, empty cells there don't."""
    for number, cells in rows:
        if len(cells) > limits.max_columns:
            if any(cells[limits.max_columns :]):
                column = next(
                    i for i in range(len(cells) - 1, -1, -1) if cells[i]
                )  # the last one used
                where = format_lazy(_("第 {} 行第 {} 列有内容"), number, column + 1)
                raise _too_big(path, limits, where)
            cells = cells[: limits.max_columns]
        if number > limits.max_rows + 1:  # + the header row
            if any(cells):
                raise _too_big(path, limits, format_lazy(_("第 {} 行有内容"), number))
            continue
        yield number, cells


def _not_a_spreadsheet(path: Path) -> CatalogueError:
    return CatalogueError(
        f"“{path.name}”不是可以导入的电子表格。请使用 Excel 工作簿（.xlsx）或 CSV 文件，"
        "第 1 行为表头（至少包含“事项编码”“事项名称”）。"
    )


def _read_xlsx(path: Path, limits: TableLimits) -> Table:
    unreadable = CatalogueError(
        f"无法读取“{path.name}”：文件已损坏，或不是 Excel 工作簿（.xlsx）。"
        "其他软件保存的表格，请另存为 .xlsx 后再导入。"
    )
    try:
        check_zip(path, limits.zip)  # before anything is decompressed
    except ZipRefused as exc:
        raise CatalogueError(format_lazy(_("无法导入“{}”：{}"), path.name, exc.message)) from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except MemoryError:  # the child's limit, not a broken file
        raise
    except Exception as exc:  # zipfile, XML and openpyxl's own errors: all mean "unreadable"
        raise unreadable from exc
    try:
        first: Table | None = None
        for sheet in workbook.worksheets:
            # The declared <dimension> is the file's word, not a fact: without it,
            # rows come as stored, each as wide as its own last cell.
            sheet.reset_dimensions()
            rows = list(
                _bounded(
                    (
                        (number, [_cell_text(value) for value in values])
                        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
                    ),
                    path,
                    limits,
                )
            )
            table = _table_from_rows(rows)
            if not map_headers(table.headers).missing:
                return table
            first = first or table
    except (CatalogueError, MemoryError):
        raise
    except Exception as exc:
        raise unreadable from exc
    finally:
        workbook.close()
    if first is None:
        raise _not_a_spreadsheet(path)
    return first


def _cell_text(value: Any) -> str:
    """A cell as the text staff see: 5.0 → '5', dates as 2026-01-31, line ends folded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")
    return text.strip()


def _read_csv(path: Path, limits: TableLimits) -> Table:
    """Streamed: the file is decoded and split as it is read, never held whole."""
    with path.open("rb") as handle:
        sample = handle.read(_DECODE_SAMPLE)
    encoding = _encoding(sample, path)
    with path.open("rb") as handle:
        if encoding == "utf-16":
            handle.seek(2)  # the BOM that named it
            encoding = "utf-16-le" if sample.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        text = io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline="")
        try:
            return _parse_csv(text, path, limits)
        except UnicodeDecodeError as exc:
            raise _encoding_error(path) from exc


def _parse_csv(text: io.TextIOWrapper, path: Path, limits: TableLimits) -> Table:
    first_line = text.readline()
    if "\x00" in first_line:
        raise _not_a_spreadsheet(path)
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    lines = _no_nul(_chain_first(first_line, text), path)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        rows = list(
            _bounded(
                (
                    (number, [_cell_text(cell) for cell in record])
                    for number, record in enumerate(reader, start=1)
                ),
                path,
                limits,
            )
        )
    except csv.Error as exc:
        raise CatalogueError(
            f"“{path.name}”第 {reader.line_num} 行附近的格式有误，无法作为 CSV 读取（{exc}）。"
        ) from exc
    return _table_from_rows(rows)


def _chain_first(first: str, rest: Iterable[str]) -> Iterator[str]:
    yield first
    yield from rest


def _no_nul(lines: Iterable[str], path: Path) -> Iterator[str]:
    for line in lines:
        if "\x00" in line:
            raise _not_a_spreadsheet(path)
        yield line


def _encoding(sample: bytes, path: Path) -> str:
    """From the first megabyte, by the portal's one policy (core.text.encoding):
    UTF-16 or UTF-8 by BOM, UTF-8, GBK/GB18030. A wrong guess fails later as an
    encoding error."""
    if b"\x00" in sample and not sample.startswith(text_encoding.UTF16_BOMS):
        raise _not_a_spreadsheet(path)  # anywhere in the sample, not only near the start
    if len(sample) == _DECODE_SAMPLE:
        sample = _whole_characters(sample)
    try:
        return text_encoding.detect_encoding(sample)
    except text_encoding.NotText:
        raise _not_a_spreadsheet(path) from None
    except text_encoding.EncodingProblem as exc:
        # Big5, Shift-JIS…: named. A GB guess for bytes GB18030 cannot read is no guess.
        guess = "" if exc.encoding in text_encoding.GB_FAMILY else exc.encoding
        raise _encoding_error(path, guess) from None


def _whole_characters(sample: bytes) -> bytes:
    """A sample cut at a line end, so a multi-byte character is not split."""
    end = sample.rfind(b"\n")
    return sample[: end + 1] if end > 0 else sample


def _encoding_error(path: Path, encoding: str = "") -> CatalogueError:
    if encoding:
        return CatalogueError(
            format_lazy(
                _(
                    "“{}”的文字编码是 {}，暂不支持（只能导入 UTF-8 或 GBK/GB18030）。"
                    "请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”后再导入。"
                ),
                path.name,
                encoding,
            )
        )
    return CatalogueError(
        f"无法识别“{path.name}”的文字编码。请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”后再导入。"
    )


def _table_from_rows(rows: list[tuple[int, list[str]]]) -> Table:
    """Find the header row (a title row above it is common) and pad rows to its width."""
    if not rows:
        return Table([], [], 1)
    candidates = [i for i, (_, cells) in enumerate(rows[:_HEADER_SCAN_ROWS]) if any(cells)]
    header_index = next(
        (i for i in candidates if not map_headers(rows[i][1]).missing),
        candidates[0] if candidates else 0,
    )
    header_number, headers = rows[header_index]
    width = max(len(headers), max((len(c) for _, c in rows), default=0))
    headers = headers + [""] * (width - len(headers))
    body = [
        (number, cells + [""] * (width - len(cells)))
        for number, cells in rows[header_index + 1 :]
        if any(cells)
    ]
    return Table(headers, body, header_number)
