"""Text folding and locating that keep offsets: every finding points into the
original text, so folding maps one character to one character."""

from __future__ import annotations

import re

from core.text import fold_width, simplified_chars


def fold(text: str) -> str:
    """core.text.fold character by character, so offsets hold: a character whose
    fold is longer (① → 1 stays, ㎡ → m2 does not) keeps its own lower case."""
    table = simplified_chars()
    out = []
    for char in text:
        folded = fold_width(char).lower()
        if len(folded) != 1:
            folded = char.lower() if len(char.lower()) == 1 else char
        out.append(table.get(folded, folded))
    return "".join(out)


def excerpt(text: str, start: int, end: int, margin: int = 12) -> str:
    left, right = max(0, start - margin), min(len(text), end + margin)
    body = re.sub(r"\s+", " ", text[left:right]).strip()
    return ("…" if left else "") + body + ("…" if right < len(text) else "")


def compact(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and where each remaining character came from."""
    positions = [i for i, c in enumerate(text) if not c.isspace()]
    return "".join(text[i] for i in positions), positions


def locate(haystack: str, positions: list[int], needle: str) -> tuple[int, int] | None:
    """Where `needle` sits in the text, whitespace ignored (HTML and text break lines apart).

    `haystack` and `positions` are `compact()` of the folded text.
    """
    needle, _ = compact(fold(needle))
    at = haystack.find(needle) if needle else -1
    return (positions[at], positions[at + len(needle) - 1] + 1) if at >= 0 else None
