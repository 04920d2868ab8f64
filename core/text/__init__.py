"""Chinese text utilities every app shares: the width fold (fold_width, and
half_width where positions must hold), one fold for comparing and indexing text
as citizens and editors type it (fold), Chinese numerals (numerals), the
encoding policy for uploaded text files (encoding) and the word segmenter
(segmenter)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from zhconv import convert, zhconv

# The full-width forms of printable ASCII (！ … ～) and the ideographic space.
_FULL_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x7E - 0x21 + 1)} | {0x3000: 0x20}


def fold_width(text: str | None) -> str:
    """Full-width → half-width (NFKC): '５个工作日' → '5个工作日', 'ＡＢ（１）' → 'AB(1)'.

    NFKC also folds other compatibility forms (①, ㎡, ﬁ), so the text may get
    longer; callers that report positions use half_width() instead.
    """
    return unicodedata.normalize("NFKC", text or "")


@lru_cache(maxsize=16)
def _half_width_table(only: str | None) -> dict[int, int]:
    if only is None:
        return _FULL_WIDTH
    return {full: half for full, half in _FULL_WIDTH.items() if chr(half) in only}


def half_width(text: str, only: str | None = None) -> str:
    """Full-width ASCII forms and the ideographic space → ASCII, one character for
    one, so offsets hold; `only` limits it to those ASCII targets ('0123456789')."""
    return text.translate(_half_width_table(only))


@lru_cache(maxsize=1)
def simplified_chars() -> dict[str, str]:
    """Traditional → simplified for single characters that map to one character
    (zhconv's table); text that has none of these keys is already simplified
    as far as a character-for-character fold can tell."""
    table = zhconv.getdict("zh-cn")
    return {k: v for k, v in table.items() if len(k) == 1 and len(v) == 1 and k != v}


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters zhconv would change: text without any is already simplified."""
    table = zhconv.getdict("zh-cn")
    return frozenset(k for k, v in table.items() if len(k) == 1 and v != k)


def fold(text: str) -> str:
    """Full-width → half-width, traditional → simplified, lower case.

    zhconv is skipped for text with no traditional character (most of it),
    which makes indexing about a third faster.
    """
    text = fold_width(text)
    if not _traditional_chars().isdisjoint(text):
        text = convert(text, "zh-cn")
    return text.lower()
