"""Every whereabouts change, kept as text so renaming a status never rewrites history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusChange(models.Model):
    member = models.ForeignKey(
        "staff.StaffMember",
        verbose_name=_("工作人员"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    changed_at = models.DateTimeField(_("变更时间"), db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_by_name = models.CharField(_("操作人姓名"), max_length=60, blank=True)
    from_status = models.CharField(_("原状态"), max_length=12, blank=True)
    to_status = models.CharField(_("新状态"), max_length=12)
    note = models.CharField(_("说明"), max_length=60, blank=True)
    until = models.DateTimeField(_("预计返回时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("去向变更记录")
        verbose_name_plural = _("去向变更记录")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.member} {self.from_status or '—'} → {self.to_status}"
