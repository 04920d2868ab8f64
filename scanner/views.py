"""The review screen: the latest revision's text with every finding marked, and
for someone who may publish the page, the button that clears exactly that text."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from wagtail.models import Page

from .detect import Finding, category_label
from .service import StaleScanError, clear, is_cleared, latest, scan_page


def segments(text: str, findings: list[Finding]) -> list[dict]:
    """The text cut into plain runs and marked findings, in order (escaped by the template)."""
    parts, position = [], 0
    located = [f for f in findings if f.end > f.start]
    for number, finding in enumerate(located, 1):
        if finding.start < position:
            continue
        parts.append({"text": text[position : finding.start]})
        parts.append(
            {
                "text": text[finding.start : finding.end],
                "finding": finding,
                "number": number,
                "label": category_label(finding.category),
            }
        )
        position = finding.end
    parts.append({"text": text[position:]})
    return [p for p in parts if p["text"]]


def _editable_page(request, page_id: int):
    """The page, or 404 for someone who may not edit it (not even its existence leaks)."""
    page = get_object_or_404(Page, pk=page_id).specific
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise Http404
    return page, permissions


def review(request, page_id: int):
    page, permissions = _editable_page(request, page_id)
    can_clear = permissions.can_publish()
    if request.method == "POST":
        if not can_clear:
            raise PermissionDenied
        try:
            clear(page, request.user, expected_hash=request.POST.get("text_hash", ""))
        except StaleScanError:
            messages.error(request, "页面内容已发生变化，请重新核实后再放行。")
        else:
            messages.success(
                request, "已核实放行：该版本内容可以提交发布。内容再有改动须重新核实。"
            )
        return redirect("scanner_review", page.pk)
    report = scan_page(latest(page))
    numbered = [f for f in report.findings if f.end > f.start]
    return TemplateResponse(
        request,
        "scanner/review.html",
        {
            "page": page,
            "report": report,
            "segments": segments(report.text, report.findings),
            "findings": [(n, f, category_label(f.category)) for n, f in enumerate(numbered, 1)],
            "unplaced": [
                (f, category_label(f.category)) for f in report.findings if f.end <= f.start
            ],
            "cleared": bool(report.findings) and is_cleared(page, report),
            "can_clear": can_clear,
        },
    )
