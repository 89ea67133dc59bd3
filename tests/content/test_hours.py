"""Opening hours: parsing, the Chinese label, holidays, adjusted working days, closures, open-now in China time.

The case file is shared with the Chromium test of hours.js (tests/browser/test_hours_browser.py):
the browser gets the `schedule` written there, never the OSM text.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import SAMPLE

from leaguekit.content import load
from leaguekit.content.hours import Calendar, HoursError, Period, open_state, parse_hours, table_rows, working_day

CASE_FILE = json.loads((Path(__file__).parents[1] / "hours_cases.json").read_text(encoding="utf-8"))
PARSED = [c for c in CASE_FILE["parse"] if "schedule" in c]
REJECTED = [c for c in CASE_FILE["parse"] if "error" in c]
CASES = CASE_FILE["cases"]


def calendar_of(table: dict) -> Calendar:
    """The case file's holiday table (Calendar.to_json form) as a Calendar: the notice years, and those `p` names from the law."""
    return Calendar(
        holidays=tuple(Period(date.fromisoformat(a), date.fromisoformat(b), name) for a, b, name in table["h"]),
        workdays=tuple((date.fromisoformat(d), name) for d, name in table["w"]),
        years=frozenset(date.fromisoformat(a).year for a, _, _ in table["h"]) - set(table["p"]),
    )


CALENDAR = calendar_of(CASE_FILE["calendar"])


@pytest.mark.parametrize("case", PARSED, ids=[c["hours"] for c in PARSED])
def test_parsed_schedule_and_label(case):
    hours = parse_hours(case["hours"])
    assert hours.schedule() == case["schedule"]
    assert hours.label() == case["label"]


@pytest.mark.parametrize("case", REJECTED, ids=[c["hours"] or "empty" for c in REJECTED])
def test_rejected_with_a_chinese_reason(case):
    with pytest.raises(HoursError) as caught:
        parse_hours(case["hours"])
    assert str(caught.value) == case["error"]


def test_case_file_covers_off_holidays_workdays_and_closures():
    """Guards against a case file that stops testing what it is for."""
    rejected = {c["hours"] for c in REJECTED}
    assert {"off", "Mo-Fr 09:00-17:00; off", "PH off"} <= rejected
    assert "Mo-Fr 09:00-17:00; We off" in {c["hours"] for c in PARSED}
    states = {c["state"] for c in CASES}
    assert states == {"open", "closing", "closed", "holiday", "closure", "unstated"}
    assert any(CALENDAR.workday(datetime.fromisoformat(c["at"]).date()) for c in CASES)
    assert sum("closures" in c for c in CASES) >= 3
    # Every case's hours have their schedule in `parse`: that is what the browser test feeds hours.js.
    assert {c["hours"] for c in CASES} <= {c["hours"] for c in PARSED}


def test_case_calendar_is_what_a_page_built_in_december_2026_ships():
    """The 2026 notice, and 2027's statutory days (its notice was not out): the years such a page is read in."""
    assert load(SAMPLE).calendar.to_json(date(2026, 12, 6)) == CASE_FILE["calendar"]
    assert CASE_FILE["calendar"]["p"] == [2027]
    assert any(c["at"].startswith("2027-02-08") and c["state"] == "holiday" for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['hours']}@{c['at']}" for c in CASES])
def test_open_state_in_china_time(case):
    closures = [Period(date.fromisoformat(a), date.fromisoformat(b), why) for a, b, why in case.get("closures", [])]
    state = open_state(parse_hours(case["hours"]), datetime.fromisoformat(case["at"]), CALENDAR, closures)
    assert (state.state, state.label) == (case["state"], case["label"])


def test_adjusted_working_day_takes_the_hours_most_weekdays_have():
    assert parse_hours("Tu-Su 09:00-17:00; Mo off").workday == ((540, 1020),)
    assert parse_hours("Mo,We 09:00-12:00; Tu,Th 14:00-17:00").workday == ((540, 720),)  # a tie: Monday's
    assert parse_hours("Tu,Th 19:00-21:00; Sa 14:30-17:00").workday == ()


def test_adjusted_working_day_keeps_what_the_weekend_day_opens():
    """A Saturday class still runs on a Saturday worked for a holiday; weekday hours are added, never taken away."""
    night_school = parse_hours("Tu,Th 19:00-21:00; Sa 14:30-17:00")
    assert working_day(night_school, 5) == ((870, 1020),) and working_day(night_school, 6) == ()
    assert working_day(parse_hours("Mo-Fr 09:00-12:00; Sa 11:00-18:00"), 5) == ((540, 1080),)
    assert table_rows(night_school)[-1] == ("workday", "调休上班日", "同当天周六、周日开放时间")
    assert table_rows(parse_hours("Mo-Fr 09:00-12:00; Sa,Su 14:00-18:00"))[-1][2] == "09:00–12:00，另加当天周六、周日原有时段"


def test_week_table_rows_name_today_keys():
    rows = table_rows(parse_hours("Mo-Fr 09:00-17:30; Sa 09:00-12:00; PH 09:00-12:00"))
    assert [key for key, _, _ in rows] == ["0", "1", "2", "3", "4", "5", "6", "ph", "workday"]
    assert rows[5] == ("5", "周六", "09:00–12:00") and rows[6] == ("6", "周日", "休息")
    assert rows[7] == ("ph", "法定节假日", "09:00–12:00") and rows[8] == ("workday", "调休上班日", "09:00–17:30")
