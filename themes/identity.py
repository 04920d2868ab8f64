"""Visual identity per county (or province): colours, logo and fonts, shared by
the web theme and every print product, chosen with PORTAL_IDENTITY.

A province that hangs one uniform service logo in every hall (Hubei's lotus,
say) gets an identity of its own; the web pages and the PDFs change together.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Identity:
    key: str
    name: str
    brand: str  # web header band and accents
    brand_dark: str
    print_accent: str  # lettering on plates, badge bands, board titles
    logo: str  # a static file, read by the print fetcher like any other
    font_sans: str = "Noto Sans CJK SC"
    font_serif: str = "Noto Serif CJK SC"


IDENTITIES = {
    "qingshi": Identity(
        key="qingshi",
        name="青石县政务服务",
        brand="#b4231f",
        brand_dark="#8a1713",
        print_accent="#0b4f9c",
        logo="images/emblem.svg",
    ),
    "lotus": Identity(
        key="lotus",
        name="政务服务（全省统一标识）",
        brand="#0a6b4f",
        brand_dark="#064a36",
        print_accent="#0a6b4f",
        logo="images/lotus.svg",
    ),
}


def current() -> Identity:
    return IDENTITIES.get(getattr(settings, "PORTAL_IDENTITY", "qingshi"), IDENTITIES["qingshi"])
