"""Requests for government information (依申请公开), kept with their legal clock.

A request belongs to one center (or the county, whose home page stands for it),
and only that unit's 信息公开 officers (services.officers) see it: the
applicant's identity is for the reply alone, never for a public page, the
search index, an export or the annual report (which counts, never names).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from core.workdays import WorkingCalendar

from ..outcomes import OUTCOME_CHOICES
from ..services import clock as legal_clock


def _private_storage():
    """Not under MEDIA_ROOT: the web server never serves a reply letter."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class ApplicantType(models.TextChoices):
    """The annual report's columns: 自然人, then the five kinds of 法人或其他组织."""

    PERSON = "person", _("自然人")
    BUSINESS = "business", _("商业企业")
    RESEARCH = "research", _("科研机构")
    CHARITY = "charity", _("社会公益组织")
    LEGAL = "legal", _("法律服务机构")
    OTHER = "other", _("其他")


class DisclosureRequest(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("网上申请")
        COUNTER = "counter", _("当面申请")
        POST = "post", _("信函申请")
        FAX = "fax", _("传真申请")

    class IdType(models.TextChoices):
        ID_CARD = "id_card", _("居民身份证")
        PASSPORT = "passport", _("护照")
        OTHER = "other", _("其他证件")

    class SupplyForm(models.TextChoices):
        PAPER = "paper", _("纸质")
        EMAIL = "email", _("电子邮件")
        DISC = "disc", _("光盘")
        OTHER = "other", _("其他")

    class Delivery(models.TextChoices):
        POST = "post", _("邮寄")
        EMAIL = "email", _("电子邮件")
        PICKUP = "pickup", _("当面领取")
        FAX = "fax", _("传真")

    class Status(models.TextChoices):
        PENDING = "pending", _("办理中")
        CORRECTION = "correction", _("待补正")
        THIRD_PARTY = "third_party", _("征求第三方意见")
        REPLIED = "replied", _("已答复")

    center = models.ForeignKey(
        Page, verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("申请编号"), max_length=16, unique=True)
    channel = models.CharField(
        _("申请方式"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    applicant_type = models.CharField(_("申请人类型"), max_length=10, choices=ApplicantType.choices)
    # Identity (第二十九条): the officers' only.
    name = models.CharField(_("姓名或名称"), max_length=100)
    id_type = models.CharField(
        _("证件类型"), max_length=10, choices=IdType.choices, blank=True,
        default=IdType.ID_CARD,
    )  # fmt: skip
    id_number = models.CharField(
        _("证件号码或统一社会信用代码"), max_length=30,
        help_text=_("自然人填身份证件号码；法人或其他组织填统一社会信用代码"),
    )  # fmt: skip
    contact_name = models.CharField(_("联系人"), max_length=30, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    # What is asked for.
    description = models.TextField(
        _("所需政府信息的名称或描述"), max_length=2000,
        help_text=_("信息的名称、文号或者便于查询的其他特征性描述"),
    )  # fmt: skip
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    purpose = models.CharField(_("用途（选填）"), max_length=300, blank=True)
    supply_form = models.CharField(_("信息的提供形式"), max_length=10, choices=SupplyForm.choices)
    delivery = models.CharField(_("获取信息的方式"), max_length=10, choices=Delivery.choices)
    # The clock.
    received_on = models.DateField(_("收到申请日期"))
    clock_starts_on = models.DateField(_("计时起算日期"))
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延长答复期限（工作日）"), default=0)
    extension_reason = models.CharField(_("延期理由"), max_length=300, blank=True)
    extension_approved_by = models.CharField(_("延期批准人"), max_length=40, blank=True)
    extended_on = models.DateField(_("延期日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # The answer.
    outcome = models.CharField(
        _("办理结果"), max_length=30, choices=OUTCOME_CHOICES, blank=True, db_index=True
    )
    reply = models.TextField(_("答复内容"), blank=True)
    reply_number = models.CharField(_("告知书编号"), max_length=40, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    reply_pdf = models.FileField(
        _("告知书"), upload_to="disclosure/%Y/", blank=True,
        storage=_private_storage,
    )  # fmt: skip
    fee = models.DecimalField(
        _("信息处理费（元）"), max_digits=8, decimal_places=2, default=0,
        help_text=_("依法不收费；按《政府信息公开信息处理费管理办法》收取时填写"),
    )  # fmt: skip
    fee_note = models.CharField(_("收费说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["center", "received_on"])]

    def __str__(self) -> str:
        return self.code

    def clock(self, calendar: WorkingCalendar | None = None) -> legal_clock.Clock:
        pauses = [legal_clock.Pause(p.kind, p.started_on, p.ended_on) for p in self.pauses.all()]
        return legal_clock.clock(self.received_on, pauses, self.extension_days, calendar)

    def days_left(self, today: dt.date | None = None, calendar=None) -> int | None:
        """Working days to the due date (negative: overdue); None while paused or answered."""
        if self.replied_on or self.due_on is None:
            return None
        calendar = calendar or WorkingCalendar()
        return calendar.working_days_between(today or timezone.localdate(), self.due_on)

    def time_left(self) -> str:
        """For the admin's list: days left, overdue, paused or answered."""
        if self.replied_on:
            return str(_("已答复"))
        if self.due_on is None:
            return str(self.get_status_display())
        left = self.days_left()
        if left is not None and left < 0:
            return str(_("超期 %(days)s 个工作日")) % {"days": -left}
        return str(_("剩 %(days)s 个工作日")) % {"days": left}

    time_left.short_description = _("剩余时间")  # type: ignore[attr-defined]


class RequestPause(models.Model):
    """A stop of the clock: a 补正 notice, or a third party asked for its view."""

    class Kind(models.TextChoices):
        CORRECTION = legal_clock.CORRECTION, _("补正申请")
        THIRD_PARTY = legal_clock.THIRD_PARTY, _("征求第三方意见")

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("暂停计时")
        verbose_name_plural = _("暂停计时")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}"


EVENT_LABELS = {
    "received": _("收到申请"),
    "paused:correction": _("告知补正"),
    "resumed:correction": _("收到补正后的申请"),
    "paused:third_party": _("征求第三方意见"),
    "resumed:third_party": _("第三方意见返回"),
    "extended": _("延长答复期限"),
    "replied": _("答复"),
}


class RequestEvent(models.Model):
    """One step of a request's handling, for the audit trail."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("操作"), max_length=30)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}"

    def label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))


class DisclosureOffice(models.Model):
    """A unit's 信息公开 officers: the group that alone sees and answers its requests."""

    unit = models.OneToOneField(
        Page, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="+"
    )
    group = models.OneToOneField("auth.Group", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("信息公开工作机构")
        verbose_name_plural = _("信息公开工作机构")

    def __str__(self) -> str:
        return self.group.name
