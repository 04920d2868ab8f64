"""The annual report as printed: the official layout of documents.official (GB/T 9704, A4),
the tables in the template's form, text escaped by the template."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from documents.official import official_html, official_pdf_response

from .services import report_tables
from .services.annual_report import organisation

# The tables in a narrower face than the 3号 body, so 15 columns fit the type area.
_CSS = """
.body table { border-collapse: collapse; width: 100%; margin: 3mm 0 5mm; font-size: 9pt;
  line-height: 1.3; page-break-inside: auto; }
.body th, .body td { border: 0.5pt solid #000; padding: 1mm; text-align: center; }
.body tbody th { text-align: left; font-weight: normal; }
.body tr { page-break-inside: avoid; }
.body .og-depth-1 th { padding-left: 3mm; }
.body .og-depth-2 th { padding-left: 5mm; }
.body h2 { font-size: 16pt; margin: 4mm 0 2mm; }
.body h3 { font-size: 14pt; }
.body .og-report-review th, .body .og-report-review td { font-size: 7.5pt; padding: 0.6mm; }
"""


def report_html(page) -> str:
    unit = page.get_parent().get_parent().get_parent()
    body = render_to_string(
        "disclosure/report_body.html", {"page": page, "report": report_tables.presented(page)}
    )
    return official_html(
        title=page.title,
        body_html=body,
        organisations=[organisation(unit)],
        date=timezone.localdate(page.last_published_at) if page.last_published_at else None,
        extra_css=_CSS,
    )


def report_response(request, page):
    return official_pdf_response(request, report_html(page), f"{page.title}.pdf", public=True)
