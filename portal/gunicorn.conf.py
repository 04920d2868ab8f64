"""gunicorn settings for the portal: `gunicorn -c portal/gunicorn.conf.py portal.wsgi:application`.

Command-line options still win (--bind, --workers, --timeout). Print render
workers end with the gunicorn worker that started them whatever happens
(printing.render); the worker_exit hook only stops idle ones
at once instead of at the end of the interpreter.
"""

import os
import sys

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# WEB_CONCURRENCY is also what `check --deploy` reads (core.checks: SQLite with
# several workers); GUNICORN_WORKERS is the older name, still honoured.
workers = int(os.environ.get("WEB_CONCURRENCY") or os.environ.get("GUNICORN_WORKERS", "3"))
# A print may take PRINT_TIMEOUT_SECONDS (60 s by default); the worker gets a little more.
timeout = int(float(os.environ.get("PRINT_TIMEOUT_SECONDS", "60"))) + 30
graceful_timeout = 30
# Each worker imports the app itself, so no worker is a fork of a master that
# already opened database connections or started threads; portal/wsgi.py then
# warms the worker up (core.warmup) before it accepts its first connection.
preload_app = False


def worker_exit(server, worker):
    render = sys.modules.get("printing.render")
    if render is not None:
        render.shutdown()
