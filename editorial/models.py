"""A center's workspace: the groups, collection and workflow created for it.

Kept as one row per center (in the source locale) rather than found by group
name, so renaming a township or a group never breaks who may do what.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Collection, Workflow


class CenterWorkspace(models.Model):
    center = models.OneToOneField(
        "pages.ServiceCenterPage",
        verbose_name=_("便民服务中心"),
        on_delete=models.CASCADE,
        related_name="workspace",
    )
    editor_group = models.OneToOneField(
        Group, verbose_name=_("编辑组"), on_delete=models.PROTECT, related_name="+"
    )
    reviewer_group = models.OneToOneField(
        Group, verbose_name=_("审核组"), on_delete=models.PROTECT, related_name="+"
    )
    collection = models.OneToOneField(
        Collection, verbose_name=_("文件与图片库"), on_delete=models.PROTECT, related_name="+"
    )
    workflow = models.OneToOneField(
        Workflow, verbose_name=_("审核流程"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("中心工作区")
        verbose_name_plural = _("中心工作区")

    def __str__(self):
        return str(self.center)
