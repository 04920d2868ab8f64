"""The monthly report for the county office: the stored run in the official layout
(documents.official, A4), rendered by the bounded, cached print engine."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from documents.official import official_html
from printing.cache import cached_pdf

from .export import status_label

_CSS = """
.body table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 10pt;
  line-height: 1.35; }
.body th, .body td { border: 0.5pt solid #000; padding: 1mm 1.5mm; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
.body tr { page-break-inside: avoid; }
.body h2 { font-size: 15pt; margin: 4mm 0 2mm; }
"""


def report_html(result: dict[str, Any], organisation: str) -> str:
    items = [dict(item, status_label=status_label(item["status"])) for item in result["items"]]
    body = render_to_string("inspection/report_body.html", {"r": result, "items": items})
    return official_html(
        title=_("网站检查月度报告（%(date)s）") % {"date": result["date"]},
        body_html=body,
        organisations=[organisation],
        extra_css=_CSS,
    )


def report_pdf(result: dict[str, Any], organisation: str) -> bytes:
    pdf, _cached = cached_pdf(report_html(result, organisation))
    return pdf
