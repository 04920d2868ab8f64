"""基层政务公开标准目录: the shipped rows, a unit's choices, and where each row stands.

The 26 areas of 国办发〔2019〕54号 are data, read once (services.standard_rows);
a unit stores only which areas apply and, per row, the date its information last
formed or changed and the pages that publish it (models.catalogue). Everything a
page or the admin shows about a row — its 公开时限 as a rule, 已公开 / 未公开 / 逾期,
the boards it is posted on — is computed here, so both read the same answer.

Which rows a unit shows: a township (a center) the rows whose 公开层级 includes 乡级,
the county those with 县级. Areas when none is chosen yet: every area with at
least one such row (in the shipped file: all 26 at both levels), so a new unit
starts with the whole catalogue and removes what does not apply to it.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from wagtail.models import Page

from core.sections import SectionKind
from core.workdays import WorkingCalendar
from pages.models import CountyHomePage, SectionPage, VillageStationPage

from ..models import CatalogueArea, CatalogueEntry
from .standard_rows import COUNTY, TOWNSHIP, Area, Row, catalogue


def level_of(unit: Page) -> str:
    """The county home publishes the 县级 rows, a center (a township) the 乡级 ones."""
    return COUNTY if issubclass(unit.specific_class or Page, CountyHomePage) else TOWNSHIP


def default_areas(level: str) -> list[str]:
    return [area.code for area in catalogue().areas if area.rows_at(level)]


def chosen_areas(unit: Page) -> list[str]:
    """The unit's areas in catalogue order; the default ones while it has chosen none."""
    codes = set(CatalogueArea.objects.filter(unit=unit).values_list("area", flat=True))
    if not codes:
        return default_areas(level_of(unit))
    return [area.code for area in catalogue().areas if area.code in codes]


def has_chosen(unit: Page) -> bool:
    return CatalogueArea.objects.filter(unit=unit).exists()


def set_areas(unit: Page, codes: Iterable[str]) -> list[str]:
    """Replace the unit's areas with the known codes among `codes`; returns them."""
    known = {area.code for area in catalogue().areas}
    wanted = sorted(set(codes) & known)
    CatalogueArea.objects.filter(unit=unit).exclude(area__in=wanted).delete()
    for code in wanted:
        CatalogueArea.objects.get_or_create(unit=unit, area=code)
    return wanted


def row_choices(areas: Iterable[str], level: str | None = None) -> list[tuple[str, str]]:
    """(key, label) of the rows of these areas (at one level, when given), in order."""
    wanted = set(areas)
    return [
        (row.key, row.label)
        for area in catalogue().areas
        if area.code in wanted
        for row in (area.rows_at(level) if level else area.rows)
    ]


# --- 公开时限 as a rule ---------------------------------------------------------------------


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    DAYS = "days"
    MONTHS = "months"


@dataclass(frozen=True)
class Span:
    amount: int
    unit: Unit

    def after(self, start: dt.date, calendar: WorkingCalendar) -> dt.date:
        if self.unit is Unit.WORKING_DAYS:
            return calendar.add_working_days(start, self.amount)
        if self.unit is Unit.MONTHS:
            return add_months(start, self.amount)
        return start + dt.timedelta(days=self.amount)


class Kind(StrEnum):
    AFTER_CHANGE = "after_change"  # within a span of the information forming or changing
    PERIODIC = "periodic"  # again every period (每月, 每季度, 每年 …)
    DEADLINES = "deadlines"  # by fixed dates in the year (每年3月底前, 每学期开学前)
    NO_CHECK = "no_check"  # nothing a date can be checked against; `reason` says why


@dataclass(frozen=True)
class TimeRule:
    kind: Kind
    span: Span | None = None  # AFTER_CHANGE: the limit; PERIODIC: the grace after a period
    period: Span | None = None
    deadlines: tuple[tuple[int, int], ...] = ()  # (month, day); day 0 = the month's last
    reason: str = ""

    @property
    def checked(self) -> bool:
        return self.kind is not Kind.NO_CHECK


