"""The only way a print job reads anything: our own static and media files.

Editors supply the text that goes into print, so an <img src> or a CSS url()
could name file:///etc/passwd, an intranet address or ../../settings.py.
Everything is refused except `data:` images and paths under STATIC_URL or
MEDIA_URL on the print base URL, resolved inside their own directories.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

from weasyprint.urls import URLFetcher, URLFetcherResponse

PRINT_BASE_URL = "https://print.portal.invalid/"
_BASE = urlsplit(PRINT_BASE_URL)


class RefusedURL(ValueError):
    """A print job asked for something outside our own files."""


class PortalFetcher(URLFetcher):
    """Serves static and media files from disk; refuses everything else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data", "https"))
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        try:
            path = resolve(url)
        except RefusedURL:
            self.refused.append(url)
            raise
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url, path.read_bytes(), {"Content-Type": mime or "application/octet-stream"}
        )


def resolve(url: str) -> Path:
    """The file a print URL names, or RefusedURL."""
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (_BASE.scheme, _BASE.netloc):
        raise RefusedURL(url)
    path = unquote(parts.path)
    if ".." in Path(path).parts or "\\" in path or "\x00" in path:
        raise RefusedURL(url)
    if path.startswith(settings.STATIC_URL):
        relative = path[len(settings.STATIC_URL) :]
        found = finders.find(relative)
        root_file = Path(found) if found else Path(settings.STATIC_ROOT) / relative
        return _inside(root_file, _static_roots(), url)
    if path.startswith(settings.MEDIA_URL):
        relative = path[len(settings.MEDIA_URL) :]
        return _inside(Path(settings.MEDIA_ROOT) / relative, [Path(settings.MEDIA_ROOT)], url)
    raise RefusedURL(url)


def _static_roots() -> list[Path]:
    """STATIC_ROOT and every directory the staticfiles finders serve from."""
    roots = [Path(settings.STATIC_ROOT)]
    for finder in finders.get_finders():
        roots += [Path(s.location) for s in getattr(finder, "storages", {}).values()]
    return roots


def _inside(path: Path, roots: list[Path], url: str) -> Path:
    real = path.resolve()
    for root in roots:
        root = root.resolve()
        if real.is_relative_to(root) and real.is_file():
            return real
    raise RefusedURL(url)
