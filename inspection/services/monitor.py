"""The single-veto items (单项否决) of 国办秘函〔2019〕19号, measured from inside the portal.

Each item says its official rule, today's value and the pages to fix, each page
with the unit (the county or a township) that answers for it. The whole portal is
one site: the thresholds are counted over all of it, which is exactly why one
neglected township can fail every other one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext as _

from interaction.models import Letter

from ..models import Probe
from . import columns as cols
from .guides_check import guides
from .items import FAIL, PASS, UNKNOWN, Context, Item, Problem, context
from .wording_scan import findings as wording_findings

# The checks and what they return, for the report and the commands in one place.
__all__ = [
    "FAIL", "PASS", "UNKNOWN", "Context", "Item", "Problem", "all_items", "column_updates",
    "context", "guides", "home_updates", "letters", "units_at_risk", "uptime", "wording",
]  # fmt: skip

UPTIME_DAYS = 7
UPTIME_SHARE = 0.05  # 超过（含）5% of the week's probes not opened within 15 s
HOME_DAYS = 14
STALE_TIMED = 5  # 动态要闻 2 weeks / 通知公告、政策文件 6 months: 累计超过（含）5 个
STALE_LONG = 10  # 应更新但长期未更新: 超过（含）10 个
EMPTY_COLUMNS = 5  # 空白栏目: 超过（含）5 个
LETTER_MONTHS = 3  # 超过 3 个月未回应 …
LETTER_WINDOW_DAYS = 365  # … among the messages of the year before the check


def uptime(ctx: Context) -> Item:
    since = timezone.now() - dt.timedelta(days=UPTIME_DAYS)
    probes = Probe.objects.filter(at__gte=since).select_related("unit")
    if ctx.only is not None:
        probes = probes.filter(unit=ctx.only)
    total, failed = 0, Counter[int]()
    names: dict[int, tuple[str, str]] = {}
    for probe in probes.only("url", "status", "seconds", "unit__title", "unit__path"):
        total += 1
        if probe.failed:
            failed[probe.unit_id or 0] += 1
            names[probe.unit_id or 0] = (probe.unit.title if probe.unit else "", probe.url)
    rule = _("监测 1 周，超过（含）15 秒仍打不开的次数累计占比超过（含）5%")
    if not total:
        return Item(
            "uptime",
            _("站点无法访问"),
            rule,
            _("未监测：请用定时任务运行 inspection_probe"),
            UNKNOWN,
        )
    share = sum(failed.values()) / total
    problems = [
        Problem(
            unit_id,
            names[unit_id][0],
            None,
            names[unit_id][1],
            _("%(n)d 次打不开或超过 15 秒") % {"n": n},
        )
        for unit_id, n in failed.most_common()
    ]
    value = _("%(total)d 次监测，%(failed)d 次失败（%(share).1f%%）") % {
        "total": total,
        "failed": sum(failed.values()),
        "share": share * 100,
    }
    return Item(
        "uptime", _("站点无法访问"), rule, value, FAIL if share >= UPTIME_SHARE else PASS, problems
    )


def home_updates(ctx: Context, columns: list[cols.Column]) -> Item:
    """The county home lists what is published anywhere (公示公告, 政策文件); each center
    page its own. The site's home decides; stale center pages are shown to fix."""
    since = ctx.today - dt.timedelta(days=HOME_DAYS)
    newest: dict[int, dt.date] = {}
    for column in columns:
        if column.newest and column.kind not in cols.GENERATED:
            newest[column.unit_id] = max(column.newest, newest.get(column.unit_id, column.newest))
    home = next((u for _p, u in ctx.units if u.depth == 2), None)
    site_newest = max(newest.values(), default=None)
    problems = []
    for path, unit in ctx.units:
        day = site_newest if unit is home else newest.get(unit.pk)
        if day is None or day < since:
            shown = day.isoformat() if day else _("无")
            problems.append(
                ctx.problem(
                    path,
                    unit.pk,
                    unit.title,
                    _("最新信息日期：%(day)s") % {"day": shown},
                    counts=unit is home,
                )
            )
    failed = site_newest is None or site_newest < since
    value = _("首页最新信息：%(day)s") % {
        "day": site_newest.isoformat() if site_newest else _("无")
    }
    return Item(
        "home",
        _("首页不更新"),
        _("监测 2 周，首页无信息更新（未注明发布时间的视为不更新）"),
        value,
        FAIL if failed else PASS,
        ctx.keep(problems),
    )


