"""How a refused approval reaches the reviewer.

`GatedGroupApprovalTask.on_action` has no request to attach a message to, so a
refusal sends the reviewer to the page's edit screen with `?gates=refused`;
the edit screen's `before_edit_page` hook (wagtail_hooks) recomputes the
reasons from the page itself and shows them. Nothing in the address is
trusted: it only asks the screen to look.
"""

from __future__ import annotations

from django.contrib import messages
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.gates import submitted_problems

REFUSED_PARAM = "gates"
REFUSED_VALUE = "refused"


def refusal_message(problems: list[str]) -> str:
    return _("未能通过审核，请退回编辑修改：") + " ".join(problems)


def refused_approval_url(page: Page) -> str:
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return f"{edit_url}?{urlencode({REFUSED_PARAM: REFUSED_VALUE})}"


def show_refusal(request, page: Page) -> None:
    """On the edit screen a refusal sent the reviewer to: the reasons, if they still hold."""
    if request.GET.get(REFUSED_PARAM) != REFUSED_VALUE or not page.workflow_in_progress:
        return
    problems = submitted_problems(page)
    if problems:
        messages.error(request, refusal_message(problems))
