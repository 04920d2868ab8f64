"""Internal links of a page and whether they work, checked without the network.

Internal links (Wagtail's rich-text references, site-relative paths and absolute URLs
of our own sites) are checked in the database and the URL configuration, never over
the network: the portal's own name often resolves to an intranet address that the
external check refuses, and asking ourselves costs a page render per link.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from .links import REFERENCE_KINDS, Outcome, is_internal

logger = logging.getLogger(__name__)

__all__ = ["InternalChecker", "check_internal"]


def _missing_page() -> Outcome:
    return Outcome(False, 404, _("页面不存在或未发布"))


class InternalChecker:
    """Checks internal links against the database for one run, remembering each answer
    (many pages link to the same few targets) and loading references in bulk (prime)."""

    def __init__(self) -> None:
        self._sites = list(Site.objects.select_related("root_page"))
        self._outcomes: dict[str, Outcome] = {}
        self._pages: dict[int, tuple[bool, str]] = {}
        self._files: dict[tuple[str, int], str | None] = {}

    # Sites ------------------------------------------------------------------------------

    def _default_site(self) -> Site | None:
        for site in self._sites:
            if site.is_default_site:
                return site
        return self._sites[0] if self._sites else None

    def own_site(self, url: str) -> Site | None:
        """The site an absolute http(s) URL belongs to, if it is one of ours."""
        try:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        for site in self._sites:
            default_port = site.port in (80, 443) and port in (80, 443)
            if site.hostname.lower() == parts.hostname.lower() and (
                site.port == port or default_port
            ):
                return site
        return None

    def is_internal(self, url: str) -> bool:
        return is_internal(url) or self.own_site(url) is not None

    # Bulk loading -----------------------------------------------------------------------

    def prime(self, urls: Iterable[str]) -> None:
        """Load the pages, documents and images that `urls` refer to, one query per kind."""
        wanted: dict[str, set[int]] = {kind: set() for kind in REFERENCE_KINDS}
        for url in urls:
            kind, _sep, ref_id = url.partition(":")
            if kind in wanted and ref_id.isdigit():
                wanted[kind].add(int(ref_id))
        page_ids = wanted["page"] - set(self._pages)
        if page_ids:
            for pk, live, path in Page.objects.filter(pk__in=page_ids).values_list(
                "pk", "live", "path"
            ):
                self._pages[pk] = (live, path)
        for kind, model in (("document", get_document_model()), ("image", get_image_model())):
            ids = wanted[kind] - {pk for k, pk in self._files if k == kind}
            if not ids:
                continue
            names = dict(model.objects.filter(pk__in=ids).values_list("pk", "file"))
            for pk in ids:
                self._files[(kind, pk)] = names.get(pk)

    def _file_name(self, kind: str, pk: int) -> str | None:
        if (kind, pk) not in self._files:
            self.prime([f"{kind}:{pk}"])
        return self._files.get((kind, pk))

    # Checks -----------------------------------------------------------------------------

    def check(self, url: str) -> Outcome:
        """Never raises: a link that cannot be checked is reported, not a crashed run."""
        if url not in self._outcomes:
            try:
                self._outcomes[url] = self._check(url)
            except Exception:
                logger.exception("internal link check failed for %r", url)
                self._outcomes[url] = Outcome(False, None, _("无法检查该链接"))
        return self._outcomes[url]

    def _check(self, url: str) -> Outcome:
        kind, _sep, ref_id = url.partition(":")
        if kind in REFERENCE_KINDS and ref_id.isdigit():
            if kind == "page":
                return self._check_page_id(int(ref_id))
            return self._check_file(kind, int(ref_id))
        site = self.own_site(url)
        if site is None and not is_internal(url):
            return Outcome(False, None, _("链接地址无效"))
        try:
            path = unquote(urlsplit(url).path) or "/"
        except ValueError:
            return Outcome(False, None, _("链接地址无效"))
        return self._check_path(path, url, site or self._default_site())

    def _check_page_id(self, pk: int) -> Outcome:
        if pk not in self._pages:
            self.prime([f"page:{pk}"])
        live, path = self._pages.get(pk, (False, ""))
        if not live:
            return _missing_page()
        if not any(path.startswith(site.root_page.path) for site in self._sites):
            return Outcome(False, 404, _("页面不在网站中"))
        return Outcome(True, 200)

    def _check_file(self, kind: str, pk: int) -> Outcome:
        name = self._file_name(kind, pk)
        if name is None:
            missing = _("附件不存在") if kind == "document" else _("图片不存在")
            return Outcome(False, 404, missing)
        if not name or not default_storage.exists(name):
            lost = _("附件文件缺失") if kind == "document" else _("图片文件缺失")
            return Outcome(False, 404, lost)
        return Outcome(True, 200)

    def _check_path(self, path: str, url: str, site: Site | None) -> Outcome:
        media, static = settings.MEDIA_URL or "/media/", settings.STATIC_URL or "/static/"
        if path.startswith(media):
            name = path[len(media) :]
            if name.startswith("documents/"):
                # Never served from storage (WAGTAILDOCS_SERVE_METHOD): only /documents/<id>/.
                return Outcome(False, 404, _("附件须通过文档链接访问"))
            return self._stored_file(default_storage.exists, name)
        if path.startswith(static):
            name = path[len(static) :]
            return self._stored_file(
                lambda n: bool(finders.find(n)) or staticfiles_storage.exists(n), name
            )
        outcome = self._resolve(path, site)
        if not outcome.ok and not path.endswith("/"):
            # CommonMiddleware's APPEND_SLASH redirects "/guides/x" to "/guides/x/".
            with_slash = self._resolve(path + "/", site)
            outcome = with_slash if with_slash.ok else outcome
        if not outcome.ok and site is not None and self._redirected(url, site):
            return Outcome(True, 301)
        return outcome

    @staticmethod
    def _stored_file(exists: Callable[[str], bool], name: str) -> Outcome:
        try:
            found = bool(name) and exists(name)
        except (SuspiciousOperation, ValueError):
            return Outcome(False, None, _("链接地址无效"))
        return Outcome(True, 200) if found else Outcome(False, 404, _("文件不存在"))

    def _resolve(self, path: str, site: Site | None) -> Outcome:
        """Django's URL resolution, and Wagtail's page routing for page paths (in the
        path's language, falling back to Chinese as themes.views.serve_page does)."""
        language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
        with translation.override(language):
            try:
                match = resolve(path)
            except Resolver404:
                return _missing_page()
        if match.url_name == "wagtaildocs_serve":  # /documents/<id>/<any file name>
            document_id = match.args[0] if match.args else match.kwargs.get("document_id", "")
            return self._check_file("document", int(document_id))
        if match.url_name != "wagtail_serve":
            return Outcome(True, 200)
        page_path = match.args[0] if match.args else match.kwargs.get("path", "")
        if site is None:
            return _missing_page()
        languages = dict.fromkeys([language, settings.LANGUAGE_CODE])
        if any(self._route(site, path, page_path, lang) for lang in languages):
            return Outcome(True, 200)
        return _missing_page()

    @staticmethod
    def _route(site: Site, path: str, page_path: str, language: str) -> bool:
        request = HttpRequest()
        request.method = "GET"
        request.path = request.path_info = path
        request.META = {"SERVER_NAME": site.hostname, "SERVER_PORT": str(site.port)}
        with translation.override(language):
            root = site.root_page.localized.specific
            try:
                result = root.route(request, [c for c in page_path.split("/") if c])
            except Http404:
                return False
        return result is not None and getattr(result[0], "live", False)

    @staticmethod
    def _redirected(url: str, site: Site) -> bool:
        """A path that Wagtail's redirects (wagtail.contrib.redirects) send elsewhere."""
        old_path = Redirect.normalise_path(url)
        return Redirect.get_for_site(site).filter(old_path=old_path).exists()


def check_internal(url: str) -> Outcome:
    """One internal link (reference, site-relative path or own-site URL), without the network."""
    return InternalChecker().check(url)
