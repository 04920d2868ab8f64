"""Market-day rules (逢场日 / 赶场天) as data the site can compute with.

In remote and minority areas every window must be staffed on market days, so
the portal needs to know, for any date, whether it is one. Rules seen in the
regulations and in the field: "逢一、四、七" (solar dates ending in 1, 4, 7),
the same on lunar dates ("农历逢三、六、九"), or fixed weekdays ("每周二、五").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from lunardate import LunarDate

# Index 0 is "十": dates ending in 0 are 逢十. In English: the digits.
_DIGIT_NAMES = (
    pgettext_lazy("market day", "十"),
    pgettext_lazy("market day", "一"),
    pgettext_lazy("market day", "二"),
    pgettext_lazy("market day", "三"),
    pgettext_lazy("market day", "四"),
    pgettext_lazy("market day", "五"),
    pgettext_lazy("market day", "六"),
    pgettext_lazy("market day", "七"),
    pgettext_lazy("market day", "八"),
    pgettext_lazy("market day", "九"),
)
WEEKDAY_NAMES = (
    pgettext_lazy("weekday", "一"),
    pgettext_lazy("weekday", "二"),
    pgettext_lazy("weekday", "三"),
    pgettext_lazy("weekday", "四"),
    pgettext_lazy("weekday", "五"),
    pgettext_lazy("weekday", "六"),
    pgettext_lazy("weekday", "日"),
)


class MarketDayCalendar(StrEnum):
    NONE = "none"
    SOLAR_DIGITS = "solar"
    LUNAR_DIGITS = "lunar"
    WEEKDAYS = "weekday"


class MarketDayRuleError(ValueError):
    """A rule that cannot be computed with; the message is for publicity staff."""


def parse_numbers(text: str) -> frozenset[int]:
    """Parse "1,4,7" (also full-width commas and 、) into a set of integers."""
    cleaned = text.replace("，", ",").replace("、", ",").replace(" ", ",")
    numbers: set[int] = set()
    for part in cleaned.split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise MarketDayRuleError(f"“{part}”不是数字")
        numbers.add(int(part))
    return frozenset(numbers)


@dataclass(frozen=True)
class MarketDayRule:
    calendar: MarketDayCalendar
    numbers: frozenset[int] = frozenset()

    @classmethod
    def from_fields(cls, calendar: str, numbers: str) -> MarketDayRule:
        """Build and check a rule from the two stored page fields."""
        try:
            kind = MarketDayCalendar(calendar or MarketDayCalendar.NONE)
        except ValueError as exc:
            raise MarketDayRuleError(f"未知的逢场日类型“{calendar}”") from exc
        values = parse_numbers(numbers or "")
        if kind is MarketDayCalendar.NONE:
            return cls(kind)
        if not values:
            raise MarketDayRuleError("请填写逢场的日子，例如 1,4,7")
        if kind is MarketDayCalendar.WEEKDAYS:
            if not values <= set(range(1, 8)):
                raise MarketDayRuleError("星期只能填写 1（周一）到 7（周日）")
        elif not values <= set(range(10)):
            raise MarketDayRuleError("日期尾数只能填写 0 到 9（0 表示逢十）")
        return cls(kind, values)

    def __bool__(self) -> bool:
        return self.calendar is not MarketDayCalendar.NONE

    def is_market_day(self, day: dt.date) -> bool:
        match self.calendar:
            case MarketDayCalendar.SOLAR_DIGITS:
                return day.day % 10 in self.numbers
            case MarketDayCalendar.LUNAR_DIGITS:
                return (
                    LunarDate.from_solar_date(day.year, day.month, day.day).day % 10 in self.numbers
                )
            case MarketDayCalendar.WEEKDAYS:
                return day.isoweekday() in self.numbers
        return False

    def market_days(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        """Every market day from start to end inclusive."""
        day = start
        while day <= end:
            if self.is_market_day(day):
                yield day
            day += dt.timedelta(days=1)

    def next_market_days(self, start: dt.date, count: int = 3) -> list[dt.date]:
        """The next `count` market days on or after start (a rule repeats within 70 days)."""
        if not self:
            return []
        found: list[dt.date] = []
        for day in self.market_days(start, start + dt.timedelta(days=70 * count)):
            found.append(day)
            if len(found) == count:
                break
        return found

    def describe(self) -> str:
        """The rule as a citizen reads it on the wall, e.g. "农历逢三、六、九"."""
        match self.calendar:
            case MarketDayCalendar.SOLAR_DIGITS:
                return _("逢%(days)s") % {
                    "days": _join(_DIGIT_NAMES[n] for n in _digit_order(self.numbers))
                }
            case MarketDayCalendar.LUNAR_DIGITS:
                return _("农历逢%(days)s") % {
                    "days": _join(_DIGIT_NAMES[n] for n in _digit_order(self.numbers))
                }
            case MarketDayCalendar.WEEKDAYS:
                return _("每周%(days)s") % {
                    "days": _join(WEEKDAY_NAMES[n - 1] for n in sorted(self.numbers))
                }
        return _("无逢场日")


def _digit_order(numbers: Iterable[int]) -> list[int]:
    """1…9 then 0, because 逢十 comes last when read aloud."""
    return sorted(numbers, key=lambda n: 10 if n == 0 else n)


def _join(parts: Iterable[object]) -> str:
    return _("、").join(str(part) for part in parts)
