"""What the inspection stores: uptime probes, the wording lexicon, link results,
per-page wording findings and each run's result (what the admin screen shows)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

# The inspection's rule: a probe that takes 15 s or more counts as the site not opening.
SLOW_SECONDS = 15.0


class Probe(models.Model):
    """One uptime check of one URL, as the inspectors' robot makes it (20+ a day)."""

    url = models.CharField(_("地址"), max_length=500)
    unit = models.ForeignKey(
        Page, verbose_name=_("单位"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    at = models.DateTimeField(_("检查时间"), default=timezone.now, db_index=True)
    status = models.PositiveSmallIntegerField(_("状态码"), null=True, blank=True)
    seconds = models.FloatField(_("耗时（秒）"), null=True, blank=True)
    error = models.CharField(_("错误"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("可用性监测")
        verbose_name_plural = _("可用性监测")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.url} {self.status or self.error}"

    @property
    def failed(self) -> bool:
        """Not opened within 15 s: no answer, an error status, or too slow."""
        if self.status is None or not 200 <= self.status < 400:
            return True
        return self.seconds is None or self.seconds >= SLOW_SECONDS


class Formulation(models.Model):
    """One wrong formulation and its correct form (规范表述词库), matched as plain text."""

    class Severity(models.TextChoices):
        SEVERE = "severe", _("严重错误")
        ERROR = "error", _("一般错误")

    wrong = models.CharField(_("错误表述"), max_length=60, unique=True)
    correct = models.CharField(_("规范表述"), max_length=120)
    severity = models.CharField(
        _("严重程度"), max_length=10, choices=Severity.choices, default=Severity.SEVERE
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("规范表述")
        verbose_name_plural = _("规范表述词库")
        ordering = ["wrong"]

    def __str__(self) -> str:
        return f"{self.wrong} → {self.correct}"


class WordingScan(models.Model):
    """A page's wording findings, kept until the page or the lexicon changes."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="+")
    lexicon_key = models.CharField(max_length=64)
    scanned_at = models.DateTimeField(default=timezone.now)
    findings = models.JSONField(default=list)  # [{"wrong", "correct", "severity", "excerpt"}]

    def __str__(self) -> str:
        return f"{self.page_id}: {len(self.findings)}"


class LinkResult(models.Model):
    """One link of one live page, as last checked; first_seen says since when it is there."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    url = models.CharField(_("链接"), max_length=1000)
    external = models.BooleanField(_("外部链接"), default=False)
    ok = models.BooleanField(_("可访问"), null=True)  # None: not checked yet
    status = models.PositiveSmallIntegerField(_("状态码"), null=True, blank=True)
    error = models.CharField(_("错误"), max_length=200, blank=True)
    first_seen = models.DateTimeField(_("首次发现"), default=timezone.now)
    broken_since = models.DateTimeField(_("失效时间"), null=True, blank=True)
    checked_at = models.DateTimeField(_("检查时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("链接检查结果")
        verbose_name_plural = _("链接检查结果")
        constraints = [models.UniqueConstraint(fields=["page", "url"], name="link_once_per_page")]
        indexes = [models.Index(fields=["ok", "external"])]

    def __str__(self) -> str:
        return self.url


class InspectionRun(models.Model):
    """One run of the whole inspection; the admin screen and reports read the latest."""

    finished_at = models.DateTimeField(_("检查时间"), default=timezone.now, db_index=True)
    passed = models.BooleanField(_("通过单项否决"))
    score = models.FloatField(_("预估得分"))
    result = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("检查记录")
        verbose_name_plural = _("检查记录")
        ordering = ["-finished_at"]

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M} {self.score:.1f}"
