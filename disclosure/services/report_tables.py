"""The annual report's tables in the fixed template (国办公开办函〔2021〕30号), and their sums.

A table's figures are kept as {row: {column: value}}; a report field holds
{table key: figures}. The specs here give the official row and column labels
to the editing widget, the public page and the PDF alike, and `check` names
the cell of any sum that does not hold, in the words an editor reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l  # the specs: built at import

from ..outcomes import GROUPS

Label = str | Promise
TO_COMPLETE = "【待填写】"  # a draft's placeholder text; the report form refuses to publish it
Figures = dict[str, dict[str, dict[str, object]]]


@dataclass(frozen=True)
class Row:
    key: str
    label: Label
    heading: bool = False  # a group heading ("（三）不予公开"): no figures of its own
    depth: int = 0  # indentation under a heading


@dataclass(frozen=True)
class Table:
    key: str
    title: Label  # e.g. "第二十条第（一）项"
    corner: Label  # the header over the row labels
    rows: tuple[Row, ...]
    columns: tuple[tuple[str, Label], ...]
    decimal: bool = False  # amounts (万元) rather than counts

    def cells(self) -> Iterable[tuple[Row, str]]:
        for row in self.rows:
            if not row.heading:
                for column, _label in self.columns:
                    yield row, column

    def empty(self) -> dict[str, dict[str, object]]:
        zero: object = "0" if self.decimal else 0
        return {row.key: {column: zero for column, _l in self.columns} for row in self.rows
                if not row.heading}  # fmt: skip


_DECISIONS = (("decisions", _l("本年处理决定数量")),)

ACTIVE = (
    Table(
        "documents",
        _l("第二十条第（一）项"),
        _l("信息内容"),
        (Row("rules", _l("规章")), Row("normative", _l("行政规范性文件"))),
        (
            ("issued", _l("本年制发件数")),
            ("repealed", _l("本年废止件数")),
            ("valid", _l("现行有效件数")),
        ),
    ),
    Table(
        "licensing",
        _l("第二十条第（五）项"),
        _l("信息内容"),
        (Row("licensing", _l("行政许可")),),
        _DECISIONS,
    ),  # fmt: skip
    Table(
        "enforcement",
        _l("第二十条第（六）项"),
        _l("信息内容"),
        (Row("penalty", _l("行政处罚")), Row("coercion", _l("行政强制"))),
        _DECISIONS,
    ),  # fmt: skip
    Table(
        "charges",
        _l("第二十条第（八）项"),
        _l("信息内容"),
        (Row("charges", _l("行政事业性收费")),),
        (("amount", _l("本年收费金额（单位：万元）")),),
        decimal=True,
    ),  # fmt: skip
)

# The applicant columns: 自然人, the five kinds of 法人或其他组织, then 总计.
APPLICANTS = (
    ("person", _l("自然人")),
    ("business", _l("商业企业")),
    ("research", _l("科研机构")),
    ("charity", _l("社会公益组织")),
    ("legal", _l("法律服务机构")),
    ("other", _l("其他")),
)
ORGANISATIONS = APPLICANTS[1:]
TOTAL = "total"


def _outcome_rows() -> tuple[Row, ...]:
    rows: list[Row] = []
    for group in GROUPS:
        if len(group.outcomes) == 1:
            rows.append(Row(group.outcomes[0][0], group.label, depth=1))
        else:
            rows.append(Row(group.key, group.label, heading=True, depth=1))
            rows.extend(Row(code, label, depth=2) for code, label in group.outcomes)
    return tuple(rows)


OUTCOME_ROWS = _outcome_rows()
REQUESTS = Table(
    "requests",
    _l("收到和处理政府信息公开申请情况"),
    _l("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
    (
        Row("new", _l("一、本年新收政府信息公开申请数量")),
        Row("carried_over", _l("二、上年结转政府信息公开申请数量")),
        Row("results", _l("三、本年度办理结果"), heading=True),
        *OUTCOME_ROWS,
        Row("results_total", _l("（七）总计"), depth=1),
        Row("carried_forward", _l("四、结转下年度继续办理")),
    ),
    (*APPLICANTS, (TOTAL, _l("总计"))),
)

RESULTS = (("upheld", _l("结果维持")), ("corrected", _l("结果纠正")), ("other", _l("其他结果")),
           ("pending", _l("尚未审结")), (TOTAL, _l("总计")))  # fmt: skip
REVIEW = Table(
    "review",
    _l("政府信息公开行政复议、行政诉讼情况"),
    "",
    (
        Row("review", _l("行政复议")),
        Row("direct", _l("行政诉讼·未经复议直接起诉")),
        Row("after_review", _l("行政诉讼·复议后起诉")),
    ),
    RESULTS,
)

SPECS: dict[str, tuple[Table, ...]] = {
    "active_figures": ACTIVE,
    "request_figures": (REQUESTS,),
    "review_figures": (REVIEW,),
}


def empty(tables: tuple[Table, ...]) -> Figures:
    return {table.key: table.empty() for table in tables}


def _cell_name(table: Table, row: str, column: str) -> str:
    rows = {r.key: r.label for r in table.rows}
    columns = dict(table.columns)
    return _("{table}「{row}」行「{column}」列").format(
        table=table.title, row=rows.get(row, row), column=columns.get(column, column)
    )


def _number(value: object, decimal: bool) -> Decimal | int | None:
    """A figure as entered, or None when it is not a non-negative number (of the kind)."""
    if value in (None, ""):
        return Decimal(0) if decimal else 0
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number < 0:
        return None
    if decimal:
        return number if number.as_tuple().exponent >= -4 else None  # type: ignore[operator]
    return int(number) if number == number.to_integral_value() else None


def normalised(tables: tuple[Table, ...], figures: Mapping) -> tuple[Figures, list[str]]:
    """The figures with every cell present and a number, and what could not be read."""
    problems: list[str] = []
    result: Figures = {}
    for table in tables:
        given = figures.get(table.key) if isinstance(figures, Mapping) else None
        given = given if isinstance(given, Mapping) else {}
        cells: dict[str, dict[str, object]] = {}
        for row, column in table.cells():
            raw = (given.get(row.key) or {}).get(column) if isinstance(
                given.get(row.key), Mapping) else None  # fmt: skip
            number = _number(raw, table.decimal)
            if number is None:
                kind = _("不超过四位小数的非负数") if table.decimal else _("非负整数")
                problems.append(
                    _("{cell}应填{kind}，现为“{value}”。").format(
                        cell=_cell_name(table, row.key, column), kind=kind, value=str(raw)[:20]
                    )
                )
                number = 0
            cells.setdefault(row.key, {})[column] = str(number) if table.decimal else number
        result[table.key] = cells
    return result, problems


def _sum_error(table: Table, row: str, column: str, expected, actual, why: str) -> str:
    return _("{cell}应为 {expected}（{why}），现为 {actual}。").format(
        cell=_cell_name(table, row, column), expected=expected, why=why, actual=actual
    )


def check_requests(cells: Mapping[str, Mapping[str, int]]) -> list[str]:
    """The sums of the requests table: its 总计 column, the （七）总计 row, and 一+二 = 三+四."""
    t = REQUESTS
    problems = []
    for row in t.rows:
        if row.heading:
            continue
        values = cells[row.key]
        total = sum(values[c] for c, _label in APPLICANTS)
        if values[TOTAL] != total:
            why = _("各类申请人之和")
            problems.append(_sum_error(t, row.key, TOTAL, total, values[TOTAL], why))
    outcome_keys = [r.key for r in OUTCOME_ROWS if not r.heading]
    for column, _label in t.columns:
        results = sum(cells[key][column] for key in outcome_keys)
        actual = cells["results_total"][column]
        if actual != results:
            problems.append(
                _sum_error(t, "results_total", column, results, actual, _("各项办理结果之和"))
            )
        came = cells["new"][column] + cells["carried_over"][column]
        went = actual + cells["carried_forward"][column]
        if came != went:
            problems.append(
                _("{table}「{column}」列：新收 {new} 件加上年结转 {over} 件为 {came} 件，"
                  "而办理结果 {done} 件加结转下年度 {forward} 件为 {went} 件，两者应相等。").format(
                    table=t.title, column=dict(t.columns)[column], new=cells["new"][column],
                    over=cells["carried_over"][column], came=came, done=actual,
                    forward=cells["carried_forward"][column], went=went,
                )
            )  # fmt: skip
    return problems


def check_review(cells: Mapping[str, Mapping[str, int]]) -> list[str]:
    problems = []
    for row in REVIEW.rows:
        values = cells[row.key]
        total = sum(values[c] for c, _label in RESULTS if c != TOTAL)
        if values[TOTAL] != total:
            problems.append(
                _sum_error(REVIEW, row.key, TOTAL, total, values[TOTAL], _("各项结果之和"))
            )
    return problems


def check(field: str, figures: Mapping) -> tuple[Figures, list[str]]:
    """A report field's figures, normalised, and every problem with them (none: it adds up)."""
    tables = SPECS[field]
    result, problems = normalised(tables, figures)
    if problems:
        return result, problems
    if field == "request_figures":
        problems = check_requests(result["requests"])  # type: ignore[arg-type]
    elif field == "review_figures":
        problems = check_review(result["review"])  # type: ignore[arg-type]
    return result, problems


def _lines(table: Table, cells: Mapping) -> list[dict]:
    return [
        {"label": row.label, "depth": row.depth, "heading": row.heading,
         "values": [] if row.heading else [cells[row.key][c] for c, _l in table.columns]}
        for row in table.rows
    ]  # fmt: skip


def presented(page) -> dict:
    """A report's tables as the page and the PDF show them, in the template's layout."""
    active, _p = normalised(ACTIVE, page.active_figures or {})
    requests, _p = normalised((REQUESTS,), page.request_figures or {})
    review, _p = normalised((REVIEW,), page.review_figures or {})
    return {
        "active": [{"table": t, "lines": _lines(t, active[t.key])} for t in ACTIVE],
        "requests": {"table": REQUESTS, "lines": _lines(REQUESTS, requests["requests"])},
        "organisations": ORGANISATIONS,
        "results": RESULTS,
        "review": [review["review"][row.key][c] for row in REVIEW.rows for c, _l in RESULTS],
        "rollup": list(page.rollup or []),
    }
