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


def next_return(page, now: dt.datetime) -> dt.datetime | None:
    """The earliest return time still to come on this section's board."""
    if getattr(page, "kind", None) != SectionKind.STAFF:
        return None
    center = getattr(page, "center", None)
    if center is None:
        return None
    return StaffMember.objects.filter(center=center, active=True, status_until__gt=now).aggregate(
        first=Min("status_until")
    )["first"]


def register() -> None:
    # Staff cards appear beyond the board (windows' contacts, the organisation page).
    for model in (StaffMember, WhereaboutsStatus):
        pagecache.register_model(model)
    pagecache.register_boundary(next_return)
