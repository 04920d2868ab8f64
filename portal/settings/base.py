"""Settings shared by every environment.

Safe by default: DEBUG is off, the secret key and hosts come from the
environment, and the embedded SQLite database is used only when DATABASE_URL
is not set. dev.py and test.py loosen what they must; production.py tightens.
"""

import os
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from core.db import tune_sqlite

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps come first so that their templates (themes/) win.
    "core",
    "themes",
    "search",
    "scanner",
    "pages",
    "staff",
    "editorial",
    "printing",
    "documents",
    "interaction",
    "disclosure",
    "inspection",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Not for its template tags: Wagtail's admin calls its naturaltime ("3 分钟前"),
    # whose Chinese lives in this app's catalogue.
    "django.contrib.humanize",
    "axes",
    "csp",
    # The task queue's table (django-tasks-db): print packs and Wagtail's own tasks
    # wait there for `manage.py db_worker`, which runs them outside any web request.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A hit skips all that follows; a miss sees every cookie they set (core.pagecache).
    "core.pagecache.PageCacheMiddleware",
    "core.middleware.PortalCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.middleware.SpreadsheetFormulaGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "editorial.po_upload.PoUploadGuardMiddleware",
    # Last, as django-axes requires: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "themes.context_processors.display_preferences",
                "themes.context_processors.visual_identity",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite (the embedded default) gets WAL, a busy timeout and IMMEDIATE
# transactions so that concurrent writers queue instead of failing.
DATABASES = {
    "default": tune_sqlite(
        dj_database_url.config(
            default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords a
# username is locked, and so is the address they came from, for the cool-off
# period; county administrators unlock early in 设置 → 登录锁定.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_LOCKOUT_HOURS", "0.25"))  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # shared by every worker
AXES_VERBOSE = False
# Behind nginx the client address is the last hop it adds (see production.py).
AXES_IPWARE_PROXY_COUNT = None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: the public site, the admin and every message default to
# Simplified Chinese; times are Beijing time.
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]


def content_languages(value: str) -> list[tuple[str, str]]:
    """Parse "en:English,ii:ꆈꌠꉙ" into Django's (code, name) pairs, Chinese first."""
    pairs = [("zh-hans", "简体中文")]
    for item in value.split(","):
        code, _sep, name = item.strip().partition(":")
        code = code.strip().lower()
        if code and code != "zh-hans" and code not in dict(pairs):
            pairs.append((code, name.strip() or code))
    return pairs


# Simplified Chinese is the source language; translations (wagtail-localize)
# are offered in the languages listed here. Adding one (e.g. a minority
# language a region needs) is this setting plus a Locale row, which
# `manage.py load_demo` or the admin's 语言区域 screen creates.
LANGUAGES = content_languages(os.environ.get("PORTAL_TRANSLATION_LANGUAGES", "en:English"))
WAGTAIL_I18N_ENABLED = True
# No autosave: it writes revisions while a page is under review (the approval gate
# reads the latest one), and its 已保存 ✓ stood beside 八公开 validation failures.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]
# No avatars fetched from gravatar.com: the admin must work on a closed government network.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Files only staff may see (the pictures citizens attach to letters): outside
# MEDIA_ROOT, never served by the web server, read through a scoped admin view.
# On several app servers this is shared storage too.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# "pages" holds the public page cache (core.pagecache, docs/caching.md) and its
# purges, so it is never local to a process: files shared by the workers of one
# machine, or with CACHE_URL (Redis) shared by every app server.
CACHES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "page-cache")),
        "OPTIONS": {"MAX_ENTRIES": 10000},
    },
}
if os.environ.get("CACHE_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
    }
    # With several app servers the cache is the one place they all see: sessions
    # are read from it (and kept in the database too, so a Redis restart logs
    # nobody out), as are the rate limits (staff.services.ratelimit).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
        "KEY_PREFIX": "pages",
    }
# A page is re-rendered at the latest after this long, and earlier at the next
# boundary its content depends on (midnight, a notice's end, a return time); 0: no page cache.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "3600"))
# Part of every page's cache key: set it per deployment (e.g. the git revision) so
# that new templates never meet pages cached by the old ones; or run
# `manage.py purge_page_cache` after deploying.
PORTAL_RELEASE = os.environ.get("PORTAL_RELEASE", "")
# Longer addresses (query strings) are rendered each time: they cannot flood the cache.
PORTAL_PAGE_CACHE_MAX_PATH = 512
# How long nginx may keep a page itself (X-Accel-Expires); 0 leaves every page to
# the shared cache above, whose purges are instant (docs/caching.md).
PORTAL_PAGE_CACHE_PROXY_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_PROXY_SECONDS", "0"))

# Background tasks (django-tasks): Wagtail's own (reference index, image focal
# points) and ours (print packs, printing.tasks). "immediate" runs them inside the
# request, which suits one developer's machine; "database" queues them in the
# database for `manage.py db_worker` (django-tasks-db), the production layout,
# so that no web request does minutes of work.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_setting(kind: str) -> dict:
    """Django's TASKS for TASKS_BACKEND=immediate or database."""
    return {"default": {"BACKEND": TASK_BACKENDS[kind]}}


