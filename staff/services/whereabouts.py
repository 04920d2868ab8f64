"""The whereabouts board as data: who is in, who is out, whom to ask instead.

Pure functions over already-loaded members, so the public board, the hall
display, the JSON API and the director's console all read the same truth.
A status past its expected return time is *overdue*: it is never shown as
在岗, because the citizen who travels on the strength of it finds nobody.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import dateformat, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from editorial.services.roles import REVIEWER, center_ids_for
from staff.images import with_public_renditions
from staff.models import StaffMember, StatusChange, WhereaboutsStatus

if TYPE_CHECKING:
    from pages.models import ServiceCenterPage, ServiceWindow

UNKNOWN_STATUS = _("未登记")


@dataclass(frozen=True)
class MemberState:
    """One person's status as of `now`."""

    member: StaffMember
    status_name: str
    colour: str
    present: bool
    overdue: bool
    until: dt.datetime | None
    note: str
    since: dt.datetime | None

    @property
    def return_text(self) -> str:
        """Text such as "预计 15:00 返回", or the overdue warning; empty if nothing to say."""
        if self.overdue:
            return gettext("已超过预计返回时间 %(time)s") % {"time": _clock(self.until)}
        if self.until and not self.present:
            return gettext("预计 %(time)s 返回") % {"time": _clock(self.until)}
        return ""

    @property
    def label(self) -> str:
        """What the board prints beside the name, e.g. "下村走访（预计 15:00 返回）"."""
        if self.return_text:
            return f"{self.status_name}（{self.return_text}）"
        return self.status_name


@dataclass(frozen=True)
class BoardEntry:
    state: MemberState
    partner: MemberState | None

    @property
    def ask_instead(self) -> MemberState | None:
        """The B post to ask when this person is away and the partner is in."""
        if self.state.present or self.partner is None or not self.partner.present:
            return None
        return self.partner

    @property
    def both_away(self) -> bool:
        return not self.state.present and self.partner is not None and not self.partner.present


@dataclass
class BoardGroup:
    title: str
    entries: list[BoardEntry]
    window: ServiceWindow | None = None

    @property
    def staffed(self) -> bool:
        return any(entry.state.present for entry in self.entries)


@dataclass
class Board:
    center: ServiceCenterPage
    now: dt.datetime
    groups: list[BoardGroup]
    market_day: bool
    market_rule: str
    warnings: list[str] = field(default_factory=list)

    @property
    def entries(self) -> list[BoardEntry]:
        return [entry for group in self.groups for entry in group.entries]

    @property
    def absent(self) -> list[MemberState]:
        """Who is not in: on a market day the director must see this list."""
        return [entry.state for entry in self.entries if not entry.state.present]


def state_of(member: StaffMember, now: dt.datetime) -> MemberState:
    status: WhereaboutsStatus | None = member.status
    if status is None:
        return MemberState(member, str(UNKNOWN_STATUS), "grey", False, False, None, "", None)
    overdue = (
        not status.is_present and member.status_until is not None and member.status_until < now
    )
    return MemberState(
        member=member,
        status_name=status.name,
        colour=status.colour,
        present=status.is_present,
        overdue=overdue,
        until=None if status.is_present else member.status_until,
        note=member.status_note,
        since=member.status_since,
    )


def center_members(center) -> list[StaffMember]:
    """The center's active staff with everything the boards and the API show, in
    a fixed number of queries however many people there are."""
    return list(
        StaffMember.objects.filter(center=center, active=True)
        .select_related("status", "window", "department")
        .prefetch_related(with_public_renditions())
        .order_by("sort_order", "pk")
    )


def partners(members: list[StaffMember]) -> dict[int, StaffMember]:
    """Each member's B post among `members`: the one they name, or failing that the
    first who names them (members come in board order). Read from the list itself,
    so a board or a directory of any size asks the database nothing more."""
    by_pk = {m.pk: m for m in members}
    backed_by: dict[int, StaffMember] = {}
    for m in members:
        if m.ab_partner_id in by_pk:
            backed_by.setdefault(m.ab_partner_id, m)
    found = {}
    for m in members:
        partner = by_pk.get(m.ab_partner_id) if m.ab_partner_id else None
        partner = partner or backed_by.get(m.pk)
        if partner is not None:
            found[m.pk] = partner
    return found


def build_board(
    center, now: dt.datetime | None = None, members: Iterable[StaffMember] | None = None
) -> Board:
    """The whole board for one center: groups by window, leadership first."""
    now = now or timezone.now()
    members = list(members) if members is not None else center_members(center)
    states = {m.pk: state_of(m, now) for m in members}
    partner_of = partners(members)

    def entry(m: StaffMember) -> BoardEntry:
        partner = partner_of.get(m.pk)
        return BoardEntry(states[m.pk], states[partner.pk] if partner else None)

    leaders = [m for m in members if m.is_leadership]
    groups: list[BoardGroup] = []
    if leaders:
        groups.append(BoardGroup(gettext("中心领导"), [entry(m) for m in leaders]))
    by_window: dict[int, BoardGroup] = {}
    others: list[BoardEntry] = []
    for m in members:
        if m.is_leadership:
            continue
        if m.window_id is None:
            others.append(entry(m))
            continue
        group = by_window.get(m.window_id)
        if group is None:
            group = by_window[m.window_id] = BoardGroup(str(m.window), [], window=m.window)
        group.entries.append(entry(m))
    groups.extend(sorted(by_window.values(), key=lambda g: getattr(g.window, "number", 0)))
    if others:
        groups.append(BoardGroup(gettext("其他工作人员"), others))

    rule = center.market_day_rule
    board = Board(
        center=center,
        now=now,
        groups=groups,
        market_day=bool(rule) and rule.is_market_day(timezone.localdate(now)),
        market_rule=rule.describe() if rule else "",
    )
    board.warnings = _warnings(board)
    return board


