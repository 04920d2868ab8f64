"""Snippets with the matched words marked, escaped before any markup is added."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import fold
from .backends.base import Term

SNIPPET_CHARS = 90


def _needles(terms: Sequence[Term]) -> list[str]:
    needles = {fold(a) for term in terms for a in term.alternatives if a.strip()}
    return sorted(needles, key=len, reverse=True)


def _spans(folded: str, needles: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for needle in needles:
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = folded.find(needle, end)
    return sorted(spans)


def mark(text: str, terms: Sequence[Term]) -> SafeString:
    """The whole text, escaped, with every match wrapped in <mark>."""
    return _render(text, _match_spans(text, terms), 0, len(text))


def snippet(text: str, terms: Sequence[Term], size: int = SNIPPET_CHARS) -> SafeString:
    """A window of `size` characters around the first match (or the opening)."""
    text = " ".join(text.split())
    spans = _match_spans(text, terms)
    start = max(spans[0][0] - size // 3, 0) if spans else 0
    end = min(start + size, len(text))
    return _render(text, spans, start, end)


def _match_spans(text: str, terms: Sequence[Term]) -> list[tuple[int, int]]:
    folded = fold(text)
    if len(folded) != len(text):  # folding changed lengths: positions would not line up
        return []
    return _spans(folded, _needles(terms))


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> SafeString:
    parts = ["…" if start > 0 else ""]
    cursor = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        parts.append(escape(text[cursor:s]))
        parts.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308  (every piece above is escaped)
