"""办事服务不实用: guides that give citizens too little to act on, counted as the inspection does
(a guide lacking 4 or more key elements; materials too vague to prepare, or 网上下载 with
nothing to download), 5 or more such guides failing the whole site."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.utils.translation import gettext as _

from wagtail.models import Locale, Page

from pages.models import ServiceGuidePage, VillageStationPage
from pages.services.guides import missing_disclosures

from .batches import batches
from .items import FAIL, PASS, Context, Item, Problem

GUIDE_ELEMENTS_MISSING = 4  # a guide lacking 4 or more key elements …
GUIDES_FAILING = 5  # … or with unusable materials: 5 or more such guides fail the site

# Materials named so vaguely that a citizen cannot prepare them (兜底条款).
CATCH_ALL = re.compile(r"其[他它](相关)?材料|相关材料|等材料|其[他它]证明|有关材料")
DOWNLOAD_SOURCE = re.compile(r"下载")


def guides(ctx: Context) -> Item:
    problems: list[Problem] = []
    total = elements = materials = 0
    for guide, unit in _live_guides(ctx):
        total += 1
        missing = missing_disclosures(guide.facts(unit))
        if missing:
            lacks = len(missing) >= GUIDE_ELEMENTS_MISSING
            elements += lacks
            problems.append(
                ctx.problem(
                    guide.path,
                    guide.pk,
                    guide.title,
                    _("缺少要素：%(m)s") % {"m": "、".join(missing)},
                    counts=lacks,
                )
            )
        if faults := list(_material_faults(guide)):
            materials += 1
            problems.append(ctx.problem(guide.path, guide.pk, guide.title, "；".join(faults)))
    failed = not total or elements >= GUIDES_FAILING or materials >= GUIDES_FAILING
    value = _("办事指南 %(total)d 篇：缺少 4 类以上要素 %(e)d 篇，材料不实用 %(m)d 篇") % {
        "total": total,
        "e": elements,
        "m": materials,
    }
    rule = _(
        "未提供办事服务；办事指南缺少 4 类以上要素，或所需材料表述不清、"
        "表格无法下载的超过（含）5 个"
    )
    return Item(
        "guides", _("办事服务不实用"), rule, value, FAIL if failed else PASS, ctx.keep(problems)
    )


def _material_faults(guide: ServiceGuidePage) -> Iterator[str]:
    for material in guide.materials.all():
        if CATCH_ALL.search(material.name):
            yield _("材料“%(name)s”表述笼统（兜底材料）") % {"name": material.name}
        if DOWNLOAD_SOURCE.search(material.source or "") and not _downloadable(material.blank_form):
            yield _("材料“%(name)s”注明网上下载，但没有可下载的表格") % {"name": material.name}


def _downloadable(document) -> bool:
    if document is None:
        return False
    try:
        return bool(document.file) and document.file.storage.exists(document.file.name)
    except (OSError, ValueError):
        return False


def _live_guides(ctx: Context, chunk: int = 500) -> Iterator[tuple[ServiceGuidePage, Page | None]]:
    """Live guides with what their facts need, and the unit whose phones they fall back to."""
    locale = Locale.get_default()
    guides = ServiceGuidePage.objects.filter(live=True, locale=locale)
    if ctx.only is not None:
        guides = guides.filter(path__startswith=ctx.only.path)
    stations = {s.path: s for s in VillageStationPage.objects.filter(locale=locale)}
    ids = list(guides.order_by("path").values_list("pk", flat=True))
    for batch in batches(ids, chunk):
        rows = (
            ServiceGuidePage.objects.filter(pk__in=batch)
            .prefetch_related("legal_bases", "materials__blank_form", "steps")
            .order_by("path")
        )
        for guide in rows:
            # The units are read as their own page types (columns.all_units): no .specific.
            yield guide, stations.get(guide.path[: -Page.steplen]) or ctx.unit(guide.path)
