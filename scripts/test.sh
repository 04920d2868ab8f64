#!/usr/bin/env bash
# Second command of the README: the whole test suite (lint, types, migrations, unit,
# HTTP and browser tests) on SQLite and, side by side, on a throwaway
# PostgreSQL cluster started here on loopback and removed afterwards.
# Extra arguments go to pytest, e.g. scripts/test.sh -k centers
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step says how long the run has taken so far ($SECONDS counts from the start).
step() { echo "==> $* (${SECONDS} s)"; }

scripts/install.sh
export DJANGO_SETTINGS_MODULE=portal.settings.test
unset DATABASE_URL
# The project's own modules are compiled once and reused by the many Python
# processes the tests start (install.sh compiles the packages'), instead of
# each compiling everything again.
unset PYTHONDONTWRITEBYTECODE

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$PG_BIN" ]; then
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2
    exit 1
fi
PG_TMP="$(mktemp -d /tmp/portal-pg.XXXXXX)"
RUN_TMP="$(mktemp -d /tmp/portal-test.XXXXXX)"
PG_PORT="$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
AS_PG=()
if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: the throwaway cluster belongs to "postgres".
    chown postgres:postgres "$PG_TMP"
    AS_PG=(runuser -u postgres --)
fi
stop_pg() {
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP" "$RUN_TMP"
}
trap stop_pg EXIT

step "Starting a throwaway PostgreSQL ($("$PG_BIN/postgres" --version)) on 127.0.0.1:$PG_PORT"
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U portal -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w \
    -o "-h 127.0.0.1 -p $PG_PORT -k $PG_TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null

# Migrating takes half a minute per process: one SQLite file and one PostgreSQL
# template are migrated here, while the linters run, and every test process
# starts from them (tests/premigrated.py).
PG_URL="postgres://portal@127.0.0.1:$PG_PORT"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U portal portal_migrated
DATABASE_URL="sqlite:///$RUN_TMP/migrated.sqlite3" \
    .venv/bin/python manage.py migrate --no-input -v0 >"$RUN_TMP/migrate-sqlite.log" 2>&1 &
MIGRATE_SQLITE_PID=$!
DATABASE_URL="$PG_URL/portal_migrated" \
    .venv/bin/python manage.py migrate --no-input -v0 >"$RUN_TMP/migrate-postgresql.log" 2>&1 &
MIGRATE_PG_PID=$!

step "ruff"
.venv/bin/ruff check .
step "mypy"
.venv/bin/mypy
step "import layers (docs/architecture.md)"
PYTHONPATH=. .venv/bin/lint-imports --no-cache
step "makemigrations --check"
.venv/bin/python manage.py makemigrations --check --dry-run --settings=portal.settings.test >/dev/null
step "interface translations (makemessages finds nothing new or untranslated)"
.venv/bin/python manage.py check_messages --settings=portal.settings.test

step "migrating the test databases"
wait "$MIGRATE_SQLITE_PID" || { cat "$RUN_TMP/migrate-sqlite.log"; exit 1; }
wait "$MIGRATE_PG_PID" || { cat "$RUN_TMP/migrate-postgresql.log"; exit 1; }
export PORTAL_TEST_MIGRATED_SQLITE="$RUN_TMP/migrated.sqlite3"
export PORTAL_TEST_MIGRATED_TEMPLATE=portal_migrated

# The two databases are tested side by side (the machine has two cores); each
# run has its own media directory and log, printed in full when both are done.
step "pytest on SQLite and on PostgreSQL, side by side"
TEST_MEDIA_ROOT="$RUN_TMP/media-sqlite" \
    .venv/bin/pytest -p no:cacheprovider --durations=20 "$@" >"$RUN_TMP/sqlite.log" 2>&1 &
SQLITE_PID=$!
TEST_MEDIA_ROOT="$RUN_TMP/media-postgresql" DATABASE_URL="$PG_URL/portal" \
    .venv/bin/pytest -p no:cacheprovider --durations=20 "$@" >"$RUN_TMP/postgresql.log" 2>&1 &
PG_PID=$!
status=0
wait "$SQLITE_PID" || status=1
step "pytest on SQLite"
cat "$RUN_TMP/sqlite.log"
wait "$PG_PID" || status=1
step "pytest on PostgreSQL"
cat "$RUN_TMP/postgresql.log"
# The logs are long: what failed, on either database, is repeated last.
step "summary"
for database in sqlite postgresql; do
    echo "--- $database"
    sed -n '/short test summary info/,$p' "$RUN_TMP/$database.log" | grep -E '^(FAILED|ERROR)' || true
    tail -n 1 "$RUN_TMP/$database.log"
done
exit "$status"
