"""Noise inserted between the characters of scraped text, found from the text's own statistics.

Hacked and badly converted pages carry characters no writer typed: invisible
ones (zero-width, soft hyphen, BOM, bidi marks), markup residue (tags,
entities), and symbols, letters, digits or a stray '?' slipped between
Chinese characters, often in runs, to defeat search engines. There is no list
of noise strings here: a character (or a class of them) is noise when it sits
between two Chinese characters often and where it splits words — natural
punctuation falls between clauses, not inside 便民 or 服务 — or at intervals
too regular for writing. Everything removed is counted, so an editor is told.
"""

from __future__ import annotations

import html
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import segmenter

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Punctuation a Chinese writer types (full-width forms, CJK symbols, quotes, dashes).
CJK_PUNCTUATION = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—·"
_FLANK = rf"[{HAN}]"
# A run of foreign characters between two Chinese ones: what noise looks like.
_GAP = re.compile(rf"(?<={_FLANK})([^{HAN}{CJK_PUNCTUATION}\s]{{1,24}})(?={_FLANK})")
# The same run at a clause's edge (before 。 or a line end, after a line start).
_EDGE_GAP = re.compile(
    rf"(?<={_FLANK})([^{HAN}{CJK_PUNCTUATION}\s]{{1,24}})(?=[{CJK_PUNCTUATION}\s]|$)|"
    rf"(?:^|(?<=[{CJK_PUNCTUATION}\s]))([^{HAN}{CJK_PUNCTUATION}\s]{{1,24}})(?={_FLANK})|"
    rf"(?:^|(?<=[{CJK_PUNCTUATION}]))([^{HAN}{CJK_PUNCTUATION}\s]{{1,24}})(?=[{CJK_PUNCTUATION}]|$)",
    re.MULTILINE,
)
TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9:-]{0,15}(?:\s[^<>\n]{0,300})?/?>", re.DOTALL)
ENTITY = re.compile(r"&(?:amp;)?(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,9});")

MIN_GAPS = 5  # fewer occurrences say nothing
SPLIT_SHARE = 0.35  # of a character's gaps that fall inside a dictionary word
CONFIDENT_SHARE = 0.4  # nearly every gap is noise (random boundaries: about half in words)
NATURAL_SHARE = 0.15  # a character this rarely inside words is punctuation at work
REGULAR_MIN = 8  # occurrences needed to call the spacing regular
REGULAR_CV = 0.3  # spacing varies this little only when a program inserted it
WORD_SPAN = 4  # longest dictionary word looked for across a gap


@dataclass
class NoiseReport:
    """What was removed: invisible characters and markup by count, inserted characters by
    character (most frequent first)."""

    invisible: int = 0
    markup: int = 0
    inserted: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return self.invisible + self.markup + sum(self.inserted.values())

    def __bool__(self) -> bool:
        return self.total > 0


def _invisible(char: str) -> bool:
    """Format (zero-width, soft hyphen, BOM, bidi), private-use, surrogate and control
    characters, and variation selectors: nothing a reader sees."""
    category = unicodedata.category(char)
    if category == "Cc":
        return char not in "\t\n\r\f"
    return category in ("Cf", "Co", "Cs") or "\ufe00" <= char <= "\ufe0f"


def strip_invisible(text: str) -> tuple[str, int]:
    kept = [char for char in text if not _invisible(char)]
    return "".join(kept), len(text) - len(kept)


def strip_markup(text: str) -> tuple[str, int]:
    """Tags and comments out, entities (also double-escaped ones) decoded."""
    text, tags = TAG.subn("", text)
    entities = 0

    def decode(found: re.Match[str]) -> str:
        nonlocal entities
        raw = found.group().replace("&amp;", "&", 1)
        decoded = html.unescape(raw)
        if decoded == raw:
            return found.group()
        entities += 1
        if decoded.isspace():  # &nbsp; between Chinese characters was layout, not a space
            text, start, end = found.string, found.start(), found.end()
            between = start > 0 and end < len(text) and _is_han(text[start - 1] + text[end])
            return "" if between else " "
        return decoded

    return ENTITY.sub(decode, text), tags + entities


def _is_han(chars: str) -> bool:
    return all(re.match(_FLANK, char) for char in chars)


