"""The embedded backend: SQLite FTS5 or PostgreSQL full text, no extra server.

A query term matches when its characters occur as a phrase (an exact
substring). SQLite's FTS5 sees pre-segmented, space-separated tokens (see
search.analysis), words first and characters when words find too little;
PostgreSQL looks the characters' bigrams up in GIN indexes over folded text
(search.backends.postgres). Either index only finds candidates, newest first;
the candidates are then ranked the same way on both (search.backends.ranking):
the title outweighs the body, and the body the context (window and department
names). A match in the title or body ranks in a tier above every match found
only in the context. Copies of one thing (the same item at several stations)
share a group and come back as one hit listing their places.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from search.analysis import AnalysedText, analyse, char_tokens
from search.models import SearchEntry

from . import candidates, postgres, ranking
from .base import (
    MAX_PLACES,
    Hit,
    Place,
    SearchDocument,
    SearchQuery,
    SearchResults,
    Term,
)

MAX_CANDIDATES = 2000
TITLE_CANDIDATES = 500
SUGGESTION_CANDIDATES = 200
ENOUGH_WORD_MATCHES = 100
TOKEN_COLUMNS = (
    "title_chars", "title_words", "body_chars", "body_words", "context_chars", "context_words",
)  # fmt: skip
# Entries past their last day (a notice's period) are never found.
_VISIBLE = "(expires IS NULL OR expires >= %s)"
_WRITTEN_FIELDS = [
    "kind", "title", "body", "url", "center", "window", "date", "year", "validity", "expires",
    "boost", "group", "place", "context", "title_chars", "title_words", "body_chars",
    "body_words", "context_chars", "context_words", "indexed_at",
]  # fmt: skip


class EmbeddedBackend:
    name = "embedded"

    @property
    def vendor(self) -> str:
        return connection.vendor

    # --- writing -------------------------------------------------------

    @transaction.atomic
    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Analyse and write a batch: one bulk insert, one bulk update, one full-text pass."""
        documents = list({d.key: d for d in documents}.values())
        if not documents:
            return 0
        existing = dict(
            SearchEntry.objects.filter(key__in=[d.key for d in documents]).values_list("key", "pk")
        )
        postgresql = self.vendor == "postgresql"
        # PostgreSQL indexes the folded characters alone (no words: no segmenting),
        # held by its index's own table; SQLite's FTS5 reads the token columns.
        entries = [self._entry(d, existing.get(d.key), tokens=not postgresql) for d in documents]
        texts = []
        if postgresql:
            texts = [
                tuple("".join(char_tokens(getattr(d, f))) for f in postgres.FIELDS)
                for d in documents
            ]
        new = [e for e in entries if e.pk is None]
        old = [e for e in entries if e.pk is not None]
        if old and self.vendor == "sqlite":
            _forget_fts5([e.pk for e in old])  # before the token columns it reads change
        if new:
            SearchEntry.objects.bulk_create(new, batch_size=500)
            if any(e.pk is None for e in new):  # a backend that cannot return ids
                ids = dict(
                    SearchEntry.objects.filter(key__in=[e.key for e in new]).values_list(
                        "key", "pk"
                    )
                )
                for e in new:
                    e.pk = ids[e.key]
        if old:
            SearchEntry.objects.bulk_update(old, _WRITTEN_FIELDS, batch_size=500)
        self._write_fulltext(entries, texts)
        return len(entries)

    @staticmethod
    def _entry(document: SearchDocument, pk: int | None, tokens: bool = True) -> SearchEntry:
        empty = AnalysedText("", "")
        title = analyse(document.title) if tokens else empty
        body = analyse(document.body) if tokens else empty
        context = analyse(document.context) if tokens else empty
        return SearchEntry(
            pk=pk,
            key=document.key,
            kind=document.kind,
            title=document.title[:255],
            body=document.body,
            url=document.url,
            center=document.center,
            window=document.window,
            date=document.date,
            year=document.year,
            validity=document.validity,
            expires=document.expires,
            boost=document.boost,
            group=document.group_key[:100],
            place=document.place[:120],
            context=document.context,
            title_chars=title.chars,
            title_words=title.words,
            body_chars=body.chars,
            body_words=body.words,
            context_chars=context.chars,
            context_words=context.words,
            indexed_at=timezone.now(),
        )

    def _write_fulltext(self, entries: list[SearchEntry], texts: list[tuple[str, ...]]) -> None:
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":  # external content: FTS5 reads the entry's columns
                cursor.executemany(
                    f"INSERT INTO portal_search_fts(rowid, {', '.join(TOKEN_COLUMNS)}) "  # noqa: S608
                    "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    [(e.pk, *(getattr(e, c) for c in TOKEN_COLUMNS)) for e in entries],
                )
            elif self.vendor == "postgresql":
                postgres.create_partitions(cursor, [e.pk for e in entries])
                cursor.execute(
                    "INSERT INTO portal_search_fts (rowid, title, body, context) "
                    "SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[]) "
                    "ON CONFLICT (rowid) DO UPDATE SET title = excluded.title, "
                    "body = excluded.body, context = excluded.context",
                    [
                        [e.pk for e in entries],
                        *(list(column) for column in zip(*texts, strict=True)),
                    ],
                )

    @transaction.atomic
    def delete(self, keys: Iterable[str]) -> None:
        entries = list(SearchEntry.objects.filter(key__in=list(keys)).values_list("pk", flat=True))
        if not entries:
            return
        if self.vendor == "sqlite":
            _forget_fts5(entries)
        elif self.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM portal_search_fts WHERE rowid = ANY(%s)", [entries])
        SearchEntry.objects.filter(pk__in=entries).delete()

    @transaction.atomic
    def clear(self) -> None:
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.execute(
                    "INSERT INTO portal_search_fts(portal_search_fts) VALUES ('delete-all')"
                )
            elif self.vendor == "postgresql":
                cursor.execute("DELETE FROM portal_search_fts")
        SearchEntry.objects.all().delete()

    def count(self) -> int:
        return SearchEntry.objects.count()

    # --- reading -------------------------------------------------------

    def suggest(self, text: str, limit: int = 8) -> list[str]:
        """Titles containing `text`, for autocomplete: found through the title index
        (the newest SUGGESTION_CANDIDATES), best boosted first; staff and expired
        notices left out."""
        chars = char_tokens(text)
        if not chars:
            return []
        with transaction.atomic(), connection.cursor() as cursor:
            if self.vendor == "postgresql":
                postgres.plain_plans(cursor)
                wanted = postgres.conditions(
                    [["".join(chars)]], True, postgres.TITLE_MATCH, ("title",)
                )
                ids = postgres.newest(cursor, wanted, SUGGESTION_CANDIDATES)
            else:
                cursor.execute(
                    "SELECT rowid FROM portal_search_fts WHERE portal_search_fts MATCH %s "
                    "ORDER BY rowid DESC LIMIT %s",
                    ['{title_chars} : "' + " ".join(chars) + '"', SUGGESTION_CANDIDATES],
                )
                ids = [row[0] for row in cursor.fetchall()]
        titles = (
            SearchEntry.objects.filter(pk__in=ids)
            .filter(Q(expires__isnull=True) | Q(expires__gte=timezone.localdate()))
            .exclude(kind="staff")
            .order_by("-boost", "title")
            .values_list("title", flat=True)
        )
        return list(dict.fromkeys(titles))[:limit]

    def search(self, query: SearchQuery) -> SearchResults:
        terms = [t for t in query.terms if any(char_tokens(a) for a in t.alternatives)]
        if not terms:
            return SearchResults(0, [], backend=self.name)
        shape = candidates.Shape(
            collapse=query.collapse,
            by_date=query.sort == "date",
            start=max(query.page - 1, 0) * query.per_page,
            size=query.per_page,
        )
        if self.vendor == "postgresql":
            ranked, more = self._search_postgres(terms, query.match_all_terms, query.filters, shape)
        else:
            rows, more = self._match_fts5(terms, query.match_all_terms)
            ranked = candidates.rank(rows, query.filters, shape) if rows else None
        if ranked is None:
            return SearchResults(0, [], backend=self.name)
        return SearchResults(
            total=ranked.total,
            hits=self._hits(ranked.page),
            facets=ranked.facets,
            backend=self.name,
            more=more,
        )

    @staticmethod
    def _hits(groups: list[list[candidates.Candidate]]) -> list[Hit]:
        """One hit per group: its best entry, with the places of its copies."""
        best = SearchEntry.objects.in_bulk([g[0].pk for g in groups])
        copies = {
            e.pk: e
            for e in SearchEntry.objects.filter(
                pk__in=[c.pk for g in groups if len(g) > 1 for c in g[:MAX_PLACES]]
            ).only("pk", "place", "url", "center")
        }
        hits = []
        for group in groups:
            entry = best[group[0].pk]
            members = [copies.get(c.pk, entry) for c in group[:MAX_PLACES]]
            places = tuple(Place(m.place or m.center, m.url) for m in members)
            hits.append(
                Hit(
                    key=entry.key,
                    kind=entry.kind,
                    title=entry.title,
                    url=entry.url,
                    body=entry.body,
                    center=entry.center,
                    date=entry.date,
                    score=group[0].score,
                    place=entry.place or entry.center,
                    places=places,
                    place_count=len(group),
                )
            )
        return hits

    # Two costs grow with the index, and both are capped:
    # * Matching characters as phrases (the substring guarantee) reads
    #   position lists; whole words are single tokens and ~6x cheaper. Every
    #   word match is also a phrase match, so when the words alone give
    #   ENOUGH_WORD_MATCHES the phrase pass cannot add anything a citizen
    #   would see first, and it is skipped.
    # * Ranking every match of a broad query. Matches are read newest first:
    #   up to MAX_CANDIDATES they are all ranked (the exact answer); beyond,
    #   the newest MAX_CANDIDATES are ranked with the newest TITLE_CANDIDATES
    #   whose title matches, so strong matches are kept.

    def _match_fts5(self, terms: list[Term], match_all: bool) -> tuple[list[tuple], bool]:
        def options(columns: tuple[str, ...], phrases: bool):
            def build(chars: list[str]) -> list[str]:
                word = " ".join(chars) if len(chars) == 1 else "".join(chars)
                found = ["{" + " ".join(f"{c}_words" for c in columns) + '} : "' + word + '"']
                if phrases:
                    spaced = " ".join(chars)
                    found.append("{" + " ".join(f"{c}_chars" for c in columns) + f'}} : "{spaced}"')
                return found

            return build

        sql = (
            "SELECT rowid FROM portal_search_fts WHERE portal_search_fts MATCH %s "
            "ORDER BY rowid DESC LIMIT %s"
        )
        ids, more = self._words_then_phrases(
            sql,
            lambda phrases, scope: _boolean(
                terms, match_all, options(scope, phrases), " OR ", " AND "
            ),
            everywhere=("title", "body", "context"),
            titles=("title",),
        )
        if not ids:
            return [], more
        spaced = [" ".join(c) for t in terms for a in t.alternatives if (c := char_tokens(a))]
        alternatives = list(dict.fromkeys(spaced))
        marks = ", ".join(["%s"] * len(ids))
        columns = ", ".join(connection.ops.quote_name(c) for c in candidates.ROW_COLUMNS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT title_chars, body_chars, context_chars, {columns} "  # noqa: S608
                f"FROM portal_search_searchentry WHERE id IN ({marks}) AND {_VISIBLE}",
                [*ids, timezone.localdate().isoformat()],
            )
            rows = [(*row[3:], *ranking.scores(row[:3], alternatives)) for row in cursor]
        return rows, more

    def _search_postgres(
        self, terms: list[Term], match_all: bool, filters: dict[str, str], shape: candidates.Shape
    ) -> tuple[candidates.Ranked | None, bool]:
        """Candidates from the bigram indexes (ids only, newest first), then ranked,
        counted and paged in the database.

        Only the ranked candidates are read: at most MAX_CANDIDATES newest
        matches and, when there are more, TITLE_CANDIDATES newest title matches
        (the small title index), as on SQLite.
        """
        groups = postgres.alternatives(terms)
        if not groups:
            return None, False
        with transaction.atomic(), connection.cursor() as cursor:
            postgres.plain_plans(cursor)
            wanted = postgres.conditions(groups, match_all, postgres.CONTENT_MATCH, postgres.FIELDS)
            newest = postgres.newest(cursor, wanted, MAX_CANDIDATES + 1)
            if not newest:
                return None, False
            more = len(newest) > MAX_CANDIDATES
            found = set(newest[:MAX_CANDIDATES])
            if more:
                wanted = postgres.conditions(groups, match_all, postgres.TITLE_MATCH, ("title",))
                found.update(postgres.newest(cursor, wanted, TITLE_CANDIDATES))
            sql, params = ranking.ranking_sql(
                "postgresql",
                # joined, not `rowid = ANY(...)`: every partition would be probed
                # for every id (0.7 s for 2,500 ids spread over 1M rows)
                "unnest(CAST(%s AS bigint[])) AS wanted (id) JOIN portal_search_fts f "
                "ON f.rowid = wanted.id",
                "f.rowid",
                postgres.FIELDS,
                list(dict.fromkeys(o for g in groups for o in g)),
                "true",
            )
            columns = ", ".join(f"e.{connection.ops.quote_name(c)}" for c in candidates.ROW_COLUMNS)
            visible = (
                f"SELECT {columns}, r.content, r.score FROM ({sql}) AS r (k, content, score) "  # noqa: S608
                f"JOIN portal_search_searchentry e ON e.id = r.k WHERE {_VISIBLE}"
            )
            ranked = postgres.page(
                cursor,
                (visible, [*params, _array(found), timezone.localdate().isoformat()]),
                filters,
                shape,
                places=MAX_PLACES,
            )
        return ranked, more

    @staticmethod
    def _words_then_phrases(sql: str, expression, everywhere, titles) -> tuple[list[int], bool]:
        """The candidates' ids, and whether there were more matches than that."""

        def newest_then_titles(phrases: bool) -> tuple[set[int], bool]:
            with connection.cursor() as cursor:
                cursor.execute(sql, [expression(phrases, everywhere), MAX_CANDIDATES + 1])
                newest = [row[0] for row in cursor.fetchall()]
                found = set(newest[:MAX_CANDIDATES])
                if len(newest) > MAX_CANDIDATES:
                    cursor.execute(sql, [expression(phrases, titles), TITLE_CANDIDATES])
                    found.update(row[0] for row in cursor.fetchall())
            return found, len(newest) > MAX_CANDIDATES

        found, more = newest_then_titles(phrases=False)
        if len(found) < ENOUGH_WORD_MATCHES:
            found, more = newest_then_titles(phrases=True)
        return sorted(found), more


