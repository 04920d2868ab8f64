"""What happens to a letter: received, assigned, answered, approved, published.

Pure functions over the models; views and the admin call them. Every step
leaves a LetterEvent. Clocks count working days (core.workdays): the day a
letter arrives is not counted, it is due on the Nth working day after.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string

from core.workdays import WorkingCalendar, add_working_days

from ..models import ClockSettings, Letter, LetterEvent

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L: read out over the phone or copied from a slip of paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
_NOT_CODE = re.compile(r"[^0-9A-Z]")
# Mobile numbers and ID card numbers written inside a letter's text.
_PERSONAL_NUMBERS = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)|(?<!\d)\d{17}[\dXx](?!\d)")


def due_date(kind: str, received_on: dt.date) -> dt.date:
    """The last day to answer a letter of this kind received that day (the limits
    as the county set them, 设置 → 答复与整改时限)."""
    return add_working_days(received_on, ClockSettings.current().days_for(kind))


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a citizen typed, as stored: upper case, spaces and dashes dropped."""
    return _NOT_CODE.sub("", text.upper())[: CODE_LENGTH + 2]


@transaction.atomic
def receive(
    center, *, kind, subject, body, name, mobile, public, page_url="", guide=None
) -> Letter:
    today = timezone.localdate()
    letter = Letter.objects.create(
        center=center,
        kind=kind,
        guide=guide,
        subject=subject,
        body=body,
        name=name,
        mobile=mobile,
        public=public,
        page_url=page_url,
        code=new_code(),
        received_on=today,
        due_on=due_date(kind, today),
    )
    LetterEvent.objects.create(letter=letter, action="received")
    return letter


def find(code: str, last_digits: str) -> Letter | None:
    """The letter with this 查询码 whose mobile ends with these 4 digits, else None
    (the same answer for a wrong code and a wrong number)."""
    letter = Letter.objects.filter(code=normalise_code(code)).first()
    expected = letter.mobile[-4:] if letter and letter.mobile else "----"
    matches = hmac.compare_digest(expected.encode(), last_digits.strip().encode())
    return letter if letter is not None and matches else None


@transaction.atomic
def assign(letter: Letter, user, handler: str) -> None:
    letter.handler = handler
    if letter.status == Letter.Status.RECEIVED:
        letter.status = Letter.Status.ASSIGNED
    letter.save(update_fields=["handler", "status"])
    LetterEvent.objects.create(letter=letter, user=user, action="assigned", note=handler[:200])


@transaction.atomic
def transfer(letter: Letter, user, to) -> None:
    """转办: the letter goes to another center (or the county) with its history; its
    clock runs on from the day it was received."""
    note = f"{letter.center.title} → {to.title}"
    letter.center = to
    letter.handler = ""
    if letter.status == Letter.Status.ASSIGNED:
        letter.status = Letter.Status.RECEIVED
    letter.save(update_fields=["center", "handler", "status"])
    LetterEvent.objects.create(letter=letter, user=user, action="transferred", note=note[:200])


@transaction.atomic
def draft(letter: Letter, user, reply: str) -> None:
    """The handler's answer, waiting for the director's approval."""
    letter.reply = reply
    letter.status = Letter.Status.DRAFTED
    letter.save(update_fields=["reply", "status"])
    LetterEvent.objects.create(letter=letter, user=user, action="drafted")


@transaction.atomic
def approve(letter: Letter, user) -> None:
    """The director approves the drafted answer: it is sent and, if allowed, published."""
    if letter.status != Letter.Status.DRAFTED or not letter.reply.strip():
        raise ValueError("only a drafted reply can be approved")
    letter.status = Letter.Status.REPLIED
    letter.replied_on = timezone.localdate()
    letter.save(update_fields=["status", "replied_on"])
    LetterEvent.objects.create(letter=letter, user=user, action="approved")
    transaction.on_commit(lambda: notifier()(letter))


def notifier():
    """The configured way to tell the citizen (SMS or e-mail gateway in production)."""
    return import_string(settings.LETTER_NOTIFIER)


def log_notifier(letter: Letter) -> None:
    """The default notifier: a line in the log, the number masked."""
    logger.info("reply to letter %s sent to %s", letter.code, mask_mobile(letter.mobile))


# --- what the public sees ----------------------------------------------------


def mask_name(name: str) -> str:
    name = name.strip()
    return (name[:1] + "*" * max(len(name) - 1, 1)) if name else ""


def mask_mobile(mobile: str) -> str:
    return mobile[:3] + "****" + mobile[-4:] if len(mobile) == 11 else "****"


def mask_text(text: str) -> str:
    """A letter's or reply's text for the public: phone and ID numbers hidden."""
    return _PERSONAL_NUMBERS.sub(
        lambda m: f"{m.group(1)}****{m.group(2)}" if m.group(1) else "******", text
    )


def published(queryset: QuerySet[Letter] | None = None) -> QuerySet[Letter]:
    """Answered letters whose writers allowed them to be shown."""
    queryset = Letter.objects.all() if queryset is None else queryset
    return queryset.filter(status=Letter.Status.REPLIED, public=True)


@dataclass(frozen=True)
class Clock:
    due_on: dt.date
    days_left: int  # working days; negative: overdue by that many
    overdue: bool


def clock(letter: Letter, today: dt.date | None = None, calendar=None) -> Clock:
    """Where a letter stands against its due date (an answered one: when it was answered)."""
    left = letter.days_left(today, calendar)
    return Clock(letter.due_on, left, left < 0)


@dataclass(frozen=True)
class Stats:
    received: int
    answered: int
    on_time: int
    average_days: float | None  # working days from receipt to answer


def stats(queryset: QuerySet[Letter]) -> Stats:
    """Counts over the letters (one query, whatever their number)."""
    return _counted(list(queryset.values_list("received_on", "replied_on", "due_on")))


def monthly_stats(queryset: QuerySet[Letter]) -> list[tuple[dt.date, Stats]]:
    """The same per month of receipt, newest first (one query)."""
    by_month: dict[dt.date, list] = {}
    for row in queryset.values_list("received_on", "replied_on", "due_on"):
        by_month.setdefault(row[0].replace(day=1), []).append(row)
    calendar = WorkingCalendar()
    return [
        (month, _counted(rows, calendar)) for month, rows in sorted(by_month.items(), reverse=True)
    ]


def _counted(rows: list, calendar: WorkingCalendar | None = None) -> Stats:
    """Stats of (received_on, replied_on, due_on) rows; replied_on is None while open."""
    calendar = calendar or WorkingCalendar()
    answered = [(r, a, due) for r, a, due in rows if a is not None]
    days = [calendar.working_days_between(r, a) for r, a, _due in answered]
    return Stats(
        received=len(rows),
        answered=len(answered),
        on_time=sum(1 for _r, a, due in answered if a <= due),
        average_days=round(sum(days) / len(days), 1) if days else None,
    )
