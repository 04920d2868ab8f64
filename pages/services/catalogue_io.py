"""Spreadsheet import and export of a center's service catalogue (服务事项目录).

Centers receive and keep their catalogue as spreadsheets. The importer reads
them as staff actually save them (.xlsx, or CSV in UTF-8 with or without BOM
or in GBK/GB18030), checks every row and reports every problem at once with
its row number (一次性告知), and writes the guides as real Wagtail pages with
revisions. Guides that lack any of the 八公开 are saved as drafts, because the
same rule as the admin form applies. The exporter writes the same columns,
so an exported file imports back without changes.

Reading and parsing are pure functions over plain values; only the planning
and writing steps touch the database. Writing is done in bulk (a few queries
per 500 guides instead of ~90 per guide) because Wagtail's one-page-at-a-time
publishing is too slow for a county catalogue of thousands of items.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import (
    COMMENTS_RELATION_NAME,
    Locale,
    Page,
    PageLogEntry,
    ReferenceIndex,
    Revision,
    WorkflowState,
)
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published, published

import charset_normalizer
import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from pages.models import (
    Department,
    GuideLegalBasis,
    GuideMaterial,
    GuideStep,
    LifeEvent,
    SectionPage,
    ServiceCenterPage,
    ServiceGuidePage,
    ServiceWindow,
    VillageStationPage,
)
from pages.models.guide import (
    AUDIENCE_CHOICES,
    HANDLING_MODE_CHOICES,
    ITEM_TYPE_CHOICES,
    LEVEL_CHOICES,
    MATERIAL_MEDIUM_CHOICES,
    MATERIAL_ORIGINAL_CHOICES,
)
from pages.services.guides import GuideFacts, format_limit, missing_disclosures
from pages.validators import normalise_phone, validate_phone

Progress = Callable[[str, int, int], None]
"""Called as progress(stage, done, total); stage is "检查" or "写入"."""

CHUNK = 500


class CatalogueError(Exception):
    """The whole file or request is refused; the message is for the user, in Chinese."""


# -- columns -----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # what the exporter writes
    aliases: tuple[str, ...] = ()
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        "item_code", "事项编码", ("编码", "事项代码", "实施编码", "事项实施编码"), required=True
    ),
    Column(
        "title",
        "事项名称",
        ("服务事项名称", "政务服务事项名称", "实施事项名称", "名称"),
        required=True,
    ),
    Column("item_type", "事项类型", ("事项类别", "类型")),
    Column("handling_mode", "办件类型", ("办理类型",)),
    Column("level", "办理层级", ("层级",)),
    Column("audience", "服务对象", ("办理对象", "面向对象")),
    Column("window", "办理窗口", ("窗口", "受理窗口")),
    Column("department", "实施部门", ("实施主体", "责任部门", "部门", "进驻部门")),
    Column("themes", "主题", ("人生事件主题", "主题分类", "人生事件")),
    Column("legal_bases", "办理依据", ("法律依据", "设定依据", "依据")),
    Column("conditions", "受理条件", ("申请条件", "办理条件")),
    Column("materials", "申报材料", ("申请材料", "所需材料", "办理材料")),
    Column("steps", "办理程序", ("办理流程", "办事流程", "流程")),
    Column("statutory_limit_days", "法定时限", ("法定办结时限", "法定期限")),
    Column("promised_limit_days", "承诺时限", ("承诺办结时限", "承诺期限")),
    Column("visits", "到现场次数", ("到办事现场次数", "跑动次数")),
    Column("fee", "收费标准", ("是否收费", "收费情况", "收费")),
    Column("fee_basis", "收费依据", ()),
    Column("consultation_phone", "咨询电话", ("咨询方式",)),
    Column("complaint_phone", "投诉电话", ("监督投诉电话", "投诉方式", "监督电话")),
    Column("online_channel", "网上办理渠道", ("网办渠道", "网上办理地址", "网上办理")),
)
EXPORT_HEADERS = tuple(c.header for c in COLUMNS)
REQUIRED_HEADERS = tuple(c.header for c in COLUMNS if c.required)
# Serial-number columns are common and carry nothing to import.
IGNORED_HEADERS = frozenset({"序号", "编号序号"})

# Guide fields a row may set, with the label used in messages ("what changed").
FIELD_LABELS: dict[str, str] = {
    "title": "事项名称",
    "item_type": "事项类型",
    "handling_mode": "办件类型",
    "level": "办理层级",
    "audience": "服务对象",
    "window_id": "办理窗口",
    "department_id": "实施部门",
    "themes": "主题",
    "legal_bases": "办理依据",
    "conditions": "受理条件",
    "materials": "申报材料",
    "steps": "办理程序",
    "statutory_limit_days": "法定时限",
    "promised_limit_days": "承诺时限",
    "visits": "到现场次数",
    "fee_free": "收费标准",
    "fee_amount": "收费标准",
    "fee_basis": "收费依据",
    "consultation_phone": "咨询电话",
    "complaint_phone": "投诉电话",
    "online_channel": "网上办理渠道",
}
SCALAR_FIELDS = tuple(
    k for k in FIELD_LABELS if k not in ("themes", "legal_bases", "materials", "steps")
)
CHILD_RELATIONS = ("legal_bases", "materials", "steps")

# What a new guide gets for a column the file does not have. Fee and phones
# default to "not disclosed" so that the 八公开 check, not a silent default,
# decides whether the guide may be published.
NEW_GUIDE_DEFAULTS: dict[str, Any] = {
    "title": "",
    "item_type": "other",
    "handling_mode": "promised",
    "level": "township",
    "audience": "individual",
    "window_id": None,
    "department_id": None,
    "themes": frozenset(),
    "legal_bases": (),
    "conditions": "",
    "materials": (),
    "steps": (),
    "statutory_limit_days": None,
    "promised_limit_days": None,
    "visits": 1,
    "fee_free": False,
    "fee_amount": "",
    "fee_basis": "",
    "consultation_phone": "",
    "complaint_phone": "",
    "online_channel": "",
}


def normalise_header(text: str) -> str:
    """'承诺时限（工作日）*' → '承诺时限': width, spaces, required marks and notes folded."""
    value = unicodedata.normalize("NFKC", text or "")
    value = re.sub(r"\s+", "", value).strip("*")
    value = re.sub(r"\([^()]*\)$", "", value)
    return value.strip("*")


_ALIASES: dict[str, Column] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.aliases):
        _ALIASES[normalise_header(_name)] = _column


@dataclass(frozen=True)
class HeaderMap:
    columns: dict[str, int]  # column key → index in the row
    unknown: tuple[str, ...]
    missing: tuple[str, ...]  # required headers not found
    duplicates: tuple[str, ...]  # messages about two columns meaning the same thing


def map_headers(headers: Sequence[str]) -> HeaderMap:
    columns: dict[str, int] = {}
    seen: dict[str, str] = {}
    unknown: list[str] = []
    duplicates: list[str] = []
    for index, header in enumerate(headers):
        name = normalise_header(header)
        if not name or name in IGNORED_HEADERS:
            continue
        column = _ALIASES.get(name)
        if column is None:
            unknown.append(header.strip())
        elif column.key in columns:
            duplicates.append(
                f"“{seen[column.key]}”和“{header.strip()}”两列都表示“{column.header}”，请只保留一列。"
            )
        else:
            columns[column.key] = index
            seen[column.key] = header.strip()
    missing = tuple(c.header for c in COLUMNS if c.required and c.key not in columns)
    return HeaderMap(columns, tuple(unknown), missing, tuple(duplicates))


# -- reading files -----------------------------------------------------------------


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


# -- parsing values ----------------------------------------------------------------

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMBER = r"(\d+|[零〇一二两三四五六七八九十百千]+)"
_INSTANT = re.compile(r"(即办件?|即时办结|即来即办|立即办结|当场办结|当场办理|当场)(\(.*\))?")
_DAYS = re.compile(rf"(?:不超过)?{_NUMBER}个?(工作日|日|天)?(?:内|以内)?")
_MAX_SMALL = 32767


def fold(text: str) -> str:
    """Full-width digits, letters and punctuation folded to ASCII, spaces removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def chinese_number(text: str) -> int | None:
    """'15', '十五', '二十', '一百零五' → int; None if it is not a number."""
    if text.isdigit():
        return int(text)
    total = current = 0
    for char in text:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[char]
            current = 0
        else:
            return None
    return total + current if text else None


