"""Thin admin views: the gated approval action."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page

from .gates import submitted_problems

_wagtail_workflow_action = page_viewset_registry.as_view("workflow_action", page_id_kwarg="page_id")


def refusal_message(problems: list[str]) -> str:
    return _("未能通过审核，请退回编辑修改：") + " ".join(problems)


def gated_workflow_action(request, page_id: int, action_name: str, task_state_id: int):
    """Wagtail's workflow action, except that approval first passes the gates.

    A refused approval leaves the page in review and shows the reasons to the
    reviewer on the page's edit screen, where they can request changes.
    """
    if request.method == "POST" and action_name == "approve":
        page = get_object_or_404(Page, pk=page_id)
        problems = submitted_problems(page)
        if problems:
            messages.error(request, refusal_message(problems))
            url = reverse("wagtailadmin_pages:edit", args=[page_id])
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return JsonResponse({"step": "success", "redirect": url})
            return redirect(url)
    return _wagtail_workflow_action(
        request, page_id=page_id, action_name=action_name, task_state_id=task_state_id
    )
