"""The legal clock of a disclosure request, in working days (core.workdays).

条例第三十三条: the answer is due 20 working days after the request arrived, and
one extension of at most 20 more may be approved. 第三十条: a request to
complete the application (补正) stops the clock, and the count starts again from
the day the completed application arrives. 第三十二条: the time a third party
takes to give its view does not count. The day a count starts is never itself
counted (as for letters).

Pure: it takes dates and returns dates, so the same rules serve the case page,
the admin list, the receipt and the annual report's 结转 counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from core.workdays import WorkingCalendar

REPLY_WORKING_DAYS = 20
MAX_EXTENSION_DAYS = 20
CORRECTION_NOTICE_DAYS = 7  # 第三十条: the 补正 notice goes out within 7 working days
THIRD_PARTY_DAYS = 15  # 第三十二条: the third party answers within 15 working days

CORRECTION = "correction"
THIRD_PARTY = "third_party"


@dataclass(frozen=True)
class Pause:
    kind: str  # CORRECTION or THIRD_PARTY
    started_on: dt.date
    ended_on: dt.date | None  # None: still paused


@dataclass(frozen=True)
class Clock:
    starts_on: dt.date  # the day the count (re)started: receipt, or the completed application
    due_on: dt.date | None  # None while paused
    paused: Pause | None  # the pause in force, if any
    paused_working_days: int  # third-party days not counted since the count started

    def days_left(self, today: dt.date, calendar: WorkingCalendar) -> int | None:
        """Working days from today to the due date; negative when overdue; None when paused."""
        if self.due_on is None:
            return None
        return calendar.working_days_between(today, self.due_on)

    def overdue(self, today: dt.date) -> bool:
        return self.due_on is not None and today > self.due_on


def clock(
    received_on: dt.date,
    pauses: Iterable[Pause],
    extension_days: int = 0,
    calendar: WorkingCalendar | None = None,
) -> Clock:
    """Where a request's clock stands, from its receipt, its pauses and its extension."""
    calendar = calendar or WorkingCalendar()
    starts_on, third_party_days, paused = received_on, 0, None
    for pause in sorted(pauses, key=lambda p: p.started_on):
        if pause.ended_on is None:
            paused = pause
            continue
        if pause.kind == CORRECTION:
            # The count starts again: days used before the 补正 notice are not kept.
            starts_on, third_party_days = max(starts_on, pause.ended_on), 0
        elif pause.ended_on > starts_on:
            third_party_days += calendar.working_days_between(
                max(pause.started_on, starts_on), pause.ended_on
            )
    if paused is not None:
        return Clock(starts_on, None, paused, third_party_days)
    due = calendar.add_working_days(
        starts_on, REPLY_WORKING_DAYS + extension_days + third_party_days
    )
    return Clock(starts_on, due, None, third_party_days)
