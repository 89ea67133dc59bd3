"""Exports open safely (issue 18): text that a spreadsheet would run as a formula (=, +, -, @) is
accepted by `make check` as the text it is, written to every CSV behind a leading apostrophe
(CSV injection, OWASP), and kept as written in JSON and GeoJSON."""

from __future__ import annotations

import csv
import io
import json

from conftest import VALID_BRAND, activity_md, build_site, venue_md, write

from leaguekit import build

FORMULAS = {
    "name": '=HYPERLINK("https://example.org","点我")',
    "address": "+1+1 山西省晋中市太谷区测试路 1 号",
    "town": "-2+3镇",
}
SUMMARY = "=cmd|' /C calc'!A0 暑期托管"
TITLE = "@SUM(1+1)*青年夜校"
ACTIVITY = activity_md(title=f'title: "{TITLE}"', sample="")


def test_formulas_are_text_in_every_csv_and_true_values_in_json(project):
    write(project, "venues/taigu/test-venue.md", venue_md(**FORMULAS))
    write(project, "brands/test-brand.md", VALID_BRAND.replace("summary: 用于测试的品牌项目。", f'summary: "{SUMMARY}"'))
    write(project, "activities/taigu/formula.md", ACTIVITY)
    build.load(project)  # make check: accepted, it is only text
    site = build_site(project)
    cells = []
    for path in sorted((site / "data").rglob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        cells += [(path.name, cell) for row in rows[1:] for cell in row]
    risky = [(name, cell) for name, cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert risky == []
    written = {cell for _, cell in cells}
    for value in (FORMULAS["name"], FORMULAS["address"], FORMULAS["town"], SUMMARY, TITLE):
        assert "'" + value in written, value
    names = {path.name for path in (site / "data").rglob("*.csv")}
    assert {"venues.csv", "brands.csv", "activities.csv", "locations.csv", "services.csv"} <= names
    assert "'" + FORMULAS["name"] in {cell for name, cell in cells if name == "locations.csv"}  # HSDS too
    venues = json.loads((site / "data/venues.json").read_text(encoding="utf-8"))["venues"]
    assert (venues[0]["name"], venues[0]["address"], venues[0]["town"]) == (FORMULAS["name"], FORMULAS["address"], FORMULAS["town"])
    brands = json.loads((site / "data/brands.json").read_text(encoding="utf-8"))["brands"]
    assert brands[0]["summary"] == SUMMARY
    geo = json.loads((site / "data/activities.geojson").read_text(encoding="utf-8"))
    assert geo["features"][0]["properties"]["title"] == TITLE