# "实时" has no number in law; we read it as 5 working days, the shortest limit the portal
# keeps elsewhere (a 咨询 reply). "及时" is the 条例's own word in 第二十六条, whose limit
# for 主动公开 is 20 working days from the information forming or changing.
PROMPT_WORKING_DAYS = 5
TIMELY_WORKING_DAYS = 20
# A periodic row is late one period after its last content plus this grace, the time
# allowed to publish a period's figures once the period has ended.
PERIOD_GRACE = Span(10, Unit.WORKING_DAYS)

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}  # fmt: skip
_PERIODS: tuple[tuple[str, Span], ...] = (
    ("半年", Span(6, Unit.MONTHS)),
    ("季度", Span(3, Unit.MONTHS)),
    ("每季", Span(3, Unit.MONTHS)),
    ("按季", Span(3, Unit.MONTHS)),
    ("每月", Span(1, Unit.MONTHS)),
    ("按月", Span(1, Unit.MONTHS)),
    ("月度", Span(1, Unit.MONTHS)),
    ("每旬", Span(10, Unit.DAYS)),
    ("每周", Span(7, Unit.DAYS)),
    ("每年", Span(12, Unit.MONTHS)),
    ("年度", Span(12, Unit.MONTHS)),
    ("按年", Span(12, Unit.MONTHS)),
)
_PERIOD_NAMES = {
    Span(1, Unit.MONTHS): pgettext_lazy("period", "月"),
    Span(3, Unit.MONTHS): gettext_lazy("季度"),
    Span(6, Unit.MONTHS): gettext_lazy("半年"),
    Span(12, Unit.MONTHS): pgettext_lazy("period", "年"),
    Span(7, Unit.DAYS): gettext_lazy("周"),
    Span(10, Unit.DAYS): gettext_lazy("旬"),
}
# The school year's two terms begin about 1 March and 1 September.
_TERM_DEADLINES = ((2, 0), (8, 0))


def _chinese_number(text: str) -> str:
    """ "二十" → "20": numerals written out in characters, up to 99."""
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        return str((_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(ones, 0)))
    return "".join(str(_DIGITS[c]) for c in text)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").strip()
    text = re.sub(r"\s+", "", text)
    return re.sub(r"[零〇一二两三四五六七八九十]+(?=个?(?:工作日|日|天|小时|月|周))",
                  lambda m: _chinese_number(m.group(0)), text)  # fmt: skip


_WORKING_DAYS = re.compile(r"(\d+)个?工作日")
_DAYS = re.compile(r"(\d+)(?:个)?(?:自然日|日|天)")
_HOURS = re.compile(r"(\d+)(?:个)?小时")
_MONTHS = re.compile(r"(\d+)个月")
_DATE_IN_YEAR = re.compile(r"(\d{1,2})月(?:(底|末|份)|(\d{1,2})[日号])?(?:之?前|以前)")


