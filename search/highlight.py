"""Snippets with the matched words marked, escaped before any markup is added.

A snippet is whole sentences of the content: the first one with a match and
those after it, up to the size; lines that are not prose (a code such as
"QS-MZ-001", a bare label) are never shown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import fold
from .backends.base import Term

SNIPPET_CHARS = 90
# A sentence ends at 。！？； or a line break, its mark kept.
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Shorter than this (in Han characters) and without punctuation: a label, not prose.
MIN_LABEL_HAN = 6


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


def sentences(text: str) -> list[str]:
    """The readable sentences of a text: prose, not codes or bare labels."""
    found = []
    for match in _SENTENCE.finditer(text):
        sentence = " ".join(match.group().split())
        han = len(_HAN.findall(sentence))
        if han == 0:
            continue  # a code, a number, a phone: not a sentence
        if han < MIN_LABEL_HAN and not re.search(r"[。！？；，、：!?;,:]", sentence):
            continue  # a bare label ("承诺件", "民政办")
        found.append(sentence)
    return found


def snippet(text: str, terms: Sequence[Term], size: int = SNIPPET_CHARS) -> SafeString:
    """Whole sentences from the first one with a match (or the opening), up to
    `size` characters; a longer sentence is cut around its match."""
    readable = sentences(text)
    if not readable:
        return mark_safe("")  # noqa: S308  (empty)
    first = next((i for i, s in enumerate(readable) if _match_spans(s, terms)), 0)
    chosen = readable[first]
    for sentence in readable[first + 1 :]:
        if len(chosen) + len(sentence) > size:
            break
        chosen += sentence if chosen[-1] in "。！？；!?;" else "，" + sentence
    spans = _match_spans(chosen, terms)
    start = max(spans[0][0] - size // 3, 0) if spans and spans[0][1] > size else 0
    end = min(start + size, len(chosen))
    rendered = _render(chosen, spans, start, end)
    return mark_safe(("…" if first and not start else "") + rendered)  # noqa: S308


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
