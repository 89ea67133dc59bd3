"""Coordinates copied from 高德 (GCJ-02) or 百度 (BD-09) end up right everywhere the built site shows a place:
the venue page's JSON-LD, the finder's cells, open data, and every map link (each in the datum its app reads)."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import build_site, make_project, soup, venue_md, write

from leaguekit.output import finder_data

# One spot: the 明星镇 youth home in WGS-84, and the same spot as 高德's and 百度's coordinate pickers show it.
WGS = (37.4216, 112.5513)
GCJ = (37.422100, 112.557542)
BD = (37.428430, 112.563915)
METRE = 1e-5  # degrees; a metre is about 0.9e-5 of latitude here

ACTIVITY = """\
---
title: 测试宣讲
org: taigu
summary: 在别处举办的一次宣讲。
place:
  name: 明星镇文化站
  address: 山西省晋中市太谷区明星镇文化路 2 号
  district: 太谷区
  location: {lat: 37.428430, lng: 112.563915, datum: bd09}
start: 2026-12-05 09:00
end: 2026-12-05 11:00
audience: {who: 太谷区青年}
fee: free
join: {walk_in: true}
contact: {role: 团区委学少部, phone: "0354-6231027"}
---
宣讲内容。
"""


def near(pair, expected, tolerance: float = METRE) -> bool:
    return all(abs(float(a) - b) <= tolerance for a, b in zip(pair, expected))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("datum") / "project", sample_content=False)
    write(project, "venues/taigu/test-venue.md", venue_md(location={"lat": GCJ[0], "lng": GCJ[1], "datum": "gcj02"}))
    write(project, "activities/taigu/test-talk.md", ACTIVITY)
    return build_site(project)


def links(page) -> dict[str, dict[str, list[str]]]:
    return {a["data-app"]: parse_qs(urlsplit(a["href"]).query) for a in page.select("article .lk-nav__link")}


def baidu_destination(apps: dict[str, dict[str, list[str]]]) -> list[str]:
    """`latlng:37.4216,112.5513|name:…` in 百度's route link: the pair."""
    return apps["baidu"]["destination"][0].removeprefix("latlng:").partition("|")[0].split(",")


def test_venue_page_json_ld_and_map_links(site):
    page = soup(site, "venues/test-venue/")
    ld = next(json.loads(s.string) for s in page.select('script[type="application/ld+json"]') if "geo" in s.string)
    assert near((ld["geo"]["latitude"], ld["geo"]["longitude"]), WGS)
    apps = links(page)
    # 高德 and Apple read GCJ-02: the pair the staff member copied comes back to within a metre.
    lng, lat = apps["amap"]["to"][0].split(",")[:2]
    assert near((lat, lng), GCJ) and apps["amap"]["coordinate"] == ["gaode"]
    assert near(apps["apple"]["daddr"][0].split(","), GCJ)
    # 百度 and 腾讯 are told the coordinates are WGS-84 and convert themselves.
    assert near(baidu_destination(apps), WGS) and apps["baidu"]["coord_type"] == ["wgs84"]
    assert near(apps["tencent"]["tocoord"][0].split(","), WGS) and apps["tencent"]["coord_type"] == ["1"]


def test_finder_cells_carry_both_pairs(site):
    cells = [r for p in (site / finder_data.FOLDER / "cells").glob("*.json") for r in json.loads(p.read_text(encoding="utf-8"))]
    record = next(r for r in cells if r["i"] == "test-venue")
    assert near(record["p"], WGS)
    card = soup(site, "nearby/").select_one('.lk-place[data-id="test-venue"]')
    place = json.loads(card.select_one(".lk-nav")["data-place"])
    assert near(place["p"], WGS) and near(place["c"], GCJ)


def test_open_data_is_wgs84(site):
    venues = json.loads((site / "data/venues.json").read_text(encoding="utf-8"))["venues"]
    assert near((venues[0]["lat"], venues[0]["lng"]), WGS)
    feature = json.loads((site / "data/venues.geojson").read_text(encoding="utf-8"))["features"][0]
    assert near(feature["geometry"]["coordinates"][::-1], WGS)
    row = next(csv.DictReader(io.StringIO((site / "data/venues.csv").read_text(encoding="utf-8-sig"))))
    assert near((row["lat"], row["lng"]), WGS)


def test_an_activity_place_copied_from_baidu(site):
    activity = json.loads((site / "data/activities.json").read_text(encoding="utf-8"))["activities"][0]
    assert near((activity["lat"], activity["lng"]), WGS, 2 * METRE)
    apps = links(soup(site, "activities/test-talk/"))
    assert near(baidu_destination(apps), WGS, 2 * METRE)
    lng, lat = apps["amap"]["to"][0].split(",")[:2]
    assert near((lat, lng), GCJ, 2 * METRE)
