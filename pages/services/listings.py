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

from pages.models import NoticePage, ServiceWindow, VillageStationPage
from pages.models.guide import live_guides  # defined beside the model; callers use it from here


@dataclass
class WindowGroup:
    window: ServiceWindow | None  # None for guides without a window
    guides: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(self.window) if self.window else gettext("其他事项")


@dataclass
class PlaceGroup:
    """One place of a board (the center itself or one of its stations) and its windows."""

    place: Page
    windows: list[WindowGroup] = field(default_factory=list)

    @property
    def title(self) -> str:
        return getattr(self.place, "official_name", "") or self.place.title

    @property
    def item_count(self) -> int:
        return sum(len(g.guides) for g in self.windows)


@dataclass
class DisclosureBoard:
    center: object
    places: list[PlaceGroup]
    notices: list
    day: dt.date

    @property
    def groups(self) -> list[WindowGroup]:
        """Every window group, place after place (the center's first)."""
        return [group for place in self.places for group in place.windows]

    @property
    def item_count(self) -> int:
        return sum(place.item_count for place in self.places)


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


def place_of(page: Page, places: list[Page]) -> Page | None:
    """The deepest of `places` (centers, stations) at or above `page`."""
    found = [p for p in places if page.path.startswith(p.path)]
    return max(found, key=lambda p: p.depth) if found else None


def disclosure_board(center: Page, day: dt.date | None = None) -> DisclosureBoard:
    """Every place's windows and items (conditions, procedure, limits, fees), the
    center first and then each live station, plus the current notices.

    Grouped by place because a station's "1号 综合代办窗口" is not the center's
    nor another station's: every row must say where it is offered."""
    day = day or timezone.localdate()
    stations = list(VillageStationPage.objects.live().public().child_of(center).order_by("path"))
    units: list[Page] = [center, *stations]
    guides_by_place: dict[int, list] = {unit.pk: [] for unit in units}
    for guide in live_guides(center):
        unit = place_of(guide, units)
        if unit is not None:
            guides_by_place[unit.pk].append(guide)
    windows_by_unit: dict[int, list[ServiceWindow]] = {unit.pk: [] for unit in units}
    for window in ServiceWindow.objects.filter(unit__in=units).order_by("number"):
        windows_by_unit[window.unit_id].append(window)
    places = []
    for unit in units:
        groups = group_by_window(guides_by_place[unit.pk])
        # Windows with no published guide still belong on the board.
        listed = {g.window.pk for g in groups if g.window}
        groups += [WindowGroup(w) for w in windows_by_unit[unit.pk] if w.pk not in listed]
        groups.sort(key=lambda g: (g.window is None, getattr(g.window, "number", 0)))
        if groups or unit.pk == center.pk:
            places.append(PlaceGroup(unit, groups))
    notices = list(
        NoticePage.objects.live().public().descendant_of(center).current(day).order_by("notice_end")
    )
    return DisclosureBoard(center=center, places=places, notices=notices, day=day)
