"""The 政府信息公开 column's pages, the requests and the standard catalogue."""

from .catalogue import CatalogueArea, CatalogueEntry, CatalogueLink
from .column import DisclosureGuidePage, DisclosureRulesPage
from .reports import AnnualReportIndexPage, AnnualReportPage
from .requests import (
    ApplicantType,
    DisclosureOffice,
    DisclosureRequest,
    RequestEvent,
    RequestPause,
)

__all__ = [
    "AnnualReportIndexPage",
    "AnnualReportPage",
    "ApplicantType",
    "CatalogueArea",
    "CatalogueEntry",
    "CatalogueLink",
    "DisclosureGuidePage",
    "DisclosureOffice",
    "DisclosureRequest",
    "DisclosureRulesPage",
    "RequestEvent",
    "RequestPause",
]
