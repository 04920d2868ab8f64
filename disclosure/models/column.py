"""The 政府信息公开 column's own pages: the 指南 and the 制度.

The column itself is a section (core.sections, kind open-government) that
every center and the county get, in the same order, with these pages in it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.forms import GatedPageForm
from core.sections import SectionKind

_TEXT = ["bold", "ol", "ul", "link", "h3"]


class ColumnPageMixin:
    """One of the column's own pages: only in a 政府信息公开 column, and once in each."""

    @classmethod
    def can_create_at(cls, parent) -> bool:
        if not super().can_create_at(parent):  # type: ignore[misc]
            return False
        if getattr(parent.specific, "kind", "") != SectionKind.OPEN_GOVERNMENT:
            return False
        return not cls.objects.child_of(parent).exists()  # type: ignore[attr-defined]


class DisclosureGuidePage(ColumnPageMixin, Page):
    """政府信息公开指南: the elements the 条例 (第十二条) requires, one field each."""

    scope = RichTextField(_("主动公开的范围与方式"), features=_TEXT)
    office = models.CharField(_("依申请公开的受理机构"), max_length=100)
    address = models.CharField(_("办公地址"), max_length=200)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    fax = models.CharField(_("传真"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    procedure = RichTextField(
        _("依申请公开的办理程序"), features=_TEXT,
        help_text=_("申请方式、所需内容、补正、征求第三方意见"),
    )  # fmt: skip
    time_limit = RichTextField(_("办理时限"), features=_TEXT)
    fees = RichTextField(_("收费"), features=_TEXT)
    remedies = RichTextField(
        _("监督和救济"), features=_TEXT, help_text=_("投诉举报、行政复议、行政诉讼的途径")
    )

    parent_page_types = ["pages.SectionPage"]
    subpage_types: list[str] = []
    base_form_class = GatedPageForm
    template = "disclosure/guide_page.html"

    content_panels = Page.content_panels + [
        FieldPanel("scope"),
        MultiFieldPanel(
            [
                FieldPanel("office"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("office_hours"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
            ],
            heading=_("依申请公开的受理机构"),
        ),
        FieldPanel("procedure"),
        FieldPanel("time_limit"),
        FieldPanel("fees"),
        FieldPanel("remedies"),
    ]

    class Meta:
        verbose_name = _("政府信息公开指南")
        verbose_name_plural = _("政府信息公开指南")


class DisclosureRulesPage(ColumnPageMixin, Page):
    """政府信息公开制度: the unit's own rules (发布审查, 依申请公开办理, 考核 …)."""

    body = RichTextField(_("正文"), features=_TEXT)

    parent_page_types = ["pages.SectionPage"]
    subpage_types: list[str] = []
    base_form_class = GatedPageForm
    template = "disclosure/rules_page.html"

    content_panels = Page.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = _("政府信息公开制度")
        verbose_name_plural = _("政府信息公开制度")
