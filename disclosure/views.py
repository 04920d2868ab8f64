"""The public side of 依申请公开: the application form, its receipt, and tracking.

The receipt shows the tracking number and the due date (YYYY-MM-DD); the
tracking page answers to the number with the last four digits of the phone,
and shows the state of the clock, never the applicant's identity.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import Site

from core import ratelimit
from interaction.views import client_address, lookups_allowed
from pages.services.centers import center_for_slug

from .forms import ApplicationForm
from .models import DisclosureRequest
from .services import requests as cases
from .services.addresses import column_url


def unit_for(request, slug: str | None):
    """The center of the address, or the county (the site's root) without one."""
    if slug:
        return center_for_slug(request, slug)
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site.root_page.specific


def _allowed(request, phone: str) -> bool:
    per_address, window = settings.DISCLOSURE_RATE_LIMITS["address"]
    per_phone, phone_window = settings.DISCLOSURE_RATE_LIMITS["phone"]
    by_address = ratelimit.allow(
        f"disclosure:address:{client_address(request)}", per_address, window
    )
    by_phone = ratelimit.allow(f"disclosure:phone:{phone}", per_phone, phone_window)
    return by_address and by_phone


@require_http_methods(["GET", "POST"])
def apply(request, slug: str | None = None):
    unit = unit_for(request, slug)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        if not _allowed(request, data["phone"]):
            form.add_error(None, _("提交过于频繁，请稍后再试；也可以到便民服务中心当面申请。"))
        else:
            case = cases.receive(unit, channel=DisclosureRequest.Channel.ONLINE, **data)
            return render(
                request,
                "disclosure/received.html",
                {"unit": unit, "case": case, "track_url": f"{column_url(unit)}track/"},
            )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "disclosure/apply.html",
        {"unit": unit, "form": form, "column_url": column_url(unit)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def track(request, slug: str | None = None):
    unit = unit_for(request, slug)
    context: dict = {"unit": unit, "code": "", "not_found": False}
    if request.method == "POST":
        code = request.POST.get("code", "")[:40]
        digits = request.POST.get("digits", "")[:4]
        context["code"] = cases.normalise_code(code)
        if not lookups_allowed(request, "disclosure"):
            context["error"] = _("查询过于频繁，请稍后再试。")
        elif (case := cases.find(code, digits)) is None:
            context["not_found"] = True
        else:
            context.update(case=case, days_left=case.days_left(timezone.localdate()))
    return render(request, "disclosure/track.html", context)
