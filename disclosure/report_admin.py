"""The annual report in the admin: the home page warns from 1 January until last year's
report is published, and one button generates (or recounts) the draft."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from editorial.services.roles import center_ids_for, is_county_admin

from .models import AnnualReportIndexPage, AnnualReportPage
from .services import annual_report, officers


def _units(user) -> list[Page]:
    """The units whose report the user answers for: their centers; the county's for the
    county administrators; the units they handle requests for."""
    ids = set(center_ids_for(user)) | officers.unit_ids_for(user)
    units = list(Page.objects.filter(pk__in=ids).order_by("path"))
    if is_county_admin(user):
        home = Page.objects.filter(depth=2).order_by("path").first()
        if home is not None and home.pk not in ids:
            units.insert(0, home)
    return units


def _index_of(unit: Page) -> AnnualReportIndexPage | None:
    return AnnualReportIndexPage.objects.descendant_of(unit).filter(depth=unit.depth + 2).first()


def _may_generate(user, unit: Page) -> bool:
    index = _index_of(unit)
    return index is not None and index.permissions_for_user(user).can_add_subpage()


def warnings(user, today: dt.date | None = None) -> list[dict]:
    today = today or timezone.localdate()
    rows = []
    for unit, year in annual_report.missing_reports(_units(user), today):
        index = _index_of(unit)
        draft = (
            AnnualReportPage.objects.child_of(index).filter(year=year).first() if index else None
        )
        due = annual_report.report_due(year)
        rows.append(
            {
                "unit": unit, "year": year, "due": due, "late": (today - due).days,
                "draft_url": reverse("wagtailadmin_pages:edit", args=[draft.pk]) if draft else "",
                "can_generate": _may_generate(user, unit),
            }
        )  # fmt: skip
    return rows


class ReportPanel(Component):
    name = "disclosure_annual_report"
    order = 60  # near the top: a statutory deadline
    template_name = "disclosure/admin/report_panel.html"

    def __init__(self, rows: list[dict]) -> None:
        self.rows = rows

    def get_context_data(self, parent_context=None):
        return {
            "rows": self.rows,
            "title": gettext_lazy("政府信息公开工作年度报告"),
            "action": reverse("disclosure_generate_report"),
        }


@require_POST
def generate(request):
    unit = get_object_or_404(Page, pk=request.POST.get("unit"))
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = timezone.localdate().year - 1
    if not 2008 <= year <= timezone.localdate().year:  # the 条例 took effect in 2008
        raise PermissionDenied
    if not _may_generate(request.user, unit):
        raise PermissionDenied
    page = annual_report.generate_draft(unit, year, user=request.user)
    messages.success(
        request,
        _("已按{year}年的申请和文件数据生成年度报告草稿，请补充“【待填写】”的内容后发布。").format(
            year=year
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("register_admin_urls")
def _urls():
    return [path("disclosure/annual-report/generate/", generate, name="disclosure_generate_report")]


@hooks.register("construct_homepage_panels")
def _report_panel(request, panels):
    if rows := warnings(request.user):
        panels.append(ReportPanel(rows))
