"""Tests: fast hashing, in-memory cache and SQLite unless DATABASE_URL is set."""

import tempfile

from .base import *

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
MEDIA_ROOT = Path(
    os.environ.get("TEST_MEDIA_ROOT", Path(tempfile.gettempdir()) / "portal-test-media")
)
PRIVATE_MEDIA_ROOT = MEDIA_ROOT.with_name(MEDIA_ROOT.name + "-private")
STATIC_ROOT = Path(
    os.environ.get("TEST_STATIC_ROOT", Path(tempfile.gettempdir()) / "portal-test-static")
)
PRINT_CACHE_DIR = Path(tempfile.mkdtemp(prefix="portal-print-cache-"))
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}

# Serve static files straight from the apps (no collectstatic needed) and keep
# whitenoise from warning about a STATIC_ROOT that has not been collected yet.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Wagtail's own background tasks (reference index for "usage" counts, its admin
# search index, focal points) are queued and dropped: they double the cost of
# every page save and no test relies on them. Our search app indexes through
# its own service, which stays on.
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

INSPECTION_ALLOW_PRIVATE_HOSTS = True
