"""The publishing gates in the page editor, on the content as posted.

Approval through the workflow is gated by editorial.models.GatedGroupApprovalTask;
this covers the other road to the public site: someone with publish permission
pressing 发布 (or approving from the edit screen) with content they have just typed.
Page types state their own rules in their forms (the guide's 八公开); the
registered cross-cutting gates (the injected-content scanner) run here.
"""

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm

from .gates import registered_gates

if TYPE_CHECKING:
    from django.forms import BaseModelForm as _FormBase  # what the mixin is mixed into
else:
    _FormBase = object


class GatedPageFormMixin(_FormBase):
    """Runs the gates once Django's validation has put the posted content on the instance.

    Not in clean(): Django updates the model instance only after clean() has
    run, and the gates read the page as it would be published. They go before
    the other is_valid() checks (the guide's 八公开), which skip a form already
    invalid, as they did when the gates ran inside Django's validation.
    """

    def is_valid(self):
        if self.is_bound and not getattr(self, "_gates_checked", False):
            self._gates_checked = True
            self._check_gates()
        return super().is_valid()

    def _check_gates(self) -> None:
        if not self._going_public():
            return
        # Reading the errors runs Django's validation (once); then self.instance holds the post.
        self.errors  # noqa: B018
        problems = [problem for gate in registered_gates() for problem in gate(self.instance)]
        if problems:
            self.add_error(None, _("不能发布：") + " ".join(problems))

    def _going_public(self) -> bool:
        data = getattr(self, "data", None) or {}
        return "action-publish" in data or data.get("workflow-action-name") == "approve"


class GatedPageForm(GatedPageFormMixin, WagtailAdminPageForm):
    """The base form for page types without a form of their own."""
