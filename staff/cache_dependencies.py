"""The whereabouts board on the 工作人员 section, for the public page cache.

A status change purges the pages that show staff; a shown return time (状态
至 15:00) ends the cached board at that moment, when the person becomes
overdue. Registered into core.pagecache from StaffConfig.ready()."""

from __future__ import annotations

import datetime as dt

from django.db.models import Min

from core import pagecache
from core.sections import SectionKind

from .models import StaffMember, WhereaboutsStatus


def board_valid_until(center, now: dt.datetime) -> dt.datetime:
    """The board changes by itself at the earliest return time to come (that person
    becomes overdue) and at midnight (market day, 明天 in return times)."""
    first = StaffMember.objects.filter(center=center, active=True, status_until__gt=now).aggregate(
        first=Min("status_until")
    )["first"]
    midnight = pagecache.next_midnight(None, now)
    return min(first, midnight) if first is not None else midnight


def next_return(page, now: dt.datetime) -> dt.datetime | None:
    """On a 工作人员 section, when its board changes by itself."""
    if getattr(page, "kind", None) != SectionKind.STAFF:
        return None
    center = getattr(page, "center", None)
    return board_valid_until(center, now) if center is not None else None


def register() -> None:
    # Staff cards appear beyond the board (windows' contacts, the organisation page).
    for model in (StaffMember, WhereaboutsStatus):
        pagecache.register_model(model)
    pagecache.register_boundary(next_return)
