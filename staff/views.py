"""Thin views around staff.services: my status, the director's console, the hall
display and the read-only JSON API."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import pagecache
from core.sections import SectionKind
from pages.models import NoticePage, SectionPage, ServiceCenterPage
from pages.services.centers import center_for_slug
from staff.cache_dependencies import board_valid_until
from staff.forms import StatusForm
from staff.models import StaffMember, StatusChange
from staff.services import api, ratelimit
from staff.services.whereabouts import (
    build_board,
    can_set_status,
    managed_center_ids,
    set_status,
    state_of,
)


def current_notices(center: ServiceCenterPage):
    sections = SectionPage.of_kind(center, SectionKind.NOTICES)
    notices = NoticePage.objects.none()
    for section in sections:
        notices = notices | NoticePage.objects.live().public().child_of(section)
    return notices.current().order_by("notice_end")


def _json(request, data: dict, etag: str | None = None):
    """The payload with an ETag over what it says (not when it was generated): a hall
    TV polling every few seconds gets 304 Not Modified until something changes."""
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-cache, max-age=0"
    response["Access-Control-Allow-Origin"] = "*"
    response["ETag"] = etag or api.payload_etag(data)
    answer = get_conditional_response(request, etag=response["ETag"], response=response)
    return answer if answer is not None else response


def _board(center) -> tuple[dict, str]:
    payload = api.board_payload(build_board(center))
    return payload, api.payload_etag(payload)


@require_GET
def api_whereabouts(request, slug):
    """Built once per change (core.pagecache.remember_entry: purged by status changes, ended
    at the next return time), so the polls of every hall TV cost a cache read."""
    found = {}

    def build() -> tuple[dict, str]:
        found["center"] = center_for_slug(request, slug)  # a 404 is never kept
        return _board(found["center"])

    (payload, etag), versions, until = pagecache.remember_entry(
        f"whereabouts:{request.get_host()}:{slug}:{translation.get_language()}",
        build,
        lambda now: board_valid_until(found["center"], now),
    )
    pagecache.keep_validator(request, versions, until)
    payload = dict(payload, generated_at=api.iso(timezone.now()))
    return _json(request, payload, etag)


@require_GET
def api_notices(request, slug):
    center = center_for_slug(request, slug)
    return _json(request, api.notices_payload(current_notices(center), request))


@require_GET
def hall_display(request, slug):
    """Full-screen page for the hall's TV; its script refreshes from the API."""
    center = center_for_slug(request, slug)
    return render(
        request,
        "staff/hall_display.html",
        {
            "center": center,
            "board_data": api.board_payload(build_board(center)),
            "notice_data": api.notices_payload(current_notices(center), request),
            "refresh_seconds": settings.STAFF_HALL_REFRESH_SECONDS,
            "slide_seconds": settings.STAFF_HALL_SLIDE_SECONDS,
            "time_zone": settings.TIME_ZONE,
        },
    )


def _forbidden(request, message: str):
    return HttpResponseForbidden(
        render_to_string("staff/forbidden.html", {"message": message}, request=request)
    )


@login_required
def my_status(request):
    """The phone page: tap a status, tap when you will be back."""
    member = getattr(request.user, "staff_profile", None)
    if member is not None and not member.active:
        member = None
    context = {"member": member, "managed": managed_center_ids(request.user)}
    if member is not None:
        member = StaffMember.objects.select_related("status", "center", "window").get(pk=member.pk)
        context.update(
            member=member,
            state=state_of(member, timezone.now()),
            form=StatusForm(),
            recent=StatusChange.objects.filter(member=member)[:5],
            warnings=build_board(member.center).warnings if member.can_manage_board else [],
        )
    return render(request, "staff/my_status.html", context)


@login_required
@require_POST
def set_member_status(request, pk):
    member = get_object_or_404(StaffMember.objects.select_related("center"), pk=pk, active=True)
    if not can_set_status(request.user, member):
        return _forbidden(request, _("您只能更新自己的去向；中心主任可更新本中心人员的去向。"))
    if not ratelimit.allow(request.user.pk):
        response = render(
            request,
            "staff/forbidden.html",
            {"message": _("更新过于频繁，请稍后再试。")},
            status=429,
        )
        response["Retry-After"] = str(settings.STAFF_STATUS_RATE_LIMIT[1])
        return response
    form = StatusForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        set_status(member, data["status"], by=request.user, note=data["note"], until=data["until"])
        state = state_of(
            StaffMember.objects.select_related("status").get(pk=member.pk), timezone.now()
        )
        messages.success(
            request,
            _("已更新：%(name)s — %(status)s") % {"name": member.name, "status": state.label},
        )
    else:
        for error in form.errors.values():
            messages.error(request, "；".join(error))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "staff:my_status"
    return redirect(next_url)


@login_required
def manage_board(request, slug):
    """The director's console: everyone's status, warnings, and a form per person."""
    center = center_for_slug(request, slug)
    if not (request.user.is_superuser or center.pk in managed_center_ids(request.user)):
        return _forbidden(request, _("只有本中心主任（或授权的管理人员）可以查看此页面。"))
    board = build_board(center)
    return render(
        request,
        "staff/manage_board.html",
        {
            "center": center,
            "board": board,
            "form": StatusForm(),
            "log": StatusChange.objects.filter(member__center=center).select_related("member")[:30],
        },
    )