def _boolean(terms: list[Term], match_all: bool, options, any_of: str, all_of: str) -> str:
    """Each term matches any of its alternatives' options; terms are joined by AND or OR."""
    groups = []
    for term in terms:
        alternatives = [o for a in term.alternatives if (c := char_tokens(a)) for o in options(c)]
        groups.append("(" + any_of.join(alternatives) + ")")
    return (all_of if match_all else any_of).join(groups)


def _array(ids: Iterable[int]) -> str:
    """A bigint[] literal: for thousands of ids, ~10x quicker than psycopg's list dumper."""
    return "{" + ",".join(map(str, sorted(ids))) + "}"


def _forget_fts5(pks: list[int]) -> None:
    """Take entries out of the external-content FTS5 index, with the very values it
    indexed (read back from the entry's token columns before they change)."""
    columns = ", ".join(TOKEN_COLUMNS)
    with connection.cursor() as cursor:
        for start in range(0, len(pks), 500):
            chunk = pks[start : start + 500]
            cursor.execute(
                f"SELECT id, {columns} FROM portal_search_searchentry "  # noqa: S608
                f"WHERE id IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            rows = cursor.fetchall()
            cursor.executemany(
                f"INSERT INTO portal_search_fts(portal_search_fts, rowid, {columns}) "  # noqa: S608
                "VALUES ('delete', %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
