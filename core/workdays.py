"""The portal's one working-day calendar: China's statutory holidays and the
make-up working days (调休) from chinesecalendar, plus the county's own
overrides (core.models.CalendarOverride) for years the library does not know
yet. Every clock in working days (letters, disclosure requests, publication
limits) counts with it.

Counting: the start day is not counted; the due date of "N working days" is
the Nth working day after it (add_working_days), and working_days_between
counts the working days after a up to and including b, so
working_days_between(a, add_working_days(a, n)) == n.

For a year chinesecalendar does not cover, a day is a working day when it is a
weekday, unless an override says otherwise; known_year() tells the admin when
to enter that year's holidays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from functools import lru_cache

import chinese_calendar

from core.models import CalendarOverride

_ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=1)
def known_years() -> range:
    """The years whose holidays and make-up days chinesecalendar ships."""
    years = [day.year for day in chinese_calendar.holidays]
    return range(min(years), max(years) + 1)


def known_year(year: int) -> bool:
    """Whether chinesecalendar knows the year's holiday notice (else: weekends + overrides)."""
    return year in known_years()


def _library_says(day: dt.date) -> bool:
    """chinesecalendar's answer for a covered year (its is_workday, without re-checking
    the covered range on every call)."""
    if day in chinese_calendar.workdays:
        return True
    return day.weekday() < 5 and day not in chinese_calendar.holidays


class WorkingCalendar:
    """The calendar with the override table read once per year it is asked about.

    Make one for a batch (a report over thousands of cases); the module-level
    functions make a fresh one per call, so an edited override applies at once.
    `overrides` (date → is working day) replaces the table, for callers that
    already hold it.
    """

    def __init__(self, overrides: Mapping[dt.date, bool] | None = None) -> None:
        self._given = overrides
        self._by_year: dict[int, dict[dt.date, bool]] = {}

    def _overrides(self, year: int) -> Mapping[dt.date, bool]:
        if self._given is not None:
            return self._given
        if year not in self._by_year:
            rows = CalendarOverride.objects.filter(date__year=year)
            self._by_year[year] = dict(rows.values_list("date", "is_working_day"))
        return self._by_year[year]

    def is_working_day(self, day: dt.date) -> bool:
        if isinstance(day, dt.datetime):
            day = day.date()
        override = self._overrides(day.year).get(day)
        if override is not None:
            return override
        if known_year(day.year):
            return _library_says(day)
        return day.weekday() < 5

    def working_days_after(self, start: dt.date) -> Iterator[dt.date]:
        """Every working day after `start`, in order (endless)."""
        day = start
        while True:
            day += _ONE_DAY
            if self.is_working_day(day):
                yield day

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The nth working day after `start` (start itself not counted); n == 0 is start,
        a negative n counts back: the |n|th working day before start."""
        step = _ONE_DAY if n >= 0 else -_ONE_DAY
        day, left = start, abs(n)
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days after a up to and including b; negative when b is before a
        (days left until a due date, or, past it, minus the days overdue)."""
        if b < a:
            return -self.working_days_between(b, a)
        count, day = 0, a
        while day < b:
            day += _ONE_DAY
            count += self.is_working_day(day)
        return count


def is_working_day(day: dt.date) -> bool:
    return WorkingCalendar().is_working_day(day)


def add_working_days(start: dt.date, n: int) -> dt.date:
    return WorkingCalendar().add_working_days(start, n)


def working_days_between(a: dt.date, b: dt.date) -> int:
    return WorkingCalendar().working_days_between(a, b)
