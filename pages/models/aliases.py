"""Other names for windows and departments (名称别名), for files that use their own.

A department's spreadsheet names windows and departments the way its staff
say them: names from before the 2018 institutional reform (计生, 国土, 工商),
short forms (人社, 卫健) and full forms (人力资源和社会保障). The catalogue
importer reads every alias as its standard name before it compares names, so
“计生窗口” finds “4号 卫健医保窗口”. The list is editable: county-wide rows
(no center) apply everywhere, a center's own rows apply to its imports only
and win over county-wide rows of the same name.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.text import fold


def fold_name(text: str) -> str:
    """How a name is stored and compared: folded (core.text.fold), no whitespace."""
    return "".join(fold(text).split())


class NameAlias(index.Indexed, models.Model):
    """One other name (计生) and the standard name it stands for (卫健)."""

    name = models.CharField(
        _("别名"), max_length=40, help_text=_("表格中可能出现的写法，例如：计生、国土、社保")
    )
    standard = models.CharField(
        _("标准名称"),
        max_length=40,
        help_text=_("窗口或部门名称中现在使用的写法，例如：卫健、自然资源、人社"),
    )
    center = models.ForeignKey(
        "pages.ServiceCenterPage",
        verbose_name=_("适用中心"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="name_aliases",
        help_text=_("留空表示全县各中心通用"),
    )

    panels = [FieldPanel("name"), FieldPanel("standard"), FieldPanel("center")]
    # The admin scopes rows to the editor's center, so the center is a filter field.
    search_fields = [
        index.SearchField("name"),
        index.SearchField("standard"),
        index.AutocompleteField("name"),
        index.FilterField("center"),
    ]

    class Meta:
        verbose_name = _("名称别名")
        verbose_name_plural = _("名称别名")
        ordering = ["standard", "name"]
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="unique_name_alias_per_center"),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(center__isnull=True),
                name="unique_county_name_alias",
            ),
        ]

    def __str__(self):
        return f"{self.name} → {self.standard}"

    def clean(self):
        super().clean()
        self.name = fold_name(self.name)
        self.standard = fold_name(self.standard)
        if self.name and self.name == self.standard:
            raise ValidationError({"standard": _("标准名称不能与别名相同。")})
        duplicates = NameAlias.objects.filter(name=self.name, center=self.center_id)
        if self.pk:
            duplicates = duplicates.exclude(pk=self.pk)
        if self.name and duplicates.exists():
            raise ValidationError({"name": _("已有相同的别名。")})

    @classmethod
    def for_center(cls, center) -> dict[str, str]:
        """name → standard for an import into `center`: its own rows win."""
        rows = cls.objects.filter(Q(center__isnull=True) | Q(center=center)).order_by(
            models.F("center").asc(nulls_first=True)
        )
        return {fold_name(row.name): fold_name(row.standard) for row in rows}
