"""Database settings that let the embedded SQLite take concurrent writers.

SQLite allows one writer at a time. Django's default DEFERRED transactions
start as readers and upgrade on their first write; when another connection
wrote in between, the upgrade fails at once with "database is locked",
whatever the busy timeout. IMMEDIATE transactions take the write lock up
front (and so wait for it), WAL lets readers go on while someone writes, and
the busy timeout makes a writer queue instead of failing.
"""

from __future__ import annotations

from typing import Any

SQLITE_BUSY_TIMEOUT_SECONDS = 20
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    # Durable at every checkpoint; WAL makes NORMAL safe against corruption.
    "PRAGMA synchronous=NORMAL",
    f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}",
)


def is_sqlite(database: dict[str, Any]) -> bool:
    return database.get("ENGINE", "").endswith("sqlite3")


def tune_sqlite(database: dict[str, Any]) -> dict[str, Any]:
    """Return `database` with WAL, a busy timeout and IMMEDIATE transactions when it is SQLite."""
    if not is_sqlite(database):
        return database
    options = dict(database.get("OPTIONS") or {})
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("timeout", SQLITE_BUSY_TIMEOUT_SECONDS)
    commands = [c for c in options.get("init_command", "").split(";") if c.strip()]
    options["init_command"] = ";".join([*SQLITE_PRAGMAS, *commands])
    return {**database, "OPTIONS": options}
