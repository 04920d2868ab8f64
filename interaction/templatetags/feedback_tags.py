"""The 好差评 block a guide page carries (the template lives with the pages'
theme, the levels and addresses with this app)."""

from __future__ import annotations

from django import template

from pages.models import ServiceCenterPage

from ..models import Rating

register = template.Library()

FACES = ("😄", "🙂", "😐", "🙁", "😣")  # 非常满意 … 非常不满意


def levels() -> list[tuple[int, str, str]]:
    """(value, label, face), best first."""
    return list(zip(Rating.Level.values, Rating.Level.labels, FACES, strict=True))


@register.inclusion_tag("interaction/includes/guide_feedback.html")
def guide_feedback(guide, unit=None):
    """Five faces leading to the guide's rating page and a letter about it to its
    center (a station's guide: the station's center)."""
    center = unit if isinstance(unit, ServiceCenterPage) else getattr(unit, "center", None)
    return {"guide": guide, "levels": levels(), "center": center}
