"""The market-day rule is data the site computes with, on three calendars."""

import datetime as dt

import pytest

from pages.services.market_days import MarketDayCalendar, MarketDayRule, MarketDayRuleError
from tests.factories import VillageAgentFactory


def test_solar_rule_matches_dates_ending_in_its_digits():
    rule = MarketDayRule.from_fields("solar", "1,4,7")
    november = list(rule.market_days(dt.date(2026, 11, 1), dt.date(2026, 11, 30)))
    assert [d.day for d in november] == [1, 4, 7, 11, 14, 17, 21, 24, 27]
    assert rule.describe() == "逢一、四、七"


def test_zero_means_tenth_twentieth_thirtieth():
    rule = MarketDayRule.from_fields("solar", "5、0")
    days = [d.day for d in rule.market_days(dt.date(2026, 12, 1), dt.date(2026, 12, 31))]
    assert days == [5, 10, 15, 20, 25, 30]
    assert rule.describe() == "逢五、十"


def test_lunar_rule_uses_the_lunar_day():
    # 2026-02-17 is the first day of the first lunar month (Spring Festival 2026).
    rule = MarketDayRule.from_fields("lunar", "1")
    assert rule.is_market_day(dt.date(2026, 2, 17))
    assert not rule.is_market_day(dt.date(2026, 2, 18))
    assert rule.is_market_day(dt.date(2026, 2, 27))  # lunar 1st month, 11th day
    assert rule.describe() == "农历逢一"


def test_weekday_rule():
    rule = MarketDayRule.from_fields("weekday", "2，5")
    assert rule.is_market_day(dt.date(2026, 11, 24))  # Tuesday
    assert rule.is_market_day(dt.date(2026, 11, 27))  # Friday
    assert not rule.is_market_day(dt.date(2026, 11, 25))
    assert rule.describe() == "每周二、五"
    assert rule.next_market_days(dt.date(2026, 11, 22), 3) == [
        dt.date(2026, 11, 24),
        dt.date(2026, 11, 27),
        dt.date(2026, 12, 1),
    ]


def test_no_rule_has_no_market_days():
    rule = MarketDayRule.from_fields("none", "")
    assert not rule
    assert rule.next_market_days(dt.date(2026, 11, 22)) == []
    assert rule.describe() == "无逢场日"


@pytest.mark.parametrize(
    ("calendar", "numbers", "message"),
    [
        ("solar", "", "请填写逢场的日子"),
        ("solar", "1,12", "日期尾数只能填写 0 到 9"),
        ("weekday", "0,8", "星期只能填写 1（周一）到 7（周日）"),
        ("lunar", "三", "不是数字"),
        ("monthly", "1", "未知的逢场日类型"),
    ],
)
def test_bad_rules_are_refused_with_chinese_reasons(calendar, numbers, message):
    with pytest.raises(MarketDayRuleError, match=message):
        MarketDayRule.from_fields(calendar, numbers)


def test_calendar_values_are_stable():
    """Stored in the database: renaming a value would silently break every center."""
    assert [c.value for c in MarketDayCalendar] == ["none", "solar", "lunar", "weekday"]


def test_agent_center_days(db):
    agent = VillageAgentFactory.build(center_weekdays="4,1", on_market_days=True)
    assert agent.center_days_text() == "每周一、四，逢场日"
    assert agent.is_at_center(dt.date(2026, 11, 23))  # Monday
    assert not agent.is_at_center(dt.date(2026, 11, 24))
    assert agent.is_at_center(dt.date(2026, 11, 24), market_day=True)
    assert VillageAgentFactory.build(
        center_weekdays="", on_market_days=False
    ).center_days_text() == ("按需预约")
