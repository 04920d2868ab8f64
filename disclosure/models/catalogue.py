"""基层政务公开标准目录 per township: which areas apply, and what fulfils each row.

The rows themselves are data shipped with the project (data/standard_catalogue.json,
read by services.catalogue); only the township's choices and links are stored.
A row is keyed "<area code>-<row number>", e.g. "10-03".
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..services.standard_rows import catalogue


class CatalogueArea(models.Model):
    """One of the 26 areas, chosen as applying to the unit."""

    unit = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    area = models.CharField(_("领域"), max_length=2)

    class Meta:
        verbose_name = _("标准目录领域")
        verbose_name_plural = _("标准目录领域")
        constraints = [
            models.UniqueConstraint(fields=["unit", "area"], name="disclosure_area_once")
        ]

    def __str__(self) -> str:
        return self.area


class CatalogueEntry(ClusterableModel):
    """One row of the catalogue at one unit: the pages that fulfil it, and when its
    information last formed or changed (the start of its 公开时限)."""

    unit = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("目录条目"), max_length=8)
    changed_on = models.DateField(
        _("信息形成或变更日期"), null=True, blank=True,
        help_text=_("公开时限从这一天起算，例如“信息形成或变更之日起20个工作日内”"),
    )  # fmt: skip
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("标准目录条目")
        verbose_name_plural = _("标准目录条目")
        constraints = [
            models.UniqueConstraint(fields=["unit", "key"], name="disclosure_entry_once")
        ]

    def __str__(self) -> str:
        row = catalogue().rows.get(self.key)
        return row.label if row is not None else self.key


class CatalogueLink(Orderable):
    entry = ParentalKey(CatalogueEntry, on_delete=models.CASCADE, related_name="links")
    page = models.ForeignKey(
        Page, verbose_name=_("页面"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("公开载体")
        verbose_name_plural = _("公开载体")

    def __str__(self) -> str:
        return str(self.page_id)