TASKS = tasks_setting(os.environ.get("TASKS_BACKEND", "immediate"))

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "县政务服务门户")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ods", "odt", "txt", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Read by the search/ app once it lands; kept here so operators set it in one place.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "portal")  # an alias over versions
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "3"))
# After a failed call, publishing and search skip Elasticsearch this long.
ELASTICSEARCH_RETRY_SECONDS = int(os.environ.get("ELASTICSEARCH_RETRY_SECONDS", "30"))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): public pages run only the portal's own
# script files — no inline script, no other origin. Inline styles stay allowed
# (the identity colours are one inline rule) so pages remain cacheable without
# nonces. The admin gets what Wagtail needs on top (core.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
PORTAL_ADMIN_PATH_PREFIXES = ("/admin/",)
PORTAL_ADMIN_CSP_ADDITIONS = {
    "script-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],
    "frame-src": [SELF],
}
# Features no page of the portal uses are switched off for every page.
# Geolocation stays available to the portal itself ("near me" for citizens).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": ["self"],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# Staff whereabouts (staff/): the phone login, the hall display and limits.
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:my_status"
STAFF_DAY_END = os.environ.get("STAFF_DAY_END", "17:30")  # "今天下班前"
STAFF_STATUS_RATE_LIMIT = (30, 600)  # changes per user per 10 minutes
# Letters from citizens (interaction): working days to answer, by kind; how
# often one address or one mobile may write; how the citizen is told of the reply.
LETTER_WORKING_DAYS = {"consult": 5, "help": 5, "suggestion": 15, "complaint": 15, "error": 3}
LETTER_RATE_LIMITS = {"address": (5, 3600), "mobile": (3, 86400)}
LETTER_NOTIFIER = "interaction.services.letters.log_notifier"
# 政府信息公开申请 (disclosure): online applications per address an hour, per phone a day.
DISCLOSURE_RATE_LIMITS = {"address": (5, 3600), "phone": (5, 86400)}
# The annual report is due by this day of the next year (条例第五十条: 1月31日); the
# dashboard warns from 1 January until the report is published.
DISCLOSURE_REPORT_DUE = (1, 31)
LETTER_IMAGE_MAX_BYTES = 5 * 1024 * 1024  # each of up to 3 pictures (JPEG or PNG)
# 好差评: working days to call a bad rating's author back, and to put it right.
RATING_VISIT_WORKING_DAYS = 1
RATING_RECTIFY_WORKING_DAYS = 15
RATING_RATE_LIMIT = (30, 600)  # ratings per address per 10 minutes (a hall tablet rates often)
STAFF_HALL_REFRESH_SECONDS = 10
STAFF_HALL_SLIDE_SECONDS = 15

PORTAL_DISPLAY_COOKIE = "portal_display"
PORTAL_DISPLAY_MODES = {"standard": _("标准模式"), "elder": _("长辈模式")}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Printing (printing): WeasyPrint runs in a child process with
# these limits; rendered PDFs are cached by content version.
PRINT_TIMEOUT_SECONDS = float(os.environ.get("PRINT_TIMEOUT_SECONDS", "60"))
PRINT_MEMORY_MB = int(os.environ.get("PRINT_MEMORY_MB", "1024"))
PRINT_WORKERS = int(os.environ.get("PRINT_WORKERS", "2"))  # renders in parallel for a pack
PRINT_CACHE_DIR = Path(os.environ.get("PRINT_CACHE_DIR", BASE_DIR / "var" / "print-cache"))

# Visual identity (themes.identity): colours, logo and fonts for web and print.
PORTAL_IDENTITY = os.environ.get("PORTAL_IDENTITY", "qingshi")
PORTAL_PUBLIC_URL = os.environ.get("PORTAL_PUBLIC_URL", "")  # printed QR codes and links

# Requests a new web process makes to itself before serving (core.warmup).
PORTAL_WARM_UP_PATHS = ["/", "/search/?q=%E4%BD%8E%E4%BF%9D", "/catalogue/"]

# --- Per-center isolation (editorial/, documents/services/access.py) ---
# Documents are always served through Wagtail's view, where the
# before_serve_document hook keeps unpublished uploads private; never by a
# redirect to (or a link straight at) the storage URL, which would bypass it.
# The web server must therefore not serve MEDIA_ROOT/documents/ itself.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# A submitted translation starts as a draft; editorial.views publishes it at
# once only for those who may publish the page (wagtail-localize would
# otherwise copy the source's live status for anyone who submits).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- Huge images (staff.images) -----------------------------------------------
# 40 Mpx takes the photos editors bring (phones save 12 Mpx by default,
# cameras 24-33 Mpx) while one decode stays within 120-160 MB; a portrait
# needs 240×320 and a notice picture ~800 px wide. Bigger files are refused
# on upload with a request to shrink them.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "staff.images.PortalImageForm"

# 网站检查: the link checker refuses links to private and loopback addresses (SSRF);
# development and tests allow them so that a local server can stand in for the web.
INSPECTION_ALLOW_PRIVATE_HOSTS = False
