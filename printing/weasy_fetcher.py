"""The fetcher WeasyPrint reads every URL of a print job through (see fetcher.py).

Apart from fetcher.py because it subclasses WeasyPrint's URLFetcher: only the
render forkserver and its workers import it (worker.py), so web processes and
manage.py never load WeasyPrint.
"""

from __future__ import annotations

import mimetypes

from weasyprint.urls import URLFetcher, URLFetcherResponse

from .fetcher import PrintRoots, RefusedURL, resolve


class PortalFetcher(URLFetcher):
    """Serves static and media files from disk; refuses everything else."""

    def __init__(self, roots: PrintRoots | None = None) -> None:
        super().__init__(allowed_protocols=("data", "https"))
        self.roots = roots or PrintRoots.from_settings()
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        try:
            path = resolve(url, self.roots)
        except RefusedURL:
            self.refused.append(url)
            raise
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url, path.read_bytes(), {"Content-Type": mime or "application/octet-stream"}
        )
