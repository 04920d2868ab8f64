"""The run's result as a spreadsheet and as text: what the county office files or reads.

Every cell goes through core.spreadsheets.neutralise, so a page title that starts
with "=" stays text in Excel.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.spreadsheets import neutralise_row

STATUS = {
    "pass": gettext_noop("通过"),
    "fail": gettext_noop("不通过"),
    "unknown": gettext_noop("未监测"),
}


def status_label(status: str) -> str:
    return _(STATUS.get(status, status))


def as_text(result: dict[str, Any]) -> str:
    lines = [
        _("网站检查（%(date)s）%(unit)s：%(verdict)s，预估得分 %(score)s")
        % {
            "date": result["date"],
            "unit": result["unit"],
            "verdict": result["verdict"],
            "score": result["score"],
        },
        "",
        _("单项否决指标："),
    ]
    for item in result["items"]:
        lines.append(f"[{status_label(item['status'])}] {item['label']}：{item['value']}")
        lines.append(f"    {_('标准')}：{item['rule']}")
        for problem in item["problems"][:20]:
            lines.append(f"    - {problem['unit']} · {problem['title']}：{problem['detail']}")
        if len(item["problems"]) > 20:
            lines.append("    " + _("……另有 %(n)d 条") % {"n": len(item["problems"]) - 20})
    lines += ["", _("扣分项（估算）：")]
    for deduction in result["deductions"] or [{"label": _("无"), "detail": "", "points": 0}]:
        lines.append(f"  -{deduction['points']} {deduction['label']} {deduction['detail']}")
    if result["worst_units"]:
        lines += ["", _("风险最大的单位：")]
        lines += [
            "  " + _("%(unit)s：%(n)d 个问题") % {"unit": u["unit"], "n": u["problems"]}
            for u in result["worst_units"]
        ]
    return "\n".join(lines)


def as_xlsx(result: dict[str, Any]) -> bytes:
    # openpyxl is loaded when a spreadsheet is asked for, not with the admin (startup time).
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("单项否决")
    sheet.append(neutralise_row([_("指标"), _("结果"), _("当前值"), _("标准")]))
    for item in result["items"]:
        sheet.append(
            neutralise_row(
                [item["label"], status_label(item["status"]), item["value"], item["rule"]]
            )
        )
    problems = book.create_sheet(_("待整改"))
    problems.append(neutralise_row([_("指标"), _("单位"), _("页面"), _("问题"), _("计入")]))
    for item in result["items"]:
        for p in item["problems"]:
            problems.append(
                neutralise_row(
                    [
                        item["label"],
                        p["unit"],
                        p["title"],
                        p["detail"],
                        _("是") if p["counts"] else "",
                    ]
                )
            )
    scored = book.create_sheet(_("扣分项"))
    scored.append(neutralise_row([_("指标"), _("情况"), _("扣分")]))
    for d in result["deductions"]:
        scored.append(neutralise_row([d["label"], d["detail"], d["points"]]))
    scored.append(neutralise_row([_("预估得分"), result["verdict"], result["score"]]))
    links = book.create_sheet(_("失效链接"))
    links.append(neutralise_row([_("单位"), _("页面"), _("链接"), _("错误"), _("首次发现")]))
    for link in result["broken_links"]:
        links.append(
            neutralise_row(
                [link["unit"], link["title"], link["url"], link["error"], link["first_seen"]]
            )
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
