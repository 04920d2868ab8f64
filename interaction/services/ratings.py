"""好差评: recording a rating, opening the follow-up of a bad one, monthly results.

A bad rating (不满意 or worse) opens a follow-up case: the rater is called back
within RATING_VISIT_WORKING_DAYS when they left a number, and the cause is
put right within RATING_RECTIFY_WORKING_DAYS (core.workdays counts both).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext

from core.workdays import add_working_days

from ..models import ClockSettings, FollowUp, Rating
from .letters import new_code, normalise_code

GOOD_LEVELS = (Rating.Level.VERY_GOOD, Rating.Level.GOOD)


@transaction.atomic
def rate(center, *, level: int, channel: str, guide=None, window=None, reason="",
         reason_text="", phone="") -> Rating:  # fmt: skip
    rating = Rating.objects.create(
        center=center, guide=guide, window=window, level=level, channel=channel,
        reason=reason, reason_text=reason_text, phone=phone,
    )  # fmt: skip
    if rating.is_bad:
        today = timezone.localdate()
        limits = ClockSettings.current()
        FollowUp.objects.create(
            rating=rating,
            code=new_code(),  # for the rater to read the outcome
            center=center,
            visit_due=add_working_days(today, limits.visit_days) if phone else None,
            rectify_due=add_working_days(today, limits.rectify_days),
        )
    return rating


@dataclass(frozen=True)
class Month:
    month: dt.date  # its first day
    total: int
    by_level: dict[int, int]

    @property
    def good_rate(self) -> float | None:
        """好评率: 非常满意 and 满意 among all ratings, in percent."""
        good = sum(self.by_level.get(level, 0) for level in GOOD_LEVELS)
        return round(100 * good / self.total, 1) if self.total else None


def monthly(queryset: QuerySet[Rating]) -> list[Month]:
    """Results per month, newest first (one query, whatever the number of ratings)."""
    rows = (
        queryset.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(
            total=Count("pk"),
            **{f"l{level}": Count("pk", filter=Q(level=level)) for level in Rating.Level.values},
        )
        .order_by("-month")
    )
    found = []
    for row in rows:
        counts: dict[str, int] = dict(row)  # type: ignore[arg-type]  # the annotations above
        month = row["month"]
        found.append(
            Month(
                month=month.date() if isinstance(month, dt.datetime) else month,
                total=row["total"],
                by_level={level: counts[f"l{level}"] for level in Rating.Level.values},
            )
        )
    return found


@dataclass(frozen=True)
class WindowMonth:
    window: str
    total: int
    good: int

    @property
    def good_rate(self) -> float | None:
        return round(100 * self.good / self.total, 1) if self.total else None


def per_window(queryset: QuerySet[Rating], month: dt.date) -> list[WindowMonth]:
    """One month's results per window (one query), most rated first."""
    rows = (
        queryset.filter(
            created_at__year=month.year, created_at__month=month.month, window__isnull=False
        )
        .values("window__number", "window__name")
        .annotate(total=Count("pk"), good=Count("pk", filter=Q(level__in=GOOD_LEVELS)))
        .order_by("window__number")
    )
    return [
        WindowMonth(
            " ".join((_number(row["window__number"]), row["window__name"])),
            row["total"],
            row["good"],
        )
        for row in rows
    ]


def _number(number: int) -> str:
    return gettext("%(number)s号窗口") % {"number": number}


def find_case(code: str) -> FollowUp | None:
    """A follow-up by the code its rater was given (unguessable, 31^10)."""
    code = normalise_code(code)
    return FollowUp.objects.select_related("rating").filter(code=code).first() if code else None
