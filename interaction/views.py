"""The public side of letters: writing, tracking by 查询码, the archive, and
我为政府网站找错 (an error report is a letter of its own kind, answered the same way)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import Page, Site

from axes.helpers import get_client_ip_address

from core import ratelimit
from pages.models import ServiceCenterPage
from pages.routing import nearest
from pages.services.centers import center_for_slug

from .forms import ErrorReportForm, LetterForm
from .models import Letter, LetterImage
from .services import letters

ARCHIVE_PAGE = 20


def _home(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site.root_page.specific


def client_address(request) -> str:
    """The address rate limits count by (behind nginx: as django-axes reads it)."""
    return get_client_ip_address(request) or "unknown"


def lookups_allowed(request, scope: str) -> bool:
    """Tracking pages answer by a code: 20 look-ups an hour per address keep guessing slow."""
    return ratelimit.allow(f"{scope}:track:{client_address(request)}", 20, 3600)


def _allowed(request, mobile: str) -> bool:
    """Both limits counted: one address writing for many, one mobile from many (an
    error report without a number counts against its address only)."""
    (per_address, address_window), (per_mobile, mobile_window) = (
        settings.LETTER_RATE_LIMITS["address"],
        settings.LETTER_RATE_LIMITS["mobile"],
    )
    address = client_address(request)
    by_address = ratelimit.allow(f"letters:address:{address}", per_address, address_window)
    by_mobile = not mobile or ratelimit.allow(f"letters:mobile:{mobile}", per_mobile, mobile_window)
    return by_address and by_mobile


@require_http_methods(["GET", "POST"])
def write(request, slug: str | None = None):
    unit = center_for_slug(request, slug) if slug else _home(request)
    form = LetterForm(
        request.POST or None,
        request.FILES or None,
        unit=unit,
        initial={"guide": guide} if (guide := request.GET.get("guide", "")[:12]).isdigit() else {},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not _allowed(request, data["mobile"]):
            form.add_error(None, _("提交过于频繁，请稍后再试；急事请直接拨打中心电话。"))
        else:
            fields = ("kind", "guide", "subject", "body", "name", "mobile", "public")
            with transaction.atomic():  # the letter with all its pictures, or nothing
                letter = letters.receive(unit, **{k: data[k] for k in fields})
                for upload, content_type in form.images():
                    LetterImage.objects.create(
                        letter=letter, file=upload, content_type=content_type
                    )
            return render(
                request,
                "interaction/letter_received.html",
                {"unit": unit, "letter": letter, "clock": letters.clock(letter)},
            )
    status = 400 if request.method == "POST" else 200
    return render(request, "interaction/write.html", {"unit": unit, "form": form}, status=status)


def owner_of(request, url: str):
    """The center whose pages `url` is among (the deepest page on its path decides),
    else the county: who answers a report about it."""
    home = _home(request)
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if parts and parts[0] in {code for code, _name in settings.LANGUAGES}:
        parts = parts[1:]
    paths = [home.url_path + "/".join(parts[:n]) + "/" for n in range(len(parts), 0, -1)]
    page = Page.objects.filter(url_path__in=paths).order_by("-depth").first()
    center = nearest(page, ServiceCenterPage, inclusive=True) if page else None
    return center or home


@require_http_methods(["GET", "POST"])
def report_error(request):
    """我为政府网站找错, linked from every page's footer with the page's address."""
    form = ErrorReportForm(request.POST or None, initial={"url": request.GET.get("url", "")[:300]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not _allowed(request, data["mobile"]):
            form.add_error(None, _("提交过于频繁，请稍后再试；急事请直接拨打中心电话。"))
        else:
            unit = owner_of(request, data["url"])
            problem = dict(ErrorReportForm.PROBLEMS)[data["problem"]]
            letter = letters.receive(
                unit, kind=Letter.Kind.ERROR, subject=str(problem), body=data["body"],
                name=data["name"], mobile=data["mobile"], public=False, page_url=data["url"],
            )  # fmt: skip
            return render(
                request,
                "interaction/letter_received.html",
                {"unit": unit, "letter": letter, "clock": letters.clock(letter)},
            )
    status = 400 if request.method == "POST" else 200
    return render(request, "interaction/report_error.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def track(request):
    context: dict = {"code": "", "not_found": False}
    if request.method == "POST":
        code = request.POST.get("code", "")[:40]
        digits = request.POST.get("digits", "")[:4]
        context["code"] = letters.normalise_code(code)
        if not lookups_allowed(request, "letters"):
            context["error"] = _("查询过于频繁，请稍后再试。")
        elif (letter := letters.find(code, digits)) is None:
            context["not_found"] = True
        else:
            context.update(letter=letter, clock=letters.clock(letter))
    return render(request, "interaction/track.html", context)


def _public(letter: Letter) -> dict:
    """What the public may read of an answered letter: no name, no numbers."""
    return {
        "letter": letter,
        "writer": letters.mask_name(letter.name),
        "body": letters.mask_text(letter.body),
        "reply": letters.mask_text(letter.reply),
    }


def published_letter(request, slug: str, pk: int):
    center = center_for_slug(request, slug)
    letter = letters.published(Letter.objects.filter(center=center, pk=pk))
    letter = letter.select_related("guide").first()
    if letter is None:
        raise Http404
    return render(request, "interaction/letter.html", {"unit": center, "item": _public(letter)})


def archive(request, slug: str):
    center = center_for_slug(request, slug)
    written = Letter.objects.filter(center=center).exclude(kind=Letter.Kind.ERROR)
    shown = letters.published(Letter.objects.filter(center=center))
    kind = request.GET.get("kind", "")
    if kind in Letter.Kind.values:
        shown = shown.filter(kind=kind)
    month = request.GET.get("month", "")
    if len(month) == 7 and month[4] == "-" and month.replace("-", "").isdigit():
        shown = shown.filter(replied_on__year=int(month[:4]), replied_on__month=int(month[5:]))
    items = [
        _public(letter)
        for letter in shown.select_related("guide").only(
            "kind",
            "subject",
            "body",
            "name",
            "reply",
            "received_on",
            "replied_on",
            "handler",
            "guide__title",
        )[:ARCHIVE_PAGE]
    ]
    return render(
        request,
        "interaction/archive.html",
        {
            "unit": center,
            "items": items,
            "kinds": Letter.Kind.choices,
            "kind": kind,
            "month": month,
            "stats": letters.stats(written),
            "months": letters.monthly_stats(written)[:12],
        },
    )
