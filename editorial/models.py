"""A center's workspace (the groups, collection and workflow created for it),
and the approval task its workflow uses.

Kept as one row per center (in the source locale) rather than found by group
name, so renaming a township or a group never breaks who may do what.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask, Collection, Page, Workflow

from core.gates import submitted_problems

from .approval import refused_approval_url


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


class GatedGroupApprovalTask(AbstractGroupApprovalTask):
    """Group approval that refuses to approve a page failing the publishing gates.

    The gates (core.gates) run on the revision under review; a refused
    approval leaves the page in review, and the reviewer lands on its edit
    screen with the reasons (editorial.approval), where they can request changes.
    """

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if action_name == "approve" and isinstance(obj, Page) and submitted_problems(obj):
            return refused_approval_url(obj)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_actions(self, obj, user):
        """Approving publishes at once, so it always opens a dialog to confirm it
        (with an optional comment): one 批准发布 instead of Wagtail's one-click
        approve beside approve-with-comment."""
        actions, approve_offered = [], False
        for name, label, modal in super().get_actions(obj, user):
            if name != "approve":
                actions.append((name, label, modal))
            elif not approve_offered:
                actions.append((name, _("批准发布"), True))
                approve_offered = True
        return actions

    @classmethod
    def get_description(cls):
        return _("所选用户组的成员可以审核；页面须先通过发布把关规则，才能批准发布。")

    class Meta:
        verbose_name = _("用户组审核（含发布把关）")
        verbose_name_plural = _("用户组审核（含发布把关）")