def _span_in(text: str) -> Span | None:
    if m := _WORKING_DAYS.search(text):
        return Span(int(m.group(1)), Unit.WORKING_DAYS)
    if m := _HOURS.search(text):
        return Span(-(-int(m.group(1)) // 24), Unit.DAYS)  # started days, rounded up
    if m := _MONTHS.search(text):
        return Span(int(m.group(1)), Unit.MONTHS)
    if m := _DAYS.search(text):
        return Span(int(m.group(1)), Unit.DAYS)
    return None


def _deadline(m: re.Match[str]) -> tuple[int, int] | None:
    month = int(m.group(1))
    if not 1 <= month <= 12:
        return None
    if m.group(3):  # "3月15日前"
        return (month, min(int(m.group(3)), 31))
    if m.group(2):  # "3月底前", "3月末前", "3月份前": by the month's end
        return (month, 0)
    return (12, 0) if month == 1 else (month - 1, 0)  # "3月前": before March begins


def _no_check(reason: str) -> TimeRule:
    return TimeRule(Kind.NO_CHECK, reason=reason)


@lru_cache(maxsize=256)
def parse_time_limit(text: str) -> TimeRule:
    """The 公开时限 as a rule the portal can check, or NO_CHECK saying why not.

    Read in this order: rules that are no deadline at all (依申请, a notice period's
    minimum length, "提前…"), fixed dates in the year, periods, a span from the
    information forming or changing, the words 实时 / 及时. Anything else is NO_CHECK:
    an unknown phrasing is never guessed at and never fails.
    """
    text = _normalise(text)
    if not text:
        return _no_check(_("未规定公开时限"))
    if "申请" in text and ("收到" in text or "受理" in text):
        return _no_check(_("依申请公开，按申请的答复期限办理"))
    if "不少于" in text or "不得少于" in text:
        return _no_check(_("规定的是公示（征求意见）期的最短长度，不是公开期限"))
    if "提前" in text:
        return _no_check(_("在所涉事项发生前公开，无法从信息变更日期核对"))
    if "学期" in text:
        return TimeRule(Kind.DEADLINES, deadlines=_TERM_DEADLINES)
    deadlines = tuple(d for m in _DATE_IN_YEAR.finditer(text) if (d := _deadline(m)))
    if deadlines:
        return TimeRule(Kind.DEADLINES, deadlines=tuple(sorted(set(deadlines))))
    for word, period in _PERIODS:
        if word in text:
            return TimeRule(Kind.PERIODIC, span=_span_in(text) or PERIOD_GRACE, period=period)
    if span := _span_in(text):
        return TimeRule(Kind.AFTER_CHANGE, span=span)
    if any(word in text for word in ("实时", "即时", "立即", "随时")):
        return TimeRule(Kind.AFTER_CHANGE, span=Span(PROMPT_WORKING_DAYS, Unit.WORKING_DAYS))
    if "及时" in text:
        return TimeRule(Kind.AFTER_CHANGE, span=Span(TIMELY_WORKING_DAYS, Unit.WORKING_DAYS))
    if "当日" in text or "当天" in text:
        return TimeRule(Kind.AFTER_CHANGE, span=Span(0, Unit.DAYS))
    return _no_check(_("公开时限的写法无法自动核对"))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = month_calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _on(year: int, month: int, day: int) -> dt.date:
    last = month_calendar.monthrange(year, month)[1]
    return dt.date(year, month, last if day == 0 else min(day, last))


def _deadlines_around(rule: TimeRule, day: dt.date) -> list[dt.date]:
    """The rule's dates from the year before `day` to two years after, in order."""
    years = range(day.year - 1, day.year + 3)
    return sorted(_on(y, m, d) for y in years for m, d in rule.deadlines)


def due_after_change(rule: TimeRule, changed_on: dt.date, calendar: WorkingCalendar) -> dt.date:
    """By when information that formed or changed on `changed_on` must be public."""
    if rule.kind is Kind.DEADLINES:
        return next(d for d in _deadlines_around(rule, changed_on) if d >= changed_on)
    assert rule.span is not None  # noqa: S101  (AFTER_CHANGE and PERIODIC carry one)
    return rule.span.after(changed_on, calendar)


def due_again(rule: TimeRule, last: dt.date, calendar: WorkingCalendar) -> dt.date | None:
    """By when a periodic or yearly row needs content newer than `last` (None: it never
    does, its limit counts from a change only)."""
    if rule.kind is Kind.PERIODIC and rule.period is not None and rule.span is not None:
        return rule.span.after(rule.period.after(last, calendar), calendar)
    if rule.kind is Kind.DEADLINES:
        # Content fulfils the first deadline on or after its date; the next one is due.
        dates = _deadlines_around(rule, last)
        fulfilled = next(i for i, d in enumerate(dates) if d >= last)
        return dates[fulfilled + 1]
    return None


def describe(rule: TimeRule) -> str:
    """The rule as the admin reads it, next to the official wording."""
    if rule.kind is Kind.NO_CHECK:
        return _("不作逾期核对：%(reason)s") % {"reason": rule.reason}
    if rule.kind is Kind.DEADLINES:
        dates = "、".join(
            _("%(m)s月底") % {"m": m} if d == 0 else _("%(m)s月%(d)s日") % {"m": m, "d": d}
            for m, d in rule.deadlines
        )
        return _("每年%(dates)s前") % {"dates": dates}
    assert rule.span is not None  # noqa: S101
    units = {Unit.WORKING_DAYS: _("个工作日"), Unit.DAYS: _("日"), Unit.MONTHS: _("个月")}
    span = f"{rule.span.amount}{units[rule.span.unit]}"
    if rule.kind is Kind.PERIODIC and rule.period is not None:
        period = _PERIOD_NAMES.get(rule.period) or f"{rule.period.amount}{units[rule.period.unit]}"
        return _("每%(period)s更新一次，到期后宽限%(span)s") % {"period": period, "span": span}
    return _("信息形成或变更后%(span)s内") % {"span": span}


# --- Channels: boards and their print products ------------------------------------------------


class Board(StrEnum):
    HALL = "hall"  # the center's hall: its 政务公开栏
    VILLAGE = "village"  # the villages: each station's 公开栏


def board_of(channel: str) -> Board | None:
    """Which notice board a 公开渠道和载体 is posted on (None: online, media, in person)."""
    if any(word in channel for word in ("公示栏", "公开栏", "服务站", "电子屏", "村务")):
        return Board.VILLAGE
    if any(word in channel for word in ("服务中心", "服务大厅", "办事大厅")):
        return Board.HALL
    return None


@dataclass(frozen=True)
class BoardLink:
    """A board a row is posted on: its printed product (PDF, for the unit's staff) and
    the page that shows the same board online (for everyone), where either exists."""

    board: Board
    title: str  # the board as a citizen knows it
    product: str  # the print product's own title, as the print menu lists it
    print_url: str
    web_url: str


def _print_url(center: Page, key: str) -> str:
    try:
        # By URL name: the print menu's views are the printing app's admin URLs.
        return reverse("print_download", args=[center.pk, key])
    except NoReverseMatch:
        return ""


def board_links(unit: Page) -> dict[Board, list[BoardLink]]:
    """The unit's boards with their existing print products: the hall's 政务公开栏 and
    each live station's 公开栏 (printing.boards). The county prints none of these."""
    if level_of(unit) == COUNTY:
        return {}
    # Below disclosure: the boards themselves are the printing app's products.
    from printing.boards import disclosure_board, station_disclosure_board
    from printing.registry import brand_for

    center = unit.specific
    brand = brand_for(center)
    hall = disclosure_board(center, brand)
    web = SectionPage.of_kind(center, SectionKind.DISCLOSURE).live().public().first()
    links = {
        Board.HALL: [
            BoardLink(
                Board.HALL,
                _("%(unit)s政务公开栏") % {"unit": center.title},
                hall.title,
                _print_url(center, hall.key),
                web.url if web else "",
            )
        ],
        Board.VILLAGE: [],
    }
    stations = VillageStationPage.objects.child_of(center).live().public().order_by("path")
    for station in stations:
        product = station_disclosure_board(station, brand)
        links[Board.VILLAGE].append(
            BoardLink(
                Board.VILLAGE,
                station.title,
                product.title,
                _print_url(center, product.key),
                station.url or "",
            )
        )
    return links


# --- Where each row stands ----------------------------------------------------------------


class State(StrEnum):
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    OVERDUE = "overdue"


STATE_LABELS = {
    State.PUBLISHED: gettext_lazy("已公开"),
    State.UNPUBLISHED: gettext_lazy("未公开"),
    State.OVERDUE: gettext_lazy("逾期"),
}

# Fields of a page that date its content better than its last publication: a document's
# 发布日期, a notice's 公示开始日期.
CONTENT_DATE_FIELDS = ("publish_date", "notice_start")


@dataclass(frozen=True)
class LinkedPage:
    title: str
    url: str
    dated: dt.date


def content_date(page: Page) -> dt.date | None:
    """The page's own content date if it has one, else the day it was last published."""
    for name in CONTENT_DATE_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, dt.date):
            return value
    stamp = page.last_published_at or page.first_published_at
    return timezone.localtime(stamp).date() if stamp else None


@dataclass(frozen=True)
class RowStatus:
    row: Row
    rule: TimeRule
    state: State
    pages: tuple[LinkedPage, ...] = ()
    last: dt.date | None = None  # the newest linked content
    due: dt.date | None = None  # when the pending publication is (or was) due
    changed_on: dt.date | None = None
    note: str = ""
    entry_id: int | None = None
    boards: tuple[BoardLink, ...] = ()

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def rule_text(self) -> str:
        return describe(self.rule)


def evaluate(
    row: Row,
    pages: Iterable[LinkedPage],
    today: dt.date,
    calendar: WorkingCalendar,
    changed_on: dt.date | None = None,
) -> tuple[State, dt.date | None, dt.date | None]:
    """(state, the newest content date, the due date) of one row.

    Overdue: the information changed and no content dated on or after the change is
    linked once the limit after the change has passed; or, for periodic and yearly
    rows, the newest content is older than the rule allows. Else 已公开 with a live
    linked page, 未公开 without."""
    rule = parse_time_limit(row.time_limit)
    dates = [page.dated for page in pages]
    last = max(dates) if dates else None
    due: dt.date | None = None
    if rule.checked:
        if changed_on is not None and (last is None or last < changed_on):
            due = due_after_change(rule, changed_on, calendar)
        elif last is not None:
            due = due_again(rule, last, calendar)
        if due is not None and today > due:
            return State.OVERDUE, last, due
    return (State.PUBLISHED if last is not None else State.UNPUBLISHED), last, due


def _linked_pages(unit: Page, public_only: bool) -> dict[int, list[LinkedPage]]:
    """Entry id → its live linked pages (public ones only for the public page)."""
    entries = CatalogueEntry.objects.filter(unit=unit).prefetch_related("links")
    page_ids = {link.page_id for entry in entries for link in entry.links.all()}
    pages = Page.objects.filter(pk__in=page_ids).live()
    if public_only:
        pages = pages.public()
    by_id: dict[int, LinkedPage] = {}
    for page in pages.specific():
        dated = content_date(page)
        if dated is not None:
            by_id[page.pk] = LinkedPage(page.title, page.url or "", dated)
    return {
        entry.pk: [by_id[link.page_id] for link in entry.links.all() if link.page_id in by_id]
        for entry in entries
    }


@dataclass
class AreaStatus:
    area: Area
    rows: list[RowStatus] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(row.state is State.OVERDUE for row in self.rows)


def unit_catalogue(
    unit: Page,
    today: dt.date,
    *,
    public_only: bool = True,
    calendar: WorkingCalendar | None = None,
    with_boards: bool = True,
) -> list[AreaStatus]:
    """The unit's chosen areas, each with its rows at the unit's level and their status."""
    calendar = calendar or WorkingCalendar()
    level = level_of(unit)
    entries = {e.key: e for e in CatalogueEntry.objects.filter(unit=unit)}
    linked = _linked_pages(unit, public_only)
    boards = board_links(unit) if with_boards else {}
    result = []
    for code in chosen_areas(unit):
        area = catalogue().area(code)
        if area is None:
            continue
        status = AreaStatus(area)
        for row in area.rows_at(level):
            entry = entries.get(row.key)
            pages = tuple(linked.get(entry.pk, [])) if entry else ()
            changed_on = entry.changed_on if entry else None
            state, last, due = evaluate(row, pages, today, calendar, changed_on)
            posted_on = {board_of(channel) for channel in row.channels}
            row_boards = [
                link for board in Board if board in posted_on for link in boards.get(board, [])
            ]
            status.rows.append(
                RowStatus(
                    row=row,
                    rule=parse_time_limit(row.time_limit),
                    state=state,
                    pages=tuple(sorted(pages, key=lambda p: p.dated, reverse=True)),
                    last=last,
                    due=due,
                    changed_on=changed_on,
                    note=entry.note if entry else "",
                    entry_id=entry.pk if entry else None,
                    boards=tuple(row_boards),
                )
            )
        result.append(status)
    return result


def last_changed(unit: Page) -> dt.date | None:
    """The newest 信息形成或变更日期 recorded for the unit (the admin's summary)."""
    return CatalogueEntry.objects.filter(unit=unit).aggregate(m=Max("changed_on"))["m"]
