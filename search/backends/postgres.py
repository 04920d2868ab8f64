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
from search.backends import candidates
from search.backends.base import CONTENT_TIER, FacetValue, Term

FIELDS = ("title", "body", "context")
PARTITION_ROWS = 25_000
FIRST_WINDOW = 8_000  # ids read by a search's first lookup: the newest partition, mostly
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
    cursor.execute(  # one round trip, for the rest of the transaction (is_local)
        "SELECT set_config('max_parallel_workers_per_gather', '0', true), "
        "set_config('jit', 'off', true), set_config('enable_mergejoin', 'off', true), "
        "set_config('enable_hashjoin', 'off', true)"
    )


def newest(cursor, conditions: list[tuple[str, list[str]]], limit: int) -> list[int]:
    """Ids of the newest `limit` rows of portal_search_fts meeting any of the
    `conditions`, newest first.

    The GIN indexes answer without reading any row for the lookup itself.
    Windows of ids from the newest down keep a broad query (one common
    character) from fetching every match to keep the newest: the first holds
    FIRST_WINDOW ids, each next one what the density of matches seen so far
    says is still missing, with room to spare (four times the last when
    nothing was found). As the table is partitioned by ids, a window reads
    only the GIN indexes of the partitions it overlaps.
    """
    if not conditions:
        return []
    cursor.execute("SELECT max(rowid) FROM portal_search_fts")
    high = cursor.fetchone()[0]
    sql = " UNION ".join(
        f"SELECT rowid FROM portal_search_fts WHERE {condition} "  # noqa: S608
        "AND rowid > %s AND rowid <= %s"
        for condition, _params in conditions
    )
    window, scanned = FIRST_WINDOW, 0
    found: list[int] = []
    while high is not None and high > 0 and len(found) < limit:
        low = max(high - window, 0)
        cursor.execute(sql, [p for _sql, params in conditions for p in (*params, low, high)])
        found.extend(sorted((row[0] for row in cursor.fetchall()), reverse=True))
        scanned += high - low
        high = low
        if found:
            window = max(int((limit - len(found)) * scanned / len(found) * 1.5), 1)
        else:
            window *= 4
    return found[:limit]


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


def conditions(
    groups: list[list[str]], match_all: bool, match: str, fields: Sequence[str]
) -> list[tuple[str, list[str]]]:
    """SQL conditions (with their parameters) whose matches together are exactly the
    rows holding the query in one of `fields`: each is an index lookup (`match`,
    TITLE_MATCH or CONTENT_MATCH), with `strpos` confirming what bigrams cannot.

    An alternative that contains another of its term is dropped (what it finds,
    the shorter finds too). Up to two characters the lookup is exact; longer
    alternatives need the confirmation, which reads the row's text, so for any
    term the short alternatives are looked up on their own and only the long
    ones' matches are confirmed (two lookups, their results united).
    """
    groups = [_shortest(options) for options in groups]
    if len(groups) > 1 and match_all:
        # Every term: a term with a long alternative is confirmed, short ones first.
        checks = [
            _any_of(sorted(options, key=len), fields)
            for options in groups
            if any(len(option) > 2 for option in options)
        ]
        condition = " AND ".join([match, *(sql for sql, _params in checks)])
        return [(condition, [tsquery(groups, True), *(p for _sql, ps in checks for p in ps)])]
    options = _shortest([option for group in groups for option in group])
    short = [option for option in options if len(option) <= 2]
    long = [option for option in options if len(option) > 2]
    found = []
    if short:
        found.append((match, [tsquery([short], False)]))
    if long:
        check, params = _any_of(long, fields)
        found.append((f"{match} AND {check}", [tsquery([long], False), *params]))
    return found


def _shortest(options: list[str]) -> list[str]:
    """The options that contain no other option (a text holding one of the dropped
    ones holds one of these)."""
    kept: list[str] = []
    for option in sorted(dict.fromkeys(options), key=len):
        if not any(other in option for other in kept):
            kept.append(option)
    return kept


def _any_of(options: Sequence[str], fields: Sequence[str]) -> tuple[str, list[str]]:
    """SQL true when one of `fields` holds one of `options` as a substring."""
    found = [f"strpos({field}, %s) > 0" for option in options for field in fields]
    return "(" + " OR ".join(found) + ")", [option for option in options for _field in fields]


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


