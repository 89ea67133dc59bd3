"""Each month's activity cards (`assets/activities/<YYYY-MM>.json`): only what is on in that month, escaped."""

from __future__ import annotations

import json
from datetime import date, datetime

from bs4 import BeautifulSoup
from conftest import SAMPLE, build_site, write

from leaguekit.content import load
from leaguekit.content.schedule import CHINA
from leaguekit.generate import Site
from leaguekit.generate.activities import month_keys
from leaguekit.output import activity_months

CONTENT = load(SAMPLE)


def test_a_month_file_holds_the_activities_on_in_that_month_from_the_build_month_on():
    site = Site(CONTENT, today=date(2026, 11, 26))
    files = dict(activity_months.files(site))
    assert list(files) == [f"assets/activities/{key}.json" for key in month_keys(site)]
    assert min(month_keys(site)) == "2026-11"
    for path, text in files.items():
        key = path.rsplit("/", 1)[1].removesuffix(".json")
        year, month = (int(x) for x in key.split("-"))
        start = datetime(year, month, 1, tzinfo=CHINA)
        end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=CHINA)
        cards = [BeautifulSoup(html, "html.parser").li for html in json.loads(text)]
        on = {e.id for e in CONTENT.activities if any(o.start < end and o.end > start for o in e.occurrences)}
        assert {c["data-id"] for c in cards} == on, key
        for c in cards:
            assert c.a["href"] == f"activities/{c['data-id']}/"  # relative to the site root; activities.js prefixes it
            sessions = [s.split("/") for s in c["data-occ"].split()]
            assert sessions and sessions == sorted(sessions) and sessions[0][1] > f"{key}-01"


def test_a_hostile_title_stays_text_in_the_month_file(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 12, 1, tzinfo=CHINA).timestamp())))
    write(
        project,
        "activities/taigu/evil.md",
        """---
title: "<script>alert(1)</script>讲座"
org: taigu
summary: 一场测试用的青年讲座，看标题是否原样显示
venue: test-venue
start: 2026-12-10 09:00
end: 2026-12-10 11:00
audience: {who: 青年}
fee: free
join: {walk_in: true}
contact: {role: 团县委}
sample: true
---
""",
    )
    site = build_site(project)
    text = (site / "assets/activities/2026-12.json").read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;" in text
