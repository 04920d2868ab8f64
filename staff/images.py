"""Images on public pages and in print: bounded in pixels, resized when saved.

A PNG of a few hundred KB can declare 100 million pixels; decoding it takes
seconds and more than a gigabyte. So uploads over WAGTAILIMAGES_MAX_IMAGE_PIXELS
are refused (PortalImageForm), the renditions below are made when an image is
saved (after the commit, in the editor's request), and public pages and print
ask for them through `public_rendition`, which never touches an image over the
limit: one stored before the limit shows as no photo.
"""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm
from wagtail.images.models import SourceImageIOError

logger = logging.getLogger(__name__)

# Every rendition a public page or a print product asks for, by use. Templates
# and code name the use (`{{ member.photo|public_rendition:"staff_card" }}`).
PUBLIC_RENDITIONS = {
    # pages/includes/staff_card.html (the board), pages/organisation_page.html
    "staff_card": "fill-120x160",
    # the JSON API (staff.services.api), badges and boards (printing)
    "staff_photo": "fill-240x320",
    # base.html: the county's logo in the header
    "logo": "height-56",
}

TOO_MANY_PIXELS = _(
    "图片像素过多（%(num_pixels)s 像素），最多允许 %(max_pixels_count)s 像素。"
    "工作照和公示配图用不到这么大的图片，请缩小（例如长边不超过 4000 像素）后再上传。"
)


def max_pixels() -> int:
    return settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def within_limit(image) -> bool:
    """Whether `image` may be decoded: its stored size is known and under the limit."""
    return bool(image.width and image.height) and image.width * image.height <= max_pixels()


def public_rendition(image, use: str):
    """The rendition for `use`, or None for no image, one over the limit or a missing file.

    Renditions are made when an image is saved, so this normally only reads
    one; for an image saved before that (within the limit) it makes it once.
    """
    spec = PUBLIC_RENDITIONS[use]
    if not hasattr(image, "get_rendition") or not within_limit(image):
        return None  # no image (None, or a template's empty string), or one too big
    try:
        return image.get_rendition(spec)
    except (SourceImageIOError, OSError, ValueError):
        logger.warning("no %s rendition for image %s", spec, image.pk, exc_info=True)
        return None


def with_public_renditions(lookup: str = "photo") -> Prefetch:
    """Prefetch `lookup`'s image with its public renditions, for a list of people:
    `public_rendition` then reads them from memory instead of one query per photo."""
    images = get_image_model().objects.prefetch_renditions(*PUBLIC_RENDITIONS.values())
    return Prefetch(lookup, queryset=images)


def prepare_renditions(image_id: int) -> list[str]:
    """Make every public rendition of an image now, so no public request has to."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None or not within_limit(image):
        return []
    try:
        return list(image.get_renditions(*PUBLIC_RENDITIONS.values()))
    except Exception:  # a broken file must not fail the save; the page shows no photo
        logger.warning("could not prepare renditions of image %s", image_id, exc_info=True)
        return []


def prepare_on_save(sender, instance, **kwargs) -> None:
    """post_save of the image model: prepare its renditions once the save is committed."""
    if kwargs.get("raw"):
        return
    transaction.on_commit(partial(prepare_renditions, instance.pk))


class PortalImageForm(BaseImageForm):
    """Wagtail's image form, with a refusal in plain Chinese for too many pixels."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].error_messages["file_too_many_pixels"] = TOO_MANY_PIXELS
