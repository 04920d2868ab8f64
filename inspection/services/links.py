"""The links of a page, as the national inspection counts them: reading them, not checking them.

Links are read from the page's HTML (Wagtail's rich-text references included), once
each and without their #fragment. Whether one works is decided elsewhere: internal ones
(references, site-relative paths) by internal_links, in the database and the URL
configuration; external ones by external_links, over the network. Both answer with the
Outcome defined here.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

__all__ = [
    "REFERENCE_KINDS",
    "Outcome",
    "extract",
    "host_of",
    "is_internal",
]


# Which attribute of which element points somewhere a reader's browser goes or loads.
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "link": ("href",),
}
# Not web addresses: nothing a browser fetches (data: is the content itself).
SKIPPED_SCHEMES = ("mailto:", "tel:", "sms:", "javascript:", "data:")
# Wagtail's rich-text references, checked by id in the database.
REFERENCE_KINDS = ("page", "document", "image")


@dataclass(frozen=True)
class Outcome:
    """What a reader would get from a link: it works (ok), its HTTP status if any, and
    else a short Chinese reason an editor can act on."""

    ok: bool
    status: int | None = None
    error: str = ""


# --- Finding links ---------------------------------------------------------------------


def _clean(value: str) -> str | None:
    """The address as it is checked and stored: trimmed, fragment dropped (a page with an
    anchor is still the page), and None for what is not a link to check."""
    value = value.strip()
    if not value or value.lower().startswith(SKIPPED_SCHEMES):
        return None
    value = value.split("#", 1)[0].strip()
    if not value:
        return None  # only a #fragment: a place on this very page
    if value.startswith("//"):
        return "https:" + value  # protocol-relative: the portal is served over HTTPS
    return value


def _srcset_urls(value: str) -> list[str]:
    """Addresses of a srcset ("a.png 1x, b.png 2x"), without their size descriptors."""
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def _reference(tag: Tag) -> str | None:
    """Wagtail's stored form of internal links ("page:12", "document:3", "image:5")."""
    kind = tag.get("linktype") if tag.name == "a" else tag.get("embedtype")
    if tag.name == "embed" and kind == "media":
        return None  # an embedded video: its url attribute is an ordinary address
    ref_id = tag.get("id")
    if isinstance(kind, str) and kind in REFERENCE_KINDS and isinstance(ref_id, str):
        return f"{kind}:{ref_id.strip()}" if ref_id.strip().isdigit() else None
    return None


def extract(html: str) -> list[str]:
    """Every address the HTML links to or loads, once each, in the order they appear."""
    found: dict[str, None] = {}
    for tag in BeautifulSoup(html or "", "html.parser").find_all(True):
        if not isinstance(tag, Tag):
            continue
        reference = _reference(tag)
        if reference:
            found[reference] = None
            continue
        values: list[str] = []
        for attribute in URL_ATTRIBUTES.get(tag.name, ()):
            value = tag.get(attribute)
            if isinstance(value, str):
                values += _srcset_urls(value) if attribute == "srcset" else [value]
        if tag.name == "embed" and tag.get("embedtype") == "media":
            url = tag.get("url")
            values += [url] if isinstance(url, str) else []
        for value in values:
            cleaned = _clean(value)
            if cleaned:
                found[cleaned] = None
    return list(found)


def is_internal(url: str) -> bool:
    """A reference or a site-relative path; absolute URLs of our own sites are decided by
    InternalChecker, which knows the sites."""
    if url.partition(":")[0] in REFERENCE_KINDS:
        return url.partition(":")[2].isdigit()
    return url.startswith("/") and not url.startswith("//")


def host_of(url: str) -> str:
    """The host name a request for `url` goes to (what the pacing is per)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
