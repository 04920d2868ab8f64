"""The legal clock (条例第三十条、第三十二条、第三十三条) in working days, on the real calendar."""

import datetime as dt

from disclosure.services.clock import CORRECTION, THIRD_PARTY, Pause, clock

D = dt.date


def test_twenty_working_days_skip_the_national_day_holiday(db):
    # Received Monday 2026-09-28: 09-29 and 09-30 count, the National Day holiday
    # 10-01..10-07 does not, Saturday 10-10 (a make-up working day) does: the 20th is 10-30.
    state = clock(D(2026, 9, 28), [])
    assert state.due_on == D(2026, 10, 30)
    assert state.paused is None


def test_a_correction_stops_the_clock_and_restarts_the_count(db):
    asked = Pause(CORRECTION, D(2026, 9, 30), None)
    paused = clock(D(2026, 9, 28), [asked])
    assert paused.due_on is None and paused.paused == asked
    completed = Pause(CORRECTION, D(2026, 9, 30), D(2026, 10, 12))
    resumed = clock(D(2026, 9, 28), [completed])
    assert resumed.starts_on == D(2026, 10, 12)
    # 20 working days after Monday 12 October, the day itself not counted.
    assert resumed.due_on == D(2026, 11, 9)


def test_third_party_days_do_not_count(db):
    consulted = Pause(THIRD_PARTY, D(2026, 11, 2), D(2026, 11, 6))  # Mon → Fri: 4 days
    state = clock(D(2026, 10, 30), [consulted])
    plain = clock(D(2026, 10, 30), [])
    assert state.paused_working_days == 4
    from core.workdays import working_days_between

    assert working_days_between(plain.due_on, state.due_on) == 4


def test_the_extension_adds_working_days(db):
    assert clock(D(2026, 11, 2), [], extension_days=20).due_on == D(2026, 12, 28)
    assert clock(D(2026, 11, 2), []).due_on == D(2026, 11, 30)
