"""Test data built once and shared by the consecutive tests that ask for it.

Building the site tree, the two towns or the demo county costs from one to
several seconds (every publish creates sections, workspaces and search
entries), and hundreds of tests start from the same data. So the data is
built inside an outer transaction that stays open while consecutive tests
ask for the same shared fixtures; each test still runs in its own
savepoint on top (pytest-django's ``db``), so whatever a test writes is
rolled back before the next one starts.

The outer transaction is rolled back as soon as a test that uses the database
asks for other shared data (or none), and at the end of the session, so a test
never sees data it did not ask for. The tests are grouped by the shared data
they want, across modules, so each set is built about once per session. Each
test gets fresh Python objects, read again from the database, so changing an
instance leaks nothing either.
Transactional tests (live server, ``transaction=True``) cannot run inside a
transaction: for them the data is built inside the test, as before.
"""

import copy
import dataclasses
import sys
from collections.abc import Callable

_builders: dict[str, Callable[[dict], object]] = {}

_TRANSACTIONAL_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def builds(name: str):
    """Register the builder of the shared fixture `name`; it receives the data built so far.

    Builders run in registration order, so one may use another's result
    (``data["tree"]``) provided its fixture also asks for that one.
    """

    def register(function):
        known = _builders.get(name)
        if known is not None and known.__qualname__ + known.__module__ != (
            function.__qualname__ + function.__module__
        ):
            raise ValueError(f"two shared fixtures named {name!r}: {known} and {function}")
        _builders[name] = function
        return function

    return register


def wanted(item) -> tuple[str, ...]:
    """The shared fixtures a test asks for, directly or through other fixtures.

    A fixture counts only if the one in force for this test is defined next to
    its builder: another module's fixture of the same name is not shared.
    """
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return ()
    found = []
    for name, builder in _builders.items():
        definitions = info.name2fixturedefs.get(name)
        if definitions and definitions[-1].func.__module__ == builder.__module__:
            found.append(name)
    return tuple(found)


def uses_database(item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    database_fixtures = {"_django_db_helper", "db", "django_db_blocker"} | _TRANSACTIONAL_FIXTURES
    return bool(item.get_closest_marker("django_db") or names & database_fixtures)


def transactional(item) -> bool:
    if set(getattr(item, "fixturenames", ())) & _TRANSACTIONAL_FIXTURES:
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    return bool(
        marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
        or marker.kwargs.get("reset_sequences")
    )


def fresh(value):
    """The same data as new Python objects: model instances are read again from the database."""
    from django.db import models

    if isinstance(value, models.Model):
        return type(value)._base_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(fresh(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Private attributes are caches (a town's logged-in clients): each test starts without.
        clone = copy.copy(value)
        clone.__dict__ = {
            key: fresh(item) for key, item in vars(value).items() if not key.startswith("_")
        }
        return clone
    return value


class SharedData:
    """The outer transaction holding the shared data, and which fixtures it holds."""

    def __init__(self):
        self.blocker = None
        self.key: tuple[str, ...] = ()
        self.data: dict = {}
        self._atomic = None
        self._local: dict | None = None

    def before(self, item) -> None:
        """Before a test's fixtures: roll the shared data back unless the test wants exactly it."""
        self._local = None
        if self._atomic is None:
            return
        if transactional(item) or (wanted(item) != self.key and uses_database(item)):
            self.release()

    def open(self, item) -> None:
        """Just before the test's own transaction starts: build what it wants, if not built yet."""
        key = wanted(item)
        if not key or transactional(item) or (self._atomic is not None and key == self.key):
            return
        self.release()
        from django.db import transaction

        with self.blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                data: dict = {}
                for name in key:
                    data[name] = _builders[name](data)
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(*sys.exc_info())
                raise
        self._atomic, self.key, self.data = atomic, key, data

    def get(self, name: str, item):
        """The test's copy of shared fixture `name`."""
        if self._atomic is not None and name in self.key:
            return fresh(self.data[name])
        # Transactional test: built inside the test, once for all its shared fixtures.
        if self._local is None:
            self._local = {}
            for other in wanted(item):
                self._local[other] = _builders[other](self._local)
        return self._local[name]

    def release(self) -> None:
        if self._atomic is None:
            return
        from django.db import connection, transaction

        atomic, self._atomic, self.key, self.data = self._atomic, None, (), {}
        with self.blocker.unblock():
            assert connection.atomic_blocks and connection.atomic_blocks[-1] is atomic, (
                "the shared data's transaction must be the innermost one when it ends"
            )
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


SHARED = SharedData()


def group_by_shared_data(items: list) -> None:
    """Run the tests wanting the same shared data together, across modules, so each set of
    shared data is built once per session rather than once per module.

    Only the block of non-transactional database tests is reordered (pytest-django runs it
    first, then the transactional tests, then those without a database), and stably: within
    one set of shared data, modules and tests keep their file order. A module's tests may
    then run in several runs; its module-scoped fixtures are set up again for each run.
    """

    def in_block(item) -> bool:
        return uses_database(item) and not transactional(item)

    start = 0
    while start < len(items) and not in_block(items[start]):
        start += 1
    end = start
    while end < len(items) and in_block(items[end]):
        end += 1
    first_seen: dict = {}
    block = items[start:end]
    for item in block:
        first_seen.setdefault(wanted(item), len(first_seen))
    items[start:end] = sorted(block, key=lambda item: first_seen[wanted(item)])
