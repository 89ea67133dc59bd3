"""What staff type, read one way: tests/staff_input_cases.json, which the form's JavaScript runs too
(tests/browser/test_venue_form.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leaguekit.content import staff_input

CASES = json.loads((Path(__file__).parents[1] / "staff_input_cases.json").read_text(encoding="utf-8"))["cases"]
FUNCTIONS = {"fold": staff_input.fold, "date": staff_input.date, "number": staff_input.number, "pair": staff_input.pair, "phone": staff_input.phone}


def call(case: dict) -> object:
    if case["fn"] == "orgId":
        text, orgs = case["args"]
        return staff_input.org_id(text, [tuple(o) for o in orgs])
    result = FUNCTIONS[case["fn"]](*case["args"])
    return list(result) if isinstance(result, tuple) else result


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['fn']}:{c['args'][0]}")
def test_staff_input_reads_as_the_case_file_says(case):
    assert call(case) == case["result"]


def test_the_degrees_are_the_place():
    """37°25'21" is 37 + 25/60 + 21/3600 degrees, to the metre."""
    assert abs(float(staff_input.number("37°25'21\"")) - (37 + 25 / 60 + 21 / 3600)) < 1e-5
