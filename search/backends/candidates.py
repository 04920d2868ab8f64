"""What the embedded backend does with its ranked candidates, the same on SQLite
and PostgreSQL: the score with its tier and boost, the facet counts, the
filters, the order, the copies collapsed into groups, and the page.

It runs on every search for up to a few thousand candidates, so it works on
plain tuples, with one pass per facet and no model instances.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import NamedTuple

from .base import CONTENT_TIER, FACETS, FacetValue

FACET_KEYS = tuple(key for key, _label in FACETS)
# What matching selects for each candidate, in this order, before its two scores.
ROW_COLUMNS = ("id", "date", "boost", "group", *FACET_KEYS)


class Candidate(NamedTuple):
    score: float
    date: str  # ISO text, which sorts as dates do
    group: str | int  # the copies of one item share it; the entry's id when it has none
    pk: int
    values: tuple  # the facets' values, in FACET_KEYS order


_BY_SCORE = attrgetter("score")
_BY_DATE = attrgetter("date", "score")


class Shape(NamedTuple):
    """What page of results is asked for, and how."""

    collapse: bool  # copies of one item as one result
    by_date: bool  # newest first, rather than best first
    start: int
    size: int


class Ranked(NamedTuple):
    total: int  # groups, i.e. results
    page: list[list[Candidate]]  # the page's groups, each best copy first
    facets: dict[str, list[FacetValue]]


def rank(rows: Iterable[Sequence], filters: dict[str, str], shape: Shape) -> Ranked:
    """The page of results from the candidates' rows: ROW_COLUMNS, then the score
    in the title and body, then the score everywhere.

    A match in the title or body ranks in a tier above every match found only
    in the context; within a tier the score counts the entry's boost.
    """
    width = len(ROW_COLUMNS)
    candidates = [
        Candidate(
            (CONTENT_TIER if row[width] > 0 else 0.0) + row[width + 1] * row[2],
            str(row[1] or ""),
            (row[3] or row[0]) if shape.collapse else row[0],
            row[0],
            tuple(row[4:width]),
        )
        for row in rows
    ]
    wanted = [(i, str(filters[key])) for i, key in enumerate(FACET_KEYS) if filters.get(key)]
    # Sorted by the filter each candidate fails, when it fails exactly one: a
    # facet's counts take the candidates every *other* facet's filter lets through.
    passing: list[Candidate] = candidates if not wanted else []
    failing_one: dict[int, list[Candidate]] = {}
    for candidate in candidates if wanted else ():
        missed = [i for i, value in wanted if str(candidate.values[i]) != value]
        if not missed:
            passing.append(candidate)
        elif len(missed) == 1:
            failing_one.setdefault(missed[0], []).append(candidate)
    facets = {
        key: _counts(passing + failing_one[i] if i in failing_one else passing, i)
        for i, key in enumerate(FACET_KEYS)
    }
    passing.sort(key=_BY_DATE if shape.by_date else _BY_SCORE, reverse=True)
    groups: dict[str | int, list[Candidate]] = {}
    for candidate in passing:  # best first, so each group's first copy is its hit
        groups.setdefault(candidate.group, []).append(candidate)
    page = list(groups.values())[shape.start : shape.start + shape.size]
    return Ranked(len(groups), page, facets)


def _counts(candidates: list[Candidate], index: int) -> list[FacetValue]:
    """Results per value of one facet, most first; the copies of one item count once."""
    pairs = {(c.values[index], c.group) for c in candidates if c.values[index] not in ("", None)}
    counts = Counter(value for value, _group in pairs)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return [FacetValue(value, n) for value, n in ordered]
