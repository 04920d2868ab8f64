"""The annual report's figures counted from the data, and its draft page.

Counting is by date, the way the template defines its rows: a request received
in the year is 新收; one received before and not answered before 1 January is
上年结转; one answered in the year is counted once, in its outcome's row; the
rest is 结转下年度, so 一+二 = 三+四 holds by construction. Documents count by
their 成文日期 (or publication) and their 有效性. The report counts, never names:
no field of the applicant is read here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page

from documents.models import PolicyDocumentPage
from pages.models import ServiceCenterPage
from pages.services.localized import source_of

from ..models import AnnualReportIndexPage, AnnualReportPage, DisclosureRequest
from ..sections import ensure_column
from . import report_tables as tables
from .report_tables import APPLICANTS, TO_COMPLETE, TOTAL, Figures


@dataclass
class Counts:
    """One unit's counted figures (or the county's sum)."""

    requests: dict[str, dict[str, int]] = field(default_factory=dict)
    documents: dict[str, dict[str, int]] = field(default_factory=dict)
    fees: int = 0
    fee_amount: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        self.requests = self.requests or tables.REQUESTS.empty()  # type: ignore[assignment]
        self.documents = self.documents or tables.ACTIVE[0].empty()  # type: ignore[assignment]

    def add(self, other: Counts) -> None:
        for mine, theirs in ((self.requests, other.requests), (self.documents, other.documents)):
            for row, values in theirs.items():
                for column, value in values.items():
                    mine[row][column] += value
        self.fees += other.fees
        self.fee_amount += other.fee_amount


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def count_requests(unit_ids: list[int], year: int) -> dict[int, Counts]:
    """Each unit's requests table for the year, in one query."""
    start, end = _year(year)
    answered = Q(replied_on__isnull=False, replied_on__lte=end)
    rows = (
        DisclosureRequest.objects.filter(center_id__in=unit_ids, received_on__lte=end)
        .filter(Q(replied_on__isnull=True) | Q(replied_on__gte=start))
        .values("center_id", "applicant_type", "outcome")
        .annotate(
            new=Count("pk", filter=Q(received_on__gte=start)),
            carried_over=Count("pk", filter=Q(received_on__lt=start)),
            done=Count("pk", filter=answered),
            forward=Count("pk", filter=~answered),
            fees=Count("pk", filter=answered & Q(fee__gt=0)),
            fee_amount=Sum("fee", filter=answered & Q(fee__gt=0)),
        )
        .order_by()
    )
    outcomes = {r.key for r in tables.OUTCOME_ROWS if not r.heading}
    result: dict[int, Counts] = {pk: Counts() for pk in unit_ids}
    for row in rows:
        counts = result[row["center_id"]]
        column = row["applicant_type"] if row["applicant_type"] in dict(APPLICANTS) else "other"
        outcome = row["outcome"] if row["outcome"] in outcomes else "other"
        for key, value in (
            ("new", row["new"]), ("carried_over", row["carried_over"]),
            (outcome, row["done"]), ("results_total", row["done"]),
            ("carried_forward", row["forward"]),
        ):  # fmt: skip
            counts.requests[key][column] += value
            counts.requests[key][TOTAL] += value
        counts.fees += row["fees"]
        counts.fee_amount += row["fee_amount"] or 0
    return result


def count_documents(unit: Page, year: int) -> dict[str, dict[str, int]]:
    """第二十条第（一）项 for the unit's published documents (and those of the units below)."""
    start, end = _year(year)
    made = Coalesce("written_date", "publish_date", TruncDate("first_published_at"))
    gone = Q(validity__in=("repealed", "amended")) & (
        Q(validity_date__isnull=True) | Q(validity_date__lte=end)
    )
    figures = (
        PolicyDocumentPage.objects.live()
        .descendant_of(unit)
        .filter(legal_form__in=("rules", "normative"))
        .annotate(made_on=made)
        .values("legal_form")
        .annotate(
            issued=Count("pk", filter=Q(made_on__gte=start, made_on__lte=end)),
            repealed=Count("pk", filter=Q(validity="repealed", validity_date__range=(start, end))),
            valid=Count("pk", filter=Q(made_on__lte=end) & ~gone),
        )
        .order_by()
    )
    result = tables.ACTIVE[0].empty()
    for row in figures:
        result[row["legal_form"]] = {k: row[k] for k in ("issued", "repealed", "valid")}
    return result  # type: ignore[return-value]


def townships(county: Page) -> list[Page]:
    return list(
        ServiceCenterPage.objects.child_of(county)
        .filter(locale=Locale.get_default())
        .order_by("path")
    )


def is_county(unit: Page) -> bool:
    return unit.depth <= 2 or not isinstance(unit.specific, ServiceCenterPage)


