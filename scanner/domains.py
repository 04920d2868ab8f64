"""Which hosts a county page may name: government ones, the allow-list, and the
rest scored by how spam-like they look (.vip, 3658.com, bare IP addresses)."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings

from .patterns import DEFAULT_ALLOWED_DOMAINS, IP_HOST, SUSPICIOUS_TLDS


def allowed_domains() -> tuple[str, ...]:
    """The built-in list plus settings.SCANNER_ALLOWED_DOMAINS (suffixes: "ccb.com")."""
    extra = getattr(settings, "SCANNER_ALLOWED_DOMAINS", ())
    return DEFAULT_ALLOWED_DOMAINS + tuple(d.lower().strip().lstrip(".") for d in extra)


def host_of(url: str) -> str:
    url = url.strip().lower()
    if not url or url.startswith(("mailto:", "tel:", "#", "/", "?", "javascript:")):
        return ""
    if "://" not in url:
        url = "http://" + url
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""


def is_allowed(host: str, allowed: Iterable[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in allowed)


def suspicion(host: str) -> tuple[int, str]:
    """A non-government host's own weight (5 = enough alone), with the reason why."""
    labels = host.split(".")
    if IP_HOST.match(host):
        return 5, "（以 IP 地址访问）"
    if labels[-1] in SUSPICIOUS_TLDS:
        return 5, f"（可疑域名后缀 .{labels[-1]}）"
    generic = len(labels) >= 3 and labels[-2] in ("com", "net", "org")
    name = labels[-3] if generic else labels[-2] if len(labels) >= 2 else host
    if sum(c.isdigit() for c in name) >= 3:
        return 4, "（域名含多位数字）"
    return 2, ""
