"""Finding a center from a public address: `/<center slug>/…` views of several apps
(whereabouts, letters, ratings, their APIs) answer for the same centers."""

from __future__ import annotations

from django.http import Http404

from wagtail.models import Locale, Site

from pages.models import ServiceCenterPage, ServiceGuidePage


def center_for_slug(request, slug: str) -> ServiceCenterPage:
    """A live, public center of this request's site, in the default locale."""
    site = Site.find_for_request(request)
    centers = (
        ServiceCenterPage.objects.live().public().filter(slug=slug, locale=Locale.get_default())
    )
    if site is not None:
        centers = centers.descendant_of(site.root_page)
    center = centers.first()
    if center is None:
        raise Http404("no such center")
    return center


def services_of(unit):
    """The live, public guides under a center (or the county), in its locale, by title:
    what a citizen may name as the service a letter or a rating is about."""
    return (
        ServiceGuidePage.objects.live()
        .public()
        .descendant_of(unit)
        .filter(locale_id=unit.locale_id)
        .order_by("title")
    )
