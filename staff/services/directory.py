"""The organisation board (领导组织机构): who leads, which window holds whom."""

from pages.models import ServiceWindow, VillageStationPage
from staff.models import StaffMember


def organisation(center) -> dict:
    members = list(
        StaffMember.objects.filter(center=center, active=True)
        .select_related("photo", "ab_partner")
        .order_by("sort_order", "pk")
    )
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
