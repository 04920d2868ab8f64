"""PostgreSQL side of the embedded backend: character bigrams in a GIN index.

The index holds, per entry, the folded text of its title, body and context
(`compact`: the analysed characters with nothing between them) in a narrow
table, and a GIN index over the *set* of character bigrams of that text (an
expression index, `portal_search_bigrams`, created by migration 0004): no
positions, no stored vector, so the index stays near the text's size. A query
alternative becomes:
  * 1 character: the prefix `'户':*` (every bigram starting with it; the last
    character of a text is a lexeme of its own, so nothing is missed),
  * 2 characters: its one bigram — a single index lookup, exact,
  * longer: all its bigrams (`&`), then `strpos` confirms the exact substring
    on the few rows holding them all.
Candidates are ids only (nothing is read to match); only the ranked ones are
read (search.backends.ranking).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from search.analysis import char_tokens
from search.backends.base import Term

FIELDS = ("title", "body", "context")
PARTITION_ROWS = 25_000
SEPARATOR = "\n"  # between fields: no query has it, so no bigram spans two fields
CONTENT = "title || E'\\n' || body || E'\\n' || context"
TITLE_MATCH = "portal_search_bigrams(title) @@ CAST(%s AS tsquery)"
CONTENT_MATCH = f"portal_search_bigrams({CONTENT}) @@ CAST(%s AS tsquery)"
# The bigram set of a text, and the last character alone (for 1-character prefixes).
# Costly, so that the planner answers from the index and never computes it per row
# (but not so costly that plans look big enough to compile: JIT takes 10 ms);
# parallel unsafe: a worker costs more to start than a search takes.
BIGRAMS_FUNCTION = (
    "CREATE OR REPLACE FUNCTION portal_search_bigrams(t text) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL UNSAFE COST 500 AS $$ "
    # Each character zipped with the next (one pass: substr() would walk the
    # text from its start for every position); array_to_tsvector drops repeats.
    "SELECT array_to_tsvector(ARRAY(SELECT a || b FROM unnest(c, c[2:] || ARRAY['']) AS u(a, b) "
    "WHERE a IS NOT NULL)) FROM (SELECT string_to_array(t, NULL) AS c) AS chars $$"
)


def create_partitions(cursor, ids: Iterable[int]) -> None:
    """The partitions that will hold these ids (portal_search_fts is partitioned by
    ranges of PARTITION_ROWS ids, so that a search reads the newest first, each
    with its own small GIN indexes)."""
    for n in sorted({i // PARTITION_ROWS for i in ids}):
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS portal_search_fts_p{n} PARTITION OF portal_search_fts "
            f"FOR VALUES FROM ({n * PARTITION_ROWS}) TO ({(n + 1) * PARTITION_ROWS})"
        )


def plain_plans(cursor) -> None:
    """No parallel workers and no JIT for the rest of this transaction: a search is
    a few milliseconds of work, less than starting a worker or compiling a plan.

    Nor merge or hash joins: candidates are joined to the partitioned table by id,
    and the planner, costing a probe of every partition per id, would rather
    walk the whole table in id order (34 ms for 2,000 ids at 100,000 entries)
    than make the 2,000 probes that pruning at run time makes cheap (4 ms)."""
    cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
    cursor.execute("SET LOCAL jit = off")
    cursor.execute("SET LOCAL enable_mergejoin = off")
    cursor.execute("SET LOCAL enable_hashjoin = off")


def compact(chars: str) -> str:
    """The analysed characters (space-separated tokens) as one string to search in."""
    return "".join(chars.split())


def alternatives(terms: Sequence[Term]) -> list[list[str]]:
    """Each term's alternatives as compact strings, empty ones dropped."""
    found = []
    for term in terms:
        options = [c for a in term.alternatives if (c := "".join(char_tokens(a)))]
        found.append(list(dict.fromkeys(options)))
    return [options for options in found if options]


def tsquery(groups: list[list[str]], match_all: bool) -> str:
    """The index lookup: each alternative's bigrams; terms joined by & or |."""
    parts = ["(" + " | ".join(_lookup(option) for option in options) + ")" for options in groups]
    return (" & " if match_all else " | ").join(parts)


def confirm(groups: list[list[str]], match_all: bool, fields: Sequence[str]) -> tuple[str, list]:
    """SQL (and its parameters) requiring the exact substrings in one of `fields`; ""
    when the bigram lookup is exact already (no alternative longer than two characters)."""
    if all(len(option) <= 2 for options in groups for option in options):
        return "", []
    parts: list[str] = []
    params: list[str] = []
    for options in groups:
        found = [f"strpos({field}, %s) > 0" for option in options for field in fields]
        parts.append("(" + " OR ".join(found) + ")")
        params.extend(option for option in options for _field in fields)
    return "(" + (" AND " if match_all else " OR ").join(parts) + ")", params


def _lookup(option: str) -> str:
    if len(option) == 1:
        return _quote(option) + ":*"
    bigrams = dict.fromkeys(option[i : i + 2] for i in range(len(option) - 1))
    return (
        "(" + " & ".join(_quote(b) for b in bigrams) + ")"
        if len(bigrams) > 1
        else _quote(next(iter(bigrams)))
    )


def _quote(lexeme: str) -> str:
    """A quoted tsquery lexeme (tokens hold no quotes or backslashes; guarded anyway)."""
    return "'" + lexeme.replace("\\", "").replace("'", "''") + "'"