def parse_days(text: str, header: str) -> int | None:
    """'5个工作日' → 5, '即办'/'当场办结' → 0, '' → None; anything else is an error."""
    value = fold(text)
    if not value:
        return None
    if _INSTANT.fullmatch(value):
        return 0
    match = _DAYS.fullmatch(value)
    number = chinese_number(match.group(1)) if match else None
    if number is None:
        raise ValueError(f"{header}“{text}”无法识别，请填写工作日数（如“5个工作日”）或“即办”")
    if number > _MAX_SMALL:
        raise ValueError(f"{header}“{text}”过长")
    return number


def parse_visits(text: str) -> int | None:
    """'最多跑一次' → 1, '零跑动' → 0, '需到现场 2 次' → 2, '' → None (keep)."""
    value = fold(text)
    if not value:
        return None
    core = re.sub(r"^(需到现场|到现场|最多跑|跑)", "", value)
    core = re.sub(r"(次|跑动)$", "", core)
    number = chinese_number(core)
    if number is None or number > _MAX_SMALL:
        raise ValueError(f"到现场次数“{text}”无法识别，请填写数字（如“1”）或“最多跑一次”“零跑动”")
    return number


_FREE_WORDS = {"不收费", "免费", "无", "否", "0", "0元", "不收取费用", "免收"}


def parse_fee(text: str) -> tuple[bool, str]:
    """(fee_free, fee_amount). A blank cell is 'not disclosed', not 'free'."""
    value = text.strip()
    if fold(value) in _FREE_WORDS:
        return True, ""
    return False, value


def _choice_map(choices, extra: dict[str, str]) -> dict[str, str]:
    mapping = {fold(str(label)): value for value, label in choices}
    mapping.update({value: value for value, _ in choices})
    mapping.update({fold(k): v for k, v in extra.items()})
    return mapping


_CHOICES: dict[str, tuple[dict[str, str], Sequence]] = {
    "item_type": (
        _choice_map(
            ITEM_TYPE_CHOICES,
            {
                "公共服务事项": "public",
                "便民服务事项": "convenience",
                "党务服务事项": "party",
                "其它": "other",
            },
        ),
        ITEM_TYPE_CHOICES,
    ),
    "handling_mode": (
        _choice_map(
            HANDLING_MODE_CHOICES,
            {
                "即办": "immediate",
                "承诺": "promised",
                "联办": "joint",
                "上报": "referred",
                "代办": "agency",
            },
        ),
        HANDLING_MODE_CHOICES,
    ),
    "level": (
        _choice_map(
            LEVEL_CHOICES,
            {
                "乡镇": "township",
                "乡镇级": "township",
                "镇级": "township",
                "村级": "village",
                "村(社区)代办": "village",
            },
        ),
        LEVEL_CHOICES,
    ),
    "audience": (
        _choice_map(
            AUDIENCE_CHOICES,
            {
                "自然人": "individual",
                "公民": "individual",
                "企业": "legal",
                "法人和其他组织": "legal",
                "法人或其他组织": "legal",
                "个人、法人": "both",
                "个人,法人": "both",
                "自然人、法人": "both",
                "自然人和法人": "both",
                "全部": "both",
            },
        ),
        AUDIENCE_CHOICES,
    ),
}


_LABELS: dict[int, dict[str, str]] = {}


def label(choices: Sequence, value: str) -> str:
    """A choice's Chinese label. Cached by the choices list's identity: hashing or
    formatting lazy translations thousands of times dominates an export otherwise."""
    labels = _LABELS.get(id(choices))
    if labels is None:
        labels = _LABELS[id(choices)] = {key: str(name) for key, name in choices}
    return labels.get(value, value)


def parse_choice(key: str, text: str, header: str) -> str | None:
    """Chinese label (行政许可) or stored value (license) → value; '' → None (keep)."""
    value = fold(text)
    if not value:
        return None
    mapping, choices = _CHOICES[key]
    for candidate in (value, value.removesuffix("类"), value.removesuffix("事项")):
        if candidate in mapping:
            return mapping[candidate]
    allowed = "、".join(str(name) for _, name in choices)
    raise ValueError(f"{header}“{text}”无法识别，可填写：{allowed}")


_ENUMERATOR = re.compile(
    r"^\s*(?:[(（]\s*\d+\s*[)）]|(?:\d+|[一二三四五六七八九十]+)\s*[.、．:：)）])\s*"
)


def split_items(text: str, *, arrows: bool = False) -> list[str]:
    """Split a multi-value cell: by line if it has line breaks, otherwise by ；
    (and → for procedures); leading '1.' / '（2）' numbering is dropped."""
    if "\n" in text:
        parts = text.split("\n")
    elif arrows and re.search(r"→|->", text):
        parts = re.split(r"→|->", text)
    else:
        parts = re.split(r"[；;]", text)
    if arrows and "\n" in text:
        parts = [piece for part in parts for piece in re.split(r"→|->", part)]
    items = [_ENUMERATOR.sub("", part).strip() for part in parts]
    return [item for item in items if item]


