"""The public address printed on paper (QR codes, links): PORTAL_PUBLIC_URL when
set, else the default Wagtail Site's root URL. A local address (localhost,
127.0.0.1) would send every citizen who scans a hung board nowhere, so print
leaves the QR code out and the print menu and `check --deploy` warn."""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from wagtail.models import Site

import segno

# Hosts no citizen's phone can reach (nothing binds to them here).
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", ""}  # noqa: S104


def public_base_url() -> str:
    configured = getattr(settings, "PORTAL_PUBLIC_URL", "")
    if configured:
        return configured.rstrip("/")
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url.rstrip("/") if site else ""


def is_local(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in LOCAL_HOSTS or host.endswith(".localhost")


def public_url(page) -> str:
    """The page's address on the public host ('' while the host is local)."""
    base = public_base_url()
    parts = page.get_url_parts()
    if not parts or is_local(base):
        return ""
    return base + parts[2]


def public_address(path: str) -> str:
    """A path of this site (e.g. a reverse()d view) on the public host ('' while local)."""
    base = public_base_url()
    return "" if is_local(base) else base + path


def rating_url(window_id: int) -> str:
    """Where a window's QR code leads: its rating page (interaction), marked as scanned."""
    # By URL name: the rating pages' app sits below printing and is not imported.
    return public_address(reverse("letters:rate_window", args=[window_id]) + "?channel=qr")


def qr_data_uri(url: str) -> str:
    """An SVG QR code inline (data: URIs are the only non-file URLs print may read)."""
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _scanned_qr(url: str) -> str:
    """The QR code of a public address ('' while the host is local)."""
    return qr_data_uri(url) if url else ""


def guide_rating_qr(guide_id: int) -> str:
    """The QR code of a service's rating page (a leaflet's), '' while the host is local."""
    return _scanned_qr(
        public_address(reverse("letters:rate_guide", args=[guide_id]) + "?channel=qr")
    )


def center_rating_qr(slug: str) -> str:
    """The QR code of a center's rating page (a blank form's: the rater picks the service)."""
    return _scanned_qr(public_address(reverse("letters:rate_center", args=[slug]) + "?channel=qr"))


def rating_qr(window_id: int | None) -> str:
    """The QR code of a window's rating page, '' without a window or a public host."""
    return _scanned_qr(rating_url(window_id) if window_id else "")
