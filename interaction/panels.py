"""The admin home's panel for letters: per center the user works for, what is open,
what is overdue, and what has waited more than three months for an answer (the
national inspection vetoes a site with such a letter)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from editorial.scoping import scope_queryset

from .models import Letter

VETO_DAYS = 90  # "unanswered for three months"


def summary(user, today: dt.date | None = None) -> list[dict]:
    """One row per center with open letters: open, overdue, waiting past VETO_DAYS."""
    today = today or timezone.localdate()
    open_letters = scope_queryset(
        Letter.objects.exclude(status=Letter.Status.REPLIED), user, "center"
    )
    rows = (
        open_letters.values("center_id", "center__title")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            vetoed=Count("pk", filter=Q(received_on__lt=today - dt.timedelta(days=VETO_DAYS))),
        )
        .order_by("-vetoed", "-overdue", "center__title")
    )
    return [
        {
            "center": row["center__title"],
            "open": row["open"],
            "overdue": row["overdue"],
            "vetoed": row["vetoed"],
            "url": reverse("wagtailsnippets_interaction_letter:list"),
        }
        for row in rows
    ]


class LettersPanel(Component):
    name = "letters"
    order = 90
    template_name = "interaction/admin/panel.html"

    def __init__(self, user) -> None:
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"rows": summary(self.user), "title": _("群众来信办理情况")}