@dataclass(frozen=True)
class LegalBasisSpec:
    law: str
    articles: str = ""

    def __str__(self) -> str:
        return f"《{self.law}》{self.articles}"


@dataclass(frozen=True)
class MaterialSpec:
    name: str
    original_or_copy: str = "original"
    copies: int = 1
    medium: str = "paper"
    required: bool = True
    condition: str = ""

    def __str__(self) -> str:
        parts = [label(MATERIAL_ORIGINAL_CHOICES, self.original_or_copy)]
        if self.copies != 1:
            parts.append(f"{self.copies}份")
        if self.medium != "paper":
            parts.append(label(MATERIAL_MEDIUM_CHOICES, self.medium))
        if not self.required:
            parts.append("非必须" + (f"：{self.condition}" if self.condition else ""))
        elif self.condition:
            parts.append(f"必须：{self.condition}")
        return f"{self.name}（{'，'.join(parts)}）"


@dataclass(frozen=True)
class StepSpec:
    title: str
    description: str = ""

    def __str__(self) -> str:
        return f"{self.title}：{self.description}" if self.description else self.title


_ARTICLES = re.compile(r"^(?P<law>.+?)\s*(?P<articles>第[0-9零〇一二两三四五六七八九十百千]+条.*)$")


def parse_legal_bases(text: str) -> tuple[LegalBasisSpec, ...]:
    """'《社会救助暂行办法》第九条' → law + articles; a bare name is a law without articles."""
    specs = []
    for item in split_items(text):
        match = re.match(r"^《(?P<law>[^》]+)》\s*(?P<articles>.*)$", item)
        if match is None:
            match = _ARTICLES.match(item)
        if match is None:
            specs.append(LegalBasisSpec(item))
        else:
            specs.append(LegalBasisSpec(match["law"].strip(), match["articles"].strip()))
    return tuple(specs)


_ORIGINAL_WORDS = {
    "原件": "original",
    "复印件": "copy",
    "原件和复印件": "both",
    "原件及复印件": "both",
    "原件、复印件": "both",
    "原件或复印件": "both",
}
_MEDIUM_WORDS = {
    "纸质": "paper",
    "纸质版": "paper",
    "电子": "electronic",
    "电子版": "electronic",
    "纸质或电子": "both",
    "纸质或电子版": "both",
    "纸质和电子": "both",
}
_OPTIONAL_WORDS = ("非必须", "非必需", "非必要", "选交", "可选")


def _material_qualifiers(text: str) -> dict[str, Any] | None:
    """'复印件，2份，非必须：家中有残疾人的' → fields; None if it is part of the name."""
    found: dict[str, Any] = {}
    rest = text.strip()
    while rest:
        for word in (*_OPTIONAL_WORDS, "必须", "必需"):
            if rest.startswith(word):
                after = rest[len(word) :]
                if after[:1] in ("：", ":"):
                    found["condition"] = after[1:].strip()
                    rest = ""
                elif after[:1] in ("", "，", ","):
                    rest = after[1:].strip()
                else:
                    return None
                found["required"] = word in ("必须", "必需")
                break
        else:
            part, _, rest = _partition(rest, "，,")
            folded = fold(part)
            copies = re.fullmatch(rf"{_NUMBER}份", folded)
            if part in _ORIGINAL_WORDS or folded in _ORIGINAL_WORDS:
                form = _ORIGINAL_WORDS.get(part) or _ORIGINAL_WORDS[folded]
                # "原件，复印件" names both forms.
                found["original_or_copy"] = (
                    "both" if found.get("original_or_copy", form) != form else form
                )
            elif folded in _MEDIUM_WORDS:
                found["medium"] = _MEDIUM_WORDS[folded]
            elif copies and chinese_number(copies.group(1)):
                found["copies"] = chinese_number(copies.group(1))
            else:
                return None
    return found or None


def parse_materials(text: str) -> tuple[MaterialSpec, ...]:
    """'居民身份证（原件和复印件）' → name + form; only a trailing bracket of known words counts."""
    specs = []
    for item in split_items(text):
        match = re.match(r"^(?P<name>.*\S)\s*[（(](?P<inner>[^（()）]*)[)）]$", item)
        qualifiers = _material_qualifiers(match["inner"]) if match else None
        if match and qualifiers is not None:
            specs.append(MaterialSpec(name=match["name"].strip(), **qualifiers))
        else:
            specs.append(MaterialSpec(name=item))
    return tuple(specs)


def parse_steps(text: str) -> tuple[StepSpec, ...]:
    """'受理→审核→办结', one per line, or '受理：材料齐全当场受理' (title：description)."""
    specs = []
    for item in split_items(text, arrows=True):
        title, _, description = _partition(item, "：:")
        specs.append(StepSpec(title, description))
    return tuple(specs)


def _partition(text: str, separators: str) -> tuple[str, str, str]:
    """Split at the first of `separators` (full- or half-width), stripping both halves."""
    match = re.search(f"[{re.escape(separators)}]", text)
    if match is None:
        return text.strip(), "", ""
    return text[: match.start()].strip(), match.group(), text[match.end() :].strip()


def parse_themes(text: str) -> list[str]:
    return [name for name in re.split(r"[,，、;；/\s]+", text.strip()) if name]


# -- rows --------------------------------------------------------------------------


@dataclass(frozen=True)
class CenterLookups:
    """A center's windows, departments and the county's themes, by what a cell may say."""

    windows_by_number: dict[int, int]
    windows_by_name: dict[str, int]
    window_labels: dict[int, str]
    departments_by_name: dict[str, int]
    department_labels: dict[int, str]
    themes_by_name: dict[str, int]
    theme_labels: dict[int, str]

    @classmethod
    def for_center(cls, center: ServiceCenterPage) -> CenterLookups:
        windows = list(ServiceWindow.objects.filter(unit=center).order_by("number"))
        departments = list(Department.objects.filter(center=center))
        themes = list(LifeEvent.objects.all())
        by_theme = {t.name: t.pk for t in themes}
        by_theme.update({t.slug: t.pk for t in themes})
        return cls(
            windows_by_number={w.number: w.pk for w in windows},
            windows_by_name={fold(w.name): w.pk for w in windows},
            window_labels={w.pk: w.name for w in windows},
            departments_by_name={fold(d.name): d.pk for d in departments},
            department_labels={d.pk: d.name for d in departments},
            themes_by_name=by_theme,
            theme_labels={t.pk: t.name for t in themes},
        )

    def window(self, text: str) -> int | None:
        value = fold(text)
        if not value:
            return None
        match = re.fullmatch(r"(?:第)?(\d+)号?(?:窗口)?(.*)", value)
        if match:
            number = int(match.group(1))
            pk = self.windows_by_number.get(number)
            name = match.group(2)
            if pk is not None and (not name or self.windows_by_name.get(name) == pk):
                return pk
        pk = self.windows_by_name.get(value)
        if pk is not None:
            return pk
        listed = "、".join(
            f"{n}号 {self.window_labels[pk]}" for n, pk in list(self.windows_by_number.items())[:12]
        )
        hint = f"（本中心的窗口：{listed}）" if listed else "（本中心尚未设置窗口）"
        raise ValueError(f"办理窗口“{text}”不是本中心的窗口{hint}")

    def department(self, text: str) -> int | None:
        value = fold(text)
        if not value:
            return None
        pk = self.departments_by_name.get(value)
        if pk is None:
            raise ValueError(f"实施部门“{text}”不是本中心的进驻部门")
        return pk

    def themes(self, text: str) -> frozenset[int]:
        names = parse_themes(text)
        unknown = [n for n in names if n not in self.themes_by_name]
        if unknown:
            known = "、".join(list(self.theme_labels.values())[:20])
            raise ValueError(f"主题“{'、'.join(unknown)}”不存在（可用的主题：{known}）")
        return frozenset(self.themes_by_name[n] for n in names)


