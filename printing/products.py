"""Print products, each built from the portal's content at its real physical size.

A Product (printing.base) is a name, a size in millimetres and the HTML to
lay out; nothing is typed twice — names come from the center, window and
staff records, so a reprint after an edit is always current. Sizes follow the county's signage
rules (see DOMAIN.md §4).
"""

from __future__ import annotations

from collections.abc import Iterator

from pages.models import ServiceGuidePage, ServiceWindow, VillageStationPage

from . import registry
from .base import A4, BADGE, CROP_MARK_MM, BadgeFace, Product, _badge_face
from .boards import (
    disclosure_board,
    organisation_board,
    rule_board,
    station_disclosure_board,
    whereabouts_board,
)
from .forms import blank_forms, guide_forms
from .leaflets import guide_leaflet, window_leaflets
from .models import HallRule
from .plates import desk_plates, horizontal_signboard


def _stacked(text: str, width_mm: float, height_mm: float, margin_mm: float) -> dict:
    """One character per line, as large as both the width and the height allow."""
    characters = [c for c in text if not c.isspace()]
    per_char = (height_mm - 2 * margin_mm) / max(len(characters), 1) / 1.12
    return {
        "characters": characters,
        "char_mm": round(min(per_char, width_mm * 0.72), 1),
        "margin_mm": margin_mm,
    }


def vertical_signboard(center) -> Product:
    """竖招牌, 40 × 240 cm: the center's full name, top to bottom, etched in copper."""
    return Product(
        key="signboard-vertical",
        title="竖招牌（40 × 240 厘米）",
        width_mm=400,
        height_mm=2400,
        template="print/signboard.html",
        context={"material": "copper", **_stacked(center.official_name, 400, 2400, 100)},
    )


def village_signboard(station) -> Product:
    """村级便民服务点 signboard, 30 × 200 cm: white with a steel edge."""
    return Product(
        key=f"signboard-station-{station.slug}",
        title=f"{station.official_name} 站牌（30 × 200 厘米）",
        width_mm=300,
        height_mm=2000,
        template="print/signboard.html",
        context={"material": "steel", **_stacked(station.official_name, 276, 2000, 80)},
    )


def window_plate(window, unit_name: str) -> Product:
    """窗口吊牌, 20 × 40 cm: number and name in blue."""
    return Product(
        key=f"window-plate-{window.number:02d}",
        title=f"{window.number}号窗口吊牌（20 × 40 厘米）",
        width_mm=400,
        height_mm=200,
        template="print/window_plate.html",
        context={
            "window": window,
            "unit_name": unit_name,
            "name_mm": round(min(30.0, 340 / max(len(window.name), 1)), 1),
        },
    )


def _impose(faces: list[BadgeFace]) -> Iterator[dict]:
    """Cards butted edge to edge, centred on A4, crop marks outside the block."""
    card_w, card_h = BADGE
    columns, rows = int(A4[0] // card_w), int(A4[1] // card_h)
    left, top = (A4[0] - columns * card_w) / 2, (A4[1] - rows * card_h) / 2
    right, bottom = left + columns * card_w, top + rows * card_h
    gap, hair = 1.5, 0.2
    marks = []
    for i in range(columns + 1):
        x = left + i * card_w - hair / 2
        marks.append({"x": x, "y": top - gap - CROP_MARK_MM, "w": hair, "h": CROP_MARK_MM})
        marks.append({"x": x, "y": bottom + gap, "w": hair, "h": CROP_MARK_MM})
    for j in range(rows + 1):
        y = top + j * card_h - hair / 2
        marks.append({"x": left - gap - CROP_MARK_MM, "y": y, "w": CROP_MARK_MM, "h": hair})
        marks.append({"x": right + gap, "y": y, "w": CROP_MARK_MM, "h": hair})
    per_sheet = columns * rows
    for start in range(0, len(faces), per_sheet):
        slots = [
            {
                "member": face,
                "x": left + (n % columns) * card_w,
                "y": top + (n // columns) * card_h,
            }
            for n, face in enumerate(faces[start : start + per_sheet])
        ]
        yield {"slots": slots, "crop_marks": marks}


def chest_badges(center, brand: str) -> Product | None:
    """胸牌 for every active staff member, ten to an A4 sheet with crop marks."""
    members = center.staff_members.filter(active=True).select_related("window", "photo")
    faces = [_badge_face(m) for m in members.order_by("sort_order", "pk")]
    if not faces:
        return None
    return Product(
        key="badges-a4",
        title=f"工作人员胸牌（{BADGE[0]:g} × {BADGE[1]:g} 毫米，A4 拼版 {len(faces)} 人）",
        width_mm=A4[0],
        height_mm=A4[1],
        template="print/badges.html",
        context={
            "sheets": list(_impose(faces)),
            "card": {"width": BADGE[0], "height": BADGE[1]},
            "brand": brand,
            "unit_name": center.official_name,
        },
    )


def _signboards(center, brand: str) -> list[Product]:
    return [vertical_signboard(center), horizontal_signboard(center)]


def _window_plates(center, brand: str) -> list[Product]:
    windows = ServiceWindow.objects.filter(unit=center).order_by("number")
    return [window_plate(w, center.official_name) for w in windows]


def _badges(center, brand: str) -> list[Product]:
    badges = chest_badges(center, brand)
    return [badges] if badges else []


def _desk_plates(center, brand: str) -> list[Product]:
    plates = desk_plates(center)
    return [plates] if plates else []


def _rule_boards(center, brand: str) -> list[Product]:
    return [rule_board(r, center, brand) for r in HallRule.for_center(center)]


def _hall_boards(center, brand: str) -> list[Product]:
    products = [organisation_board(center, brand), disclosure_board(center, brand)]
    board = whereabouts_board(center, brand)
    return products + [board] if board else products


def _stations(center, brand: str) -> list[Product]:
    stations = VillageStationPage.objects.child_of(center).live().order_by("path")
    village_rules = list(HallRule.for_center(center, level="village"))
    products: list[Product] = []
    for station in stations:
        products += [village_signboard(station), station_disclosure_board(station, brand)]
        products += [rule_board(r, center, brand, station) for r in village_rules]
    return products


def _leaflets(center, brand: str) -> list[Product]:
    return window_leaflets(center, list(center_guides(center)))


def _blank_forms(center, brand: str) -> list[Product]:
    return blank_forms(center)


def _guide_leaflet(center, guide) -> list[Product]:
    return [guide_leaflet(center, guide)]


def register() -> None:
    """The printing app's own products, in the order a print shop would quote them."""
    for order, (name, build) in enumerate(
        [
            ("signboards", _signboards),
            ("window-plates", _window_plates),
            ("badges", _badges),
            ("desk-plates", _desk_plates),
            ("rule-boards", _rule_boards),
            ("hall-boards", _hall_boards),
            ("stations", _stations),
            ("leaflets", _leaflets),
            ("blank-forms", _blank_forms),
        ]
    ):
        registry.register_pack_part(name, (order + 1) * 10, build)
    registry.register_guide_part("leaflet", 10, _guide_leaflet)
    registry.register_guide_part("forms", 20, guide_forms)


def center_guides(center):
    """The center's own published guides, for forms pre-filled item by item."""
    return (
        ServiceGuidePage.objects.descendant_of(center)
        .live()
        .filter(level="township")
        .select_related("window", "department")
        .order_by("path")
    )


# The pack as a whole, where callers have always found it.
center_pack = registry.center_pack
guide_products = registry.guide_products