def column_updates(ctx: Context, columns: list[cols.Column]) -> Item:
    timed = [c for c in columns if c.timed and c.not_updated(ctx.today)]
    long_term = [c for c in columns if not c.timed and c.not_updated(ctx.today)]
    empty = [c for c in columns if c.empty]
    problems = []
    for column in columns:
        if column.empty:
            detail = _("空白栏目：没有任何内容")
        elif column.not_updated(ctx.today):
            since = column.since(ctx.today)
            newest = column.newest.isoformat() if column.newest else _("无发布日期")
            detail = _("%(since)s 以来未更新（最新：%(newest)s）") % {
                "since": since.isoformat() if since else "",
                "newest": newest,
            }
        else:
            continue
        problems.append(
            Problem(column.unit_id, column.unit_title, column.page_id, column.title, detail)
        )
    failed = (
        len(timed) >= STALE_TIMED or len(long_term) >= STALE_LONG or len(empty) >= EMPTY_COLUMNS
    )
    value = _(
        "动态/通知/政策类未更新 %(timed)d 个，长期未更新 %(long)d 个，空白栏目 %(empty)d 个"
    ) % {
        "timed": len(timed),
        "long": len(long_term),
        "empty": len(empty),
    }
    rule = _(
        "动态、要闻类栏目 2 周内、通知公告和政策文件类栏目 6 个月内累计超过（含）5 个未更新；"
        "应更新但长期未更新的栏目超过（含）10 个；空白栏目超过（含）5 个"
    )
    return Item(
        "columns", _("栏目不更新"), rule, value, FAIL if failed else PASS, ctx.keep(problems)
    )


def letters(ctx: Context) -> Item:
    """政务咨询类 messages of the last year still unanswered after 3 months (找错 reports
    are not such messages; their own rule is answered in the interaction app)."""
    limit = cols.months_before(ctx.today, LETTER_MONTHS)
    waiting = (
        Letter.objects.exclude(status=Letter.Status.REPLIED)
        .exclude(kind=Letter.Kind.ERROR)
        .filter(
            received_on__lt=limit,
            received_on__gte=ctx.today - dt.timedelta(days=LETTER_WINDOW_DAYS),
        )
        .select_related("center")
        .order_by("received_on")
    )
    if ctx.only is not None:
        waiting = waiting.filter(center__path__startswith=ctx.only.path)
    problems = [
        ctx.problem(
            letter.center.path,
            None,
            # The 查询码 finds the letter in 群众来信; its subject, written by the citizen,
            # may name people and stays with the staff who handle it.
            _("%(kind)s来信 %(code)s") % {"kind": letter.get_kind_display(), "code": letter.code},
            _("%(day)s 来信，至今未答复") % {"day": letter.received_on.isoformat()},
        )
        for letter in waiting
    ]
    value = _("超过 3 个月未答复的来信 %(n)d 件") % {"n": len(problems)}
    rule = _("监测时间点前 1 年内，政务咨询类栏目存在超过 3 个月未回应的有效留言")
    return Item("letters", _("互动回应差"), rule, value, FAIL if problems else PASS, problems)


def wording(ctx: Context) -> Item:
    problems = []
    severe = 0
    for page, hits in wording_findings(ctx.only):
        for hit in hits:
            counts = hit["severity"] == "severe"
            severe += counts
            detail = _("“%(wrong)s”应为“%(correct)s”：%(excerpt)s") % hit
            problems.append(ctx.problem(page.path, page.pk, page.title, detail, counts=counts))
    value = _("严重错误表述 %(severe)d 处，一般错误 %(other)d 处") % {
        "severe": severe,
        "other": len(problems) - severe,
    }
    rule = _("网站存在严重错别字（如党和国家机构名称错误）、虚假或伪造内容")
    return Item("wording", _("严重错误表述"), rule, value, FAIL if severe else PASS, problems)


def all_items(ctx: Context) -> list[Item]:
    """Every single-veto item; narrowed to one unit, the thresholds apply to its own counts."""
    return [
        uptime(ctx),
        home_updates(ctx, ctx.columns),
        column_updates(ctx, ctx.own_columns),
        letters(ctx),
        wording(ctx),
        guides(ctx),
    ]


def units_at_risk(items: list[Item]) -> list[dict]:
    """Units by the number of counted problems they contribute, worst first, each with its
    count per item (the screen's table of townships × items)."""
    tally: Counter[tuple[int, str]] = Counter()
    per_item: dict[int, Counter[str]] = {}
    for item in items:
        for problem in item.problems:
            if problem.counts and problem.unit_id:
                tally[(problem.unit_id, problem.unit)] += 1
                per_item.setdefault(problem.unit_id, Counter())[item.code] += 1
    return [
        {"unit_id": uid, "unit": name, "problems": n, "items": dict(per_item[uid])}
        for (uid, name), n in tally.most_common()
    ]
