"""Opening hours as staff write them, into OSM text: tests/hours_words_cases.json, which the form's
JavaScript runs too (tests/browser/test_venue_form.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leaguekit.content.hours import parse_hours
from leaguekit.content.hours_words import HoursWordsError, to_osm

CASES = json.loads((Path(__file__).parents[1] / "hours_words_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["valid"], ids=lambda c: c["text"])
def test_staff_wording_becomes_the_osm_text_the_kit_reads(case):
    assert to_osm(case["text"]) == case["hours"]
    assert parse_hours(case["hours"]).source == case["hours"]


@pytest.mark.parametrize("case", CASES["errors"], ids=lambda c: c["text"])
def test_what_cannot_be_read_is_refused_naming_the_part(case):
    with pytest.raises(HoursWordsError) as info:
        to_osm(case["text"])
    assert str(info.value) == case["error"]


def test_meaning_not_only_text():
    """Lunch breaks, evenings and 照常开放 land on the days and minutes they say."""
    hours = parse_hours(to_osm("周一至周五 上午9:00-12:00 下午2:00-5:30，节假日照常开放"))
    assert hours.week[0] == ((540, 720), (840, 1050)) and hours.week[5] == () and hours.holiday == hours.week[0]


def test_cost_is_linear_in_the_text():
    """A 20,000-character cell of unreadable text is refused at once, naming at most 20 characters."""
    with pytest.raises(HoursWordsError) as info:
        to_osm("周一 9:00-17:00 " + "无" * 20000)
    assert "“" + "无" * 20 + "”" in str(info.value)
