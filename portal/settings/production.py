"""Production: everything from the environment, nothing insecure by default.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL).
Optional: CSRF_TRUSTED_ORIGINS, STATIC_ROOT, MEDIA_ROOT, CACHE_URL, FRONTEND_CACHE_PURGE_URL,
FRONTEND_CACHE_CLOUDFLARE_ZONE_ID / _TOKEN, PORTAL_PAGE_CACHE_SECONDS,
ELASTICSEARCH_URL, EMAIL_URL-style SMTP settings, SECURE_SSL_REDIRECT,
TASKS_BACKEND. docs/deployment.md describes the multi-server layout.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must point at the production PostgreSQL database.")
# No default host list in production: a missing ALLOWED_HOSTS is a mistake to stop on,
# not a reason to answer for 127.0.0.1 only (or for any host).
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the portal's host names (comma-separated) for production."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Behind nginx (the production layout) the client's address is the last hop of
# X-Forwarded-For; login throttling must count that address, not nginx's.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# collectstatic pre-compresses every static file (gzip and Brotli, for
# whitenoise): about 20 s. Where nginx serves /static/ itself (the cluster
# layout, which gzips on the fly) STATIC_COMPRESS=0 keeps only the hashing.
if not env_bool("STATIC_COMPRESS", True):
    STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    }

# Print packs and Wagtail's own tasks wait in the database for
# `manage.py db_worker` (scripts/cluster.sh starts one): a web request only
# enqueues them. TASKS_BACKEND=immediate runs them inline instead.
TASKS = tasks_setting(os.environ.get("TASKS_BACKEND", "database"))

# Purging the cache in front of the app servers (wagtail.contrib.frontend_cache):
# an nginx proxy cache with the cache-purge module (docs/caching.md has the
# snippet) at FRONTEND_CACHE_PURGE_URL, and/or Cloudflare as a CDN. Wagtail
# purges a page's addresses when it is published or unpublished.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["nginx"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN", ""),
    }

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")
