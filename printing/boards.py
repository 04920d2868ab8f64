"""Wall boards: rule boards (制度牌), the organisation board and the
whereabouts board (去向公示牌) with a slot per person for the status marker."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext

from pages.services.listings import disclosure_board as board_data
from pages.services.listings import live_guides
from staff.services.directory import organisation
from staff.services.whereabouts import center_members

from .base import BadgeFace, Product, _badge_face
from .board_layout import BoardStyle, Column, table_height

ORGANISATION_SIZE = (600, 800)
WHEREABOUTS_WIDTH = 1200  # mm; the height follows the people and their windows


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


WHEREABOUTS_STYLE = BoardStyle(padding_x=30.0)
SLOT_GAP_MM = 10.0


@dataclass(frozen=True)
class WindowSlots:
    """The people of one window on the whereabouts board (window None: the rest)."""

    title: str
    faces: list[BadgeFace]


def whereabouts_groups(members) -> list[WindowSlots]:
    """People grouped by their window in window order; those without one last."""
    by_window: dict = {}
    for member in members:
        by_window.setdefault(member.window if member.window_id else None, []).append(member)
    ordered = sorted(by_window, key=lambda w: (w is None, getattr(w, "number", 0)))
    return [
        WindowSlots(
            str(window) if window else gettext("其他工作人员"),
            [_badge_face(m) for m in by_window[window]],
        )
        for window in ordered
    ]


def _pack(groups: list[WindowSlots], columns: int) -> list[list[WindowSlots]]:
    """Windows side by side, in order, as many to a line as the columns hold."""
    lines: list[list[WindowSlots]] = []
    used = columns
    for group in groups:
        width = min(len(group.faces), columns)
        if used + width > columns:
            lines.append([])
            used = 0
        lines[-1].append(group)
        used += width
    return lines


def whereabouts_board(center, brand: str) -> Product | None:
    """去向公示牌: a slot per person — photo, name, title, window — and a blank box for
    the marker, grouped by window so a citizen finds the window's people together."""
    groups = whereabouts_groups(center_members(center))
    count = sum(len(g.faces) for g in groups)
    if not count:
        return None
    style = WHEREABOUTS_STYLE
    columns = min(8, max(4, math.ceil(math.sqrt(count * 1.5))))
    column = Column(style, WHEREABOUTS_WIDTH)
    slot_w = (column.inner_width - (columns - 1) * SLOT_GAP_MM) / columns
    slot_h = slot_w * 1.3
    heading = gettext("%(unit)s 工作人员去向公示") % {"unit": center.official_name}
    column = column.title(heading)
    lines = _pack(groups, columns)

    def _span_mm(group: WindowSlots) -> float:
        span = min(len(group.faces), columns)
        return span * slot_w + (span - 1) * SLOT_GAP_MM

    for line in lines:
        rows = max(math.ceil(len(group.faces) / columns) for group in line)
        # A window's heading spans only its own slots: the line is as tall as its tallest.
        headings = [
            Column(style, WHEREABOUTS_WIDTH).heading(g.title, width_mm=_span_mm(g)).blocks[0]
            for g in line
        ]
        column = column.add(max(headings)).add(rows * (slot_h + SLOT_GAP_MM) - SLOT_GAP_MM)
    return Product(
        key="whereabouts-board",
        title=gettext("工作人员去向公示牌（%(count)s 人）") % {"count": count},
        width_mm=WHEREABOUTS_WIDTH,
        height_mm=column.height(),
        template="print/whereabouts_board.html",
        context={
            "brand": brand,
            "heading": heading,
            "lines": [
                [{"group": g, "span": min(len(g.faces), columns)} for g in line] for line in lines
            ],
            "style": style,
            "slot": {
                "width": round(slot_w - 0.05, 1),
                "height": round(slot_h - 0.05, 1),
                "photo": round(slot_h * 0.36, 1),
                "gap": SLOT_GAP_MM,
                "columns": columns,
            },
        },
    )


DISCLOSURE_WIDTH = 1200  # mm
STATION_BOARD_WIDTH = 900
DISCLOSURE_STYLE = BoardStyle()
STATION_STYLE = BoardStyle(padding_x=36.0, frame=10.0)


