"""Admin: the 内容健康度 (content freshness) page and its summary on the admin home.

Each person sees the centers they work on (the county sees all), so an
editor learns what to update next without the inspectors telling them.
"""

from __future__ import annotations

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from pages.models import ServiceCenterPage

from .freshness import STALE_AFTER_DAYS, CenterFreshness, freshness_report, summary_text
from .services.roles import center_ids_for, is_county_admin

# Panels that apps above this one show at the top of the freshness dashboard
# (e.g. citizens' letters waiting for an answer): each a callable taking the
# user and returning a Wagtail Component, or None when it has nothing for them.
_DASHBOARD_PANELS: list = []


def register_dashboard_panel(factory) -> None:
    if factory not in _DASHBOARD_PANELS:
        _DASHBOARD_PANELS.append(factory)


def _panels(user) -> list:
    return [panel for factory in _DASHBOARD_PANELS if (panel := factory(user)) is not None]


def visible_centers(user):
    """Default-locale centers whose report `user` may read: all for the county, else their own."""
    centers = ServiceCenterPage.objects.filter(locale=Locale.get_default()).order_by("path")
    if is_county_admin(user):
        return centers
    return centers.filter(pk__in=center_ids_for(user))


def _context(reports: list[CenterFreshness], single: bool) -> dict:
    return {
        "reports": reports,
        "single": single,
        "limits": STALE_AFTER_DAYS,
    }


def freshness_index(request):
    reports = [freshness_report(c) for c in visible_centers(request.user)]
    context = {**_context(reports, single=False), "panels": _panels(request.user)}
    return TemplateResponse(request, "editorial/freshness.html", context)


def freshness_center(request, center_id: int):
    """One center's report; another center's is as good as nonexistent (404)."""
    center = visible_centers(request.user).filter(pk=center_id).first()
    if center is None:
        raise Http404
    report = freshness_report(center)
    return TemplateResponse(request, "editorial/freshness.html", _context([report], single=True))


class FreshnessPanel(Component):
    """One line per center on the admin home page, each linking to its full report."""

    name = "freshness"
    order = 90
    template_name = "editorial/freshness_panel.html"

    def __init__(self, reports: list[CenterFreshness]):
        self.reports = reports

    def get_context_data(self, parent_context=None):
        return {
            "lines": [
                {
                    "url": reverse("editorial_freshness_center", args=[r.center_id]),
                    "text": summary_text(r),
                    "problems": r.problem_count,
                }
                for r in self.reports
            ],
            "index_url": reverse("editorial_freshness"),
        }


@hooks.register("construct_homepage_panels")
def add_freshness_panel(request, panels):
    reports = [freshness_report(c) for c in visible_centers(request.user)]
    if reports:
        panels.append(FreshnessPanel(reports))


@hooks.register("register_admin_urls")
def freshness_urls():
    return [
        path("freshness/", freshness_index, name="editorial_freshness"),
        path("freshness/<int:center_id>/", freshness_center, name="editorial_freshness_center"),
    ]


@hooks.register("register_admin_menu_item")
def freshness_menu_item():
    return MenuItem(_("内容健康度"), reverse("editorial_freshness"), icon_name="time", order=275)
