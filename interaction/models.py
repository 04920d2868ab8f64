"""Letters from citizens and their handling, kept with a full history.

A letter belongs to one center (or the county, whose home page stands for
it), is found again by its 查询码 with the last four digits of the mobile,
and is due a number of working days after the day it arrived (core.workdays).
The name and mobile are for the reply only: nothing public ever shows them.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import admin
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Page

from core.workdays import WorkingCalendar


class Letter(models.Model):
    class Kind(models.TextChoices):
        CONSULT = "consult", _("咨询")
        COMPLAINT = "complaint", _("投诉")
        SUGGESTION = "suggestion", _("建议")
        HELP = "help", _("求助")
        ERROR = "error", _("网站纠错")  # 我为政府网站找错: a page's mistake

    class Status(models.TextChoices):
        RECEIVED = "received", _("已受理")
        ASSIGNED = "assigned", _("办理中")
        DRAFTED = "drafted", _("待审核")
        REPLIED = "replied", _("已答复")

    center = models.ForeignKey(
        Page, verbose_name=_("受理单位"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    subject = models.CharField(_("标题"), max_length=60)
    body = models.TextField(_("内容"), max_length=2000)
    name = models.CharField(_("姓名"), max_length=30, blank=True)
    mobile = models.CharField(_("手机号码"), max_length=11, blank=True)
    page_url = models.CharField(
        _("出错的网页"), max_length=300, blank=True, help_text=_("网站纠错：报告所指的网页地址")
    )
    guide = models.ForeignKey(
        Page, verbose_name=_("相关事项"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("来信所涉及的办事事项（选填）"),
    )  # fmt: skip
    public = models.BooleanField(_("同意公开"), default=True)
    code = models.CharField(_("查询码"), max_length=12, unique=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    received_on = models.DateField(_("受理日期"))
    due_on = models.DateField(_("答复期限"))
    handler = models.CharField(
        _("承办科室或窗口"), max_length=60, blank=True, help_text=_("例如“民政窗口”")
    )
    reply = models.TextField(_("答复内容"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("群众来信")
        verbose_name_plural = _("群众来信")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["center", "status"])]

    def __str__(self) -> str:
        return f"{self.code} {self.subject}"

    @admin.display(description=_("剩余时间"))
    def days_left(self, today: dt.date | None = None, calendar=None) -> int:
        """Working days from today (an answered letter: from its answer) to the due
        date; negative when overdue by that many."""
        calendar = calendar or WorkingCalendar()
        day = self.replied_on or today or timezone.localdate()
        return calendar.working_days_between(day, self.due_on)

    def time_left(self) -> str:
        """For the admin's list: working days left, or overdue by, or answered."""
        if self.replied_on:
            return str(_("已答复"))
        left = self.days_left()
        if left < 0:
            return str(_("超期 %(days)s 个工作日")) % {"days": -left}
        return str(_("剩 %(days)s 个工作日")) % {"days": left}


def _private_storage():
    """Not under MEDIA_ROOT: the web server never serves these files."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class LetterImage(models.Model):
    """A picture the citizen attached (a broken road, a notice), for the staff only."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to="letters/%Y/%m/", storage=_private_storage)
    content_type = models.CharField(max_length=20)

    class Meta:
        verbose_name = _("来信图片")
        verbose_name_plural = _("来信图片")

    def __str__(self) -> str:
        return self.file.name


class LetterEvent(models.Model):
    """One step of a letter's handling, for the audit trail."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("操作"), max_length=30)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self) -> str:
        return f"{self.letter_id} {self.action}"


class Rating(models.Model):
    """好差评: one citizen's rating of one service, on site or online."""

    class Level(models.IntegerChoices):
        VERY_GOOD = 5, _("非常满意")
        GOOD = 4, _("满意")
        FAIR = 3, _("基本满意")
        BAD = 2, _("不满意")
        VERY_BAD = 1, _("非常不满意")

    class Channel(models.TextChoices):
        ONSITE = "onsite", _("现场")
        ONLINE = "online", _("网上")
        QR = "qr", _("二维码")
        AGENT = "agent", _("代办")

    REASONS = (
        ("slow", _("办理时间长")),
        ("attitude", _("服务态度不好")),
        ("unclear", _("一次性告知不清楚")),
        ("errands", _("来回跑、多次跑")),
        ("absent", _("窗口无人")),
        ("other", _("其他")),
    )

    center = models.ForeignKey(
        Page, verbose_name=_("便民服务中心"), on_delete=models.PROTECT, related_name="+"
    )
    guide = models.ForeignKey(
        Page, verbose_name=_("事项"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    window = models.ForeignKey(
        "pages.ServiceWindow", verbose_name=_("窗口"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    level = models.PositiveSmallIntegerField(_("评价"), choices=Level.choices)
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    reason = models.CharField(_("原因"), max_length=12, choices=REASONS, blank=True)
    reason_text = models.CharField(_("具体情况"), max_length=300, blank=True)
    phone = models.CharField(_("回访电话"), max_length=11, blank=True)
    created_at = models.DateTimeField(_("评价时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("好差评")
        verbose_name_plural = _("好差评")
        indexes = [models.Index(fields=["center", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.created_at:%Y-%m-%d}"

    @property
    def is_bad(self) -> bool:
        return self.level <= self.Level.BAD


class FollowUp(models.Model):
    """差评整改: a bad rating's follow-up, with its two clocks (回访, 整改)."""

    rating = models.OneToOneField(Rating, on_delete=models.CASCADE, related_name="follow_up")
    code = models.CharField(_("查询码"), max_length=12, unique=True, null=True, blank=True)
    center = models.ForeignKey(
        Page, verbose_name=_("便民服务中心"), on_delete=models.PROTECT, related_name="+"
    )
    visit_due = models.DateField(_("回访期限"), null=True, blank=True)
    visited_on = models.DateField(_("回访日期"), null=True, blank=True)
    rectify_due = models.DateField(_("整改期限"))
    result = models.TextField(_("整改结果"), blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("差评整改")
        verbose_name_plural = _("差评整改")

    def __str__(self) -> str:
        return f"{self.rating} {self.rectify_due}"


@register_setting(icon="time")
class ClockSettings(BaseGenericSetting):
    """The working days each kind of letter and each follow-up has: the county's to
    set (defaults from the project settings, LETTER_WORKING_DAYS and RATING_*)."""

    consult_days = models.PositiveSmallIntegerField(_("咨询（工作日）"), default=5)
    help_days = models.PositiveSmallIntegerField(_("求助（工作日）"), default=5)
    suggestion_days = models.PositiveSmallIntegerField(_("建议（工作日）"), default=15)
    complaint_days = models.PositiveSmallIntegerField(_("投诉（工作日）"), default=15)
    error_days = models.PositiveSmallIntegerField(_("网站纠错（工作日）"), default=3)
    visit_days = models.PositiveSmallIntegerField(_("差评回访（工作日）"), default=1)
    rectify_days = models.PositiveSmallIntegerField(_("差评整改（工作日）"), default=15)

    class Meta:
        verbose_name = _("答复与整改时限")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> ClockSettings:
        """The saved limits, or the project settings' when none were saved yet."""
        found = cls.objects.first()
        if found is not None:
            return found
        days = settings.LETTER_WORKING_DAYS
        return cls(
            **{f"{kind}_days": days[kind] for kind in days},
            visit_days=settings.RATING_VISIT_WORKING_DAYS,
            rectify_days=settings.RATING_RECTIFY_WORKING_DAYS,
        )

    def days_for(self, kind: str) -> int:
        return getattr(self, f"{kind}_days")
