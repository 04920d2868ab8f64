"""网站检查 in the admin: the stored run on one screen (served from the stored result, so it
is fast whatever the site's size) and a button that runs the inspection again as a task."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale, Page

from documents.official import official_pdf_response
from editorial.services.roles import center_ids_for, is_county_admin
from pages.models import CountyHomePage

from .export import as_xlsx, status_label
from .report_pdf import report_html
from .services import report
from .tasks import run_inspection


class InspectionMenuItem(MenuItem):
    def is_shown(self, request):
        return is_county_admin(request.user) or bool(center_ids_for(request.user))


def _allowed_units(user) -> set[int] | None:
    """None: every unit (county administrators); else the centers the user works for,
    whose problems alone they see — never another township's pages."""
    if is_county_admin(user):
        return None
    units = center_ids_for(user)
    if not units:
        raise PermissionDenied
    return units


def _problems_of(item: dict, unit_id: int | None) -> list[dict]:
    return [p for p in item["problems"] if unit_id is None or p["unit_id"] == unit_id]


def screen(request):
    allowed = _allowed_units(request.user)
    run = report.latest()
    result = run.result if run else None
    unit_id = request.GET.get("unit")
    unit_id = int(unit_id) if unit_id and unit_id.isdigit() else None
    if allowed is not None and unit_id not in allowed:
        unit_id = min(allowed)  # a township's staff see their own center
    items = []
    if result:
        for item in result["items"]:
            problems = _problems_of(item, unit_id)
            items.append(
                dict(
                    item,
                    status_label=status_label(item["status"]),
                    shown=problems[:100],
                    more=max(0, len(problems) - 100),
                )
            )
    links = [
        link
        for link in (result or {}).get("broken_links", [])
        if unit_id is None or link["unit_id"] == unit_id
    ]
    worst = [
        dict(u, cells=[u.get("items", {}).get(item["code"], 0) for item in items])
        for u in (result or {}).get("worst_units", [])
    ]
    unit_name = next(
        (u["unit"] for u in (result or {}).get("worst_units", []) if u["unit_id"] == unit_id), ""
    )
    if unit_id is not None and not unit_name:
        unit_name = Page.objects.filter(pk=unit_id).values_list("title", flat=True).first() or ""
    return TemplateResponse(
        request,
        "inspection/admin/screen.html",
        {
            "run": run,
            "r": result,
            "items": items,
            "links": links,
            "unit_id": unit_id,
            "worst": worst,
            "unit_name": unit_name,
            "county_admin": allowed is None,
        },
    )


def _stored_result(request) -> dict:
    if not is_county_admin(request.user):
        raise PermissionDenied
    run = report.latest()
    if run is None:
        raise Http404
    return run.result


def report_pdf(request):
    """The monthly report of the stored run, for the county office's files."""
    result = _stored_result(request)
    home = CountyHomePage.objects.filter(locale=Locale.get_default()).first()
    html = report_html(result, home.official_name if home else "")
    filename = _("网站检查月度报告%(date)s.pdf") % {"date": result["date"]}
    return official_pdf_response(request, html, filename, public=False)


def report_xlsx(request):
    result = _stored_result(request)
    response = HttpResponse(
        as_xlsx(result),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = _("网站检查%(date)s.xlsx") % {"date": result["date"]}
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_POST
def run_now(request):
    if not is_county_admin(request.user):
        raise PermissionDenied
    run_inspection.enqueue()
    messages.success(request, _("已开始重新检查，完成后刷新本页即可看到结果。"))
    return redirect("inspection_screen")


@hooks.register("register_admin_urls")
def _urls():
    return [
        path("inspection/", screen, name="inspection_screen"),
        path("inspection/run/", run_now, name="inspection_run"),
        path("inspection/report.pdf", report_pdf, name="inspection_report_pdf"),
        path("inspection/report.xlsx", report_xlsx, name="inspection_report_xlsx"),
    ]


@hooks.register("register_admin_menu_item")
def _menu_item():
    return InspectionMenuItem(
        _("网站检查"), reverse("inspection_screen"), icon_name="tasks", order=276
    )
