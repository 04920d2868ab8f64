"""Public notices (公示 / 通知) with a notice period.

A 公示 (e.g. the list of relief recipients) must stay up for its period and
then come down by itself; it stays in the archive. The period is two dates
and "current" is computed at request time, so nothing has to run at midnight.
"""

import datetime as dt
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager, PageQuerySet

from core.forms import GatedPageForm
from core.sections import SectionKind
from pages.services.localized import StaysInLanguageMixin

NOTICE_KIND_CHOICES = [("publicity", _("公示")), ("notice", _("通知公告"))]


def end_of_notice(last_day: dt.date) -> dt.datetime:
    """Midnight after the last day of the period, Beijing time: when Wagtail's
    scheduler (manage.py publish_scheduled) takes the notice down."""
    beijing = zoneinfo.ZoneInfo("Asia/Shanghai")
    return dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min, tzinfo=beijing)


class NoticeQuerySet(PageQuerySet):
    def current(self, day: dt.date | None = None):
        day = day or timezone.localdate()
        return self.filter(notice_start__lte=day, notice_end__gte=day)

    def ended(self, day: dt.date | None = None):
        return self.filter(notice_end__lt=day or timezone.localdate())


class NoticePage(StaysInLanguageMixin, Page):
    kind = models.CharField(
        _("类型"), max_length=20, choices=NOTICE_KIND_CHOICES, default="publicity"
    )
    notice_start = models.DateField(_("公示开始日期"))
    notice_end = models.DateField(_("公示截止日期"))
    body = RichTextField(_("正文"), features=["bold", "ol", "ul", "link"])
    expire_on_end = models.BooleanField(
        _("期满后自动下线"),
        default=True,
        help_text=_(
            "公示截止日期次日零时自动撤下（含个人信息的公示应勾选）；不勾选则期满后留在公示存档中"
        ),
    )
    objection_phone = models.CharField(
        _("异议受理电话"), max_length=40, blank=True, help_text=_("公示期内对内容有异议可拨打")
    )

    objects = PageManager.from_queryset(NoticeQuerySet)()

    parent_page_types = ["pages.SectionPage"]
    subpage_types: list[str] = []
    template = "pages/notice_page.html"
    base_form_class = GatedPageForm

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("notice_start"), FieldPanel("notice_end")]),
        FieldPanel("expire_on_end"),
        FieldPanel("objection_phone"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("公示公告")
        verbose_name_plural = _("公示公告")
        ordering = ["-notice_start"]

    @classmethod
    def can_create_at(cls, parent):
        kind = getattr(parent.specific, "kind", "")
        return super().can_create_at(parent) and kind in (SectionKind.NOTICES, SectionKind.NEWS)

    def clean(self):
        super().clean()
        if self.notice_start and self.notice_end and self.notice_end < self.notice_start:
            raise ValidationError({"notice_end": _("公示截止日期不能早于开始日期。")})
        if self.expire_on_end and self.notice_end:
            self.expire_at = end_of_notice(self.notice_end)

    def is_current(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.notice_start <= day <= self.notice_end
