"""Wall boards: rule boards (制度牌), the organisation board and the
whereabouts board (去向公示牌) with a slot per person for the status marker."""

from __future__ import annotations

import math

from .products import Product, _badge_face

ORGANISATION_SIZE = (600, 800)
WHEREABOUTS_WIDTH = 1200  # mm; the height follows the number of people


def rule_board(rule, center, brand: str) -> Product:
    width, height = rule.size_mm
    return Product(
        key=f"rule-board-{rule.pk}",
        title=f"制度牌 · {rule.title}（{width // 10} × {height // 10} 厘米）",
        width_mm=width,
        height_mm=height,
        template="print/rule_board.html",
        context={
            "rule": rule,
            "paragraphs": rule.paragraphs(),
            "brand": brand,
            "unit_name": center.official_name,
            # Type scales with the board so a 50 × 70 board reads like a 60 × 80 one.
            "scale": round(width / 600, 3),
        },
    )


def organisation_board(center, brand: str) -> Product:
    from staff.services.directory import organisation

    data = organisation(center)
    width, height = ORGANISATION_SIZE
    return Product(
        key="organisation-board",
        title=f"领导组织机构牌（{width // 10} × {height // 10} 厘米）",
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
    from staff.services.whereabouts import center_members

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
        title=(
            f"工作人员去向公示牌（{WHEREABOUTS_WIDTH // 10} × {math.ceil(height / 10)} 厘米，"
            f"{len(faces)} 人）"
        ),
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
