"""Finding wrong formulations (错敏词 / 规范表述) in a text, as plain text.

The lexicon's entries are text, never patterns: an administrator who types
``（试行）`` or ``a.b*`` means exactly those characters. At any position the
longest entry wins (``国家税务局`` before a shorter entry it contains), and hits
never overlap, so each wrong character is reported once.

All the entries go into one compiled alternation of escaped literals, longest
first: Python's regular expressions try the branches in order at the leftmost
position, which gives leftmost-longest matching in a single pass over the text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from inspection.models import Formulation

__all__ = ["Entry", "Hit", "Lexicon", "excerpt", "segments"]

EXCERPT_CONTEXT = 15


class Entry(NamedTuple):
    wrong: str
    correct: str
    severity: str


class Hit(NamedTuple):
    start: int
    end: int
    wrong: str
    correct: str
    severity: str


class Lexicon:
    """The active entries, ready to search a text.

    ``Lexicon(entries)`` takes (wrong, correct, severity[, note …]) tuples; a
    repeated wrong form keeps its first entry, an empty one is ignored.
    """

    def __init__(self, entries: Iterable[Sequence[str]]) -> None:
        by_wrong: dict[str, Entry] = {}
        for item in entries:
            entry = Entry(item[0], item[1], item[2])
            if entry.wrong and entry.wrong not in by_wrong:
                by_wrong[entry.wrong] = entry
        self.entries: dict[str, Entry] = by_wrong
        ordered = sorted(by_wrong, key=lambda wrong: (-len(wrong), wrong))
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        self.key = _key(by_wrong.values())

    @classmethod
    def from_db(cls) -> Lexicon:
        """The county's lexicon as administrators keep it: its active entries."""
        rows = Formulation.objects.filter(active=True).values_list("wrong", "correct", "severity")
        return cls(rows)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"<Lexicon {len(self)} entries {self.key[:12]}>"

    def find(self, text: str) -> list[Hit]:
        """Every wrong formulation in `text`, in order, longest first at a place, no overlaps."""
        if self._pattern is None or not text:
            return []
        hits = []
        for match in self._pattern.finditer(text):
            entry = self.entries[match.group()]
            hits.append(Hit(match.start(), match.end(), *entry))
        return hits


def _key(entries: Iterable[Entry]) -> str:
    """A hash of what decides the findings (not the notes), the same for the same entries."""
    canonical = json.dumps(sorted(entries), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def excerpt(text: str, hit: Hit, context: int = EXCERPT_CONTEXT) -> str:
    """The hit with up to `context` characters either side, on one line."""
    start, end = max(hit.start - context, 0), min(hit.end + context, len(text))
    shown = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + shown + ("…" if end < len(text) else "")


def segments(text: str, hits: Iterable[Hit]) -> list[tuple[str, Hit | None]]:
    """`text` cut into plain runs (hit None) and hits, in order; joined they give `text` again.

    A hit overlapping an earlier one, or outside the text, is skipped.
    """
    parts: list[tuple[str, Hit | None]] = []
    position = 0
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if hit.start < position or hit.end > len(text) or hit.end <= hit.start:
            continue
        if hit.start > position:
            parts.append((text[position : hit.start], None))
        parts.append((text[hit.start : hit.end], hit))
        position = hit.end
    if position < len(text):
        parts.append((text[position:], None))
    return parts
