"""Reading .xlsx and .csv files (in any encoding staff use) into text cells."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import charset_normalizer
import openpyxl

from pages.services.catalogue_io.columns import CatalogueError, map_headers


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as the spreadsheet shows it, cells)
    header_row: int = 1


TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
_HEADER_SCAN_ROWS = 10


def read_table(path: Path) -> Table:
    """Read a .xlsx or .csv file into text cells; anything else is one clear error."""
    path = Path(path)
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
        return _read_xlsx(path)
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise _not_a_spreadsheet(path)
    return _read_csv(path)


def _not_a_spreadsheet(path: Path) -> CatalogueError:
    return CatalogueError(
        f"“{path.name}”不是可以导入的电子表格。请使用 Excel 工作簿（.xlsx）或 CSV 文件，"
        "第 1 行为表头（至少包含“事项编码”“事项名称”）。"
    )


def _read_xlsx(path: Path) -> Table:
    unreadable = CatalogueError(
        f"无法读取“{path.name}”：文件已损坏，或不是 Excel 工作簿（.xlsx）。"
        "其他软件保存的表格，请另存为 .xlsx 后再导入。"
    )
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl's own errors: all mean "unreadable"
        raise unreadable from exc
    try:
        first: Table | None = None
        for sheet in workbook.worksheets:
            rows = [
                (number, [_cell_text(value) for value in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
            table = _table_from_rows(rows)
            if not map_headers(table.headers).missing:
                return table
            first = first or table
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


def _read_csv(path: Path) -> Table:
    data = path.read_bytes()
    text = _decode(data, path)
    if "\x00" in text:
        raise _not_a_spreadsheet(path)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [
            (number, [_cell_text(cell) for cell in record])
            for number, record in enumerate(reader, start=1)
        ]
    except csv.Error as exc:
        raise CatalogueError(
            f"“{path.name}”第 {reader.line_num} 行附近的格式有误，无法作为 CSV 读取（{exc}）。"
        ) from exc
    return _table_from_rows(rows)


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) first; otherwise let charset-normalizer say which (GBK…)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _encoding_error(path) from exc
    if b"\x00" in data:
        raise _not_a_spreadsheet(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise _encoding_error(path)
    # Chinese spreadsheets outside UTF-8 are GBK/GB18030; prefer that family when it fits.
    chosen = next((m for m in matches if m.encoding in _GB_FAMILY), matches[0])
    encoding = "gb18030" if chosen.encoding in _GB_FAMILY else chosen.encoding
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise _encoding_error(path) from exc


def _encoding_error(path: Path) -> CatalogueError:
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
