"""Hall rules (制度): 首问负责制, 一次性告知制, 限时办结制 … kept as content,
county-wide or for one center, and printed as rule boards (制度牌)."""

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

BOARD_SIZES = [("600x800", _("60 × 80 厘米")), ("500x700", _("50 × 70 厘米"))]
LEVELS = [("center", _("便民服务中心")), ("village", _("村（社区）便民服务站"))]


class HallRule(models.Model):
    title = models.CharField(_("制度名称"), max_length=40, help_text=_("例如：首问负责制"))
    body = models.TextField(_("制度内容"), help_text=_("每条一段，空行分段"))
    center = models.ForeignKey(
        "pages.ServiceCenterPage",
        verbose_name=_("适用中心"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="hall_rules",
        help_text=_("留空表示全县各中心通用"),
    )
    level = models.CharField(
        _("适用层级"),
        max_length=10,
        choices=LEVELS,
        default="center",
        help_text=_("村级制度印在各服务站的制度牌上"),
    )
    board_size = models.CharField(
        _("制度牌尺寸"), max_length=10, choices=BOARD_SIZES, default="600x800"
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("center"),
        FieldPanel("level"),
        FieldPanel("board_size"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        # Moved from the documents app: the table keeps its name (printing/migrations/0001).
        db_table = "portal_documents_hallrule"
        verbose_name = _("窗口制度")
        verbose_name_plural = _("窗口制度")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title

    @property
    def size_mm(self) -> tuple[int, int]:
        width, height = self.board_size.split("x")
        return int(width), int(height)

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n") if p.strip()]

    @classmethod
    def for_center(cls, center, level: str = "center"):
        """County-wide rules and the center's own: for the hall, or for its stations."""
        scope = models.Q(center__isnull=True) | models.Q(center=center)
        return cls.objects.filter(scope, level=level)


class SerialCounter(models.Model):
    """The last 受理告知书 serial issued by a center in a year: books continue it."""

    center = models.ForeignKey(
        "pages.ServiceCenterPage",
        verbose_name=_("中心"),
        on_delete=models.CASCADE,
        related_name="serial_counters",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    last = models.PositiveIntegerField(_("已用到的编号"), default=0)

    class Meta:
        verbose_name = _("受理告知书编号")
        verbose_name_plural = _("受理告知书编号")
        constraints = [
            models.UniqueConstraint(fields=["center", "year"], name="printing_serial_per_year")
        ]

    def __str__(self):
        return f"{self.center} {self.year}: {self.last:04d}"

    @classmethod
    def reserve(cls, center, year: int, count: int) -> int:
        """Take the next `count` serials atomically; returns the first one."""
        with transaction.atomic():
            cls.objects.get_or_create(center=center, year=year)
            counter = cls.objects.select_for_update().get(center=center, year=year)
            cls.objects.filter(pk=counter.pk).update(last=models.F("last") + count)
            return counter.last + 1


class PrintPackJob(models.Model):
    """A center's whole print pack, rendered by the task worker (printing.tasks).

    A pack is dozens of PDFs: minutes of rendering on a small server, more
    than a web request may take. The print menu records the request here,
    enqueues the work and shows this row's status until the file is ready.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("正在生成")
        DONE = "done", _("已完成")
        FAILED = "failed", _("生成失败")

    KINDS = [("zip", _("印刷厂文件 ZIP")), ("pdf", _("合并为一个 PDF"))]

    center = models.ForeignKey(
        "pages.ServiceCenterPage",
        verbose_name=_("中心"),
        on_delete=models.CASCADE,
        related_name="print_pack_jobs",
    )
    kind = models.CharField(_("文件类型"), max_length=3, choices=KINDS)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    # The storage name (default storage, shared by every app server) once done.
    file = models.CharField(max_length=255, blank=True)
    error = models.TextField(_("错误信息"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("打印包生成任务")
        verbose_name_plural = _("打印包生成任务")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.center} {self.kind} {self.status}"

    # A worker picks a task up within a second; a pack still queued after this
    # long means no worker is running, which the person waiting should hear.
    WORKER_EXPECTED_WITHIN = dt.timedelta(minutes=2)
    # A pack renders in well under a minute; one "running" for this long lost
    # its worker (killed, or the machine restarted) and will not finish.
    RENDER_EXPECTED_WITHIN = dt.timedelta(minutes=30)

    @property
    def interrupted(self) -> bool:
        return (
            self.status == self.Status.RUNNING
            and self.started_at is not None
            and timezone.now() - self.started_at > self.RENDER_EXPECTED_WITHIN
        )

    @property
    def pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING) and not self.interrupted

    @property
    def waiting_too_long(self) -> bool:
        return (
            self.status == self.Status.QUEUED
            and timezone.now() - self.requested_at > self.WORKER_EXPECTED_WITHIN
        )

    @property
    def filename(self) -> str:
        return f"{self.center.slug}-print-pack.{self.kind}"