def _char_class(char: str) -> str:
    """Characters that stand in for each other in noise runs: symbols with symbols …"""
    category = unicodedata.category(char)
    if category[0] in "SP":
        return "symbol"
    if char.isascii() and char.isalpha():
        return "latin"
    return category[0]


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether the Chinese characters either side of text[start:end] form (part of) a
    dictionary word once the gap is gone."""
    left = text[max(0, start - WORD_SPAN + 1) : start]
    right = text[end : end + WORD_SPAN - 1]
    for a in range(len(left)):
        for b in range(1, len(right) + 1):
            word = left[a:] + right[:b]
            if 2 <= len(word) <= WORD_SPAN and segmenter.has_word(word):
                return True
    return False


@dataclass
class _Stats:
    gaps: int = 0
    inside: int = 0
    places: list[int] = field(default_factory=list)  # in Chinese characters from the start

    def noisy(self) -> bool:
        if self.gaps < MIN_GAPS:
            return False
        if self.inside >= SPLIT_SHARE * self.gaps:
            return True
        return self.gaps >= REGULAR_MIN and _regular(self.places)

    def confident(self) -> bool:
        return self.inside >= CONFIDENT_SHARE * self.gaps

    def natural(self) -> bool:
        return self.gaps >= MIN_GAPS and self.inside < NATURAL_SHARE * self.gaps


def _regular(places: list[int]) -> bool:
    spacing = [b - a for a, b in zip(places, places[1:], strict=False)]
    mean = statistics.fmean(spacing) if spacing else 0
    return mean > 0 and statistics.pstdev(spacing) / mean <= REGULAR_CV


@dataclass(frozen=True)
class InsertedNoise:
    """Characters judged inserted; `everywhere`: letters and digits so clearly noise that
    they go even where they split no word."""

    chars: frozenset[str] = frozenset()
    everywhere: frozenset[str] = frozenset()


def inserted_noise(text: str) -> InsertedNoise:
    """The characters inserted as noise in `text`, by their statistics between Chinese
    characters: each one alone, and each class (symbols, letters, digits) together."""
    han_before = _han_positions(text)
    chars: dict[str, _Stats] = defaultdict(_Stats)
    classes: dict[str, _Stats] = defaultdict(_Stats)
    members: dict[str, Counter[str]] = defaultdict(Counter)
    for found in _GAP.finditer(text):
        start, end = found.span()
        inside = _inside_word(text, start, end)
        place = han_before[start]
        kinds = {_char_class(char) for char in found.group()}
        for stats in [chars[char] for char in set(found.group())] + [classes[k] for k in kinds]:
            stats.gaps, stats.inside = stats.gaps + 1, stats.inside + inside
            stats.places.append(place)
        if len(kinds) == 1:  # a class stands for the characters it inserts on its own
            members[kinds.pop()].update(found.group())
    noisy = {char for char, stats in chars.items() if stats.noisy()}
    everywhere = {char for char in noisy if chars[char].confident()}
    for kind, stats in classes.items():
        if stats.noisy():
            seen = {c for c, n in members[kind].items() if n >= 2 and not chars[c].natural()}
            noisy |= seen
            everywhere |= seen if stats.confident() else set()
    return InsertedNoise(frozenset(noisy), frozenset(everywhere))


def _han_positions(text: str) -> list[int]:
    """For each offset, how many Chinese characters come before it."""
    counts, seen = [], 0
    for char in text:
        counts.append(seen)
        seen += _is_han(char)
    counts.append(seen)
    return counts


def strip_inserted(text: str, noise: InsertedNoise) -> tuple[str, Counter[str]]:
    """The noise characters removed where they sit between or beside Chinese characters."""
    noisy, everywhere = noise.chars, noise.everywhere
    removed: Counter[str] = Counter()
    if not noisy:
        return text, removed

    def keep(found: re.Match[str]) -> str:
        run = found.group()
        # Letters and digits carry meaning (2016, ETC): they go only where they split a
        # word, and never from beside characters that stay (8:30).
        pure = all(char in noisy for char in run)
        clearly = pure and all(char in everywhere for char in run)
        edge = found.re is _EDGE_GAP
        meaning = not clearly and (edge or not _inside_word(text, *found.span()))
        drop = [
            char in noisy and (_char_class(char) == "symbol" or (pure and not meaning))
            for char in run
        ]
        removed.update(char for char, dropped in zip(run, drop, strict=True) if dropped)
        return "".join(char for char, dropped in zip(run, drop, strict=True) if not dropped)

    text = _GAP.sub(keep, text)
    text = _EDGE_GAP.sub(keep, text)
    return text, removed


def strip_noise(lines: Sequence[str]) -> tuple[list[str], NoiseReport]:
    """The lines without invisible characters, markup residue and inserted noise; the
    statistics are taken over all lines together (one document)."""
    report = NoiseReport()
    cleaned = []
    for line in lines:
        line, markup = strip_markup(line)
        line, invisible = strip_invisible(line)  # also what entities decoded to (&#8203;)
        report.invisible += invisible
        report.markup += markup
        cleaned.append(line)
    text = "\n".join(cleaned)
    noise = inserted_noise(text)
    if noise.chars:
        text, report.inserted = strip_inserted(text, noise)
        cleaned = text.split("\n")
    return cleaned, report
