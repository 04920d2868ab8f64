"""The board as JSON for the hall display and other systems: public fields only.

An allow-list, not a deny-list: a field added to StaffMember later stays
private until someone adds it here on purpose.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.utils import timezone

from pages.services.market_days import MarketDayRule

from ..images import public_rendition
from .whereabouts import Board, BoardEntry, MemberState

API_VERSION = 1


def iso(moment: dt.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def photo_url(member) -> str | None:
    rendition = public_rendition(member.photo, "staff_photo") if member.photo_id else None
    return rendition.url if rendition else None


def person(state: MemberState) -> dict:
    member = state.member
    data = {
        "id": member.pk,
        "name": member.name,
        "title": member.title,
        "work_number": member.work_number,
        "department": member.department.name if member.department is not None else "",
        "office_phone": member.office_phone,
        "photo": photo_url(member),
        "status": {
            "name": state.status_name,
            "label": state.label,
            "return_text": state.return_text,
            "colour": state.colour,
            "present": state.present,
            "overdue": state.overdue,
            "note": state.note,
            "until": iso(state.until),
            "since": iso(state.since),
        },
    }
    if member.public_mobile:
        data["mobile"] = member.public_mobile
    return data


def _partner(state: MemberState | None) -> dict | None:
    if state is None:
        return None
    return {
        "id": state.member.pk,
        "name": state.member.name,
        "present": state.present,
        "label": state.label,
    }


def entry_payload(entry: BoardEntry) -> dict:
    data = person(entry.state)
    data["ab_partner"] = _partner(entry.partner)
    data["ask_instead"] = _partner(entry.ask_instead)
    data["both_away"] = entry.both_away
    return data


def board_payload(board: Board) -> dict:
    center = board.center
    rule: MarketDayRule = center.market_day_rule
    return {
        "version": API_VERSION,
        "generated_at": iso(board.now),
        "center": {
            "name": center.official_name,
            "slug": center.slug,
            "address": center.address,
            "opening_hours": [
                line.strip() for line in center.opening_hours.splitlines() if line.strip()
            ],
            "consultation_phone": center.consultation_phone,
            "complaint_phone": center.complaint_phone,
        },
        "market_day": {
            "today": board.market_day,
            "rule": board.market_rule,
            "next": [d.isoformat() for d in rule.next_market_days(timezone.localdate(board.now))],
        },
        "groups": [
            {
                "title": group.title,
                "window": (
                    {
                        "number": group.window.number,
                        "name": group.window.name,
                        "phone": group.window.phone,
                    }
                    if group.window is not None
                    else None
                ),
                "staffed": group.staffed,
                "staff": [entry_payload(entry) for entry in group.entries],
            }
            for group in board.groups
        ],
    }


def notices_payload(notices, request=None) -> dict:
    return {
        "version": API_VERSION,
        "notices": [
            {
                "title": notice.title,
                "kind": notice.get_kind_display(),
                "start": notice.notice_start.isoformat(),
                "end": notice.notice_end.isoformat(),
                "url": notice.get_url(request),
            }
            for notice in notices
        ],
    }


def payload_etag(data: dict) -> str:
    """A strong validator of a payload's content, leaving out its generation time."""
    content = {key: value for key, value in data.items() if key != "generated_at"}
    encoded = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
    return f'"{hashlib.sha256(encoded.encode()).hexdigest()[:32]}"'
