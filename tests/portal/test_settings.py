"""Settings are safe by default and production is configured from the environment."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "k8Qz-3vW9x!mN2pL7rT0yU5iO1aS4dF6gH8jK3lZ9xC2vB7nM5qW0eR",
    "ALLOWED_HOSTS": "portal.example.gov.cn",
    "DATABASE_URL": "postgres://portal:secret@127.0.0.1:5432/portal",
    "CSRF_TRUSTED_ORIGINS": "https://portal.example.gov.cn",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def _manage(*args, env):
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    env["SECRET_KEY"] = ""
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_base_settings_are_safe_by_default():
    code = (
        "import os; os.environ.pop('DJANGO_DEBUG', None);"
        "from portal.settings import base;"
        "print(base.DEBUG, base.SECRET_KEY == '', base.LANGUAGE_CODE, base.TIME_ZONE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"},
    )
    assert result.stdout.split() == ["False", "True", "zh-hans", "Asia/Shanghai"], result.stderr


def test_no_missing_migrations(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_admin_is_in_simplified_chinese(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert 'lang="zh-hans"' in html or 'lang="zh-Hans"' in html
    assert "控制面板" in html and "跳到主要内容" in html


def test_production_queues_tasks_for_the_worker_and_shares_sessions_through_redis():
    """Several app servers: no web request runs a task, and a login works on every server."""
    code = (
        "from django.conf import settings;"
        "print(settings.TASKS['default']['BACKEND'], settings.SESSION_ENGINE,"
        " settings.CACHES['default']['BACKEND'])"
    )
    result = _manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "django_tasks_db.DatabaseBackend",
        "django.contrib.sessions.backends.cached_db",
        "django.core.cache.backends.redis.RedisCache",
    ]
