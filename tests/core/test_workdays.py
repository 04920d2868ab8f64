"""The working-day calendar: statutory holidays, 调休 make-up days, the override
table, and the weekend fallback for years chinesecalendar does not know."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

from core import workdays
from core.models import CalendarOverride
from core.workdays import (
    WorkingCalendar,
    add_working_days,
    is_working_day,
    known_year,
    working_days_between,
)

D = dt.date.fromisoformat
FAR = 2099  # a year no release of chinesecalendar will cover while this test lives

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # 2024 National Day: 1–7 October off, Sunday 29 September and Saturday 12 October worked.
        ("2024-09-29", True),
        ("2024-09-30", True),
        ("2024-10-01", False),
        ("2024-10-07", False),
        ("2024-10-08", True),
        ("2024-10-12", True),
        ("2024-10-13", False),
        # 2025 National Day and Mid-Autumn: 1–8 October off, 28 September and 11 October worked.
        ("2025-09-27", False),
        ("2025-09-28", True),
        ("2025-10-08", False),
        ("2025-10-09", True),
        ("2025-10-11", True),
        # New Year's Day.
        ("2024-01-01", False),
        ("2025-01-01", False),
        ("2025-01-02", True),
        # 2026 National Day: 1–7 October off, 20 September and 10 October worked.
        ("2026-09-20", True),
        ("2026-10-07", False),
        ("2026-10-10", True),
        # An ordinary week.
        ("2025-03-14", True),
        ("2025-03-15", False),
    ],
)
def test_statutory_holidays_and_make_up_days(day, working):
    assert is_working_day(D(day)) is working


def test_a_make_up_saturday_counts_as_a_working_day():
    assert add_working_days(D("2025-10-10"), 1) == D("2025-10-11")  # Friday → the 调休 Saturday
    assert working_days_between(D("2025-10-10"), D("2025-10-13")) == 2  # Sat 11th and Mon 13th


def test_the_day_of_receipt_is_not_counted_and_holidays_are_skipped():
    assert add_working_days(D("2025-09-30"), 1) == D("2025-10-09")
    assert add_working_days(D("2025-09-30"), 0) == D("2025-09-30")
    assert add_working_days(D("2024-12-31"), 1) == D("2025-01-02")  # over New Year's Day


def test_a_disclosure_request_of_28_september_2026_is_due_after_national_day():
    # 29, 30 Sep; 8, 9, 10 (Sat, worked), 12–16, 19–23, 26–30 Oct: the 20th is 30 October.
    assert add_working_days(D("2026-09-28"), 20) == D("2026-10-30")
    assert add_working_days(D("2026-09-28"), 3) == D("2026-10-08")


def test_counting_between_undoes_adding():
    calendar = WorkingCalendar()
    for start in (D("2024-09-27"), D("2025-09-26"), D("2025-12-31"), D("2026-02-13")):
        for n in range(0, 25):
            due = calendar.add_working_days(start, n)
            assert calendar.working_days_between(start, due) == n
            assert calendar.is_working_day(due) or n == 0


def test_days_left_turn_negative_when_overdue():
    due = D("2025-10-09")
    assert working_days_between(D("2025-09-30"), due) == 1
    assert working_days_between(due, due) == 0
    # Overdue by the 10th, the worked Saturday 11th and the 13th.
    assert working_days_between(D("2025-10-13"), due) == -3
    assert add_working_days(D("2025-10-09"), -1) == D("2025-09-30")


def test_known_years():
    assert known_year(2024) and known_year(2025) and known_year(2026)
    assert not known_year(FAR) and not known_year(2003)
    assert 2026 in workdays.known_years()


def test_an_unknown_year_falls_back_to_weekends():
    monday, saturday = D(f"{FAR}-01-05"), D(f"{FAR}-01-10")
    assert monday.weekday() == 0 and saturday.weekday() == 5
    assert is_working_day(monday)
    assert not is_working_day(saturday)
    assert add_working_days(D(f"{FAR}-01-09"), 1) == D(f"{FAR}-01-12")  # Friday → Monday


def test_overrides_fill_in_a_future_year():
    CalendarOverride.objects.create(date=D(f"{FAR}-01-01"), is_working_day=False, note="元旦")
    CalendarOverride.objects.create(date=D(f"{FAR}-01-02"), is_working_day=False, note="元旦")
    CalendarOverride.objects.create(date=D(f"{FAR}-01-10"), is_working_day=True, note="调休上班")
    assert D(f"{FAR}-01-01").weekday() == 3  # a Thursday
    assert not is_working_day(D(f"{FAR}-01-01"))
    assert is_working_day(D(f"{FAR}-01-10"))  # a Saturday worked
    assert add_working_days(D(f"{FAR - 1}-12-31"), 1) == D(f"{FAR}-01-05")
    assert add_working_days(D(f"{FAR}-01-09"), 1) == D(f"{FAR}-01-10")


def test_an_override_wins_over_the_library_and_applies_at_once():
    new_years_eve = D("2026-12-31")
    assert is_working_day(new_years_eve)
    override = CalendarOverride.objects.create(date=new_years_eve, is_working_day=False)
    assert not is_working_day(new_years_eve)
    override.is_working_day = True
    override.save()
    assert is_working_day(new_years_eve)


def test_a_calendar_reads_the_table_once_per_year(django_assert_num_queries):
    calendar = WorkingCalendar()
    with django_assert_num_queries(2):  # 2025 and 2026
        calendar.add_working_days(D("2025-12-01"), 60)
        calendar.working_days_between(D("2025-06-01"), D("2026-06-01"))
    with django_assert_num_queries(0):
        WorkingCalendar({D(f"{FAR}-01-05"): False}).add_working_days(D(f"{FAR}-01-01"), 5)


def test_given_overrides_replace_the_table():
    calendar = WorkingCalendar({D(f"{FAR}-01-05"): False})
    assert not calendar.is_working_day(D(f"{FAR}-01-05"))
    assert calendar.is_working_day(dt.datetime(FAR, 1, 6, 9, 30))  # a datetime is its date


def _admin_client():
    admin = get_user_model().objects.create_superuser("county-admin", password="x")
    client = Client()
    client.force_login(admin)
    return client


LISTING = "/admin/snippets/core/calendaroverride/"


def test_overrides_are_edited_under_settings_with_a_warning_for_missing_years(monkeypatch):
    from django.utils import timezone

    CalendarOverride.objects.create(date=D(f"{FAR}-01-01"), is_working_day=False, note="元旦放假")
    client = _admin_client()
    monkeypatch.setattr(timezone, "localdate", lambda *args: D(f"{FAR - 1}-12-01"))
    page = client.get(LISTING)
    html = page.content.decode()
    assert page.status_code == 200
    assert "元旦放假" in html
    assert f"内置日历还没有 {FAR} 年的法定节假日和调休安排" in html
    first, last = workdays.known_years().start, workdays.known_years().stop - 1
    assert f"内置日历包含 {first}–{last} 年" in html
    sidebar = client.get("/admin/").content.decode()  # menu props are JSON, non-ASCII escaped
    assert LISTING in sidebar
    assert "\\u8282\\u5047\\u65e5\\u4e0e\\u8c03\\u4f11" in sidebar  # 节假日与调休


def test_adding_an_override_in_the_admin():
    client = _admin_client()
    response = client.post(
        LISTING + "add/", {"date": f"{FAR}-10-08", "is_working_day": "on", "note": "调休上班"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CalendarOverride.objects.get(date=D(f"{FAR}-10-08")).is_working_day
    duplicate = client.post(LISTING + "add/", {"date": f"{FAR}-10-08", "note": ""})
    assert duplicate.status_code == 200 and CalendarOverride.objects.count() == 1


def test_county_admins_may_edit_the_calendar():
    from editorial.services.roles import ensure_county_admin_group

    group = ensure_county_admin_group()
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_calendaroverride", "change_calendaroverride"} <= codenames
