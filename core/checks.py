"""Deployment checks (`manage.py check --deploy`) for what a multi-worker site needs."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.checks import Tags, Warning, register

from .db import is_sqlite

LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def web_workers() -> int:
    """Worker processes the web server runs (gunicorn reads WEB_CONCURRENCY too)."""
    try:
        return int(os.environ.get("WEB_CONCURRENCY", "1"))
    except ValueError:
        return 1


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in LOCAL_CACHES:
        return [
            Warning(
                "The default cache is local to each worker process.",
                hint=(
                    "Set CACHE_URL (e.g. redis://127.0.0.1:6379/1): rate limits, the "
                    "Elasticsearch outage flag and cached pages are otherwise per worker."
                ),
                id="portal.W001",
            )
        ]
    return []


@register(Tags.database, deploy=True)
def check_sqlite_workers(app_configs, **kwargs):
    workers = web_workers()
    if is_sqlite(settings.DATABASES["default"]) and workers > 1:
        return [
            Warning(
                f"SQLite is the database and {workers} web workers are configured.",
                hint=(
                    "SQLite takes one writer at a time: writes queue behind each other. "
                    "Use PostgreSQL (DATABASE_URL) for more than one worker."
                ),
                id="portal.W002",
            )
        ]
    return []