@dataclass
class GuideRow:
    """One good row: the guide fields its columns set (absent columns are left alone)."""

    row_number: int
    item_code: str
    values: dict[str, Any]

    @property
    def title(self) -> str:
        return self.values.get("title", "")


@dataclass(frozen=True)
class BadRow:
    row_number: int
    item_code: str
    reasons: tuple[str, ...]

    @property
    def message(self) -> str:
        return "；".join(self.reasons)


_MAX_LENGTHS = {
    "item_code": ServiceGuidePage._meta.get_field("item_code").max_length,
    "title": Page._meta.get_field("title").max_length,
    "fee_amount": ServiceGuidePage._meta.get_field("fee_amount").max_length,
    "online_channel": ServiceGuidePage._meta.get_field("online_channel").max_length,
    "law": GuideLegalBasis._meta.get_field("law").max_length,
    "articles": GuideLegalBasis._meta.get_field("articles").max_length,
    "material": GuideMaterial._meta.get_field("name").max_length,
    "condition": GuideMaterial._meta.get_field("condition").max_length,
    "step": GuideStep._meta.get_field("title").max_length,
}


def parse_row(
    row_number: int, cells: Sequence[str], columns: dict[str, int], lookups: CenterLookups
) -> GuideRow | BadRow:
    """Turn one row into typed guide values, or list every reason it is wrong."""
    get = {key: cells[index] for key, index in columns.items()}
    errors: list[str] = []
    values: dict[str, Any] = {}
    code = unicodedata.normalize("NFKC", get.get("item_code", "")).strip()

    def attempt(func, *args):
        try:
            return func(*args)
        except ValueError as exc:
            errors.append(str(exc))
            return None

    def too_long(what: str, value: str, limit: int | None) -> None:
        if limit and len(value) > limit:
            errors.append(f"{what}超过 {limit} 个字")

    if not code:
        errors.append("事项编码为空")
    too_long("事项编码", code, _MAX_LENGTHS["item_code"])
    title = get.get("title", "").strip()
    if not title:
        errors.append("事项名称为空")
    too_long("事项名称", title, _MAX_LENGTHS["title"])
    values["title"] = title

    for key in ("item_type", "handling_mode", "level", "audience"):
        if key in get:
            header = next(c.header for c in COLUMNS if c.key == key)
            choice = attempt(parse_choice, key, get[key], header)
            if choice is not None:
                values[key] = choice
    if "window" in get:
        values["window_id"] = attempt(lookups.window, get["window"])
    if "department" in get:
        values["department_id"] = attempt(lookups.department, get["department"])
    if "themes" in get:
        values["themes"] = attempt(lookups.themes, get["themes"]) or frozenset()
    for key in ("conditions", "fee_basis"):
        if key in get:
            values[key] = get[key].strip()
    if "online_channel" in get:
        values["online_channel"] = get["online_channel"].strip()
        too_long("网上办理渠道", values["online_channel"], _MAX_LENGTHS["online_channel"])
    for key, header in (("statutory_limit_days", "法定时限"), ("promised_limit_days", "承诺时限")):
        if key in get:
            values[key] = attempt(parse_days, get[key], header)
    promised, statutory = values.get("promised_limit_days"), values.get("statutory_limit_days")
    if promised is not None and statutory is not None and promised > statutory:
        errors.append(f"承诺时限（{promised} 个工作日）不能超过法定时限（{statutory} 个工作日）")
    if "visits" in get:
        visits = attempt(parse_visits, get["visits"])
        if visits is not None:
            values["visits"] = visits
    if "fee" in get:
        values["fee_free"], values["fee_amount"] = parse_fee(get["fee"])
        too_long("收费标准", values["fee_amount"], _MAX_LENGTHS["fee_amount"])
    for key, header in (("consultation_phone", "咨询电话"), ("complaint_phone", "投诉电话")):
        if key in get:
            phone = normalise_phone(get[key])
            if phone:
                try:
                    validate_phone(phone)
                except ValidationError as exc:
                    errors.append(f"{header}：{' '.join(exc.messages)}")
            values[key] = phone
    if "legal_bases" in get:
        values["legal_bases"] = parse_legal_bases(get["legal_bases"])
        for basis in values["legal_bases"]:
            too_long(f"办理依据“{basis.law[:20]}”的名称", basis.law, _MAX_LENGTHS["law"])
            too_long(f"办理依据“{basis.law[:20]}”的条款", basis.articles, _MAX_LENGTHS["articles"])
    if "materials" in get:
        values["materials"] = parse_materials(get["materials"])
        for material in values["materials"]:
            name = material.name[:20]
            too_long(f"申报材料“{name}”的名称", material.name, _MAX_LENGTHS["material"])
            too_long(f"申报材料“{name}”的提交情形", material.condition, _MAX_LENGTHS["condition"])
    if "steps" in get:
        values["steps"] = parse_steps(get["steps"])
        for step in values["steps"]:
            if len(step.title) > _MAX_LENGTHS["step"]:
                errors.append(
                    f"办理程序中的步骤“{step.title[:20]}…”过长：步骤名称不超过 "
                    f"{_MAX_LENGTHS['step']} 个字，说明请写成“步骤：说明”"
                )
    if errors:
        return BadRow(row_number, code, tuple(errors))
    return GuideRow(row_number, code, values)


# -- snapshots: the same values read back from a page --------------------------------