def counted(unit: Page, year: int) -> tuple[Counts, list[dict]]:
    """The unit's figures; for the county, its own plus its townships', with a row each."""
    if not is_county(unit):
        counts = count_requests([unit.pk], year)[unit.pk]
        counts.documents = count_documents(unit, year)
        return counts, []
    centers = townships(unit)
    per_unit = count_requests([unit.pk, *(c.pk for c in centers)], year)
    total = Counts()
    for counts in per_unit.values():
        total.add(counts)
    total.documents = count_documents(unit, year)
    breakdown = []
    for center in centers:
        cells = per_unit[center.pk].requests
        breakdown.append(
            {"unit": center.title}
            | {row: cells[row][TOTAL] for row in
               ("new", "carried_over", "results_total", "carried_forward")}
        )  # fmt: skip
    return total, breakdown


def report_index(unit: Page) -> AnnualReportIndexPage:
    section = ensure_column(unit)
    index = AnnualReportIndexPage.objects.child_of(section).first()
    if index is None:
        index = AnnualReportIndexPage(
            title=_("政府信息公开年报"), slug="annual-reports", locale_id=section.locale_id
        )
        section.add_child(instance=index)
        index.save_revision().publish()
    return index


def organisation(unit: Page) -> str:
    unit = unit.specific
    return getattr(unit, "official_name", "") or unit.title


def _texts(unit: Page, year: int, counts: Counts) -> dict[str, str]:
    cells = counts.requests
    summary = _(
        "{year}年，{name}认真贯彻《中华人民共和国政府信息公开条例》，本年度新收政府信息公开"
        "申请{new}件，办结{done}件，结转下年度继续办理{forward}件；制发行政规范性文件{issued}件。"
    ).format(
        year=year, name=organisation(unit), new=cells["new"][TOTAL],
        done=cells["results_total"][TOTAL], forward=cells["carried_forward"][TOTAL],
        issued=counts.documents["normative"]["issued"],
    )  # fmt: skip
    if counts.fees:
        fees = _("本年度依法收取信息处理费{count}件，共计{amount}元。").format(
            count=counts.fees, amount=counts.fee_amount.quantize(Decimal("0.01"))
        )
    else:
        fees = _("本年度未收取信息处理费。")
    todo = _("（请补充主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况。）")
    return {
        "overview": format_html("<p>{}</p><p>{}{}</p>", summary, TO_COMPLETE, todo),
        "problems": format_html(
            "<p>{}{}</p>", TO_COMPLETE, _("（请填写存在的主要问题及改进情况。）")
        ),
        "other_matters": format_html("<p>{}</p>", fees),
    }


def _figures(page: AnnualReportPage, counts: Counts) -> tuple[Figures, Figures]:
    """The counted tables replace the old counts; what the editor entered is kept."""
    active, _problems = tables.normalised(tables.ACTIVE, page.active_figures or {})
    active["documents"] = counts.documents  # type: ignore[assignment]
    return active, {"requests": counts.requests}  # type: ignore[dict-item]


def generate_draft(unit: Page, year: int, user=None) -> AnnualReportPage:
    """The year's report as a draft (a new revision of an existing one): counted tables
    filled in, the text started; never published here."""
    unit = source_of(unit)
    index = report_index(unit)
    counts, breakdown = counted(unit, year)
    existing = AnnualReportPage.objects.child_of(index).filter(year=year).first()
    if existing is None:
        texts = _texts(unit, year, counts)
        page = AnnualReportPage(
            title=_("{name}{year}年政府信息公开工作年度报告").format(
                name=organisation(unit), year=year
            ),
            slug=str(year), year=year, live=False, locale_id=index.locale_id,
            review_figures=tables.empty(tables.SPECS["review_figures"]), **texts,
        )  # fmt: skip
        page.active_figures, page.request_figures = _figures(page, counts)
        page.rollup = breakdown
        index.add_child(instance=page)
    else:
        page = existing.get_latest_revision_as_object()
        page.active_figures, page.request_figures = _figures(page, counts)
        page.rollup = breakdown
    page.save_revision(user=user, log_action=True)
    return page


def report_due(year: int) -> dt.date:
    """The statutory date for the year's report (条例第四十九条: 1月31日前), configurable."""
    month, day = getattr(settings, "DISCLOSURE_REPORT_DUE", (1, 31))
    return dt.date(year + 1, month, day)


def missing_reports(units: list[Page], today: dt.date | None = None) -> list[tuple[Page, int]]:
    """The units whose last year's report is not published yet (shown from 1 January)."""
    today = today or timezone.localdate()
    year = today.year - 1
    # A report sits three levels below its unit: unit › 政府信息公开 › 年报 › report.
    published = {
        path[: -3 * Page.steplen]
        for path in AnnualReportPage.objects.live().filter(year=year).values_list("path", flat=True)
    }
    return [(unit, year) for unit in units if unit.path not in published]
