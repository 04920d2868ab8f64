"""The public page cache: how entries are keyed, what purges them, when they end.

Rendered public pages are kept in the `pages` cache alias (Redis when
CACHE_URL is set, so every app server shares the entries and the purges).
An entry records the version of every purge tag it depends on; a purge
writes a new version of the tag into the same cache, so the very next
request on any server misses. Nothing here is held in process memory.

Upper apps say what their pages show from their AppConfig.ready():
`register_model` (a snippet or model whose edits pages display) and
`register_boundary` (the next moment a page's time-based content changes:
a notice ending, a return time passing, midnight). docs/caching.md gives
the reasoning, including which requests are never cached.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_etags

CACHE_ALIAS = "pages"
TREE = "tree"  # publishing, unpublishing, moving or deleting any page
REQUEST_ATTR = "portal_page_cache"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage

# page -> whether the page shows the model (None: every page may)
Applies = Callable[[Any], bool]
# (page, now) -> the next moment the page's content changes by itself, or None
Boundary = Callable[[Any, dt.datetime], dt.datetime | None]

_model_tags: dict[str, Applies | None] = {}
_boundaries: list[Boundary] = []


def model_tag(model: type[models.Model]) -> str:
    return f"model:{model._meta.label_lower}"


def register_model(model: type[models.Model], applies: Applies | None = None) -> str:
    """Purge the pages that show `model` whenever a row is saved or deleted (or
    its many-to-many links change). Without `applies`, every page depends on it."""
    tag = model_tag(model)
    _model_tags[tag] = applies

    def changed(sender, **kwargs):
        invalidate(tag)

    uid = f"pagecache-{tag}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    for m2m in model._meta.many_to_many:
        through = m2m.remote_field.through
        m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=f"{uid}-{m2m.name}")
    return tag


def register_boundary(boundary: Boundary) -> Boundary:
    _boundaries.append(boundary)
    return boundary


def registered_tags() -> dict[str, Applies | None]:
    return dict(_model_tags)


def _cache():
    return caches[CACHE_ALIAS]


def _version_key(tag: str) -> str:
    return f"pagecache:v:{tag}"


# Changes with every purge of any tag, after the tags: an entry whose epoch is
# current needs no check of its tags one by one (one cache read per hit).
EPOCH_KEY = "pagecache:epoch"


def current_epoch() -> str:
    epoch = _cache().get(EPOCH_KEY)
    if epoch is None:
        _cache().add(EPOCH_KEY, uuid.uuid4().hex, timeout=None)
        epoch = _cache().get(EPOCH_KEY, "")
    return epoch


def invalidate(*tags: str) -> None:
    """Give each tag a new version now and again once the transaction commits: a
    request that read the old rows before the commit then cannot store them as new."""
    tags = tags or (TREE,)

    def bump() -> None:
        _cache().set_many({_version_key(tag): uuid.uuid4().hex for tag in tags}, timeout=None)
        _cache().set(EPOCH_KEY, uuid.uuid4().hex, timeout=None)

    bump()
    transaction.on_commit(bump)


def invalidate_all() -> None:
    invalidate(TREE, *_model_tags)


def tag_versions(tags: Iterable[str]) -> dict[str, str]:
    """The current version of each tag; a tag never seen (or evicted) gets a fresh one."""
    keys = {_version_key(tag): tag for tag in tags}
    found = _cache().get_many(list(keys))
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    for key, version in missing.items():
        _cache().add(key, version, timeout=None)
    if missing:
        found.update(_cache().get_many(list(missing)))
    return {tag: found.get(key, "") for key, tag in keys.items()}


def tags_for(page) -> list[str]:
    shown = [tag for tag, applies in _model_tags.items() if applies is None or applies(page)]
    return [TREE, *shown]


def expires_at(page, now: dt.datetime) -> dt.datetime:
    """The earliest boundary a page depends on, and never later than the configured lifetime."""
    moments = [now + dt.timedelta(seconds=settings.PORTAL_PAGE_CACHE_SECONDS)]
    for boundary in _boundaries:
        moment = boundary(page, now)
        if moment is not None:
            moments.append(moment)
    return min(moments)


def next_midnight(page, now: dt.datetime) -> dt.datetime:
    """Dates shown as today's (market days, notices' periods, working days) change at midnight."""
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))


def still_valid(key: str, entry: dict, epoch: str) -> bool:
    """Before its end, and no tag it depends on purged since it was stored."""
    remaining = entry["until"] - timezone.now().timestamp()
    if remaining <= 0:
        return False
    if entry["epoch"] == epoch:
        return True
    if entry["versions"] != tag_versions(entry["versions"]):
        return False
    # Another tag was purged: this entry still holds; skip the check next time.
    _cache().set(key, dict(entry, epoch=epoch), timeout=max(1, int(remaining)))
    return True


def remember_entry(
    key: str, build: Callable[[], Any], until: Callable[[dt.datetime], dt.datetime]
) -> tuple[Any, dict[str, str] | None, float]:
    """A value built from what pages show (every registered tag), kept until `until(now)`
    or the next purge: the same rules as a page, for data such as the API's board.

    Also gives the tag versions the value was built under and when it ends (None
    and 0 when nothing is kept), for a response validator over it (keep_validator)."""
    if settings.PORTAL_PAGE_CACHE_SECONDS <= 0:
        return build(), None, 0.0
    cache_key = f"pagecache:value:{key}"
    epoch = current_epoch()
    entry = _cache().get(cache_key)
    if entry is not None and still_valid(cache_key, entry, epoch):
        return entry["value"], entry["versions"], entry["until"]
    versions = tag_versions([TREE, *_model_tags])
    now = timezone.now()
    value = build()
    ends = min(until(now), now + dt.timedelta(seconds=max(settings.PORTAL_PAGE_CACHE_SECONDS, 0)))
    seconds = int((ends - now).total_seconds())
    if seconds <= 0:
        return value, None, 0.0
    entry = {"epoch": epoch, "versions": versions, "until": ends.timestamp(), "value": value}
    _cache().set(cache_key, entry, timeout=seconds)
    return value, versions, ends.timestamp()


# --- requests ----------------------------------------------------------------


def display_mode(request: HttpRequest) -> str:
    mode = request.COOKIES.get(settings.PORTAL_DISPLAY_COOKIE, "standard")
    return mode if mode in settings.PORTAL_DISPLAY_MODES else "standard"


def entry_key(request: HttpRequest) -> str:
    """One entry per address, host, scheme, language and display mode (the variants).

    The language is the path's (i18n_patterns without a prefix for Chinese): the
    middleware runs before LocaleMiddleware, so that hits skip everything after it."""
    parts = (
        request.scheme or "http",
        request.get_host(),
        request.get_full_path(),
        translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE,
        display_mode(request),
        # A new release or visual identity renders every page anew.
        settings.PORTAL_RELEASE,
        settings.PORTAL_IDENTITY,
    )
    return "pagecache:e:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def may_use_cache(request: HttpRequest) -> bool:
    """Anonymous GETs without a session or pending messages; never the admin or previews.

    A session cookie means a (possibly logged-in) editor or staff member, who must
    see their own pages, drafts and messages: they always get a fresh render."""
    return (
        settings.PORTAL_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path_info.startswith(
            (*settings.PORTAL_ADMIN_PATH_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)
        )
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and len(request.get_full_path()) <= settings.PORTAL_PAGE_CACHE_MAX_PATH
    )


def may_store(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Only a plain 200 page that set no cookie, used no CSRF token or session,
    and that no one marked private."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    if response.has_header("Vary") and "cookie" in response["Vary"].lower():
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


@dataclass
class Pending:
    """What a request that missed carries to its response: the page and the tag
    versions read before rendering."""

    page: Any = None
    key: str = ""
    epoch: str = ""
    versions: dict[str, str] = field(default_factory=dict)
    # A view's response validator (keep_validator): the versions and end of its data.
    validator_versions: dict[str, str] | None = None
    validator_until: float = 0.0


def _headers(response: HttpResponseBase, etag: str, stored: dt.datetime) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stored.timestamp())
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    patch_vary_headers(response, ("Cookie",))


class PageCacheMiddleware:
    """Serves anonymous page views from the shared cache and answers conditional GETs.

    Placed right after SecurityMiddleware (which still redirects to HTTPS): a hit
    skips everything else, and stores the headers the others set once (CSP,
    permissions policy, language). On the way out it sees the session, CSRF and
    message middleware's cookies and Vary headers, which tell a personal
    response from a public one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not may_use_cache(request):
            return self.get_response(request)
        key = entry_key(request)
        # One round trip; the epoch is read before the tags and the rows are.
        found = _cache().get_many([EPOCH_KEY, key])
        epoch = found.get(EPOCH_KEY) or current_epoch()
        entry = found.get(key)
        if entry is not None and "content" not in entry:
            # A view's validator: an unchanged poll is answered here, anything else
            # goes on to the view.
            if still_valid(key, entry, epoch):
                answer = self._not_modified(request, entry)
                if answer is not None:
                    return answer
            entry = None
        if entry is not None and still_valid(key, entry, epoch):
            return self._from_entry(request, entry)
        pending = Pending(key=key, epoch=epoch)
        setattr(request, REQUEST_ATTR, pending)
        response = self.get_response(request)
        if pending.page is not None and may_store(request, response):
            response = self._store(request, response, pending)
        elif pending.validator_versions is not None:
            self._store_validator(response, pending)
        return response

    @staticmethod
    def _not_modified(request: HttpRequest, entry: dict) -> HttpResponseBase | None:
        """304 when the poll names the stored ETag; None sends it on to the view.

        Built directly (not through a full response and Django's conditional
        handling): this answers most of a hall TV's polls, and its headers are all
        it costs. The stored headers include the CORS header the 200 had."""
        sent = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
        if entry["etag"] not in sent and "*" not in sent:
            return None
        answer = HttpResponseNotModified(headers=dict(entry["headers"]))
        answer["X-Page-Cache"] = "hit"
        return answer

    @staticmethod
    def _store_validator(response: HttpResponseBase, pending: Pending) -> None:
        """What a 304 needs (the ETag and the headers), never the body: the view's
        payload may carry a per-request part (the API's generated_at)."""
        etag = response.get("ETag")
        seconds = int(pending.validator_until - timezone.now().timestamp())
        if response.status_code not in (200, 304) or not etag or response.cookies or seconds <= 0:
            return
        skipped = {"set-cookie", "content-length", "content-type"}
        entry = {
            "epoch": pending.epoch,
            "versions": pending.validator_versions,
            "until": pending.validator_until,
            "etag": etag,
            "headers": [(k, v) for k, v in response.items() if k.lower() not in skipped],
        }
        _cache().set(pending.key, entry, timeout=seconds)

    def _from_entry(self, request: HttpRequest, entry: dict) -> HttpResponseBase:
        response = HttpResponse(entry["content"], status=200)
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        stored = dt.datetime.fromtimestamp(entry["stored"], tz=dt.UTC)
        answer = get_conditional_response(
            request, etag=entry["etag"], last_modified=int(stored.timestamp()), response=response
        )
        return answer if answer is not None else response

    def _store(
        self, request: HttpRequest, response: HttpResponseBase, pending: Pending
    ) -> HttpResponseBase:
        now = timezone.now().replace(microsecond=0)
        until = expires_at(pending.page, now)
        seconds = int((until - now).total_seconds())
        if seconds <= 0 or not isinstance(response, HttpResponse):
            return response
        content = response.content
        etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
        _headers(response, etag, now)
        kept = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
        entry = {
            "epoch": pending.epoch,
            "versions": pending.versions,
            "content": content,
            "headers": kept,
            "etag": etag,
            "stored": now.timestamp(),
            "until": until.timestamp(),
        }
        _cache().set(pending.key, entry, timeout=seconds)
        response["X-Page-Cache"] = "miss"
        if settings.PORTAL_PAGE_CACHE_PROXY_SECONDS:
            proxy_seconds = min(seconds, settings.PORTAL_PAGE_CACHE_PROXY_SECONDS)
            response["X-Accel-Expires"] = str(proxy_seconds)
        answer = get_conditional_response(
            request, etag=etag, last_modified=int(now.timestamp()), response=response
        )
        return answer if answer is not None else response


def keep_validator(request: HttpRequest, versions: dict[str, str] | None, until: float) -> None:
    """The response's ETag stays good while these tag versions hold and until `until`
    (from remember_entry): the next conditional GET is answered by the middleware
    with 304, before sessions, locale, URL resolving or the view."""
    pending = getattr(request, REQUEST_ATTR, None)
    if pending is not None and versions is not None:
        pending.validator_versions = versions
        pending.validator_until = until


def mark_page(page, request: HttpRequest) -> None:
    """Called as a page is served: the response may be stored, with these tags.

    Pages behind a view restriction (password, login, groups) are never stored."""
    pending = getattr(request, REQUEST_ATTR, None)
    if pending is None or page.get_view_restrictions().exists():
        return
    pending.page = page
    pending.versions = tag_versions(tags_for(page))
