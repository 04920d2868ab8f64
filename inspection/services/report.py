"""One run of the whole inspection: the single-veto items, the estimated score, the units
most at risk and the broken links, as one plain dict that is stored for the admin
screen and printed by the command (text, JSON, a spreadsheet or the monthly PDF).

The score follows the inspection's shape (100 points, deductions per indicator,
each capped); the points per finding are our estimate, not an official table, and
the screen says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.sections import CENTER_SECTIONS
from pages.models import ServiceGuidePage

from ..models import InspectionRun
from . import footer, linkcheck, monitor, wording_scan

PASS_SCORE = 60  # below 60 points a site without a veto still fails (不合格)
LINK_POINTS, LINK_CAP = 0.5, 5.0
REVIEW_POINTS, REVIEW_CAP = 0.5, 5.0
REQUIRED_POINTS, REQUIRED_CAP = 1.0, 5.0
WORDING_POINTS, WORDING_CAP = 0.2, 3.0
BROKEN_SHOWN = 200


def _deduction(label: str, detail: str, points: float) -> dict[str, Any]:
    return {"label": label, "detail": detail, "points": round(points, 1)}


def broken_links(ctx: monitor.Context) -> list[dict[str, Any]]:
    found = []
    for row in linkcheck.broken(ctx.only)[:BROKEN_SHOWN]:
        unit = ctx.unit(row.page.path)
        found.append(
            {
                "unit_id": unit.pk if unit else 0,
                "unit": unit.title if unit else "",
                "page_id": row.page_id,
                "title": row.page.title,
                "url": row.url,
                "external": row.external,
                "error": row.error,
                "first_seen": timezone.localdate(row.first_seen).isoformat(),
            }
        )
    return found


def deductions(ctx: monitor.Context, items: list[monitor.Item], broken: int) -> list[dict]:
    """Each scored indicator found wanting, with its (estimated, capped) points."""
    overdue = ServiceGuidePage.objects.filter(live=True, review_by__lt=ctx.today)
    if ctx.only is not None:
        overdue = overdue.filter(path__startswith=ctx.only.path)
    required = {kind for kind, _title, _slug in CENTER_SECTIONS}
    empty_required = sum(1 for c in ctx.own_columns if c.empty and c.kind in required)
    wording = next(i for i in items if i.code == "wording")
    minor = sum(1 for p in wording.problems if not p.counts)
    counted = [
        (_("链接可用性"), _("失效链接 %(n)d 个"), broken, LINK_POINTS, LINK_CAP),
        (_("办事指南准确性"), _("超过复核日期未更新的办事指南 %(n)d 篇"), overdue.count(),
         REVIEW_POINTS, REVIEW_CAP),
        (_("栏目建设"), _("必设栏目为空 %(n)d 个"), empty_required, REQUIRED_POINTS, REQUIRED_CAP),
        (_("内容准确性"), _("一般错误表述 %(n)d 处"), minor, WORDING_POINTS, WORDING_CAP),
    ]  # fmt: skip
    found = [
        _deduction(label, detail % {"n": n}, min(n * each, cap))
        for label, detail, n, each, cap in counted
        if n
    ]
    if ctx.only is None:
        found += [
            _deduction(_("网站标识"), _("缺少%(m)s") % {"m": mark.label}, mark.points)
            for mark in footer.checks()
            if not mark.present
        ]
    return found


def run(
    today: dt.date | None = None, only: Page | None = None, store: bool = True
) -> dict[str, Any]:
    """The inspection as of `today`; the whole site's run is stored for the screen."""
    started = timezone.now()
    wording_scan.scan_live_site()  # incremental: only pages published since their last scan
    ctx = monitor.context(today, only)
    items = monitor.all_items(ctx)
    links = broken_links(ctx)
    found = deductions(ctx, items, linkcheck.broken(ctx.only).count())  # all, not the shown
    passed = not any(item.failed for item in items)
    score = max(0.0, round(100 - sum(d["points"] for d in found), 1))
    result = {
        "date": ctx.today.isoformat(),
        "unit": only.title if only is not None else "",
        "passed": passed,
        "verdict": _verdict(passed, score),
        "score": score,
        "items": [asdict(item) for item in items],
        "deductions": found,
        "worst_units": monitor.units_at_risk(items),
        "broken_links": links,
        "seconds": round((timezone.now() - started).total_seconds(), 2),
    }
    if store and only is None:
        InspectionRun.objects.create(passed=passed, score=score, result=result)
    return result


def _verdict(passed: bool, score: float) -> str:
    if not passed:
        return _("不合格（单项否决）")
    return _("合格") if score >= PASS_SCORE else _("不合格（得分低于 60 分）")


def latest() -> InspectionRun | None:
    return InspectionRun.objects.order_by("-finished_at").first()