def page(
    cursor,
    ranked: tuple[str, list],
    filters: dict[str, str],
    shape: candidates.Shape,
    places: int,
) -> candidates.Ranked:
    """The page of results, its total and its facet counts, computed in one
    statement over `ranked` (SQL and parameters selecting every visible
    candidate's candidates.ROW_COLUMNS, its score in the title and body and its
    score everywhere, as ranking_sql's do): what candidates.rank does in Python,
    without sending thousands of rows to the app server on every search."""
    sql, params = ranked
    keys = candidates.FACET_KEYS
    wanted = {k: str(filters[k]) for k in keys if filters.get(k)}
    # The copies of one item share their group; an entry without one is its own.
    # (Compared bytewise: the database's collation sorts text slowly, and these
    # are only grouped.)
    group = "CASE WHEN \"group\" <> '' THEN 'g' || \"group\" ELSE 'e' || id END COLLATE \"C\""
    solo = "('e' || id) COLLATE \"C\""
    order = "score DESC, id DESC"
    if shape.by_date:
        order = "coalesce(date, '') DESC, " + order

    def matching(skip: str = "") -> tuple[str, list[str]]:
        chosen = [(k, v) for k, v in wanted.items() if k != skip]
        return " AND ".join(["true", *(f'"{k}" = %s' for k, _v in chosen)]), [v for _k, v in chosen]

    everything, everything_params = matching()
    # Per facet, each (value, group) once: a value counts the candidates every
    # *other* facet's filter lets through, and the copies of one item once.
    facets = []
    facet_params: list[str] = []
    for key in keys:
        condition, condition_params = matching(skip=key)
        facets.append(
            f"SELECT '{key}', count(*), NULL, NULL, NULL, value FROM (SELECT DISTINCT "  # noqa: S608
            f'"{key}" AS value, g FROM ranked WHERE "{key}" <> \'\' AND {condition}) AS v '
            "GROUP BY value"
        )
        facet_params.extend(condition_params)
    columns = ", ".join(f'"{c}"' for c in (*candidates.ROW_COLUMNS, "content", "everywhere"))
    tier = f"CASE WHEN content > 0 THEN {CONTENT_TIER} ELSE 0 END"
    statement = (
        "WITH ranked AS MATERIALIZED (SELECT id, CAST(date AS text) AS date, "  # noqa: S608
        f"{tier} + everywhere * boost AS score, {group if shape.collapse else solo} AS g, "
        + ", ".join(f'"{k}"' for k in keys)
        + f" FROM ({sql}) AS found ({columns})), "  # noqa: S608
        "passing AS MATERIALIZED (SELECT id, date, score, g, "
        f"row_number() OVER (PARTITION BY g ORDER BY {order}) AS nth "
        f"FROM ranked WHERE {everything}), "
        f"best AS (SELECT g, row_number() OVER (ORDER BY {order}) AS place "
        "FROM passing WHERE nth = 1) "
        "SELECT 'page', b.place, p.nth, p.id, p.score, CAST(NULL AS text) FROM best b "
        "JOIN passing p ON p.g = b.g WHERE b.place > %s AND b.place <= %s AND p.nth <= %s "
        "UNION ALL SELECT 'total', count(*), NULL, NULL, NULL, NULL FROM passing WHERE nth = 1"
        + "".join(" UNION ALL " + facet for facet in facets)
    )
    cursor.execute(
        statement,
        [*params, *everything_params, shape.start, shape.start + shape.size, places, *facet_params],
    )
    total = 0
    shown: dict[int, list[tuple[int, candidates.Candidate]]] = {}
    counts: dict[str, list[FacetValue]] = {key: [] for key in keys}
    for part, n, nth, pk, score, value in cursor.fetchall():
        if part == "page":
            shown.setdefault(n, []).append((nth, candidates.Candidate(score, "", n, pk, ())))
        elif part == "total":
            total = n
        else:
            counts[part].append(FacetValue(value, n))
    for values in counts.values():
        values.sort(key=lambda f: (-f.count, f.value))
    groups = [[c for _nth, c in sorted(shown[place])] for place in sorted(shown)]
    return candidates.Ranked(total, groups, counts)
