"""Opening hours: parsing, the Chinese label, and open-now in China time."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from leaguekit.hours import HoursError, open_state, parse_hours

CASES = json.loads((Path(__file__).parent / "hours_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Mo-Fr 09:00-17:30; Sa 09:00-12:00", "周一至周五 09:00–17:30；周六 09:00–12:00；周日 休息"),
        ("Mo-Su 08:30-21:00", "周一至周日 08:30–21:00"),
        ("Mo-Fr 09:00-12:00,14:00-17:30", "周一至周五 09:00–12:00、14:00–17:30；周六、周日 休息"),
        ("Mo-Fr 09:00-17:00; We off", "周一、周二 09:00–17:00；周三 休息；周四、周五 09:00–17:00；周六、周日 休息"),
        ("24/7", "全天开放（24 小时）"),
        ("09:00-18:00", "周一至周日 09:00–18:00"),
        ("Mo-Fr 09:00-17:00; off", "周一至周日 休息"),
        ("Tu,Th 14:00-16:00", "周一 休息；周二 14:00–16:00；周三 休息；周四 14:00–16:00；周五至周日 休息"),
    ],
)
def test_chinese_label(text, label):
    assert parse_hours(text).label() == label


@pytest.mark.parametrize("text", ["Mo-Fri 09:00-17:00", "Mo-Fr", "Fr-Mo 09:00-10:00", "Mo 9-17", "", "PH off"])
def test_rejects_outside_subset(text):
    with pytest.raises(HoursError):
        parse_hours(text)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['hours']}@{c['at']}" for c in CASES])
def test_open_state_in_china_time(case):
    state = open_state(parse_hours(case["hours"]), datetime.fromisoformat(case["at"]))
    assert (state.state, state.label) == (case["state"], case["label"])
