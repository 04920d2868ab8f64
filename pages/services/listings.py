"""Read the service catalogue: browse guides and build a center's disclosure board.

The board (政务公开栏) is generated from the guides every time it is shown, so
it is always current and never retyped. On the web both the guide list and the
board show one page of rows at a time, in window order, with every window's
count from one grouped query: a center with 1,000 guides renders in the same
queries and about the same time as one with 50 (benchmarks/growth.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Prefetch, Value, When
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.models import Page

from core.pagination import Pager, page_number, pager_for, paginate
from pages.models import (
    GuideStep,
    NoticePage,
    ServiceGuidePage,
    ServiceWindow,
    VillageStationPage,
)
from pages.models.guide import live_guides  # defined beside the model; callers use it from here


@dataclass
class WindowGroup:
    window: ServiceWindow | None  # None for guides without a window
    guides: list = field(default_factory=list)
    count: int | None = None  # all the window's items, on every page (None: the guides here)

    @property
    def item_count(self) -> int:
        return len(self.guides) if self.count is None else self.count

    @property
    def title(self) -> str:
        return str(self.window) if self.window else gettext("其他事项")


@dataclass
class PlaceGroup:
    """One place of a board (the center itself or one of its stations) and its windows."""

    place: Page
    windows: list[WindowGroup] = field(default_factory=list)
    count: int | None = None  # all the place's items, on every page

    @property
    def title(self) -> str:
        return getattr(self.place, "official_name", "") or self.place.title

    @property
    def item_count(self) -> int:
        return sum(g.item_count for g in self.windows) if self.count is None else self.count


@dataclass
class DisclosureBoard:
    center: object
    places: list[PlaceGroup]
    notices: list
    day: dt.date
    pager: Pager | None = None  # the web board's page; the printed board has every row
    total: int | None = None

    @property
    def groups(self) -> list[WindowGroup]:
        """Every window group, place after place (the center's first)."""
        return [group for place in self.places for group in place.windows]

    @property
    def item_count(self) -> int:
        return sum(place.item_count for place in self.places) if self.total is None else self.total


GUIDE_FILTERS = ("window", "department", "theme", "audience")
GUIDES_PER_PAGE = 50
BOARD_PER_PAGE = 50


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
        # A semi-join, not a join: no guide comes twice, so no DISTINCT over the list.
        guides = guides.filter(
            pk__in=ServiceGuidePage.objects.filter(themes__slug=value).values("pk")
        )
    value = params.get("audience", "")
    if value in ("individual", "legal"):
        guides = guides.filter(audience__in=(value, "both"))
    return guides


def _window_order(*first) -> list:
    """Rows in the order their groups are shown: windows by number, no window last."""
    return [*first, F("window__number").asc(nulls_last=True), "window_id", "path"]


@dataclass
class GuideList:
    groups: list[WindowGroup]
    pager: Pager
    total: int


def guide_list(guides, params: Mapping[str, str]) -> GuideList:
    """One page of `guides` grouped by window, each group with its window's full count."""
    counts = dict(guides.order_by().values_list("window_id").annotate(n=Count("pk")))
    # The list shows each guide's own fields only: none of live_guides' prefetches.
    rows = guides.prefetch_related(None).order_by(*_window_order())
    page, pager = paginate(rows, params, GUIDES_PER_PAGE)
    groups = group_by_window(page.object_list)
    for group in groups:
        group.count = counts.get(group.window.pk if group.window else None, len(group.guides))
    return GuideList(groups=groups, pager=pager, total=pager.count)


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


def disclosure_page(
    center: Page, params: Mapping[str, str], day: dt.date | None = None
) -> DisclosureBoard:
    """The web board: the same places and windows as `disclosure_board`, but one page
    of rows at a time, and every place's and window's count from one grouped query.

    Rows run place by place (the center, then each station), window by window; a
    window without items is shown where its rows would be."""
    day = day or timezone.localdate()
    stations = list(VillageStationPage.objects.live().public().child_of(center).order_by("path"))
    units: list[Page] = [center, *stations]
    place = Case(
        *(When(path__startswith=s.path, then=Value(n)) for n, s in enumerate(stations, 1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    guides = live_guides(center).annotate(place=place)
    # A station not live (or restricted) takes its guides off the board with it.
    hidden = VillageStationPage.objects.child_of(center).exclude(pk__in=[s.pk for s in stations])
    for station in hidden.only("path"):
        guides = guides.exclude(path__startswith=station.path)
    counts = {
        (n, window): count
        for n, window, count in guides.order_by()
        .values_list("place", "window_id")
        .annotate(count=Count("pk"))
    }
    listed = {window for _n, window in counts if window is not None}
    windows = {
        w.pk: w
        for w in ServiceWindow.objects.filter(unit__in=units)
        | ServiceWindow.objects.filter(pk__in=listed)
    }
    # Every group of the whole board in row order, with where its rows start.
    plan: list[tuple[int, WindowGroup, int]] = []
    offset = 0
    for n, unit in enumerate(units):
        keys = {w for w in windows.values() if w.unit_id == unit.pk} | {
            windows[w] for (m, w) in counts if m == n and w is not None
        }
        numbered = sorted(keys, key=lambda w: (w.number, w.pk))
        ordered: list[ServiceWindow | None] = [*numbered]
        if (n, None) in counts:
            ordered.append(None)  # guides without a window come last
        for window in ordered:
            count = counts.get((n, window.pk if window else None), 0)
            plan.append((n, WindowGroup(window, count=count), offset))
            offset += count
    total = offset
    page = Paginator(range(total), BOARD_PER_PAGE).get_page(page_number(params))
    start = (page.number - 1) * BOARD_PER_PAGE
    end = min(start + BOARD_PER_PAGE, total)
    last = not page.has_next()
    # The board shows each guide's steps, and none of live_guides' other prefetches.
    with_steps = guides.prefetch_related(None).prefetch_related(
        Prefetch("steps", queryset=GuideStep.objects.order_by("sort_order"))
    )
    rows = iter(with_steps.order_by(*_window_order("place"))[start:end]) if total else iter(())
    places: dict[int, PlaceGroup] = {}
    for n, group, first in plan:
        shown = (
            first < end and first + group.item_count > start
            if group.item_count
            else (start <= first < end or (last and first >= end))
        )
        if not shown:
            continue
        for _ in range(max(first, start), min(first + group.item_count, end)):
            guide = next(rows, None)  # None only if a guide went between the two queries
            if guide is not None:
                group.guides.append(guide)
        places.setdefault(n, PlaceGroup(units[n], count=_place_count(counts, n))).windows.append(
            group
        )
    if 0 not in places and page.number == 1:
        places[0] = PlaceGroup(center, count=0)
    notices = list(
        NoticePage.objects.live().public().descendant_of(center).current(day).order_by("notice_end")
    )
    return DisclosureBoard(
        center=center,
        places=[places[n] for n in sorted(places)],
        notices=notices,
        day=day,
        pager=pager_for(page, params),
        total=total,
    )


def _place_count(counts: dict[tuple[int, int | None], int], place: int) -> int:
    return sum(count for (n, _w), count in counts.items() if n == place)