@dataclass(frozen=True)
class BoardSection:
    """A heading and its table (header row first), as the board prints them."""

    title: str
    rows: list[list[str]]
    place: bool = False  # a place's heading (the center, a station) above its windows


def _disclosure_row(guide) -> list[str]:
    fee = guide.fee_text
    if guide.fee_basis:
        fee += f"（{Truncator(guide.fee_basis).chars(40)}）"
    return [
        guide.title,
        Truncator(guide.conditions).chars(90),
        " → ".join(step.title for step in guide.steps.all()),
        guide.promised_limit_text,
        fee,
    ]


def board_sheet(
    key: str,
    title: str,
    heading: str,
    sections: list[BoardSection],
    notes: list[str],
    *,
    lead: tuple[str, ...] = (),
    width_mm: float,
    style: BoardStyle,
    template: str,
    context: dict,
) -> Product:
    """A board as tall as its heading, sections and notes need (board_layout)."""
    column = Column(style, width_mm).title(heading)
    for note in lead:
        column = column.note(note)
    for section in sections:
        column = column.heading(section.title, place=section.place)
        column = column.add(table_height(section.rows, column.inner_width, style))
    for note in notes:
        column = column.note(note)
    return Product(
        key=key,
        title=title,
        width_mm=width_mm,
        height_mm=column.height(),
        template=template,
        context={
            **context,
            "heading": heading,
            "sections": sections,
            "notes": notes,
            "lead": lead,
            "style": style,
        },
    )


def disclosure_board(center, brand: str) -> Product:
    """政务公开栏: every window's items with conditions, procedure, time limit and fee,
    generated from the guides (never retyped), with the supervision phone.

    The same items as the web board, grouped by place as it is (the center,
    then each station), so no row is left without saying where it is offered."""
    board = board_data(center)
    header = [
        gettext("事项名称"),
        gettext("受理条件"),
        gettext("办理流程"),
        gettext("承诺时限"),
        gettext("收费标准及依据"),
    ]
    sections = []
    for place in board.places:
        sections.append(BoardSection(place.title, [], place=True))
        for group in place.windows:
            rows = [_disclosure_row(guide) for guide in group.guides]
            sections.append(BoardSection(group.title, [header, *rows]))
    phones = gettext("咨询电话：%(consultation)s　监督投诉电话：%(complaint)s") % {
        "consultation": center.consultation_phone,
        "complaint": center.complaint_phone,
    }
    return board_sheet(
        "disclosure-board",
        gettext("政务公开栏（%(count)s 项）") % {"count": board.item_count},
        gettext("%(unit)s 政务公开栏") % {"unit": center.official_name},
        sections,
        [phones],
        width_mm=DISCLOSURE_WIDTH,
        style=DISCLOSURE_STYLE,
        template="print/disclosure_board.html",
        context={"brand": brand},
    )


def station_disclosure_board(station, brand: str) -> Product:
    """村级公开栏: purpose, the items agents handle, the agents and their phones."""
    guides = live_guides(station).prefetch_related("materials", "steps")
    items = [[gettext("事项名称"), gettext("申请材料"), gettext("办理流程")]]
    items += [
        [
            guide.title,
            "、".join(m.name for m in guide.materials.all()),
            " → ".join(step.title for step in guide.steps.all()),
        ]
        for guide in guides
    ]
    agents = [[gettext("姓名"), gettext("职责"), gettext("联系电话")]]
    agents += [[a.name, gettext("代办员"), a.phone] for a in station.agents.all()]
    return board_sheet(
        f"disclosure-station-{station.slug}",
        gettext("%(station)s 公开栏") % {"station": station.official_name},
        station.official_name,
        [
            BoardSection(gettext("代办事项"), items),
            BoardSection(gettext("代办员"), agents),
        ],
        [gettext("服务站电话：") + station.phone],
        lead=(gettext("服务宗旨：就近受理、全程代办，让群众少跑路、不跑路。"),),
        width_mm=STATION_BOARD_WIDTH,
        style=STATION_STYLE,
        template="print/station_board.html",
        context={"brand": brand},
    )
