"""Start the test databases from ones migrated once, before pytest, by scripts/test.sh.

Running our and Wagtail's 230 migrations takes half a minute per process, and
the suite runs them on SQLite and PostgreSQL side by side, plus once more for
the file database a real gunicorn serves (test_render_workers). The test
script migrates one SQLite file and one PostgreSQL template database while
the linters run, and names them in these variables:

- ``PORTAL_TEST_MIGRATED_SQLITE``: the in-memory SQLite test database is
  created without migrations, then overwritten with the migrated file's
  content through SQLite's backup API;
- ``PORTAL_TEST_MIGRATED_TEMPLATE``: PostgreSQL creates the test database as
  a copy of that template (Django's ``TEST["TEMPLATE"]``).

Both are exactly what migrating gives (the same migrations, the same engine);
without the variables (running pytest by hand) the tests migrate as usual.
"""

import os
import sqlite3
from pathlib import Path

SQLITE_VARIABLE = "PORTAL_TEST_MIGRATED_SQLITE"
TEMPLATE_VARIABLE = "PORTAL_TEST_MIGRATED_TEMPLATE"


def migrated_sqlite() -> Path | None:
    path = os.environ.get(SQLITE_VARIABLE)
    return Path(path) if path and Path(path).is_file() else None


def copy_migrated_sqlite(target: Path) -> bool:
    """Put a migrated SQLite database at `target`; False when none was prepared."""
    source = migrated_sqlite()
    if source is None:
        return False
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    return True


def adjust_settings(databases: dict) -> bool:
    """Point the default test database at the prepared one; True when it will need loading."""
    settings = databases["default"]
    test = settings.setdefault("TEST", {})
    if settings["ENGINE"].endswith("sqlite3") and migrated_sqlite():
        test["MIGRATE"] = False
        return True
    template = os.environ.get(TEMPLATE_VARIABLE)
    if settings["ENGINE"].endswith("postgresql") and template:
        test["TEMPLATE"] = template
        test["MIGRATE"] = False
    return False


def load_into(connection) -> None:
    """Overwrite the (unmigrated) in-memory test database with the migrated file."""
    from django.contrib.contenttypes.models import ContentType

    connection.ensure_connection()
    with sqlite3.connect(migrated_sqlite()) as origin:
        origin.backup(connection.connection)
    # Content types were created, and cached, for the unmigrated tables.
    ContentType.objects.clear_cache()
    # What serialized rollback restores was taken from the unmigrated tables too.
    if getattr(connection, "_test_serialized_contents", None) is not None:
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
