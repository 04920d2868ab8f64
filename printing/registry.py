"""The print products a hall's pack is made of, contributed by whoever owns them.

A center's pack (打印制作 → the center) is the concatenation of registered
parts, in their order; a guide's own print-outs (its leaflet and forms) are
the guide parts. The printing app registers its own products in
`products.register()`; an app above it (ratings' QR posters, say) adds a part
from its AppConfig.ready() without the print menu knowing it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pages.models import CountyHomePage

from .base import Product

# part(center, brand) -> the products; brand is the county portal's short name.
PackPart = Callable[..., Iterable[Product]]
# part(center, guide) -> the guide's own products.
GuidePart = Callable[..., Iterable[Product]]


@dataclass(frozen=True)
class _Entry:
    order: int
    build: Callable[..., Iterable[Product]]


_pack: dict[str, _Entry] = {}
_guide: dict[str, _Entry] = {}


def register_pack_part(name: str, order: int, build: PackPart) -> None:
    _pack[name] = _Entry(order, build)


def register_guide_part(name: str, order: int, build: GuidePart) -> None:
    _guide[name] = _Entry(order, build)


def _ordered(entries: dict[str, _Entry]) -> list[_Entry]:
    return sorted(entries.values(), key=lambda e: e.order)


def brand_for(center) -> str:
    county = CountyHomePage.objects.ancestor_of(center).first()
    return county.title.removesuffix("网") if county else "政务服务"


def center_pack(center) -> list[Product]:
    """Everything a center's hall prints, in the order a print shop would quote it."""
    brand = brand_for(center)
    return [product for entry in _ordered(_pack) for product in entry.build(center, brand)]


def guide_products(center, guide) -> list[Product]:
    """What one guide prints on its own: its leaflet and its pre-filled forms."""
    return [product for entry in _ordered(_guide) for product in entry.build(center, guide)]
