"""Response-level guards every view gets, the admin's included."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from csp.middleware import CSPMiddleware, PolicyParts

from .spreadsheets import neutralise_csv, neutralise_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PortalCSPMiddleware(CSPMiddleware):
    """The public policy everywhere; in the admin, what Wagtail's screens need on top."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.PORTAL_ADMIN_PATH_PREFIXES):
            additions = dict(settings.PORTAL_ADMIN_CSP_ADDITIONS)
            for directive, sources in (parts.update or {}).items():
                additions[directive] = [*additions.get(directive, []), *sources]
            parts.update = additions
        return parts


class SpreadsheetFormulaGuardMiddleware:
    """Neutralise formula cells in every CSV or XLSX download, whichever view wrote it.

    Wagtail's own exports (site history, aging pages, form submissions) and
    ours pass through here, so no export can be added that forgets it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type == "text/csv":
            charset = getattr(response, "charset", None) or "utf-8"
            if response.streaming:
                response.streaming_content = neutralise_csv(response.streaming_content, charset)
            else:
                response.content = b"".join(neutralise_csv([response.content], charset))
        elif content_type == XLSX_TYPE:
            data = b"".join(response.streaming_content) if response.streaming else response.content
            safe = neutralise_xlsx(data)
            if response.streaming:
                response.streaming_content = [safe]
            else:
                response.content = safe
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(safe))
        return response
