"""Sections (栏目) of a center or of the county: guides, documents, notices, staff.

Every center gets the same sections when it is first published, so citizens
find the same things in the same place in every township; later issues give
each section its own child page types.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from pages.blocks import BodyBlock

SECTION_KIND_CHOICES = [
    ("guides", _("办事指南")),
    ("disclosure", _("政务公开")),
    ("documents", _("政策文件")),
    ("notices", _("通知公告")),
    ("staff", _("工作人员")),
    ("general", _("其他栏目")),
]

# (kind, title, slug) created under every center, in this order.
CENTER_SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("guides", "办事指南", "guides"),
    ("disclosure", "政务公开", "disclosure"),
    ("documents", "政策文件", "documents"),
    ("notices", "通知公告", "notices"),
    ("staff", "工作人员", "staff"),
)


class SectionPage(Page):
    kind = models.CharField(
        _("栏目类型"), max_length=20, choices=SECTION_KIND_CHOICES, default="general"
    )
    intro = RichTextField(_("栏目说明"), blank=True, features=["bold", "link"])
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    parent_page_types = ["pages.ServiceCenterPage", "pages.CountyHomePage"]
    subpage_types: list[str] = []
    template = "pages/section_page.html"

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
