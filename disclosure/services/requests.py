"""What happens to a disclosure request: received, paused, extended, answered.

Every step stores the clock again (services.clock) and leaves a RequestEvent.
A step the law does not allow (a second extension, more than 20 days, an
outcome outside the official list, answering a paused request) raises
RequestError with the reason in Chinese, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.workdays import WorkingCalendar

from ..models import DisclosureRequest, RequestEvent, RequestPause
from ..outcomes import OUTCOME_CODES
from . import clock as legal_clock
from .letters import store_reply_letter

# No 0/O, 1/I/L: read out over the phone or copied from the receipt.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
_NOT_CODE = re.compile(r"[^0-9A-Z]")


class RequestError(Exception):
    """A step the rules refuse; the message says why, for the officer."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def new_code(year: int) -> str:
    """ "GK2026" and 8 letters: the year reads at a glance, the rest cannot be guessed."""
    return f"GK{year}" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    return _NOT_CODE.sub("", text.upper())[:20]


def refresh(request: DisclosureRequest, calendar: WorkingCalendar | None = None) -> None:
    """Store where the clock stands now (its start, due date and status)."""
    state = request.clock(calendar)
    request.clock_starts_on = state.starts_on
    request.due_on = state.due_on
    if request.replied_on:
        request.status = DisclosureRequest.Status.REPLIED
    elif state.paused is not None:
        request.status = state.paused.kind
    else:
        request.status = DisclosureRequest.Status.PENDING
    request.save(update_fields=["clock_starts_on", "due_on", "status"])


def _log(request, user, action: str, note: str = "") -> None:
    RequestEvent.objects.create(request=request, user=user, action=action, note=note[:300])


@transaction.atomic
def receive(unit, *, received_on: dt.date | None = None, user=None, **fields) -> DisclosureRequest:
    """A new request: online (received today) or entered from paper by an officer
    (received on the day written on it)."""
    day = received_on or timezone.localdate()
    request = DisclosureRequest.objects.create(
        center=unit,
        code=new_code(day.year),
        received_on=day,
        clock_starts_on=day,
        **fields,
    )
    refresh(request)
    _log(request, user, "received", str(request.get_channel_display()))
    return request


def find(code: str, last_digits: str) -> DisclosureRequest | None:
    """The request with this number whose phone ends with these 4 digits, else None
    (the same answer for a wrong number and wrong digits)."""
    request = DisclosureRequest.objects.filter(code=normalise_code(code)).first()
    expected = request.phone[-4:] if request and len(request.phone) >= 4 else "----"
    matches = hmac.compare_digest(expected.encode(), last_digits.strip().encode())
    return request if request is not None and matches else None


def _open_pause(request) -> RequestPause | None:
    return request.pauses.filter(ended_on__isnull=True).first()


def _check_open(request) -> None:
    if request.replied_on:
        raise RequestError(_("该申请已经答复，不能再改变计时。"))


@transaction.atomic
def pause(request, user, kind: str, on: dt.date, note: str = "") -> RequestPause:
    """补正 (第三十条) or 征求第三方意见 (第三十二条): the clock stops from `on`."""
    _check_open(request)
    if _open_pause(request) is not None:
        raise RequestError(_("计时已经暂停，请先登记上一次暂停的结束。"))
    if on < request.received_on:
        raise RequestError(_("暂停日期不能早于收到申请的日期。"))
    if kind == legal_clock.CORRECTION:
        notice_by = WorkingCalendar().add_working_days(
            request.received_on, legal_clock.CORRECTION_NOTICE_DAYS
        )
        if on > notice_by:
            note = (note + " " + _("（晚于收到申请之日起7个工作日）")).strip()
    found = RequestPause.objects.create(request=request, kind=kind, started_on=on, note=note)
    refresh(request)
    _log(request, user, f"paused:{kind}", note)
    return found


@transaction.atomic
def resume(request, user, on: dt.date, note: str = "") -> RequestPause:
    """The completed application arrived, or the third party answered (or its 15
    working days ran out): the clock goes on (after a 补正: from the start again)."""
    found = _open_pause(request)
    if found is None:
        raise RequestError(_("计时没有暂停。"))
    if on < found.started_on:
        raise RequestError(_("恢复日期不能早于暂停日期。"))
    found.ended_on = on
    found.save(update_fields=["ended_on"])
    refresh(request)
    _log(request, user, f"resumed:{found.kind}", note)
    return found


@transaction.atomic
def extend(request, user, *, days: int, reason: str, approved_by: str, on: dt.date) -> None:
    """第三十三条: once, at most 20 working days, approved by the unit's head."""
    _check_open(request)
    if request.extension_days:
        raise RequestError(_("答复期限只能延长一次。"))
    if not 1 <= days <= legal_clock.MAX_EXTENSION_DAYS:
        raise RequestError(_("延长的期限最长不超过20个工作日。"))
    if not reason.strip() or not approved_by.strip():
        raise RequestError(_("延长答复期限须写明理由和批准人。"))
    request.extension_days = days
    request.extension_reason = reason.strip()
    request.extension_approved_by = approved_by.strip()
    request.extended_on = on
    request.save(
        update_fields=[
            "extension_days", "extension_reason", "extension_approved_by", "extended_on",
        ]
    )  # fmt: skip
    refresh(request)
    _log(request, user, "extended", f"{days} · {approved_by} · {reason}")


def next_reply_number(request) -> str:
    """The unit's next 告知书 number of the year, e.g. "云溪镇依申请公开告〔2026〕3号"."""
    unit = request.center.specific
    short = getattr(unit, "township_name", "") or unit.title
    year = request.replied_on.year if request.replied_on else timezone.localdate().year
    count = (
        DisclosureRequest.objects.filter(center_id=request.center_id, replied_on__year=year)
        .exclude(pk=request.pk)
        .count()
    )
    return _("%(unit)s依申请公开告〔%(year)s〕%(n)s号") % {
        "unit": short, "year": year, "n": count + 1,
    }  # fmt: skip


@transaction.atomic
def reply(
    request, user, *, outcome: str, text: str, on: dt.date,
    fee: Decimal | int = 0, fee_note: str = "",
) -> DisclosureRequest:  # fmt: skip
    """The answer, of one of the official kinds, with its numbered 告知书 (services.letters)."""
    _check_open(request)
    if outcome not in OUTCOME_CODES:
        raise RequestError(_("办理结果必须是规定的类别之一。"))
    if _open_pause(request) is not None:
        raise RequestError(_("计时暂停中，请先登记补正材料收到或第三方意见返回。"))
    if on < request.received_on:
        raise RequestError(_("答复日期不能早于收到申请的日期。"))
    if Decimal(fee) < 0:
        raise RequestError(_("信息处理费不能为负数。"))
    if Decimal(fee) > 0 and not fee_note.strip():
        raise RequestError(_("收取信息处理费须写明收费依据和计算方式。"))
    request.outcome, request.reply, request.replied_on = outcome, text.strip(), on
    request.fee, request.fee_note = Decimal(fee), fee_note.strip()
    request.reply_number = next_reply_number(request)
    request.save()
    store_reply_letter(request)
    refresh(request)
    _log(request, user, "replied", request.reply_number)
    return request
