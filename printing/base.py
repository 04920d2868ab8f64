"""What every print product is made of: the Product itself, sheet and card sizes,
and the face of a staff member as badges, desk plates and boards show it.

Its own module so that products.py, which assembles a center's whole pack,
can import the product families (plates, boards, forms, leaflets) while they
import these pieces, without the two importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from staff.images import public_rendition
from themes.identity import current

A4 = (210.0, 297.0)
BADGE = (90.0, 54.0)  # a chest badge card; ten to an A4 sheet
CROP_MARK_MM = 6.0


@dataclass(frozen=True)
class Product:
    key: str  # the file name, e.g. "window-plate-02"
    title: str  # what the print menu shows
    width_mm: float
    height_mm: float
    template: str
    context: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def filename(self) -> str:
        return f"{self.key}.pdf"

    def html(self) -> str:
        identity = current()
        return render_to_string(
            self.template, {**self.context, "product": self, "identity": identity}
        )


@dataclass(frozen=True)
class BadgeFace:
    name: str
    title: str
    window: str
    work_number: str
    office_phone: str
    photo_url: str


def _badge_face(member) -> BadgeFace:
    rendition = public_rendition(member.photo, "staff_photo") if member.photo_id else None
    photo = rendition.url if rendition else ""
    return BadgeFace(
        name=member.name,
        title=member.title,
        window=str(member.window) if member.window_id else "",
        work_number=member.work_number,
        office_phone=member.office_phone,
        photo_url=photo,
    )