def _warnings(board: Board) -> list[str]:
    """For the director: A and B both away, and (on market days) empty windows."""
    warnings: list[str] = []
    seen: set[frozenset[int]] = set()
    for entry in board.entries:
        if not entry.both_away or entry.partner is None:  # both away implies a partner
            continue
        pair = frozenset({entry.state.member.pk, entry.partner.member.pk})
        if pair in seen:
            continue
        seen.add(pair)
        warnings.append(
            gettext("AB岗均不在岗：%(a)s（%(a_status)s）与B角%(b)s（%(b_status)s）")
            % {
                "a": entry.state.member.name,
                "a_status": entry.state.label,
                "b": entry.partner.member.name,
                "b_status": entry.partner.label,
            }
        )
    if board.market_day:
        for group in board.groups:
            if group.window is not None and not group.staffed:
                warnings.append(
                    gettext("今天是逢场日，%(window)s无人在岗。") % {"window": group.title}
                )
    for entry in board.entries:
        if entry.state.overdue:
            warnings.append(
                gettext("%(name)s已超过预计返回时间（%(time)s）仍未更新去向。")
                % {"name": entry.state.member.name, "time": _clock(entry.state.until)}
            )
    return warnings


def can_set_status(user, member: StaffMember) -> bool:
    """Staff change their own status; a center's manager (director) anyone's in that center."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    profile = getattr(user, "staff_profile", None)
    if profile is None or not profile.active:
        return False
    if profile.pk == member.pk:
        return True
    return profile.can_manage_board and profile.center_id == member.center_id


def managed_center_ids(user) -> set[int]:
    """Centers whose board this user may set: as a flagged staff member, or as
    the center's reviewer (审核, the director's role in the admin)."""
    ids = set(center_ids_for(user, REVIEWER))
    profile = getattr(user, "staff_profile", None)
    if profile is not None and profile.active and profile.can_manage_board:
        ids.add(profile.center_id)
    return ids


@transaction.atomic
def set_status(
    member: StaffMember,
    status: WhereaboutsStatus,
    *,
    by=None,
    note: str = "",
    until: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> StatusChange:
    """Change the status and log who changed it, when, from what to what."""
    now = now or timezone.now()
    member = (
        StaffMember.objects.select_for_update(of=("self",))
        .select_related("status")
        .get(pk=member.pk)
    )
    previous = member.status.name if member.status else ""
    if status.is_present:
        until = None
    member.status = status
    member.status_note = note
    member.status_until = until
    member.status_since = now
    member.save(update_fields=["status", "status_note", "status_until", "status_since"])
    by_name = ""
    if by is not None and getattr(by, "is_authenticated", False):
        by_name = by.get_full_name() or by.get_username()
    return StatusChange.objects.create(
        member=member,
        changed_at=now,
        changed_by=by if by_name else None,
        changed_by_name=by_name,
        from_status=previous,
        to_status=status.name,
        note=note,
        until=until,
    )


class ReturnTimeError(ValueError):
    """A return time a person cannot mean; the message is shown to them."""


RETURN_CHOICES = {
    "none": _("不确定"),
    "1h": _("1小时后"),
    "2h": _("2小时后"),
    "eod": _("今天下班前"),
    "at": _("按所填时间"),
}


def return_time(
    choice: str, clock: str = "", day: str = "", now: dt.datetime | None = None
) -> dt.datetime | None:
    """Turn the tapped button (and an optional HH:MM and date) into an aware datetime.

    A clock time already past today means tomorrow: at 16:00, "15:00" can only
    mean tomorrow afternoon. With a date it must lie in the future.
    """
    now = timezone.localtime(now or timezone.now())
    if choice in ("", "none"):
        return None
    if choice == "1h":
        return now + dt.timedelta(hours=1)
    if choice == "2h":
        return now + dt.timedelta(hours=2)
    if choice == "eod":
        clock, day = settings.STAFF_DAY_END, ""
    elif choice != "at":
        raise ReturnTimeError(gettext("请选择预计返回时间。"))
    try:
        at = (
            dt.time.fromisoformat(clock.strip())
            if clock.strip()
            else dt.time.fromisoformat(settings.STAFF_DAY_END)
        )
    except ValueError as exc:
        raise ReturnTimeError(gettext("返回时间格式应为 时:分，例如 15:00。")) from exc
    if day.strip():
        try:
            date = dt.date.fromisoformat(day.strip())
        except ValueError as exc:
            raise ReturnTimeError(gettext("返回日期格式应为 年-月-日。")) from exc
        result = timezone.make_aware(dt.datetime.combine(date, at))
        if result <= now:
            raise ReturnTimeError(gettext("预计返回时间不能早于现在。"))
        if result - now > dt.timedelta(days=60):
            raise ReturnTimeError(gettext("预计返回时间不能超过 60 天。"))
        return result
    result = timezone.make_aware(dt.datetime.combine(now.date(), at))
    if result <= now:
        result += dt.timedelta(days=1)
    return result


def _clock(moment: dt.datetime | None) -> str:
    """15:00 today, 明天 15:00, or 11月25日 15:00."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    today = timezone.localdate()
    if local.date() == today:
        return local.strftime("%H:%M")
    if local.date() == today + dt.timedelta(days=1):
        return gettext("明天 %(time)s") % {"time": local.strftime("%H:%M")}
    return dateformat.format(local, gettext("n月j日 H:i"))
