"""Service guide leaflets (办事指南), A4, per item or per window, with a QR code
to the online guide so the citizen can check for changes before coming back."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from .base import A4, Product
from .public_url import guide_rating_qr, public_url, qr_data_uri

__all__ = ["guide_leaflet", "qr_data_uri", "window_leaflet", "window_leaflets"]


@dataclass(frozen=True)
class LeafletItem:
    guide: object
    url: str
    qr: str
    consultation_phone: str
    complaint_phone: str
    rating_qr: str = ""  # to the service's rating page (好差评)


def _item(guide) -> LeafletItem:
    url = public_url(guide)
    consultation, complaint = guide.effective_phones()
    return LeafletItem(
        guide,
        url,
        qr_data_uri(url) if url else "",
        consultation,
        complaint,
        guide_rating_qr(guide.pk) if url else "",
    )


def guide_leaflet(center, guide) -> Product:
    return Product(
        key=f"leaflet-{guide.slug}",
        title=gettext("办事指南单页 · %(guide)s") % {"guide": guide.title},
        width_mm=A4[0],
        height_mm=A4[1],
        template="print/leaflet.html",
        context={"center": center, "items": [_item(guide)]},
    )


def window_leaflet(center, window, guides) -> Product:
    """Every item of one window, one after another, for the counter."""
    return Product(
        key=f"leaflet-window-{window.number:02d}",
        title=gettext("%(number)s号窗口办事指南（%(count)s 项）")
        % {"number": window.number, "count": len(guides)},
        width_mm=A4[0],
        height_mm=A4[1],
        template="print/leaflet.html",
        context={"center": center, "items": [_item(g) for g in guides], "window": window},
    )


def window_leaflets(center, guides) -> list[Product]:
    by_window: dict = {}
    for guide in guides:
        if guide.window_id:
            by_window.setdefault(guide.window, []).append(guide)
    return [
        window_leaflet(center, w, gs)
        for w, gs in sorted(by_window.items(), key=lambda kv: kv[0].number)
    ]
