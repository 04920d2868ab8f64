"""The embedded SQLite takes two concurrent writers and many readers without an error.

Each writer does what a Django save does: read, then write, inside one
transaction. With Django's default (DEFERRED) transactions and rollback
journal this fails with "database is locked" within a second; the portal's
SQLite settings (core.db.tune_sqlite) must make every statement succeed.
"""

from __future__ import annotations

import threading
import time

from django.db import connections, transaction
from django.db.utils import ConnectionHandler

import dj_database_url
import pytest

from core.db import tune_sqlite

WRITERS = 2
READERS = 6
SECONDS = 4


ALIAS = "concurrency"


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """A file SQLite database configured exactly as the settings configure one.

    It is added as an extra alias of Django's own connections, so that
    `transaction.atomic` starts its transactions the way every save does.
    """
    path = tmp_path / "portal.sqlite3"
    database = tune_sqlite(dj_database_url.parse(f"sqlite:///{path}"))
    configured = ConnectionHandler().configure_settings({"default": database})
    connections.settings[ALIAS] = configured["default"]
    with django_db_blocker.unblock():
        yield path
        connections[ALIAS].close()
    del connections.settings[ALIAS]


def _hammer() -> tuple[int, int, list[str]]:
    """Run writers and readers for SECONDS; return (writes, reads, errors)."""
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, n INTEGER, note TEXT)")
    errors: list[str] = []
    counts = {"writes": 0, "reads": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def writer(number: int) -> None:
        try:
            while time.monotonic() < deadline:
                try:
                    with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
                        cursor.execute("SELECT count(*) FROM item")
                        (count,) = cursor.fetchone()
                        time.sleep(0.002)  # the work a save does between its read and its write
                        cursor.execute(
                            "INSERT INTO item (n, note) VALUES (%s, %s)", [count, "w" * 200]
                        )
                    with lock:
                        counts["writes"] += 1
                except Exception as exc:  # every failure is what the test counts
                    errors.append(f"writer {number}: {exc}")
        finally:
            connections[ALIAS].close()

    def reader(number: int) -> None:
        try:
            while time.monotonic() < deadline:
                try:
                    with connections[ALIAS].cursor() as cursor:
                        cursor.execute("SELECT max(n), count(*) FROM item")
                        cursor.fetchone()
                    with lock:
                        counts["reads"] += 1
                except Exception as exc:
                    errors.append(f"reader {number}: {exc}")
        finally:
            connections[ALIAS].close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    threads += [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 60)
    return counts["writes"], counts["reads"], errors


def test_two_writers_and_readers_on_sqlite_see_no_error(sqlite_file):
    writes, reads, errors = _hammer()
    assert errors == []
    assert writes > 50 and reads > 100


def test_sqlite_runs_in_wal_with_immediate_transactions(sqlite_file):
    connection = connections[ALIAS]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 10_000
    assert connection.transaction_mode == "IMMEDIATE"


@pytest.mark.parametrize("engine", ["django.db.backends.postgresql"])
def test_other_databases_are_left_alone(engine):
    database = {"ENGINE": engine, "NAME": "portal", "OPTIONS": {"sslmode": "prefer"}}
    assert tune_sqlite(database) == database
