"""`{{ image|public_rendition:"staff_card" }}`: a prepared rendition or None (see staff.images)."""

from django import template

from staff import images

register = template.Library()


@register.filter
def public_rendition(image, use: str):
    return images.public_rendition(image, use)
