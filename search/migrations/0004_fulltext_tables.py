"""The full-text index in a table of its own on both databases, rebuilt here.

SQLite: the FTS5 table becomes external-content (it reads the entry's token
columns instead of keeping a second copy of them); its index is rebuilt from
those columns by FTS5's 'rebuild' command.

PostgreSQL: the tsvector column on the entry (one lexeme per character and
word, with positions, read back for every candidate) gives way to a narrow
`portal_search_fts` table of folded texts with GIN indexes over their
character bigrams (search.backends.postgres), title alone and all fields,
partitioned by ranges of ids so that the newest are searched first. It
is filled from the entries' stored character streams, which are then emptied
(the index's texts hold them); `VACUUM FULL portal_search_searchentry` gives
the freed space back.
"""

from django.db import migrations

# The index's definition lives with the code that queries it: the same SQL here.
from search.backends.postgres import (
    BIGRAMS_FUNCTION,
    CONTENT,
    FIELDS,
    compact,
    create_partitions,
)

TOKENS = [
    "title_chars", "title_words", "body_chars", "body_words", "context_chars", "context_words",
]  # fmt: skip
FTS5 = "tokenize = 'unicode61 remove_diacritics 0', detail = full"
BATCH = 2000


def _sqlite(cursor, external: bool) -> None:
    content = ", content = 'portal_search_searchentry', content_rowid = 'id'" if external else ""
    cursor.execute("DROP TABLE IF EXISTS portal_search_fts")
    cursor.execute(f"CREATE VIRTUAL TABLE portal_search_fts USING fts5({', '.join(TOKENS)}, {FTS5}{content})")
    if external:
        cursor.execute("INSERT INTO portal_search_fts(portal_search_fts) VALUES ('rebuild')")
    else:
        cursor.execute(
            f"INSERT INTO portal_search_fts(rowid, {', '.join(TOKENS)}) "  # noqa: S608
            f"SELECT id, {', '.join(TOKENS)} FROM portal_search_searchentry"
        )


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite(cursor, external=True)
        elif connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS portal_search_vector_gin")
            cursor.execute("ALTER TABLE portal_search_searchentry DROP COLUMN IF EXISTS search_vector")
            cursor.execute(BIGRAMS_FUNCTION)
            cursor.execute(
                # rowid is the entry's id; no foreign key (as FTS5's rowid has none),
                # so that flushing the entries (TRUNCATE) is not refused.
                "CREATE TABLE portal_search_fts ("
                " rowid bigint PRIMARY KEY,"
                " title text NOT NULL, body text NOT NULL, context text NOT NULL"
                ") PARTITION BY RANGE (rowid)"
            )
            cursor.execute(
                "CREATE INDEX portal_search_fts_title ON portal_search_fts "
                "USING gin (portal_search_bigrams(title))"
            )
            cursor.execute(
                "CREATE INDEX portal_search_fts_content ON portal_search_fts "
                f"USING gin (portal_search_bigrams({CONTENT}))"
            )
            _fill_postgres(apps, cursor)


def _fill_postgres(apps, cursor) -> None:
    """The folded text of every existing entry, from its stored character streams."""
    entry = apps.get_model("portal_search", "SearchEntry")
    fields = [f"{f}_chars" for f in FIELDS]
    pks = list(entry.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        rows = list(
            entry.objects.filter(pk__in=pks[start : start + BATCH]).values_list("pk", *fields)
        )
        create_partitions(cursor, [r[0] for r in rows])
        cursor.execute(
            "INSERT INTO portal_search_fts (rowid, title, body, context) "
            "SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[])",
            [[r[0] for r in rows], *([compact(r[i]) for r in rows] for i in (1, 2, 3))],
        )
    entry.objects.update(**{name: "" for name in TOKENS})


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite(cursor, external=False)
        elif connection.vendor == "postgresql":
            cursor.execute("DROP TABLE IF EXISTS portal_search_fts")
            cursor.execute("DROP FUNCTION IF EXISTS portal_search_bigrams(text)")
            cursor.execute("ALTER TABLE portal_search_searchentry ADD COLUMN search_vector tsvector")
            cursor.execute(
                "CREATE INDEX portal_search_vector_gin ON portal_search_searchentry "
                "USING gin (search_vector)"
            )
            print(  # noqa: T201 - the operator must act, and migrate has no other voice
                "\n  The search index is empty now: run `manage.py search_index rebuild`."
            )


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_context_group_place")]

    operations = [migrations.RunPython(forwards, backwards)]
