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

from .models import FollowUp, Letter

VETO_DAYS = 90  # "unanswered for three months"


def summary(user, today: dt.date | None = None) -> list[dict]:
    """One row per center with open work: letters open, overdue and waiting past
    VETO_DAYS; 找错 reports open; 差评 cases open (three queries in all)."""
    today = today or timezone.localdate()
    waiting = scope_queryset(Letter.objects.exclude(status=Letter.Status.REPLIED), user, "center")
    error = Q(kind=Letter.Kind.ERROR)
    rows = {
        row["center_id"]: row
        for row in waiting.values("center_id", "center__title").annotate(
            open=Count("pk", filter=~error),
            overdue=Count("pk", filter=~error & Q(due_on__lt=today)),
            vetoed=Count(
                "pk", filter=~error & Q(received_on__lt=today - dt.timedelta(days=VETO_DAYS))
            ),
            errors=Count("pk", filter=error),
        )
    }
    cases = scope_queryset(FollowUp.objects.filter(closed_on__isnull=True), user, "center")
    for row in cases.values("center_id", "center__title").annotate(
        cases=Count("pk"), late=Count("pk", filter=Q(rectify_due__lt=today))
    ):
        rows.setdefault(
            row["center_id"], {"center__title": row["center__title"], "open": 0, "overdue": 0,
                               "vetoed": 0, "errors": 0},
        ).update(cases=row["cases"], late=row["late"])  # fmt: skip
    letters_url = reverse("wagtailsnippets_interaction_letter:list")
    cases_url = reverse("wagtailsnippets_interaction_followup:list")
    found = [
        {
            "center": row["center__title"],
            "open": row["open"],
            "overdue": row["overdue"],
            "vetoed": row["vetoed"],
            "errors": row["errors"],
            "cases": row.get("cases", 0),
            "late": row.get("late", 0),
            "url": letters_url,
            "cases_url": cases_url,
        }
        for row in rows.values()
    ]
    return sorted(found, key=lambda r: (-r["vetoed"], -r["overdue"], -r["late"], r["center"]))


class LettersPanel(Component):
    name = "letters"
    order = 90
    template_name = "interaction/admin/panel.html"

    def __init__(self, user) -> None:
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"rows": summary(self.user), "title": _("群众来信办理情况")}


def panel_for(user) -> LettersPanel | None:
    """The panel for those who handle letters."""
    return LettersPanel(user) if user.has_perm("interaction.view_letter") else None
