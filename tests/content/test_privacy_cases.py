"""The personal-data guard against tests/privacy_form_cases.json, the file the venue form's JavaScript port runs
too (tests/browser/test_venue_form.py): one set of answers for both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leaguekit.content import privacy

CASES = json.loads((Path(__file__).parents[1] / "privacy_form_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:20])
def test_the_guard_finds_what_the_case_file_says(case):
    assert [[f.kind, f.masked, f.line] for f in privacy.find(case["text"], rendered=case["rendered"])] == case["found"]