def snapshot(page: ServiceGuidePage) -> dict[str, Any]:
    """A guide's importable values, comparable with GuideRow.values."""
    values = {key: getattr(page, key) for key in SCALAR_FIELDS}
    for key in (
        "title",
        "conditions",
        "fee_amount",
        "fee_basis",
        "online_channel",
        "consultation_phone",
        "complaint_phone",
    ):
        values[key] = _text(values[key])
    values["themes"] = frozenset(t.pk for t in page.themes.all())
    values["legal_bases"] = tuple(
        LegalBasisSpec(b.law, b.articles or "") for b in _ordered(page.legal_bases.all())
    )
    values["materials"] = tuple(
        MaterialSpec(m.name, m.original_or_copy, m.copies, m.medium, m.required, m.condition or "")
        for m in _ordered(page.materials.all())
    )
    values["steps"] = tuple(
        StepSpec(s.title, _text(s.description)) for s in _ordered(page.steps.all())
    )
    return values


def _text(value: str | None) -> str:
    """Text as a spreadsheet cell gives it back: admin textareas store CRLF line ends."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n")


def _ordered(children: Iterable) -> list:
    return sorted(children, key=lambda c: (c.sort_order is None, c.sort_order or 0, c.pk or 0))


def changed_fields(values: dict[str, Any], current: dict[str, Any]) -> list[str]:
    return [key for key, value in values.items() if current.get(key) != value]


# -- import ------------------------------------------------------------------------


@dataclass
class RowOutcome:
    row_number: int
    item_code: str
    title: str
    action: str  # "create", "update" or "unchanged"
    published: bool = True
    missing: list[str] = field(default_factory=list)  # 八公开 elements lacking (drafts)
    changed: list[str] = field(default_factory=list)  # labels of changed columns (updates)


@dataclass
class ImportReport:
    center: str
    source: str
    total_rows: int = 0
    outcomes: list[RowOutcome] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    skip_bad_rows: bool = False
    applied: bool = False

    def _with(self, action: str) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.action == action]

    @property
    def created(self) -> list[RowOutcome]:
        return self._with("create")

    @property
    def updated(self) -> list[RowOutcome]:
        return self._with("update")

    @property
    def unchanged(self) -> list[RowOutcome]:
        return self._with("unchanged")

    @property
    def drafts(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.missing]

    @property
    def refused(self) -> bool:
        """All-or-nothing: any bad row refuses the file unless bad rows may be skipped."""
        return bool(self.bad_rows) and not self.skip_bad_rows


@dataclass
class _Plan:
    row: GuideRow
    outcome: RowOutcome
    page: ServiceGuidePage | None
    merged: dict[str, Any]


def guides_section(center: ServiceCenterPage) -> SectionPage:
    section = SectionPage.objects.child_of(center).filter(kind="guides").first()
    if section is None:
        raise CatalogueError(
            f"“{center.title}”没有“办事指南”栏目，无法导入。请先在后台为该中心建立办事指南栏目。"
        )
    return section


def center_guides(center: ServiceCenterPage):
    """The center's own guides: under the center, not under its village stations, no aliases."""
    queryset = ServiceGuidePage.objects.descendant_of(center).filter(alias_of__isnull=True)
    for path in VillageStationPage.objects.descendant_of(center).values_list("path", flat=True):
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def find_center(slug: str) -> ServiceCenterPage:
    """The center with this slug (default locale first); one clear error otherwise."""
    centers = list(ServiceCenterPage.objects.filter(slug=slug))
    if len(centers) > 1:
        default = [c for c in centers if c.locale_id == Locale.get_default().pk]
        centers = default or centers
    if not centers:
        known = "、".join(ServiceCenterPage.objects.values_list("slug", flat=True)[:20])
        raise CatalogueError(f"找不到网址名为“{slug}”的便民服务中心（现有：{known or '无'}）。")
    if len(centers) > 1:
        raise CatalogueError(f"有多个网址名为“{slug}”的便民服务中心，请联系管理员。")
    return centers[0]


