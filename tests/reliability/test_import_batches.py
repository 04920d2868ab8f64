"""A long catalogue import writes in batches, so other writers get SQLite's lock between them.

The import runs on a file-based SQLite database (a copy of the test database) as
the site does; another connection, with a short busy timeout, writes whenever a
batch has been committed. PostgreSQL locks rows, not the database, so the
lock test is SQLite's alone; the failing-batch test runs on both (on PostgreSQL
each batch is a savepoint of the test's transaction).

No transactional test database is needed: the file copy commits for real and
is thrown away, so the shared test database never has to be flushed.
"""

import sqlite3
import threading

from django.db import connection, connections
from django.db.utils import load_backend

import pytest

from pages.models import SectionPage, ServiceGuidePage
from pages.services.catalogue_io import import_catalogue

ROWS = 1200
BATCH = 200


@pytest.fixture
def file_database(db, tmp_path):
    """The default connection pointed at a file copy of the (in-memory) test database."""
    if connection.vendor != "sqlite":
        yield None
        return
    path = tmp_path / "portal.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    settings_dict = {**connection.settings_dict, "NAME": str(path)}
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    original = connections["default"]
    connections["default"] = wrapper
    try:
        yield path
    finally:
        wrapper.close()
        connections["default"] = original


class OtherWriter:
    """Another connection with a 1 s busy timeout: one committed INSERT per attempt."""

    def __init__(self, path):
        self.path = path
        self.results: list[str] = []
        self._run(lambda cursor: cursor.execute("CREATE TABLE other_writes (n integer)"))

    def attempt(self) -> None:
        thread = threading.Thread(target=self._run, args=(self._insert,))
        thread.start()
        thread.join(30)

    def _insert(self, cursor) -> None:
        cursor.execute("INSERT INTO other_writes (n) VALUES (1)")
        self.results.append("ok")

    def _run(self, work) -> None:
        try:
            db = sqlite3.connect(self.path, timeout=1.0, isolation_level=None)
            try:
                work(db.cursor())
            finally:
                db.close()
        except Exception as exc:  # noqa: BLE001 - recorded, the test asserts on it
            self.results.append(f"{type(exc).__name__}: {exc}")


def write_codes(path, count):
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("事项编码,事项名称\n")
        for n in range(count):
            handle.write(f"B-{n:05d},批量事项{n}\n")
    return path


@pytest.mark.django_db
def test_other_writers_get_the_lock_between_batches(file_database, tmp_path, settings):
    from tests.factories import make_site_tree

    if file_database is None:
        pytest.skip("SQLite's database-wide write lock; PostgreSQL locks rows")
    settings.CATALOGUE_IMPORT_BATCH_SIZE = BATCH
    center = make_site_tree()["center"]
    assert SectionPage.objects.child_of(center).filter(kind="guides").exists()
    writer = OtherWriter(file_database)
    written = []

    def progress(stage, done, total):
        if stage == "写入":
            written.append(done)
            if done < total:
                writer.attempt()  # while the import is still running

    report = import_catalogue(write_codes(tmp_path / "c.csv", ROWS), center, progress=progress)

    assert writer.results == ["ok"] * (ROWS // BATCH - 1)  # never "database is locked"
    assert written == list(range(BATCH, ROWS + 1, BATCH))
    assert report.applied and report.written == ROWS and not report.write_error
    assert ServiceGuidePage.objects.filter(item_code__startswith="B-").count() == ROWS


@pytest.mark.django_db
def test_a_failing_batch_says_what_was_written_and_a_rerun_completes(
    file_database, tmp_path, settings
):
    from tests.factories import make_site_tree

    settings.CATALOGUE_IMPORT_BATCH_SIZE = BATCH
    center = make_site_tree()["center"]
    source = write_codes(tmp_path / "c.csv", 500)
    # A real failure of the real database in the third batch (rows 402 onwards).
    table = ServiceGuidePage._meta.db_table
    fail_on = "B-00450"
    if connection.vendor == "sqlite":
        setup = [
            f"CREATE TRIGGER refuse BEFORE INSERT ON {table} WHEN NEW.item_code = '{fail_on}' "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        ]
        stop = "DROP TRIGGER refuse"
    else:  # a trigger too; switched off by a setting (no ALTER TABLE mid-transaction)
        setup = [
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF NEW.item_code = current_setting('portal.refuse', true) THEN "
            "RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$",
            f"CREATE TRIGGER refuse BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION refuse()",
            f"SET portal.refuse = '{fail_on}'",
        ]
        stop = "SET portal.refuse = ''"
    with connection.cursor() as cursor:
        for statement in setup:
            cursor.execute(statement)

    report = import_catalogue(source, center)

    assert not report.applied and report.written == 400
    assert "已写入 400 项（第 2–401 行中的新增和更新）" in report.write_error
    assert "第 402 行起" in report.write_error and "其余 100 项未写入" in report.write_error
    assert ServiceGuidePage.objects.filter(item_code__startswith="B-").count() == 400

    with connection.cursor() as cursor:
        cursor.execute(stop)
    again = import_catalogue(source, center)

    assert again.applied and (len(again.created), len(again.unchanged)) == (100, 400)
    codes = ServiceGuidePage.objects.filter(item_code__startswith="B-")
    assert codes.count() == codes.values("item_code").distinct().count() == 500
