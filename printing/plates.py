"""Desk plates (桌牌) and the horizontal signboard (横招牌).

A desk plate is a tent card: two faces of DESK_FACE, the upper one upside
down, folded along the middle; two plates are imposed on one A4 sheet.
"""

from __future__ import annotations

from django.utils.translation import gettext

from .base import A4, Product, SheetSize, _badge_face

DESK_FACE = (200.0, 70.0)
HORIZONTAL_HEIGHT = 600.0
HORIZONTAL_PER_CHAR = 520.0  # mm of board per character, margins included


def desk_plates(center) -> Product | None:
    members = center.staff_members.filter(active=True).select_related("window", "photo")
    faces = [_badge_face(m) for m in members.order_by("sort_order", "pk")]
    if not faces:
        return None
    sheets = [faces[i : i + 2] for i in range(0, len(faces), 2)]
    return Product(
        key="desk-plates-a4",
        title=gettext("桌牌（每面 %(face)s，对折，%(count)s 人）")
        % {"face": SheetSize(*DESK_FACE).label, "count": len(faces)},
        width_mm=A4[0],
        height_mm=A4[1],
        template="print/desk_plates.html",
        context={"sheets": sheets, "face": DESK_FACE, "unit_name": center.official_name},
    )


def horizontal_signboard(center) -> Product:
    """横招牌 above the door: copper letters, sized to the name (the wall decides in the end)."""
    name = center.official_name
    width = round(len(name) * HORIZONTAL_PER_CHAR + 600)
    return Product(
        key="signboard-horizontal",
        title=gettext("横招牌"),
        width_mm=width,
        height_mm=HORIZONTAL_HEIGHT,
        template="print/signboard_horizontal.html",
        context={"name": name, "char_mm": round(HORIZONTAL_HEIGHT * 0.62)},
    )
