"""好差评 pages: the counter tablet of a window, a service's rating page (reached from
the guide and from the QR codes on print products), and the public results."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import ratelimit
from pages.models import ServiceCenterPage, ServiceGuidePage, ServiceWindow
from pages.routing import nearest
from pages.services.centers import center_for_slug, services_of

from .forms import mobile_number
from .models import Rating
from .services import ratings
from .templatetags.feedback_tags import levels as rating_levels
from .views import client_address, lookups_allowed


def _channel(request, default: str) -> str:
    channel = request.GET.get("channel") or request.POST.get("channel") or default
    return channel if channel in Rating.Channel.values else default


def _level(data) -> int:
    """The level asked for, 0 when there is none or it is not one of the five."""
    value = data.get("level", "")
    return int(value) if value.isdecimal() and int(value) in Rating.Level.values else 0


def _rate(request, *, center, default_channel, guide=None, window=None, tablet=False,
          services=None):  # fmt: skip
    """`services`: the guides a rater may pick one of (a center's page, where the
    service is not known beforehand); the pick travels with every step."""
    channel = _channel(request, default_channel)
    if services is not None:
        picked = (request.POST if request.method == "POST" else request.GET).get("guide", "")
        guide = services.filter(pk=picked).first() if picked.isdecimal() else None
    context = {
        "center": center, "guide": guide, "window": window, "tablet": tablet,
        "channel": channel, "levels": rating_levels(), "reasons": Rating.REASONS,
        "services": services,
    }  # fmt: skip
    if request.method == "GET" and (level := _level(request.GET)):
        # Chosen on the guide page: a bad one asks why, a good one is confirmed.
        label = Rating.Level(level).label
        context.update(level=level, label=label, asking=level <= Rating.Level.BAD, confirming=True)
    if request.method == "POST":
        level = _level(request.POST)
        if not level:
            context["error"] = _("请选择一个评价。")
            return render(request, "interaction/rate.html", context, status=400)
        reason = request.POST.get("reason", "")
        phone = request.POST.get("phone", "").strip()[:20]
        if level <= Rating.Level.BAD and reason not in dict(Rating.REASONS):
            # A bad rating asks why before it is recorded.
            context.update(level=level, label=Rating.Level(level).label, asking=True)
            if "reason" in request.POST:
                context["error"] = _("请选择不满意的原因。")
            return render(request, "interaction/rate.html", context)
        if phone:
            try:
                phone = mobile_number(phone)
            except ValidationError:
                context.update(level=level, label=Rating.Level(level).label, asking=True)
                context["error"] = _("请填写11位手机号码，或者不填。")
                return render(request, "interaction/rate.html", context, status=400)
        limit, window_seconds = settings.RATING_RATE_LIMIT
        if not ratelimit.allow(f"ratings:{client_address(request)}", limit, window_seconds):
            context["error"] = _("评价过于频繁，请稍后再试。")
            return render(request, "interaction/rate.html", context, status=429)
        rating = ratings.rate(
            center, level=level, channel=channel, guide=guide, window=window,
            reason=reason if level <= Rating.Level.BAD else "",
            reason_text=request.POST.get("reason_text", "").strip()[:300], phone=phone,
        )  # fmt: skip
        context.update(done=rating, follow_up=getattr(rating, "follow_up", None))
    return render(request, "interaction/rate.html", context)


@require_http_methods(["GET", "POST"])
def rate_window(request, window_id: int):
    """The tablet on a window's counter (and the window plate's QR code)."""
    window = get_object_or_404(ServiceWindow.objects.select_related("unit"), pk=window_id)
    center = nearest(window.unit, ServiceCenterPage, inclusive=True)
    if center is None or not center.live:
        raise Http404
    return _rate(request, center=center, window=window, default_channel="onsite", tablet=True)


@require_http_methods(["GET", "POST"])
def rate_guide(request, guide_id: int):
    """A service's rating page: from its guide online, or a leaflet's QR code."""
    guide = get_object_or_404(ServiceGuidePage.objects.live().public(), pk=guide_id)
    center = nearest(guide, ServiceCenterPage)
    if center is None:
        raise Http404
    window = guide.window if guide.window_id else None
    return _rate(request, center=center, guide=guide, window=window, default_channel="online")


@require_http_methods(["GET", "POST"])
def rate_center(request, slug: str):
    """A center's rating page, for the QR code of a blank 受理告知书 (the service is
    written on it by hand, so the rater picks it, or not)."""
    center = center_for_slug(request, slug)
    return _rate(request, center=center, default_channel="qr", services=services_of(center))


def results(request, slug: str):
    center = center_for_slug(request, slug)
    rated = Rating.objects.filter(center=center)
    months = ratings.monthly(rated)[:12]
    levels = list(zip(Rating.Level.values, Rating.Level.labels, strict=True))
    windows = ratings.per_window(rated, months[0].month) if months else []
    return render(
        request,
        "interaction/ratings.html",
        {"unit": center, "months": months, "levels": levels, "windows": windows},
    )


@require_http_methods(["GET", "POST"])
def track_case(request):
    """The rater of a bad rating reads what was done about it."""
    context: dict = {}
    if request.method == "POST":
        if not lookups_allowed(request, "ratings"):
            context["error"] = _("查询过于频繁，请稍后再试。")
        elif (case := ratings.find_case(request.POST.get("code", "")[:40])) is None:
            context["not_found"] = True
        else:
            context["case"] = case
    return render(request, "interaction/rating_case.html", context)
