"""The disclosure catalogue (政府信息公开目录): filter, facet, sort and page documents.

The same service serves a center's 政策文件 section, the county-wide catalogue
and the feed; every filter lives in the query string, so a filtered list is a
link anyone can share.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.db.models import CharField, Count, Prefetch, QuerySet
from django.db.models.functions import Cast, Substr
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page

from core.pagination import Pager, page_number, paginate
from documents.models import (
    DOC_TYPE_CHOICES,
    TOPIC_CHOICES,
    VALIDITY_CHOICES,
    IssuingOrganisation,
    PolicyDocumentPage,
    PolicyInterpretationPage,
)

FILTERS = ("org", "topic", "year", "validity", "type")
SORTS = {"new": "-publish_date", "old": "publish_date"}
PER_PAGE = 20


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Catalogue:
    page: PaginatorPage
    total: int
    params: dict[str, str]
    pager: Pager
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


def documents_under(scope: Page) -> QuerySet[PolicyDocumentPage]:
    """Live, public documents beneath `scope`, in the source (Chinese) locale."""
    return (
        PolicyDocumentPage.objects.live()
        .public()
        .descendant_of(scope)
        .filter(locale=Locale.get_default())
    )


def _clean(params: Mapping[str, str]) -> dict[str, str]:
    cleaned = {key: (params.get(key) or "").strip()[:40] for key in FILTERS}
    sort = params.get("sort", "")
    cleaned["sort"] = sort if sort in SORTS else "new"
    cleaned["page"] = page_number(params)
    return cleaned


def apply_filters(documents: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """Unknown or malformed values are ignored rather than failing the page.

    No DISTINCT: the one join, on the issuing organisations, is filtered to one
    organisation, and a document names each organisation once, so every document
    still comes once; a DISTINCT over every page column costs a sort of the whole
    set before the count and before the page (a third of the page at 10,000)."""
    if params.get("org", "").isdigit():
        documents = documents.filter(organisations__id=int(params["org"]))
    if params.get("topic") in dict(TOPIC_CHOICES):
        documents = documents.filter(topic=params["topic"])
    if params.get("year", "").isdigit():
        documents = documents.filter(publish_date__year=int(params["year"]))
    if params.get("validity") in dict(VALIDITY_CHOICES):
        documents = documents.filter(validity=params["validity"])
    if params.get("type") in dict(DOC_TYPE_CHOICES):
        documents = documents.filter(doc_type=params["type"])
    return documents


def build_catalogue(scope: Page, params: Mapping[str, str]) -> Catalogue:
    params = _clean(params)
    base = documents_under(scope)
    documents = apply_filters(base, params).order_by(SORTS[params["sort"]], "-pk")
    documents = documents.prefetch_related("organisations", _interpretations())
    facets, total = _facets(base, params)
    page, pager = paginate(documents, params, PER_PAGE, count=total)
    return Catalogue(page=page, total=pager.count, params=params, pager=pager, facets=facets)


def _interpretations() -> Prefetch:
    """Each document's live 政策解读, listed under it (``doc.listed_interpretations``):
    a reader finding the document finds its explanation beside it."""
    interpretations = PolicyInterpretationPage.objects.live().public()
    return Prefetch(
        "interpretation_pages",
        queryset=interpretations.order_by("-publish_date", "pk"),
        to_attr="listed_interpretations",
    )


TOPICS = dict(TOPIC_CHOICES)
VALIDITIES = dict(VALIDITY_CHOICES)
DOC_TYPES = dict(DOC_TYPE_CHOICES)


def _place(labels: dict, value) -> int:
    """Where `value` is listed among `labels` (unknown values last)."""
    order = list(labels)
    return order.index(value) if value in labels else len(order)


def _year(field: str) -> Substr:
    """The year of a date column as text, by the database's own string functions:
    ExtractYear is a Python function per row on SQLite (a sixth of the page at 10,000)."""
    return Substr(Cast(field, CharField()), 1, 4)


# The facets held in the documents' own columns, by filter name.
COLUMNS = {"topic": "topic", "year": "y", "validity": "validity", "type": "doc_type"}


def _filtered(name: str, params: Mapping[str, str]) -> bool:
    """Whether apply_filters filters on `name` with these parameters (nothing is run)."""
    unfiltered = PolicyDocumentPage.objects.all()
    return bool(apply_filters(unfiltered, {name: params.get(name, "")}).query.where)


def _facets(
    base: QuerySet, params: dict[str, str]
) -> tuple[dict[str, list[FacetValue]], int | None]:
    """Counts for each filter, each computed with the other filters applied.

    Every facet whose own filter is not in use counts the same documents (all the
    filters applied), so those are counted together by one grouped query over the
    documents' columns; a facet in use, and the organisations (a join), have a query
    of their own. Two queries for an unfiltered catalogue instead of five, each a
    pass over every document; the shared one also gives the number of documents
    listed (None when every facet is in use)."""

    def others(name: str) -> QuerySet:
        # No ordering: the pages' default one (path) would join the GROUP BY and give
        # every document its own facet entry.
        return apply_filters(base, {k: v for k, v in params.items() if k != name}).order_by()

    def with_year(documents: QuerySet) -> QuerySet:
        return documents.annotate(y=_year("publish_date"))

    def grouped(documents: QuerySet, names: list[str]) -> dict[str, dict]:
        """{name: {value: number of documents}} for the columns of `names`, one query."""
        found: dict[str, dict] = {name: {} for name in names}
        columns = [COLUMNS[name] for name in names]
        for *values, n in with_year(documents).values_list(*columns).annotate(n=Count("pk")):
            for name, value in zip(names, values, strict=True):
                found[name][value] = found[name].get(value, 0) + n
        return found

    shared = [name for name in COLUMNS if not _filtered(name, params)]
    found = grouped(others(shared[0]), shared) if shared else {}
    total = sum(found[shared[0]].values()) if shared else None
    for name in COLUMNS:
        if name not in found:
            found.update(grouped(others(name), [name]))

    def values(name, rows, labels):
        return [
            FacetValue(str(value), str(labels.get(value, value)), count, params[name] == str(value))
            for value, count in rows
            if value not in (None, "")
        ]

    def ordered(name: str, labels: dict) -> list:
        return sorted(found[name].items(), key=lambda row: _place(labels, row[0]))

    orgs = dict(IssuingOrganisation.objects.order_by("name").values_list("id", "name"))
    org_rows = sorted(
        others("org").values_list("organisations__id").annotate(n=Count("pk", distinct=True)),
        key=lambda row: _place(orgs, row[0]),
    )
    years = sorted(((int(y), n) for y, n in found["year"].items() if y), reverse=True)
    facets = {
        "org": values("org", org_rows, orgs),
        "topic": values("topic", ordered("topic", TOPICS), TOPICS),
        "year": values("year", years, {}),
        "validity": values("validity", ordered("validity", VALIDITIES), VALIDITIES),
        "type": values("type", ordered("type", DOC_TYPES), DOC_TYPES),
    }
    return facets, total


FACET_TITLES = {
    "org": _("发布机构"),
    "topic": _("主题分类"),
    "year": _("发布年份"),
    "validity": _("有效性"),
    "type": _("文种"),
}
