"""How much room text takes, worked out before WeasyPrint lays it out.

Print products state their size before they are rendered (the print menu lists
them without rendering anything), so boards "sized to the content" and plates
whose lettering fills them compute it from the text itself. Widths are in em
of Noto Sans CJK: every CJK character and full-width sign is one em, Latin is
narrower. The Latin widths are a little generous (bold caps, wide digits), so
a line never comes out longer than computed, only a hair shorter.
"""

from __future__ import annotations

import math
import unicodedata

_NARROW_EM = {"digit": 0.58, "upper": 0.7, "lower": 0.6, "space": 0.25, "other": 0.45}


def char_em(char: str) -> float:
    """The advance of one character in em."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char.isspace():
        return _NARROW_EM["space"]
    if char.isdigit():
        return _NARROW_EM["digit"]
    if char.isupper():
        return _NARROW_EM["upper"]
    if char.isalpha() and ord(char) < 0x250:
        return _NARROW_EM["lower"]
    if unicodedata.east_asian_width(char) == "A":  # → “” ‘’ and the like: full width in CJK fonts
        return 1.0
    return _NARROW_EM["other"]


def text_em(text: str, letter_spacing_em: float = 0.0) -> float:
    """The width of `text` on one line, in em."""
    return sum(char_em(c) + letter_spacing_em for c in text)


def wrapped_lines(text: str, width_em: float) -> int:
    """Lines `text` takes in a box `width_em` wide (at least one).

    Breaks anywhere between CJK characters and at spaces in Latin, as
    WeasyPrint does; a Latin word longer than the line stays whole, so it is
    counted on lines of its own. Each line loses half an em to cover the
    characters (closing punctuation) that may not start a line and drag the
    one before them down.
    """
    usable = max(width_em - 0.5, 1.0)
    lines, used = 1, 0.0
    for chunk in _chunks(text):
        if chunk == "\n":
            lines, used = lines + 1, 0.0
            continue
        width = text_em(chunk)
        if used and used + width > usable:
            lines, used = lines + 1, 0.0
            chunk = chunk.lstrip()
            width = text_em(chunk)
        if width > usable:  # a long word: on lines of its own
            lines += math.ceil(width / usable) - 1
            width = width % usable
        used += width
    return lines


def _chunks(text: str) -> list[str]:
    """Unbreakable pieces: each CJK character alone, Latin words with their leading space."""
    chunks: list[str] = []
    word = ""
    for char in text:
        if char == "\n" or char_em(char) == 1.0:
            if word:
                chunks.append(word)
                word = ""
            chunks.append(char)
        elif char.isspace() and word and not word.isspace():
            chunks.append(word)
            word = char
        else:
            word += char
    if word:
        chunks.append(word)
    return chunks


def fitting_size(text: str, width_mm: float, height_mm: float, line_height: float) -> float:
    """The largest font size (mm) at which `text` fits on one line in width × height."""
    return min(width_mm / max(text_em(text), 1.0), height_mm / line_height)
