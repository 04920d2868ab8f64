"""The organisation board (领导组织机构): who leads, which window holds whom."""

from pages.models import ServiceWindow, VillageStationPage
from staff.images import with_public_renditions
from staff.models import StaffMember

from .whereabouts import partners


def organisation(center) -> dict:
    """In a fixed number of queries: each member carries their B post as
    ``listed_partner``, found in the board's own map (`partners`), not asked per person."""
    members = list(
        StaffMember.objects.filter(center=center, active=True)
        .select_related("window")
        .prefetch_related(with_public_renditions())
        .order_by("sort_order", "pk")
    )
    partner_of = partners(members)
    for member in members:
        member.listed_partner = partner_of.get(member.pk)
    windows = ServiceWindow.objects.filter(unit=center).prefetch_related("departments")
    by_window: dict[int, list[StaffMember]] = {}
    for member in members:
        if member.window_id and not member.is_leadership:
            by_window.setdefault(member.window_id, []).append(member)
    return {
        "center": center,
        "leaders": [m for m in members if m.is_leadership],
        "windows": [
            {
                "window": window,
                "departments": [d.name for d in window.departments.all()],
                "staff": by_window.get(window.pk, []),
            }
            for window in windows
        ],
        "stations": VillageStationPage.objects.live()
        .public()
        .child_of(center)
        .prefetch_related("agents")
        .order_by("path"),
    }
