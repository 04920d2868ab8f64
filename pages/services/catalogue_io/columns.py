"""Column definitions of the catalogue spreadsheet and mapping of its header row."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from core.text import fold_width

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
    several: bool = False  # files often have more than one: read the first alias, note the rest


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
    # A department column comes under many headers; when a file has several, the
    # first in this order is read (who carries the item out before who supervises it).
    Column(
        "department",
        "实施部门",
        (
            "实施主体",
            "实施机构",
            "实施单位",
            "办理部门",
            "办理机构",
            "办理单位",
            "承办部门",
            "承办单位",
            "承办机构",
            "受理部门",
            "受理单位",
            "受理机构",
            "责任部门",
            "责任单位",
            "主办部门",
            "牵头部门",
            "进驻部门",
            "所属部门",
            "部门名称",
            "部门",
            "单位",
            "业务部门",
            "职能部门",
            "行业主管部门",
            "业务主管部门",
            "主管部门",
            "主管单位",
            "主管机关",
        ),
        several=True,
    ),
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
    value = fold_width(text)
    value = re.sub(r"\s+", "", value).strip("*")
    value = re.sub(r"\([^()]*\)$", "", value)
    return value.strip("*")


_ALIASES: dict[str, Column] = {}
_RANK: dict[str, int] = {}  # a header's place among its column's names (0 = the header)
for _column in COLUMNS:
    for _rank, _name in enumerate((_column.header, *_column.aliases)):
        _ALIASES[normalise_header(_name)] = _column
        _RANK[normalise_header(_name)] = _rank


@dataclass(frozen=True)
class HeaderMap:
    columns: dict[str, int]  # column key → index in the row
    unknown: tuple[str, ...]
    missing: tuple[str, ...]  # required headers not found
    duplicates: tuple[str, ...]  # messages about two columns meaning the same thing
    # (header read, column, headers not read) for a `several` column; formatted by the
    # importer, since the reading child has no translations loaded
    unread: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


def map_headers(headers: Sequence[str]) -> HeaderMap:
    columns: dict[str, int] = {}
    seen: dict[str, str] = {}
    unknown: list[str] = []
    duplicates: list[str] = []
    others: dict[str, list[str]] = {}  # several: the headers not read
    for index, header in enumerate(headers):
        name = normalise_header(header)
        if not name or name in IGNORED_HEADERS:
            continue
        column = _ALIASES.get(name)
        if column is None:
            unknown.append(header.strip())
        elif column.key not in columns:
            columns[column.key] = index
            seen[column.key] = header.strip()
        elif not column.several:
            duplicates.append(
                f"“{seen[column.key]}”和“{header.strip()}”两列都表示“{column.header}”，请只保留一列。"
            )
        elif _RANK[name] < _RANK[normalise_header(seen[column.key])]:
            others.setdefault(column.key, []).append(seen[column.key])
            columns[column.key] = index
            seen[column.key] = header.strip()
        else:
            others.setdefault(column.key, []).append(header.strip())
    missing = tuple(c.header for c in COLUMNS if c.required and c.key not in columns)
    unread = tuple((seen[key], _HEADERS[key], tuple(names)) for key, names in others.items())
    return HeaderMap(columns, tuple(unknown), missing, tuple(duplicates), unread)


_HEADERS = {c.key: c.header for c in COLUMNS}
