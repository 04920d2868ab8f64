"""Print products, each built from the portal's content at its real physical size.

A Product (printing.base) is a name, a size in millimetres and the HTML to
lay out; nothing is typed twice — names come from the center, window and
staff records, so a reprint after an edit is always current. Sizes follow the county's signage
rules (see DOMAIN.md §4).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext

from pages.models import ServiceGuidePage, ServiceWindow, VillageStationPage

from . import registry
from .base import A4, BADGE, CROP_MARK_MM, BadgeFace, Product, SheetSize, _badge_face
from .boards import (
    disclosure_board,
    organisation_board,
    rule_board,
    station_disclosure_board,
    whereabouts_board,
)
from .fit import fitting_size, text_em
from .forms import blank_forms, guide_forms
from .leaflets import guide_leaflet, window_leaflets
from .models import HallRule
from .plates import desk_plates, horizontal_signboard
from .public_url import rating_qr


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
        title=gettext("竖招牌"),
        width_mm=400,
        height_mm=2400,
        template="print/signboard.html",
        context={"material": "copper", **_stacked(center.official_name, 400, 2400, 100)},
    )


def village_signboard(station) -> Product:
    """村级便民服务点 signboard, 30 × 200 cm: white with a steel edge."""
    return Product(
        key=f"signboard-station-{station.slug}",
        title=gettext("%(station)s 站牌") % {"station": station.official_name},
        width_mm=300,
        height_mm=2000,
        template="print/signboard.html",
        context={"material": "steel", **_stacked(station.official_name, 276, 2000, 80)},
    )


WINDOW_PLATE = (400.0, 200.0)  # 20 × 40 cm, hung landscape: 400 mm wide, 200 mm high
PLATE_INSET_MM = (12.0, 10.0)  # inside the 3 mm border: left/right, top/bottom
PLATE_UNIT_MM = 8.0  # the unit's name under the window's, small
PLATE_LINE_HEIGHT = 1.15


def plate_lettering(number_text: str, name: str) -> dict:
    """Font sizes that make the window's number and name as wide as the plate allows.

    The name is what a citizen looks for: it takes the room the number leaves,
    the number at most a third of the height; each is as wide as the plate
    unless the height stops it first. A short name the height stops is spaced
    out towards the full width (at most an em between characters), as signs are.
    """
    width, height = WINDOW_PLATE
    inner_w = width - 2 * (3 + PLATE_INSET_MM[0])
    inner_h = height - 2 * (3 + PLATE_INSET_MM[1]) - PLATE_UNIT_MM * (PLATE_LINE_HEIGHT + 0.5)
    number_mm = fitting_size(number_text, inner_w, inner_h / 3, PLATE_LINE_HEIGHT)
    name_mm = fitting_size(
        name, inner_w, inner_h - number_mm * PLATE_LINE_HEIGHT, PLATE_LINE_HEIGHT
    )
    gaps = len(name) - 1
    spare = inner_w - text_em(name) * name_mm
    spacing = min(spare / gaps, name_mm) if gaps > 0 and spare > 1 else 0.0
    return {
        "number_text": number_text,
        "number_mm": round(number_mm - 0.05, 1),
        "name_mm": round(name_mm - 0.05, 1),
        "name_spacing_mm": round(max(spacing - 0.05, 0.0), 1),
        "unit_mm": PLATE_UNIT_MM,
        "line_height": PLATE_LINE_HEIGHT,
        "inset": {"x": PLATE_INSET_MM[0], "y": PLATE_INSET_MM[1]},
    }


def window_plate(window, unit_name: str) -> Product:
    """窗口吊牌, 20 × 40 cm: number and name in blue, lettered to the plate's width."""
    number_text = gettext("%(number)s号窗口") % {"number": window.number}
    return Product(
        key=f"window-plate-{window.number:02d}",
        title=gettext("%(number)s号窗口吊牌") % {"number": window.number},
        width_mm=WINDOW_PLATE[0],
        height_mm=WINDOW_PLATE[1],
        template="print/window_plate.html",
        context={
            "window": window,
            "unit_name": unit_name,
            "rating_qr": rating_qr(getattr(window, "pk", None)),
            **plate_lettering(number_text, window.name),
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
        title=gettext("工作人员胸牌（每张 %(card)s，A4 拼版 %(count)s 人）")
        % {"card": SheetSize(*BADGE).label, "count": len(faces)},
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
