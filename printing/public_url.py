"""The public address printed on paper (QR codes, links): PORTAL_PUBLIC_URL when
set, else the default Wagtail Site's root URL. A local address (localhost,
127.0.0.1) would send every citizen who scans a hung board nowhere, so print
leaves the QR code out and the print menu and `check --deploy` warn."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Site

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
