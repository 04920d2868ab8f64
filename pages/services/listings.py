"""Read the service catalogue: browse guides and build a center's disclosure board.

The board (政务公开栏) is generated from the guides every time it is shown, so
it is always current and never retyped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext

from wagtail.models import Page

from pages.models import NoticePage, ServiceWindow
from pages.models.guide import live_guides  # defined beside the model; callers use it from here


@dataclass
class WindowGroup:
    window: ServiceWindow | None  # None for guides without a window
    guides: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(self.window) if self.window else gettext("其他事项")


@dataclass
class DisclosureBoard:
    center: object
    groups: list[WindowGroup]
    notices: list
    day: dt.date

    @property
    def item_count(self) -> int:
        return sum(len(g.guides) for g in self.groups)


GUIDE_FILTERS = ("window", "department", "theme", "audience")


def filter_guides(guides, params: Mapping[str, str]):
    """Apply the browsing filters found in the query string; unknown values are ignored."""
    value = params.get("window", "")
    if value.isdigit():
        guides = guides.filter(window_id=int(value))
    value = params.get("department", "")
    if value.isdigit():
        guides = guides.filter(department_id=int(value))
    value = params.get("theme", "")
    if value:
        guides = guides.filter(themes__slug=value)
    value = params.get("audience", "")
    if value in ("individual", "legal"):
        guides = guides.filter(audience__in=(value, "both"))
    return guides.distinct()


def group_by_window(guides) -> list[WindowGroup]:
    groups: dict[object, WindowGroup] = {}
    for guide in guides:
        key = guide.window_id
        if key not in groups:
            groups[key] = WindowGroup(guide.window)
        groups[key].guides.append(guide)
    ordered = sorted(
        groups.values(), key=lambda g: (g.window is None, getattr(g.window, "number", 0))
    )
    return ordered


def disclosure_board(center: Page, day: dt.date | None = None) -> DisclosureBoard:
    """Every window's items (conditions, procedure, limits, fees) plus current notices."""
    day = day or timezone.localdate()
    groups = group_by_window(live_guides(center))
    # Windows with no published guide still belong on the board.
    listed = {g.window.pk for g in groups if g.window}
    for window in ServiceWindow.objects.filter(unit=center).exclude(pk__in=listed):
        groups.append(WindowGroup(window))
    groups.sort(key=lambda g: (g.window is None, getattr(g.window, "number", 0)))
    notices = list(
        NoticePage.objects.live().public().descendant_of(center).current(day).order_by("notice_end")
    )
    return DisclosureBoard(center=center, groups=groups, notices=notices, day=day)
