"""A committed test database's whole content, kept in memory and put back in a moment.

Loading the demo county runs Wagtail's publishing for some 250 pages (about
ten seconds); the browser tests that write need it fresh and committed, once
each. The first load is snapshotted; the next ones put the snapshot back:

- SQLite (the in-memory test database): SQLite's backup API, both ways;
- PostgreSQL: every table copied out with COPY, and back in after one TRUNCATE
  of them all, foreign keys checked at commit, sequences set to where they were.

What comes back is byte for byte what the load wrote, including the search
index tables, so a restored county is the loaded one. Files the load wrote to
MEDIA_ROOT stay on disk in between (a flush never deletes them).
"""

import sqlite3
from dataclasses import dataclass, field

from django.db import transaction

from psycopg import sql


@dataclass
class Snapshot:
    vendor: str
    sqlite_copy: sqlite3.Connection | None = None
    tables: dict[str, bytes] = field(default_factory=dict)
    sequences: dict[str, tuple[int, bool]] = field(default_factory=dict)

    @classmethod
    def take(cls, connection) -> "Snapshot":
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(copy)
            return cls("sqlite", sqlite_copy=copy)
        if connection.vendor != "postgresql":
            raise NotImplementedError(connection.vendor)
        snapshot = cls("postgresql")
        with connection.cursor() as cursor:
            # Ordinary tables only: a partitioned table (the search index) holds
            # nothing itself, its partitions are copied.
            cursor.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
            )
            names = sorted(row[0] for row in cursor.fetchall())
            raw = cursor.cursor
            for name in names:
                with raw.copy(_statement("COPY {} TO STDOUT (FORMAT binary)", name)) as copy:
                    snapshot.tables[name] = b"".join(bytes(chunk) for chunk in copy)
            cursor.execute(
                "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"
            )
            for (sequence,) in cursor.fetchall():
                raw.execute(_statement("SELECT last_value, is_called FROM {}", sequence))
                snapshot.sequences[sequence] = raw.fetchone()
        return snapshot

    def restore(self, connection) -> None:
        connection.ensure_connection()
        if self.vendor == "sqlite":
            self.sqlite_copy.backup(connection.connection)
            return
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            raw = cursor.cursor
            raw.execute(
                sql.SQL("TRUNCATE {}").format(sql.SQL(", ").join(map(sql.Identifier, self.tables)))
            )
            for name, data in self.tables.items():
                with raw.copy(_statement("COPY {} FROM STDIN (FORMAT binary)", name)) as copy:
                    copy.write(data)
            for sequence, (value, called) in self.sequences.items():
                raw.execute(
                    "SELECT setval(%s::regclass, %s, %s)",
                    [sql.Identifier(sequence).as_string(raw), value, called],
                )


def _statement(template: str, name: str) -> sql.Composed:
    return sql.SQL(template).format(sql.Identifier(name))
