"""The public 基层政务公开标准目录 of a center (…/<slug>/open-government/standard-catalogue/)
or of the county (/open-government/standard-catalogue/): its chosen areas, each row
with the pages that publish it and where it stands (services.catalogue)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .services import catalogue
from .services.addresses import column_url
from .views import unit_for


def _may_print(request, unit) -> bool:
    """The print products are the unit's staff's (the print menu's own rule)."""
    user = request.user
    return bool(user.is_authenticated) and unit.permissions_for_user(user).can_edit()


@require_GET
def standard_catalogue(request, slug: str | None = None):
    unit = unit_for(request, slug)
    areas = catalogue.unit_catalogue(unit, timezone.localdate(), public_only=True)
    rows = [row for area in areas for row in area.rows]
    counts = {state: sum(r.state is state for r in rows) for state in catalogue.State}
    return render(
        request,
        "disclosure/standard_catalogue.html",
        {
            "unit": unit,
            "source": catalogue.catalogue(),
            "areas": areas,
            "level": catalogue.level_of(unit),
            "published": counts[catalogue.State.PUBLISHED],
            "unpublished": counts[catalogue.State.UNPUBLISHED],
            "overdue": counts[catalogue.State.OVERDUE],
            "may_print": _may_print(request, unit),
            "column_url": column_url(unit),
        },
    )
