"""The board's truth: statuses and their log, overdue, AB fallback, market days."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from staff.models import StatusChange, WhereaboutsStatus
from staff.services.whereabouts import (
    ReturnTimeError,
    build_board,
    return_time,
    set_status,
    state_of,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
# 2026-11-21 is a Saturday ending in 1: a market day under "逢一、四、七".
MARKET_DAY = dt.datetime(2026, 11, 21, 10, 0, tzinfo=SHANGHAI)
ORDINARY_DAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)

pytestmark = pytest.mark.django_db


def status(name):
    return WhereaboutsStatus.objects.get(name=name)


def entry_for(board, member):
    return next(e for e in board.entries if e.state.member.pk == member.pk)


def test_the_eight_statuses_are_seeded_and_only_在岗_counts_as_present():
    names = list(WhereaboutsStatus.objects.values_list("name", flat=True))
    assert names == ["在岗", "下村走访", "外出办事", "会议", "学习培训", "请假", "出差", "轮休"]
    assert list(
        WhereaboutsStatus.objects.filter(is_present=True).values_list("name", flat=True)
    ) == ["在岗"]


def test_a_status_change_is_logged_with_who_when_from_and_to(hall):
    user = hall["users"]["a"]
    until = ORDINARY_DAY + dt.timedelta(hours=5)
    change = set_status(
        hall["a"], status("下村走访"), by=user, note="红岩村", until=until, now=ORDINARY_DAY
    )
    hall["a"].refresh_from_db()
    assert hall["a"].status.name == "下村走访"
    assert hall["a"].status_until == until
    assert (change.from_status, change.to_status) == ("在岗", "下村走访")
    assert change.changed_by == user
    assert change.changed_by_name == "staff-a"
    assert change.changed_at == ORDINARY_DAY
    assert change.note == "红岩村"

    set_status(hall["a"], status("在岗"), by=hall["users"]["director"], now=ORDINARY_DAY)
    hall["a"].refresh_from_db()
    assert hall["a"].status_until is None, "back at the desk: no return time left over"
    log = list(StatusChange.objects.filter(member=hall["a"]).order_by("changed_at", "pk"))
    assert [(c.from_status, c.to_status) for c in log][-2:] == [
        ("在岗", "下村走访"),
        ("下村走访", "在岗"),
    ]
    assert log[-1].changed_by_name == "director"


def test_a_status_past_its_return_time_is_overdue_and_never_在岗(hall):
    until = ORDINARY_DAY + dt.timedelta(hours=1)
    set_status(hall["a"], status("外出办事"), until=until, now=ORDINARY_DAY)
    hall["a"].refresh_from_db()

    before = state_of(hall["a"], until - dt.timedelta(minutes=1))
    assert (before.present, before.overdue) == (False, False)
    assert "预计" in before.label

    after = state_of(hall["a"], until + dt.timedelta(minutes=1))
    assert after.present is False
    assert after.overdue is True
    assert "已超过预计返回时间" in after.label
    assert "在岗" not in after.label


def test_a_member_without_any_status_is_not_shown_as_present(hall):
    type(hall["solo"]).objects.filter(pk=hall["solo"].pk).update(status=None)
    hall["solo"].refresh_from_db()
    state = state_of(hall["solo"], ORDINARY_DAY)
    assert state.present is False
    assert state.label == "未登记"


def test_when_a_is_away_the_board_names_b_to_ask_instead(hall):
    set_status(hall["a"], status("会议"), now=ORDINARY_DAY)
    board = build_board(hall["center"], now=ORDINARY_DAY)
    entry = entry_for(board, hall["a"])
    assert entry.ask_instead.member == hall["b"]
    assert not entry.both_away
    assert board.warnings == []


def test_b_found_from_the_other_side_when_only_a_names_a_partner(hall):
    type(hall["b"]).objects.filter(pk=hall["b"].pk).update(ab_partner=None)
    set_status(hall["b"], status("请假"), now=ORDINARY_DAY)
    board = build_board(hall["center"], now=ORDINARY_DAY)
    assert entry_for(board, hall["b"]).ask_instead.member == hall["a"]


def test_director_is_warned_when_both_a_and_b_are_away(hall):
    set_status(hall["a"], status("下村走访"), now=ORDINARY_DAY)
    set_status(hall["b"], status("请假"), now=ORDINARY_DAY)
    board = build_board(hall["center"], now=ORDINARY_DAY)
    assert entry_for(board, hall["a"]).both_away
    assert entry_for(board, hall["a"]).ask_instead is None
    both = [w for w in board.warnings if "AB岗均不在岗" in w]
    assert len(both) == 1, "one warning per pair, not one per person"
    assert "张民政" in both[0] and "李民政" in both[0]


def test_market_day_board_says_so_and_the_director_sees_who_is_not_in(hall):
    set_status(hall["solo"], status("轮休"), now=MARKET_DAY)
    board = build_board(hall["center"], now=MARKET_DAY)
    assert board.market_day is True
    assert board.market_rule == "逢一、四、七"
    assert [s.member.name for s in board.absent] == ["王人社"]
    assert any("逢场日" in w and "人社窗口" in w for w in board.warnings)

    ordinary = build_board(hall["center"], now=ORDINARY_DAY)
    assert ordinary.market_day is False
    assert not any("逢场日" in w for w in ordinary.warnings)


def test_board_groups_leadership_first_then_windows_in_number_order(hall):
    board = build_board(hall["center"], now=ORDINARY_DAY)
    assert [g.title for g in board.groups] == ["中心领导", "1号 民政救助窗口", "2号 人社窗口"]
    assert [e.state.member.name for e in board.groups[1].entries] == ["张民政", "李民政"]


@pytest.mark.parametrize(
    ("choice", "clock", "day", "expected"),
    [
        ("1h", "", "", dt.datetime(2026, 11, 23, 11, 0)),
        ("eod", "", "", dt.datetime(2026, 11, 23, 17, 30)),
        ("at", "15:00", "", dt.datetime(2026, 11, 23, 15, 0)),
        ("at", "09:00", "", dt.datetime(2026, 11, 24, 9, 0)),  # already past today: tomorrow
        ("at", "08:30", "2026-11-26", dt.datetime(2026, 11, 26, 8, 30)),
        ("none", "", "", None),
    ],
)
def test_return_time_from_the_button_tapped(choice, clock, day, expected):
    result = return_time(choice, clock, day, now=ORDINARY_DAY)
    if expected is None:
        assert result is None
    else:
        assert result == expected.replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("clock", "day", "message"),
    [
        ("25:00", "", "时:分"),
        ("15:00", "2026-11-20", "不能早于现在"),
        ("15:00", "明天", "年-月-日"),
    ],
)
def test_impossible_return_times_are_refused_in_chinese(clock, day, message):
    with pytest.raises(ReturnTimeError, match=message):
        return_time("at", clock, day, now=ORDINARY_DAY)
