"""Departments (进驻部门), windows (窗口) and life-event themes: the catalogue's frame.

Snippets, because a window and its departments are reused by every guide the
window handles and by the disclosure board, the whereabouts board and the
window's hanging plate. A window belongs to one unit: a township center or a
village station (which has its own smaller window set).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from .center import ServiceCenterPage
from .mixins import PhoneField
from .station import VillageStationPage


class Department(index.Indexed, models.Model):
    """A department stationed in a center's hall (e.g. 镇民政办, 县人社局驻镇窗口)."""

    center = models.ForeignKey(
        "pages.ServiceCenterPage",
        verbose_name=_("所属中心"),
        on_delete=models.CASCADE,
        related_name="departments",
    )
    name = models.CharField(_("部门名称"), max_length=60)
    home_unit = models.CharField(
        _("派出单位"), max_length=80, blank=True, help_text=_("例如：青石县人力资源和社会保障局")
    )

    panels = [FieldPanel("center"), FieldPanel("name"), FieldPanel("home_unit")]
    # The admin scopes rows to the editor's center and filters the listing by center,
    # so searching needs the center as a filter field.
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("center"),
    ]

    class Meta:
        verbose_name = _("进驻部门")
        verbose_name_plural = _("进驻部门")
        ordering = ["center", "name"]
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="unique_department_per_center")
        ]

    def __str__(self):
        return self.name


class ServiceWindow(index.Indexed, models.Model):
    """A service window (窗口) of a center or a village station."""

    unit = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("所属中心或站点"),
        on_delete=models.CASCADE,
        related_name="service_windows",
        help_text=_("便民服务中心或村（社区）便民服务站"),
    )
    number = models.PositiveSmallIntegerField(_("窗口号"))
    name = models.CharField(_("窗口名称"), max_length=40, help_text=_("例如：民政救助窗口"))
    phone = PhoneField(_("窗口电话"), blank=True)
    departments = models.ManyToManyField(
        Department, verbose_name=_("进驻部门"), blank=True, related_name="windows"
    )

    panels = [
        FieldPanel("unit"),
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("phone"),
        FieldPanel("departments"),
    ]
    # The admin scopes windows to the editor's center by this field (see editorial.scoping).
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("unit"),
    ]

    class Meta:
        verbose_name = _("窗口")
        verbose_name_plural = _("窗口")
        ordering = ["unit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="unique_window_number"),
            models.UniqueConstraint(fields=["unit", "name"], name="unique_window_name"),
        ]

    def __str__(self):
        return f"{self.number}号 {self.name}"

    def clean(self):
        super().clean()
        if self.unit_id and not isinstance(
            self.unit.specific, ServiceCenterPage | VillageStationPage
        ):
            raise ValidationError({"unit": _("窗口只能属于便民服务中心或村（社区）便民服务站。")})


class LifeEvent(TranslatableMixin, models.Model):
    """A life-event theme (生育, 养老, 建房 …) citizens browse guides by.

    Translatable (wagtail-localize): the Chinese theme is the source, and a
    translated guide list shows each theme's name in the reader's language.
    """

    name = models.CharField(_("主题名称"), max_length=20)
    slug = models.SlugField(_("网址名"), max_length=40, allow_unicode=False)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("人生事件主题")
        verbose_name_plural = _("人生事件主题")
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("locale", "name"), ("locale", "slug")]

    def __str__(self):
        return self.name
