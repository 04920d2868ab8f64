"""What every inspection check returns: an item with its rule, value and status, and the
problems to fix, each with the unit (the county or a township) that answers for it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

from . import columns as cols

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"


@dataclass(frozen=True)
class Problem:
    unit_id: int
    unit: str
    page_id: int | None
    title: str
    detail: str
    counts: bool = True  # False: shown to fix, but not what the threshold counts

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.page_id]) if self.page_id else ""


@dataclass
class Item:
    code: str
    label: str
    rule: str
    value: str
    status: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == FAIL


@dataclass(frozen=True)
class Context:
    """What every check needs: the day, the units by path, and an optional unit to narrow to."""

    today: dt.date
    units: list[tuple[str, Page]]
    only: Page | None = None
    columns: list[cols.Column] = field(default_factory=list)  # the whole site's, read once

    @property
    def own_columns(self) -> list[cols.Column]:
        """The columns the thresholds count: the site's, or the one unit's."""
        return [c for c in self.columns if self.only is None or c.unit_id == self.only.pk]

    def unit(self, path: str) -> Page | None:
        return cols.unit_of(path, self.units)

    def problem(self, page_path: str, page_id: int | None, title: str, detail: str, **kw):
        unit = self.unit(page_path)
        return Problem(
            unit.pk if unit else 0, unit.title if unit else "", page_id, title, detail, **kw
        )

    def keep(self, problems: Iterable[Problem]) -> list[Problem]:
        return [p for p in problems if self.only is None or p.unit_id == self.only.pk]


def context(today: dt.date | None = None, only: Page | None = None) -> Context:
    today = today or timezone.localdate()
    units = cols.all_units()
    return Context(today, [(u.path, u) for u in units], only, cols.columns(today, units=units))
