"""Text folding and locating that keep offsets: every finding points into the
original text, so folding maps one character to one character."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from zhconv import zhconv


@lru_cache(maxsize=1)
def _to_simplified() -> dict[str, str]:
    table = zhconv.getdict("zh-cn")
    return {k: v for k, v in table.items() if len(k) == 1 and len(v) == 1 and k != v}


def fold(text: str) -> str:
    """Half-width, lower-case, simplified, one character for one, so offsets hold."""
    table = _to_simplified()
    out = []
    for char in text:
        folded = unicodedata.normalize("NFKC", char).lower()
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
