"""The print menu in the admin: a center's products with PNG previews, each
downloadable, and the whole pack as a zip or one PDF, rendered in the
background by the task worker (printing.tasks) while the menu shows its status.

Only people who may edit the center's page see or print its products. The
list page renders nothing itself: previews load one by one (lazily), so the
page is instant and shows its progress as each preview arrives; a product
already printed comes from the cache.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Locale

from pages.models import ServiceCenterPage
from printing.cache import cached_pdf
from printing.forms import BOOK_SIZE, acceptance_notice_book, serial_prefix
from printing.models import PrintPackJob, SerialCounter
from printing.pack import preview_png
from printing.products import Product, center_guides
from printing.public_url import is_local, public_base_url
from printing.registry import center_pack, guide_products
from printing.render import PrintError
from printing.tasks import build_print_pack

MAX_BOOKS = 20
PACK_REFRESH_SECONDS = 3


def _center_for(request, center_id: int) -> ServiceCenterPage:
    center = get_object_or_404(ServiceCenterPage, pk=center_id)
    if not center.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return center


def _product(center, key: str) -> Product:
    candidates = center_pack(center)
    if key.startswith(("form-", "leaflet-")):
        for guide in center_guides(center):
            candidates += guide_products(center, guide)
    for product in candidates:
        if product.key == key:
            return product
    raise Http404


def _editable_centers(user):
    return [
        c
        for c in ServiceCenterPage.objects.filter(locale=Locale.get_default()).order_by("path")
        if c.permissions_for_user(user).can_edit()
    ]


def local_public_host() -> str:
    """The public address when it is still local ('' once it is real)."""
    base = public_base_url()
    return (base or "localhost") if is_local(base) else ""


def print_index(request):
    return TemplateResponse(
        request, "print/admin/index.html", {"centers": _editable_centers(request.user)}
    )


@require_GET
def serial_counters(request):
    """受理告知书 serials, read only: where each of the user's centers has got to, per year.

    Only the centers the user may print for are listed, so one center's staff
    never see another's counters; the numbers change only by printing books."""
    centers = _editable_centers(request.user)
    counters = (
        SerialCounter.objects.filter(center__in=centers)
        .select_related("center")
        .order_by("center__path", "-year")
    )
    rows = [
        {
            "center": counter.center,
            "year": counter.year,
            "last": f"{serial_prefix(counter.center, counter.year)}-{counter.last:04d}",
            "next": f"{serial_prefix(counter.center, counter.year)}-{counter.last + 1:04d}",
        }
        for counter in counters
    ]
    return TemplateResponse(request, "print/admin/serials.html", {"rows": rows})


def print_menu(request, center_id: int):
    center = _center_for(request, center_id)
    return TemplateResponse(
        request,
        "print/admin/center.html",
        {
            "center": center,
            "products": center_pack(center),
            "max_books": MAX_BOOKS,
            "local_host": local_public_host(),
            "guides": [(g, guide_products(center, g)) for g in center_guides(center)],
            "pack_jobs": center.print_pack_jobs.all()[:4],
        },
    )


def _error(exc: PrintError) -> HttpResponse:
    return HttpResponse(exc.message, status=422, content_type="text/plain; charset=utf-8")


def print_preview(request, center_id: int, key: str):
    product = _product(_center_for(request, center_id), key)
    try:
        return HttpResponse(preview_png(product), content_type="image/png")
    except PrintError as exc:
        return _error(exc)


def print_download(request, center_id: int, key: str):
    center = _center_for(request, center_id)
    try:
        product = _product(center, key)
        pdf, _cached = cached_pdf(product.html())
    except PrintError as exc:
        return _error(exc)
    return _attachment(pdf, f"{center.slug}-{product.filename}", "application/pdf")


@require_POST
def request_print_pack(request, center_id: int):
    """Queue the whole pack for the task worker; its status page follows it."""
    center = _center_for(request, center_id)
    kind = request.POST.get("kind", "")
    if kind not in dict(PrintPackJob.KINDS):
        raise Http404
    job = PrintPackJob.objects.create(center=center, kind=kind, requested_by=request.user)
    build_print_pack.enqueue(job.pk)
    return redirect("print_pack_status", center.pk, job.pk)


@require_GET
def print_pack_status(request, center_id: int, job_id: int):
    center = _center_for(request, center_id)
    job = get_object_or_404(PrintPackJob, pk=job_id, center=center)
    response = TemplateResponse(
        request,
        "print/admin/pack_status.html",
        {"center": center, "job": job, "refresh_seconds": PACK_REFRESH_SECONDS},
    )
    if job.pending:
        response["Refresh"] = str(PACK_REFRESH_SECONDS)  # the page follows the worker
    return response


@require_GET
def print_pack_download(request, center_id: int, job_id: int):
    center = _center_for(request, center_id)
    job = get_object_or_404(PrintPackJob, pk=job_id, center=center, status=PrintPackJob.Status.DONE)
    if not default_storage.exists(job.file):  # removed by hand, or a newer pack replaced it
        raise Http404
    content_type = "application/zip" if job.kind == "zip" else "application/pdf"
    return FileResponse(
        default_storage.open(job.file),
        as_attachment=True,
        filename=job.filename,
        content_type=content_type,
    )


@require_POST
def print_acceptance_books(request, center_id: int):
    """Print the next books of 受理告知书: serials continue the center's counter."""
    center = _center_for(request, center_id)
    try:
        books = min(max(int(request.POST.get("books", 1)), 1), MAX_BOOKS)
    except ValueError:
        books = 1
    year = dt.date.today().year
    first = SerialCounter.reserve(center, year, books * BOOK_SIZE)
    product = acceptance_notice_book(center, year=year, first=first, books=books)
    try:
        pdf, _cached = cached_pdf(product.html())
    except PrintError as exc:
        return _error(exc)
    return _attachment(pdf, f"{center.slug}-{product.filename}", "application/pdf")


def _attachment(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
