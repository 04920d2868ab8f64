"""Ranking the embedded backend's candidates, the same way on SQLite and PostgreSQL.

Matching finds candidates through the full-text index (ids only, newest
first); ranking then reads just those rows and counts, in SQL, each query
alternative's occurrences in the title, body and context. Every occurrence
counts its field's weight, and the sum is divided by 1 + log(size), as
PostgreSQL's ts_rank_cd with normalisation 1 did. (FTS5's bm25 needs each
phrase's document frequency, which it gets by reading the phrase's whole
posting list on every query: at 500,000 entries that was most of a search.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# Field weights (as ts_rank_cd's A, C and D were set): the relevance set's
# figures were measured with these.
TITLE_WEIGHT, BODY_WEIGHT, CONTEXT_WEIGHT = 1.0, 0.4, 0.05


def ranking_sql(
    vendor: str,
    table: str,
    key: str,
    fields: Sequence[str],
    options: Sequence[str],
    among: str,
) -> tuple[str, list[str]]:
    """SQL giving (key, score in title and body, score everywhere) for the rows that
    `among` selects, and its parameters (the caller's, for `table` and `among`, follow).

    `fields` are the title, body and context columns holding the text the
    `options` are searched in, as they are written there.
    """
    postgresql = vendor == "postgresql"
    # PostgreSQL measures bytes (octet_length is constant time, length counts).
    find, size = ("strpos", "octet_length") if postgresql else ("instr", "length")
    # An option containing another is looked for only where that one was found:
    # most options are absent from most rows, and each look reads the whole text.
    by_length = sorted(options, key=len)
    inside: dict[str, list[str]] = {option: [] for option in options}
    outermost: list[str] = []
    for option in options:
        holder = next((o for o in reversed(by_length) if len(o) < len(option) and o in option), "")
        (inside[holder] if holder else outermost).append(option)
    counted: dict[str, list[str]] = {field: [] for field in fields}
    params: list[str] = []

    def count(field: str, option: str) -> str:
        # Looked for first: replace() copies the text.
        width = len(option.encode()) if postgresql else len(option)
        params.extend((option, option))
        found = f"({size}({field}) - {size}(replace({field}, %s, ''))) / {width}"
        found = " + ".join([found, *(count(field, o) for o in inside[option])])
        return f"CASE WHEN {find}({field}, %s) = 0 THEN 0 ELSE {found} END"

    for field in fields:
        for option in outermost:
            counted[field].append(count(field, option))
    title, body, context = (" + ".join(counted[field]) for field in fields)
    total = " + ".join(f"{size}({field})" for field in fields)
    sql = (
        "SELECT k, content / norm, (content + context) / norm FROM ("  # noqa: S608
        f"SELECT {key} AS k, {TITLE_WEIGHT} * ({title}) + {BODY_WEIGHT} * ({body}) AS content, "
        f"{CONTEXT_WEIGHT} * ({context}) AS context, 1 + ln(1 + {total}) AS norm "
        f"FROM {table} WHERE {among}) AS counted"
    )
    return sql, params


def scores(texts: Sequence[str], options: Sequence[str]) -> tuple[float, float]:
    """(score in title and body, score everywhere) of one row whose (title, body,
    context) texts are given: what ranking_sql computes, in Python, where the
    database's own string functions are slower (SQLite's count characters)."""
    title, body, context = texts
    content = around = 0.0
    for option in options:  # a plain loop: this runs for every candidate
        content += TITLE_WEIGHT * title.count(option) + BODY_WEIGHT * body.count(option)
        around += CONTEXT_WEIGHT * context.count(option)
    norm = 1 + math.log(1 + len(title) + len(body) + len(context))
    return content / norm, (content + around) / norm
