"""Wall boards: rule boards (制度牌), the organisation board and the
whereabouts board (去向公示牌) with a slot per person for the status marker."""

from __future__ import annotations

import math

from django.utils.translation import gettext

from pages.services.listings import disclosure_board as board_data
from pages.services.listings import live_guides
from staff.services.directory import organisation
from staff.services.whereabouts import center_members

from .base import Product, _badge_face

ORGANISATION_SIZE = (600, 800)
WHEREABOUTS_WIDTH = 1200  # mm; the height follows the number of people


def rule_board(rule, center, brand: str, station=None) -> Product:
    """制度牌 for the hall, or (with `station`) for a village station."""
    width, height = rule.size_mm
    return Product(
        key=f"rule-board-{rule.pk}" + (f"-{station.slug}" if station else ""),
        title=gettext("制度牌 · %(rule)s") % {"rule": rule.title},
        width_mm=width,
        height_mm=height,
        template="print/rule_board.html",
        context={
            "rule": rule,
            "paragraphs": rule.paragraphs(),
            "brand": brand,
            "unit_name": (station or center).official_name,
            # Type scales with the board so a 50 × 70 board reads like a 60 × 80 one.
            "scale": round(width / 600, 3),
        },
    )


def organisation_board(center, brand: str) -> Product:
    data = organisation(center)
    width, height = ORGANISATION_SIZE
    return Product(
        key="organisation-board",
        title=gettext("领导组织机构牌"),
        width_mm=width,
        height_mm=height,
        template="print/organisation_board.html",
        context={
            "brand": brand,
            "center": center,
            "leaders": [_badge_face(m) for m in data["leaders"]],
            "windows": [
                {
                    "window": w["window"],
                    "departments": w["departments"],
                    "staff": [m.name for m in w["staff"]],
                }
                for w in data["windows"]
            ],
        },
    )


def whereabouts_board(center, brand: str) -> Product | None:
    """去向公示牌: a slot per person — photo, name, title — and a blank box for the marker."""
    faces = [_badge_face(m) for m in center_members(center)]
    if not faces:
        return None
    columns = min(8, max(4, math.ceil(math.sqrt(len(faces) * 1.5))))
    rows = math.ceil(len(faces) / columns)
    slot_w = (WHEREABOUTS_WIDTH - 60) / columns
    slot_h = slot_w * 1.45
    height = round(150 + rows * slot_h + 40)
    return Product(
        key="whereabouts-board",
        title=gettext("工作人员去向公示牌（%(count)s 人）") % {"count": len(faces)},
        width_mm=WHEREABOUTS_WIDTH,
        height_mm=height,
        template="print/whereabouts_board.html",
        context={
            "brand": brand,
            "center": center,
            "faces": faces,
            "slot": {"width": round(slot_w - 10, 1), "height": round(slot_h - 10, 1)},
        },
    )


DISCLOSURE_WIDTH = 1200  # mm
STATION_BOARD_WIDTH = 900


def _estimated_height(rows: int, groups: int, row_mm: float, base_mm: float) -> int:
    """Boards are made "to fit content": the page grows with the rows it holds."""
    return int(math.ceil((base_mm + groups * 40 + rows * row_mm) / 10) * 10)


def disclosure_board(center, brand: str) -> Product:
    """政务公开栏: every window's items with conditions, procedure, time limit and fee,
    generated from the guides (never retyped), with the supervision phone.

    The same items as the web board, grouped by place as it is (the center,
    then each station), so no row is left without saying where it is offered."""
    board = board_data(center)
    groups = board.groups
    rows = board.item_count
    height = _estimated_height(rows, len(groups) + len(board.places), row_mm=62, base_mm=380)
    return Product(
        key="disclosure-board",
        title=gettext("政务公开栏（%(count)s 项）") % {"count": rows},
        width_mm=DISCLOSURE_WIDTH,
        height_mm=height,
        template="print/disclosure_board.html",
        context={"brand": brand, "center": center, "places": board.places, "groups": groups},
    )


def station_disclosure_board(station, brand: str) -> Product:
    """村级公开栏: purpose, the items agents handle, the agents and their phones."""
    guides = list(live_guides(station).prefetch_related("materials"))
    agents = list(station.agents.all())
    height = _estimated_height(len(guides), 1, row_mm=110, base_mm=520 + 30 * len(agents))
    return Product(
        key=f"disclosure-station-{station.slug}",
        title=gettext("%(station)s 公开栏") % {"station": station.official_name},
        width_mm=STATION_BOARD_WIDTH,
        height_mm=height,
        template="print/station_board.html",
        context={"brand": brand, "station": station, "guides": guides, "agents": agents},
    )
