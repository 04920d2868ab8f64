"""The height of a board "made to fit its content", worked out from the content.

A board's size is known before it is rendered (the print menu and the title
state it), so the height is the sum of what the board holds, measured with
the same numbers the templates lay it out with (`BoardStyle`). The sum errs
on the tall side, never the short one (a clipped row is worse than a little
air); the templates spread whatever is left between the board's blocks
(a flex column, space-between), so no blank band gathers at the bottom.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .fit import wrapped_lines

SAFETY = 1.01  # the sum errs long by this much, and by SAFETY_MM
SAFETY_MM = 4.0


@dataclass(frozen=True)
class BoardStyle:
    """The sizes (mm) the board templates use; they read them from here."""

    padding_y: float = 30.0
    padding_x: float = 40.0
    frame: float = 0.0  # a steel edge, inside the board's size
    title_mm: float = 24.0
    title_spacing_mm: float = 1.0
    title_margin: float = 18.0
    place_mm: float = 18.0
    place_margin: tuple[float, float] = (16.0, 4.0)
    heading_mm: float = 14.0
    heading_margin: tuple[float, float] = (12.0, 4.0)
    table_mm: float = 8.0
    cell_pad_y: float = 3.0
    cell_pad_x: float = 4.0
    rule_mm: float = 0.6
    note_mm: float = 11.0
    note_margin: float = 10.0
    line_height: float = 1.45
    heading_line_height: float = 1.3


def text_height(text: str, width_mm: float, font_mm: float, line_height: float, spacing=0.0):
    """Height of a paragraph of `text` set in `width_mm`."""
    width_em = width_mm / (font_mm + spacing)
    return wrapped_lines(text, width_em) * font_mm * line_height


def table_height(rows: Sequence[Sequence[str]], width_mm: float, style: BoardStyle) -> float:
    """A fixed-layout table of equal columns, the first row its header."""
    if not rows:
        return 0.0
    columns = len(rows[0])
    text_width = width_mm / columns - 2 * style.cell_pad_x - style.rule_mm
    line = style.table_mm * style.line_height
    total = style.rule_mm
    for row in rows:
        lines = max(wrapped_lines(cell, text_width / style.table_mm) for cell in row)
        total += lines * line + 2 * style.cell_pad_y + style.rule_mm
    return total


@dataclass(frozen=True)
class Column:
    """What a board holds, top to bottom, as heights in mm."""

    style: BoardStyle
    width_mm: float
    blocks: tuple[float, ...] = ()

    @property
    def inner_width(self) -> float:
        return self.width_mm - 2 * (self.style.frame + self.style.padding_x)

    def add(self, height: float) -> Column:
        return Column(self.style, self.width_mm, (*self.blocks, height))

    def title(self, text: str) -> Column:
        s = self.style
        body = text_height(
            text, self.inner_width, s.title_mm, s.heading_line_height, s.title_spacing_mm
        )
        return self.add(2 * s.title_margin + body)

    def heading(self, text: str, place: bool = False, width_mm: float | None = None) -> Column:
        """A heading set across the board, or across `width_mm` of it."""
        s = self.style
        size, (top, bottom) = (
            (s.place_mm, s.place_margin) if place else (s.heading_mm, s.heading_margin)
        )
        rule = 1.0 if place else 0.0
        body = text_height(text, width_mm or self.inner_width, size, s.heading_line_height)
        return self.add(top + bottom + rule + body)

    def note(self, text: str) -> Column:
        s = self.style
        body = text_height(text, self.inner_width, s.note_mm, s.heading_line_height)
        return self.add(s.note_margin + body)

    def height(self) -> int:
        """The board's height in whole millimetres, rounded up."""
        s = self.style
        content = sum(self.blocks) + 2 * (s.padding_y + s.frame)
        return math.ceil(content * SAFETY + SAFETY_MM)
