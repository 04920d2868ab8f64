"""The only way a print job reads anything: our own static and media files.

Editors supply the text that goes into print, so an <img src> or a CSS url()
could name file:///etc/passwd, an intranet address or ../../settings.py.
Everything is refused except `data:` images and paths under STATIC_URL or
MEDIA_URL on the print base URL, resolved inside their own directories.

The render workers run without Django, so the directories are read from the
settings in the web process (`PrintRoots.from_settings`) and sent with each job.
The URLFetcher subclass a worker hands to WeasyPrint is in weasy_fetcher.py,
so that the web process, which imports this module, never loads WeasyPrint.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

PRINT_BASE_URL = "https://print.portal.invalid/"
_BASE = urlsplit(PRINT_BASE_URL)


class RefusedURL(ValueError):
    """A print job asked for something outside our own files."""


@dataclass(frozen=True)
class PrintRoots:
    """Where print URLs may point: the static sources in finder order, then the roots."""

    static_url: str
    media_url: str
    static_sources: tuple[tuple[str, Path], ...]  # (prefix, directory), as the finders search
    static_root: Path
    media_root: Path

    @classmethod
    def from_settings(cls) -> PrintRoots:
        sources = []
        for finder in finders.get_finders():
            for storage in getattr(finder, "storages", {}).values():
                sources.append((getattr(storage, "prefix", None) or "", Path(storage.location)))
        return cls(
            static_url=settings.STATIC_URL,
            media_url=settings.MEDIA_URL,
            static_sources=tuple(sources),
            static_root=Path(settings.STATIC_ROOT),
            media_root=Path(settings.MEDIA_ROOT),
        )

    def find_static(self, relative: str) -> Path:
        """The file staticfiles would serve for `relative`, else its place in STATIC_ROOT."""
        for prefix, location in self.static_sources:
            name = relative
            if prefix:
                if not relative.startswith(f"{prefix}/"):
                    continue
                name = relative[len(prefix) + 1 :]
            candidate = location / name
            if candidate.exists():
                return candidate
        return self.static_root / relative


def resolve(url: str, roots: PrintRoots | None = None) -> Path:
    """The file a print URL names, or RefusedURL."""
    roots = roots or PrintRoots.from_settings()
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (_BASE.scheme, _BASE.netloc):
        raise RefusedURL(url)
    path = unquote(parts.path)
    if ".." in Path(path).parts or "\\" in path or "\x00" in path:
        raise RefusedURL(url)
    if path.startswith(roots.static_url):
        relative = path[len(roots.static_url) :]
        allowed = [roots.static_root, *(location for _, location in roots.static_sources)]
        return _inside(roots.find_static(relative), allowed, url)
    if path.startswith(roots.media_url):
        relative = path[len(roots.media_url) :]
        return _inside(roots.media_root / relative, [roots.media_root], url)
    raise RefusedURL(url)


def _inside(path: Path, roots: list[Path], url: str) -> Path:
    real = path.resolve()
    for root in roots:
        root = root.resolve()
        if real.is_relative_to(root) and real.is_file():
            return real
    raise RefusedURL(url)
