"""The admin home's panel for the officers: per unit, the requests open, paused,
due within five working days and overdue (one query)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from core.workdays import WorkingCalendar

from .models import DisclosureRequest
from .services import officers

SOON = 5  # working days


def summary(user, today: dt.date | None = None) -> list[dict]:
    today = today or timezone.localdate()
    soon = WorkingCalendar().add_working_days(today, SOON)
    waiting = officers.scope(
        DisclosureRequest.objects.exclude(status=DisclosureRequest.Status.REPLIED), user
    )
    paused = Q(due_on__isnull=True)
    rows = waiting.values("center_id", "center__title").annotate(
        open=Count("pk"),
        paused=Count("pk", filter=paused),
        soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon)),
        overdue=Count("pk", filter=Q(due_on__lt=today)),
    )
    url = reverse("wagtailsnippets_disclosure_disclosurerequest:list")
    return sorted(
        ({**row, "url": url} for row in rows), key=lambda r: (-r["overdue"], r["center__title"])
    )


class RequestsPanel(Component):
    name = "disclosure_requests"
    order = 91
    template_name = "disclosure/admin/panel.html"

    def __init__(self, user) -> None:
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"rows": summary(self.user), "title": _("政府信息公开申请办理情况")}


def panel_for(user) -> RequestsPanel | None:
    """For the officers (and only them: the panel counts, but of their units)."""
    return RequestsPanel(user) if officers.unit_ids_for(user) or user.is_superuser else None