def import_catalogue(
    source: Path | str,
    center: ServiceCenterPage,
    *,
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Check every row; unless refused or a dry run, write the good rows in one transaction."""
    source = Path(source)
    progress = progress or (lambda stage, done, total: None)
    table = read_table(source)
    headers = map_headers(table.headers)
    if headers.missing:
        found = "、".join(h for h in table.headers if h) or "（空）"
        raise CatalogueError(
            f"缺少必需的列：{'、'.join(headers.missing)}。第 {table.header_row} 行应为表头，"
            f"至少包含“事项编码”“事项名称”；现在的表头是：{found}。"
        )
    if headers.duplicates:
        raise CatalogueError(" ".join(headers.duplicates))
    section = guides_section(center)
    report = ImportReport(
        center=center.title,
        source=source.name,
        total_rows=len(table.rows),
        unknown_columns=list(headers.unknown),
        dry_run=dry_run,
        skip_bad_rows=skip_bad_rows,
    )
    lookups = CenterLookups.for_center(center)
    rows: list[GuideRow] = []
    for done, (number, cells) in enumerate(table.rows, start=1):
        parsed = parse_row(number, cells, headers.columns, lookups)
        if isinstance(parsed, BadRow):
            report.bad_rows.append(parsed)
        else:
            rows.append(parsed)
        if done % CHUNK == 0:
            progress("检查", done, len(table.rows))
    rows = _drop_duplicate_codes(rows, report)
    plans = _plan(rows, center, report)
    progress("检查", len(table.rows), len(table.rows))
    report.bad_rows.sort(key=lambda bad: bad.row_number)
    report.outcomes = [plan.outcome for plan in plans]
    if dry_run or report.refused:
        return report
    writes = [plan for plan in plans if plan.outcome.action != "unchanged"]
    with transaction.atomic():
        _GuideWriter(section).write(writes, progress)
    report.applied = True
    return report


def _drop_duplicate_codes(rows: list[GuideRow], report: ImportReport) -> list[GuideRow]:
    """An item code twice in one file is ambiguous: every occurrence is a bad row."""
    seen: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        seen[row.item_code].append(row.row_number)
    for bad in report.bad_rows:
        if bad.item_code:
            seen[bad.item_code].append(bad.row_number)
    duplicated = {code: numbers for code, numbers in seen.items() if len(numbers) > 1}
    if not duplicated:
        return rows
    kept = []
    for row in rows:
        numbers = duplicated.get(row.item_code)
        if numbers is None:
            kept.append(row)
            continue
        others = "、".join(str(n) for n in sorted(numbers) if n != row.row_number)
        report.bad_rows.append(
            BadRow(
                row.row_number, row.item_code, (f"事项编码“{row.item_code}”与第 {others} 行重复",)
            )
        )
    return kept


def _plan(rows: list[GuideRow], center: ServiceCenterPage, report: ImportReport) -> list[_Plan]:
    """Decide create / update / unchanged and publish / draft for every good row, read-only."""
    existing: dict[str, list[int]] = defaultdict(list)
    for pk, code in center_guides(center).values_list("pk", "item_code"):
        if code:
            existing[code].append(pk)
    pages: dict[int, ServiceGuidePage] = {}
    wanted = [
        existing[row.item_code][0] for row in rows if len(existing.get(row.item_code, ())) == 1
    ]
    for start in range(0, len(wanted), CHUNK):
        for page in _load_guides(wanted[start : start + CHUNK]):
            pages[page.pk] = page
    drafts = {
        revision.object_id: revision
        for start in range(0, len(wanted), CHUNK)
        for revision in Revision.objects.filter(
            pk__in=[
                pages[pk].latest_revision_id
                for pk in wanted[start : start + CHUNK]
                if pages[pk].has_unpublished_changes and pages[pk].latest_revision_id
            ]
        )
    }
    phones = (center.consultation_phone or "", center.complaint_phone or "")
    plans = []
    for row in rows:
        matches = existing.get(row.item_code, [])
        if len(matches) > 1:
            report.bad_rows.append(
                BadRow(
                    row.row_number,
                    row.item_code,
                    (
                        f"本中心已有 {len(matches)} 个事项编码为“{row.item_code}”的办事指南，"
                        "无法确定更新哪一个，请先在后台处理重复事项",
                    ),
                )
            )
            continue
        page = pages[matches[0]] if matches else None
        if page is None:
            merged = {**NEW_GUIDE_DEFAULTS, **row.values}
            outcome = RowOutcome(row.row_number, row.item_code, row.title, "create")
        else:
            current = snapshot(page)
            merged = {**current, **row.values}
            changed = changed_fields(row.values, current)
            matches_live = page.live and not changed
            revision = drafts.get(str(page.pk))
            if changed and revision is not None:
                draft_values = snapshot(revision.as_object())
                if not changed_fields(row.values, draft_values):
                    changed = []
                    merged = {**draft_values, **row.values}
            labels = list(dict.fromkeys(FIELD_LABELS[key] for key in changed))
            action = "update" if changed else "unchanged"
            outcome = RowOutcome(row.row_number, row.item_code, row.title, action, changed=labels)
        missing = missing_disclosures(_facts(merged, phones))
        if outcome.action == "unchanged":
            # Still a draft (or the file matches a draft): say what keeps it unpublished.
            outcome.published = matches_live
            outcome.missing = [] if matches_live else missing
        else:
            outcome.published = not missing
            outcome.missing = missing
        plans.append(_Plan(row, outcome, page, merged))
    return plans


def _load_guides(pks: Sequence[int]):
    return ServiceGuidePage.objects.filter(pk__in=pks).prefetch_related(
        "legal_bases", "materials", "steps", "themes", "faqs", COMMENTS_RELATION_NAME
    )


def _facts(values: dict[str, Any], center_phones: tuple[str, str]) -> GuideFacts:
    return GuideFacts(
        name=values["title"],
        legal_basis_count=len(values["legal_bases"]),
        conditions=values["conditions"],
        material_count=len(values["materials"]),
        step_count=len(values["steps"]),
        promised_limit_days=values["promised_limit_days"],
        fee_free=values["fee_free"],
        fee_amount=values["fee_amount"],
        fee_basis=values["fee_basis"],
        consultation_phone=values["consultation_phone"] or center_phones[0],
        complaint_phone=values["complaint_phone"] or center_phones[1],
    )


# -- writing -----------------------------------------------------------------------


class _GuideWriter:
    """Creates, publishes and drafts guides in bulk, leaving what Wagtail itself would:
    tree paths, revisions, live/latest revision pointers, audit log, search index and
    reference index. Pages in a workflow, scheduled or aliased go through Wagtail's
    own publishing instead, because those have side effects this class does not copy."""

    def __init__(self, section: SectionPage):
        self.section = section
        self.now = timezone.now()
        self.guide_type = ContentType.objects.get_for_model(ServiceGuidePage)
        self.page_type = ContentType.objects.get_for_model(Page)
        self.themes = {t.pk: t for t in LifeEvent.objects.all()}
        siblings = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        self.slugs = set(siblings.values_list("slug", flat=True))
        last = siblings.order_by("-path").values_list("path", flat=True).first()
        self.next_step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1

    def write(self, plans: list[_Plan], progress: Progress) -> None:
        done = 0
        for start in range(0, len(plans), CHUNK):
            chunk = plans[start : start + CHUNK]
            self._create([p for p in chunk if p.page is None])
            updates = [p for p in chunk if p.page is not None]
            special = self._needs_wagtail(updates)
            for plan in updates:
                if plan.page.pk in special:
                    self._update_one(plan)
            self._publish_updates(
                [p for p in updates if p.outcome.published and p.page.pk not in special]
            )
            self._draft_updates(
                [p for p in updates if not p.outcome.published and p.page.pk not in special]
            )
            done += len(chunk)
            progress("写入", done, len(plans))

    # building pages in memory

    def _apply(self, page: ServiceGuidePage, values: dict[str, Any]) -> None:
        """Set values on the page, children and themes in memory only (modelcluster)."""
        for key in SCALAR_FIELDS:
            if key in values:
                setattr(page, key, values[key])
        if "themes" in values:
            page.themes = [self.themes[pk] for pk in sorted(values["themes"])]
        if "legal_bases" in values:
            page.legal_bases = [
                GuideLegalBasis(law=s.law, articles=s.articles, sort_order=i)
                for i, s in enumerate(values["legal_bases"])
            ]
        if "materials" in values:
            previous: dict[str, list[GuideMaterial]] = defaultdict(list)
            if page.pk:
                for material in _ordered(page.materials.all()):
                    previous[material.name].append(material)
            materials = []
            for i, spec in enumerate(values["materials"]):
                # Keep what the sheet cannot say (source, blank and sample forms) by name.
                old = previous[spec.name].pop(0) if previous[spec.name] else None
                materials.append(
                    GuideMaterial(
                        name=spec.name,
                        original_or_copy=spec.original_or_copy,
                        copies=spec.copies,
                        medium=spec.medium,
                        required=spec.required,
                        condition=spec.condition,
                        source=old.source if old else "",
                        blank_form_id=old.blank_form_id if old else None,
                        sample_form_id=old.sample_form_id if old else None,
                        sort_order=i,
                    )
                )
            page.materials = materials
        if "steps" in values:
            page.steps = [
                GuideStep(title=s.title, description=s.description, sort_order=i)
                for i, s in enumerate(values["steps"])
            ]

    def _new_page(self, plan: _Plan) -> ServiceGuidePage:
        slug = self._slug(plan.row.item_code)
        path = Page._get_path(self.section.path, self.section.depth + 1, self.next_step)
        self.next_step += 1
        live = plan.outcome.published
        page = ServiceGuidePage(
            slug=slug,
            path=path,
            depth=self.section.depth + 1,
            numchild=0,
            url_path=f"{self.section.url_path}{slug}/",
            locale_id=self.section.locale_id,
            content_type=self.guide_type,
            item_code=plan.row.item_code,
            live=live,
            has_unpublished_changes=not live,
            first_published_at=self.now if live else None,
            last_published_at=self.now if live else None,
            latest_revision_created_at=self.now,
        )
        self._apply(page, plan.merged)
        page.draft_title = page.title
        page.faqs = []
        setattr(page, COMMENTS_RELATION_NAME, [])
        return page

    def _slug(self, code: str) -> str:
        base = slugify(code.lower())[:70] or "guide"
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    # creating

    def _create(self, plans: list[_Plan]) -> None:
        if not plans:
            return
        pages = [self._new_page(plan) for plan in plans]
        _insert_pages(pages)
        Page.objects.filter(pk=self.section.pk).update(numchild=F("numchild") + len(pages))
        self.section.numchild += len(pages)
        self._save_children(pages, relations=CHILD_RELATIONS, themes=True, replace=False)
        revisions = self._revisions(pages)
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = revision
            if page.live:
                page.live_revision = revision
        _update_rows(pages, ["latest_revision", "live_revision"])
        entries = []
        for page, revision in zip(pages, revisions, strict=True):
            group = uuid.uuid4()
            entries.append(self._log(page, "wagtail.create", revision, group))
            if page.live:
                entries.append(self._log(page, "wagtail.publish", revision, group))
        PageLogEntry.objects.bulk_create(entries)
        self._index(pages)
        self._send_published([(p, r) for p, r in zip(pages, revisions, strict=True) if p.live])

    # updating

    def _needs_wagtail(self, plans: list[_Plan]) -> set[int]:
        """Pages whose publishing has side effects the bulk path does not reproduce."""
        if not plans:
            return set()
        pks = [plan.page.pk for plan in plans]
        special = set(
            Page.objects.filter(alias_of_id__in=pks).values_list("alias_of_id", flat=True)
        )
        special |= {
            int(pk)
            for pk in WorkflowState.objects.filter(
                base_content_type=self.page_type,
                object_id__in=[str(pk) for pk in pks],
                status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES),
            ).values_list("object_id", flat=True)
        }
        special |= {p.page.pk for p in plans if p.page.go_live_at and p.page.go_live_at > self.now}
        return special

    def _update_one(self, plan: _Plan) -> None:
        page = plan.page
        self._apply(page, plan.row.values)
        revision = page.save_revision(log_action=True, clean=False)
        if plan.outcome.published:
            revision.publish()

    def _publish_updates(self, plans: list[_Plan]) -> None:
        if not plans:
            return
        pages = [plan.page for plan in plans]
        old_titles = {page.pk: page.title for page in pages}
        touched: dict[str, list[ServiceGuidePage]] = defaultdict(list)
        for plan in plans:
            self._apply(plan.page, plan.row.values)
            for key in (*CHILD_RELATIONS, "themes"):
                if key in plan.row.values:
                    touched[key].append(plan.page)
        for key in CHILD_RELATIONS:
            self._save_children(touched[key], relations=(key,), themes=False, replace=True)
        self._save_children(touched["themes"], relations=(), themes=True, replace=True)
        revisions = self._revisions(pages)
        for page, revision in zip(pages, revisions, strict=True):
            page.draft_title = page.title
            page.live = True
            page.has_unpublished_changes = False
            page.expired = False
            page.first_published_at = page.first_published_at or self.now
            page.last_published_at = self.now
            page.latest_revision_created_at = self.now
            page.latest_revision = revision
            page.live_revision = revision
        bookkeeping = [
            "draft_title",
            "live",
            "has_unpublished_changes",
            "expired",
            "first_published_at",
            "last_published_at",
            "latest_revision_created_at",
            "latest_revision",
            "live_revision",
        ]
        fields = sorted({k for plan in plans for k in plan.row.values if k in SCALAR_FIELDS})
        _update_rows(pages, [*fields, *bookkeeping])
        entries = []
        for page, revision in zip(pages, revisions, strict=True):
            group = uuid.uuid4()
            if old_titles[page.pk] != page.title:
                title = {"old": old_titles[page.pk], "new": page.title}
                entries.append(self._log(page, "wagtail.rename", revision, group, {"title": title}))
            entries.append(self._log(page, "wagtail.publish", revision, group))
        PageLogEntry.objects.bulk_create(entries)
        self._index(pages, replace=True)
        self._send_published(list(zip(pages, revisions, strict=True)))

    def _draft_updates(self, plans: list[_Plan]) -> None:
        """New content that lacks 八公开: a revision only; the live version stays as it is."""
        if not plans:
            return
        pages = [plan.page for plan in plans]
        for plan in plans:
            self._apply(plan.page, plan.row.values)
        revisions = self._revisions(pages)
        for page, revision in zip(pages, revisions, strict=True):
            page.draft_title = page.title
            page.has_unpublished_changes = True
            page.latest_revision_created_at = self.now
            page.latest_revision = revision
        _update_rows(
            pages,
            [
                "draft_title",
                "has_unpublished_changes",
                "latest_revision_created_at",
                "latest_revision",
            ],
        )
        PageLogEntry.objects.bulk_create(
            [
                self._log(p, "wagtail.edit", r, uuid.uuid4())
                for p, r in zip(pages, revisions, strict=True)
            ]
        )

    # shared steps

    def _save_children(self, pages, *, relations: Sequence[str], themes: bool, replace: bool):
        if not pages:
            return
        pks = [page.pk for page in pages]
        models = {"legal_bases": GuideLegalBasis, "materials": GuideMaterial, "steps": GuideStep}
        through = ServiceGuidePage.themes.through
        if replace:
            with disable_reference_index_auto_update():
                for name in relations:
                    models[name].objects.filter(guide_id__in=pks).delete()
                if themes:
                    through.objects.filter(serviceguidepage_id__in=pks).delete()
        for name in relations:
            children = []
            for page in pages:
                for child in getattr(page, name).all():
                    child.pk = None
                    child.guide_id = page.pk
                    children.append(child)
            models[name].objects.bulk_create(children)
        if themes:
            through.objects.bulk_create(
                [
                    through(serviceguidepage_id=page.pk, lifeevent_id=theme.pk)
                    for page in pages
                    for theme in page.themes.all()
                ]
            )

    def _revisions(self, pages: list[ServiceGuidePage]) -> list[Revision]:
        return Revision.objects.bulk_create(
            [
                Revision(
                    content_type=self.guide_type,
                    base_content_type=self.page_type,
                    object_id=str(page.pk),
                    created_at=self.now,
                    object_str=page.title,
                    content=page.serializable_data(),
                )
                for page in pages
            ]
        )

    def _log(self, page, action: str, revision, group, data=None) -> PageLogEntry:
        return PageLogEntry(
            content_type=self.guide_type,
            label=page.title,
            action=action,
            timestamp=self.now,
            data=data or {},
            uuid=group,
            page_id=page.pk,
            revision=revision,
            content_changed=True,
        )

    def _index(self, pages: list[ServiceGuidePage], replace: bool = False) -> None:
        """What the post_save handlers would do: search index and reference index."""
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ServiceGuidePage, pages)
        if not ReferenceIndex.is_indexed(ServiceGuidePage):
            return
        if replace:
            ReferenceIndex.objects.filter(
                base_content_type=self.page_type, object_id__in=[str(p.pk) for p in pages]
            ).delete()
        ReferenceIndex.objects.bulk_create(
            [
                ReferenceIndex(
                    content_type=self.guide_type,
                    base_content_type=self.page_type,
                    object_id=str(page.pk),
                    to_content_type_id=to_type,
                    to_object_id=to_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
                for page in pages
                for to_type, to_id, model_path, content_path in set(
                    ReferenceIndex._extract_references_from_object(page)
                )
            ],
            ignore_conflicts=connection.features.supports_ignore_conflicts,
        )

    def _send_published(self, published_pages) -> None:
        for page, revision in published_pages:
            page_published.send(sender=ServiceGuidePage, instance=page, revision=revision)
            published.send(sender=ServiceGuidePage, instance=page, revision=revision)


def _insert_pages(pages: list[ServiceGuidePage]) -> None:
    """INSERT the page rows and the guide rows (multi-table inheritance) in batches;
    Django's bulk_create refuses inherited models, so this does its two steps itself."""
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    guide_fields = list(ServiceGuidePage._meta.local_concrete_fields)
    batch = max(1, connection.ops.bulk_batch_size(page_fields, pages))
    returning = connection.features.can_return_rows_from_bulk_insert
    for start in range(0, len(pages), batch if returning else 1):
        part = pages[start : start + (batch if returning else 1)]
        rows = Page._base_manager._insert(
            part, fields=page_fields, returning_fields=Page._meta.db_returning_fields
        )
        for page, (pk, *_) in zip(part, rows, strict=True):
            page.id = page.page_ptr_id = pk
            page._state.adding = False
            page._state.db = connection.alias
    batch = max(1, connection.ops.bulk_batch_size(guide_fields, pages))
    for start in range(0, len(pages), batch):
        ServiceGuidePage._base_manager._insert(pages[start : start + batch], fields=guide_fields)


def _update_rows(pages: list[ServiceGuidePage], names: Sequence[str]) -> None:
    """UPDATE the named fields of each page, one parameterised statement per table run with
    executemany: bulk_update's CASE expressions cost seconds per thousand pages."""
    by_table: dict[type, list] = defaultdict(list)
    for name in names:
        model_field = ServiceGuidePage._meta.get_field(name)
        by_table[model_field.model].append(model_field)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model, fields in by_table.items():
            table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
            assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
            # Identifiers come from the models' metadata; every value is a parameter.
            sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608
            cursor.executemany(
                sql,
                [
                    [f.get_db_prep_save(getattr(page, f.attname), connection) for f in fields]
                    + [page.pk]
                    for page in pages
                ],
            )


# -- export ------------------------------------------------------------------------


def guide_cells(page: ServiceGuidePage, lookups: CenterLookups) -> list[str]:
    """One guide as the row the importer reads back to the same values."""
    themes = sorted(page.themes.all(), key=lambda t: (t.sort_order, t.name))
    values = snapshot(page)
    cells = {
        "item_code": page.item_code,
        "title": values["title"],
        "item_type": label(ITEM_TYPE_CHOICES, page.item_type),
        "handling_mode": label(HANDLING_MODE_CHOICES, page.handling_mode),
        "level": label(LEVEL_CHOICES, page.level),
        "audience": label(AUDIENCE_CHOICES, page.audience),
        "window": lookups.window_labels.get(page.window_id, "") if page.window_id else "",
        "department": lookups.department_labels.get(page.department_id, "")
        if page.department_id
        else "",
        "themes": "、".join(t.name for t in themes),
        "legal_bases": "\n".join(str(s) for s in values["legal_bases"]),
        "conditions": values["conditions"],
        "materials": "\n".join(str(s) for s in values["materials"]),
        "steps": "\n".join(str(s) for s in values["steps"]),
        "statutory_limit_days": format_limit(page.statutory_limit_days),
        "promised_limit_days": format_limit(page.promised_limit_days),
        "visits": page.visits_text,
        "fee": "不收费" if page.fee_free else values["fee_amount"],
        "fee_basis": values["fee_basis"],
        "consultation_phone": values["consultation_phone"],
        "complaint_phone": values["complaint_phone"],
        "online_channel": values["online_channel"],
    }
    return [cells[column.key] for column in COLUMNS]


_WIDTHS = {
    "事项名称": 28,
    "受理条件": 40,
    "申报材料": 40,
    "办理程序": 40,
    "办理依据": 36,
    "收费依据": 24,
    "网上办理渠道": 24,
}


def export_catalogue(center: ServiceCenterPage, destination: Path | str) -> int:
    """Write the center's live guides to .xlsx with the import headers; returns the count."""
    destination = Path(destination)
    lookups = CenterLookups.for_center(center)
    guides = (
        center_guides(center)
        .live()
        .prefetch_related("legal_bases", "materials", "steps", "themes")
        .order_by("window__number", "path")
    )
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("办事指南")
    for index, header in enumerate(EXPORT_HEADERS):
        letter = openpyxl.utils.get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = _WIDTHS.get(header, 14)
    sheet.freeze_panes = "C2"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    header_cells = []
    for header in EXPORT_HEADERS:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for guide in guides.iterator(chunk_size=CHUNK):
        row = []
        for value in guide_cells(guide, lookups):
            cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value or ""))
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            if "\n" in (cell.value or ""):
                cell.alignment = wrap
            row.append(cell)
        sheet.append(row)
        count += 1
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        workbook.save(destination)
    except OSError as exc:
        raise CatalogueError(f"无法写入“{destination}”：{exc.strerror or exc}。") from exc
    return count
