#!/usr/bin/env bash
# First command of the README: install everything, migrate, load the demo
# county and serve it at http://127.0.0.1:8000 on the embedded SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install.sh
export DJANGO_SETTINGS_MODULE=portal.settings.dev
echo "==> Migrating the SQLite database (var/db.sqlite3)"
.venv/bin/python manage.py migrate --noinput -v 0
echo "==> Loading the demo county"
.venv/bin/python manage.py load_demo
echo "==> Serving http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/) — Ctrl-C to stop"
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
