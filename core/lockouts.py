"""Login lockouts (django-axes) as county administrators see and lift them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

from axes.models import AccessAttempt
from axes.utils import reset

USERNAME = "username"
ADDRESS = "ip_address"


@dataclass(frozen=True)
class Lockout:
    kind: str  # USERNAME or ADDRESS
    value: str
    failures: int
    last_attempt: datetime

    @property
    def until(self) -> datetime:
        return self.last_attempt + cool_off()


def cool_off() -> timedelta:
    return timedelta(hours=float(settings.AXES_COOLOFF_TIME))


def current_lockouts(now: datetime | None = None) -> list[Lockout]:
    """Usernames and addresses whose failures within the cool-off reach the limit."""
    now = now or timezone.now()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - cool_off())
    found: list[Lockout] = []
    for kind in (USERNAME, ADDRESS):
        rows = (
            recent.exclude(**{kind: None})
            .values(kind)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by("-last")
        )
        found += [Lockout(kind, row[kind], row["failures"], row["last"]) for row in rows]
    return found


def lift(kind: str, value: str) -> int:
    """Forget the failures of one username or one address; returns the records removed."""
    if kind == USERNAME:
        return reset(username=value)
    if kind == ADDRESS:
        return reset(ip=value)
    raise ValueError(kind)
