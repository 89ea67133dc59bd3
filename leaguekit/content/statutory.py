"""Public holidays fixed by law, for any year: 《全国年节及纪念日放假办法》 as revised in 2024 (in force from 2025).

元旦 1 January; 春节 4 days, 除夕 and 正月初一 to 初三; 清明节 the day of the 清明 solar term;
劳动节 1 and 2 May; 端午节 五月初五; 中秋节 八月十五; 国庆节 1 to 3 October. The lunar dates
and the solar term come from tyme4py (a maintained lunar-calendar library), never from a table.

The State Council's yearly notice adds bridge days and adjusted working days (调休) around
these; `data/holidays.yml` holds the notices that are out, and a notice year must include
every day below (`holidays.calendar` checks it). For a year without a notice, pages use these days.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

from tyme4py.lunar import LunarDay
from tyme4py.solar import SolarDay, SolarTerm

# The revision's first year; earlier years had a 3-day 春节 and a 1-day 劳动节.
FIRST_YEAR = 2025


def _solar(day: SolarDay) -> date:
    return date(day.get_year(), day.get_month(), day.get_day())


def _lunar(year: int, month: int, day: int) -> date:
    return _solar(LunarDay.from_ymd(year, month, day).get_solar_day())


@functools.lru_cache(maxsize=64)
def days(year: int) -> dict[date, str]:
    """Each statutory day off in `year` and its festival, in date order.

    A day that is two festivals at once (中秋节 on 1–3 October) is named for both, 国庆节 first,
    as the notices write merged periods. By the law in force from FIRST_YEAR: earlier years had other rules."""
    new_year = _lunar(year, 1, 1)
    found: dict[date, list[str]] = {}
    for day, name in (
        (date(year, 1, 1), "元旦"),
        *((new_year + timedelta(days=n), "春节") for n in range(-1, 3)),
        (_solar(SolarTerm.from_name(year, "清明").get_julian_day().get_solar_day()), "清明节"),
        (date(year, 5, 1), "劳动节"),
        (date(year, 5, 2), "劳动节"),
        (_lunar(year, 5, 5), "端午节"),
        (_lunar(year, 8, 15), "中秋节"),
        *((date(year, 10, n), "国庆节") for n in (1, 2, 3)),
    ):
        found.setdefault(day, []).append(name)
    return {day: "、".join(sorted(names, key=lambda n: n != "国庆节")) for day, names in sorted(found.items())}


def periods(year: int) -> list[tuple[date, date, str]]:
    """The statutory days as (first, last, festival) runs of consecutive days with one name."""
    runs: list[tuple[date, date, str]] = []
    for day, name in days(year).items():
        if runs and runs[-1][2] == name and runs[-1][1] == day - timedelta(days=1):
            runs[-1] = (runs[-1][0], day, name)
        else:
            runs.append((day, day, name))
    return runs
