"""What every print product is made of: the Product itself, sheet and card sizes,
and the face of a staff member as badges, desk plates and boards show it.

Its own module so that products.py, which assembles a center's whole pack,
can import the product families (plates, boards, forms, leaflets) while they
import these pieces, without the two importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.translation import gettext

from staff.images import public_rendition
from themes.identity import current

from .public_url import rating_qr

A4 = (210.0, 297.0)
BADGE = (90.0, 54.0)  # a chest badge card; ten to an A4 sheet
CROP_MARK_MM = 6.0


@dataclass(frozen=True)
class SheetSize:
    """A sheet as the PDF has it, width first: the one place its label comes from,
    so the print menu, the title and the PDF's own page never disagree."""

    width_mm: float
    height_mm: float

    @property
    def orientation(self) -> str:
        if self.width_mm > self.height_mm:
            return gettext("横")
        if self.width_mm < self.height_mm:
            return gettext("竖")
        return gettext("方")

    @property
    def label(self) -> str:
        """E.g. "400 × 200 mm（横）": width × height of the PDF page, then its orientation."""
        return gettext("%(width)s × %(height)s mm（%(orientation)s）") % {
            "width": f"{self.width_mm:g}",
            "height": f"{self.height_mm:g}",
            "orientation": self.orientation,
        }

    @property
    def css(self) -> str:
        """The value of `@page { size: … }`."""
        return f"{self.width_mm:g}mm {self.height_mm:g}mm"


@dataclass(frozen=True)
class Product:
    key: str  # the file name, e.g. "window-plate-02"
    title: str  # what it is, e.g. "2号窗口吊牌"; the size is added by `caption`
    width_mm: float
    height_mm: float
    template: str
    context: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def filename(self) -> str:
        return f"{self.key}.pdf"

    @property
    def size(self) -> SheetSize:
        return SheetSize(self.width_mm, self.height_mm)

    @property
    def caption(self) -> str:
        """What the print menu and the PDF's title show: the title and the sheet's size."""
        return gettext("%(title)s · %(size)s") % {"title": self.title, "size": self.size.label}

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
    rating_qr: str = ""  # to the window's rating page (好差评), when the host is public


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
        rating_qr=rating_qr(member.window_id),
    )
