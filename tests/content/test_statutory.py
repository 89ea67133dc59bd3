"""Statutory public holidays computed from the law, checked against an independent table.

`chinese_calendar` (a test dependency) copies the State Council's notices up to the last one it
knows; every statutory day it covers must be a holiday there, for the same festival.
"""

from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from leaguekit.content import statutory

NAMES = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Tomb-sweeping Day",
    "劳动节": "Labour Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-autumn Festival",
    "国庆节": "National Day",
}
LAST_COVERED = max(chinese_calendar.holidays).year


def test_the_independent_table_covers_the_revised_law():
    assert LAST_COVERED >= 2026


@pytest.mark.parametrize("year", range(statutory.FIRST_YEAR, LAST_COVERED + 1))
def test_every_statutory_day_is_a_holiday_of_the_notice(year):
    days = statutory.days(year)
    assert len(days) == 13 - sum("、" in name for name in days.values())  # 1 + 4 + 1 + 2 + 1 + 1 + 3, less a shared day
    for day, name in days.items():
        on, festival = chinese_calendar.get_holiday_detail(day)
        assert on and festival in {NAMES[n] for n in name.split("、")}, (day, name, festival)


@pytest.mark.parametrize("year", range(2014, statutory.FIRST_YEAR))
def test_lunar_and_solar_term_festivals_match_earlier_notices(year):
    """Before the revision 春节 was 正月初一 to 初三 and 劳动节 one day; the other days were as now."""
    kept = {day: name for day, name in statutory.days(year).items() if (day.month, day.day) != (5, 2)}
    eve = min(day for day, name in kept.items() if name == "春节")
    del kept[eve]
    for day, name in kept.items():
        on, festival = chinese_calendar.get_holiday_detail(day)
        assert on and festival in {NAMES[n] for n in name.split("、")}, (day, name, festival)


def test_2027_from_the_law():
    assert statutory.periods(2027) == [
        (date(2027, 1, 1), date(2027, 1, 1), "元旦"),
        (date(2027, 2, 5), date(2027, 2, 8), "春节"),  # 除夕 2月5日, 正月初一 2月6日
        (date(2027, 4, 5), date(2027, 4, 5), "清明节"),
        (date(2027, 5, 1), date(2027, 5, 2), "劳动节"),
        (date(2027, 6, 9), date(2027, 6, 9), "端午节"),
        (date(2027, 9, 15), date(2027, 9, 15), "中秋节"),
        (date(2027, 10, 1), date(2027, 10, 3), "国庆节"),
    ]


def test_mid_autumn_inside_national_day_is_named_for_both():
    assert statutory.days(2028)[date(2028, 10, 3)] == "国庆节、中秋节"
    assert statutory.periods(2028)[-2:] == [(date(2028, 10, 1), date(2028, 10, 2), "国庆节"), (date(2028, 10, 3), date(2028, 10, 3), "国庆节、中秋节")]
