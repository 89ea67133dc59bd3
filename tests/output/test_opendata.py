"""Open data at /data/: every file parses, counts and coordinates match the content, the HSDS package validates."""

from __future__ import annotations

import csv
import io
import json
import uuid

import pytest
from conftest import SAMPLE, soup
from frictionless import Package

from leaguekit.content import load
from leaguekit.output import opendata

CONTENT = load(SAMPLE)
KINDS = {"venues": CONTENT.venues, "brands": CONTENT.brands, "activities": CONTENT.activities}


def place_of(record_id: str, kind: str) -> tuple[float, float]:
    """(lng, lat) of a venue or an activity, from the content."""
    if kind == "venues":
        loc = CONTENT.venue[record_id].data.location
    else:
        a = CONTENT.activity[record_id].data
        loc = CONTENT.venue[a.venue].data.location if a.venue else a.place.location
    return loc.lng, loc.lat


@pytest.mark.parametrize("kind", KINDS)
def test_json_has_every_record_and_the_licence(dated_site, kind):
    data = json.loads((dated_site / f"data/{kind}.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in data[kind]] == [x.id for x in KINDS[kind]]
    assert data["license"]["name"] == "CC-BY-4.0" and data["publisher"] == CONTENT.publisher.name
    assert data["date"] == "2026-11-26"
    if kind != "brands":
        assert all((r["lng"], r["lat"]) == place_of(r["id"], kind) for r in data[kind])


@pytest.mark.parametrize("kind", KINDS)
def test_geojson_is_rfc7946_with_lng_lat(dated_site, kind):
    data = json.loads((dated_site / f"data/{kind}.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    features = data["features"]
    assert [f["id"] for f in features] == [x.id for x in KINDS[kind]]
    for f in features:
        assert f["type"] == "Feature" and "lat" not in f["properties"]
        geometry = f["geometry"]
        if kind == "brands":
            hosts = CONTENT.venues_hosting(f["id"])
            expected = [[v.data.location.lng, v.data.location.lat] for v in hosts]
            assert geometry == ({"type": "MultiPoint", "coordinates": expected} if hosts else None)
        else:
            assert geometry["type"] == "Point" and tuple(geometry["coordinates"]) == place_of(f["id"], kind)
            lng, lat = geometry["coordinates"]
            assert 73.5 <= lng <= 135.1 and 3.8 <= lat <= 53.6  # [lng, lat], never swapped


@pytest.mark.parametrize("kind", KINDS)
def test_csv_opens_in_excel_and_matches(dated_site, kind):
    raw = (dated_site / f"data/{kind}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [x.id for x in KINDS[kind]]
    columns = [c.key for c in dict((k, cols) for k, _, cols in opendata.KINDS)[kind]]
    assert list(rows[0]) == columns
    if kind != "brands":
        assert all((float(r["lng"]), float(r["lat"])) == place_of(r["id"], kind) for r in rows)
    if kind == "activities":
        wudao = next(r for r in rows if r["id"] == "taigu-yexiao-wudao-2026-autumn")
        assert (wudao["weekly_days"], wudao["except_dates"], wudao["fee"]) == ("Tu;Th", "2026-10-01;2026-10-06", "free")


def test_hsds_data_package_validates(dated_site):
    package = Package(str(dated_site / "data/hsds/datapackage.json"))
    report = package.validate()  # types, required fields, enums, unique ids, and foreign keys between the tables
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    assert {r.name for r in package.resources} == {"organization", "location", "address", "service", "service_at_location", "schedule", "phone"}
    assert package.licenses[0]["name"] == "CC-BY-4.0"


def hsds(site, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / f"data/hsds/{opendata.HSDS_TABLES[name][0]}").read_text(encoding="utf-8"))))


def test_hsds_tables_match_the_content(dated_site):
    elsewhere = [a for a in CONTENT.activities if a.data.place]
    orgs, locations, addresses = hsds(dated_site, "organization"), hsds(dated_site, "location"), hsds(dated_site, "address")
    services, at, schedules = hsds(dated_site, "service"), hsds(dated_site, "service_at_location"), hsds(dated_site, "schedule")
    assert sorted(o["name"] for o in orgs) == sorted(o.name for o in CONTENT.orgs.values())
    assert len(locations) == len(addresses) == len(CONTENT.venues) + len(elsewhere)
    by_external = {row["external_identifier"]: row for row in locations}
    for venue in CONTENT.venues:
        row = by_external[venue.id]
        assert (float(row["latitude"]), float(row["longitude"])) == (venue.data.location.lat, venue.data.location.lng)
    assert all(uuid.UUID(row["id"]) for row in locations + services + at + schedules)
    assert len(services) == len(CONTENT.brands) + len(CONTENT.activities)
    assert len(at) == sum(len(CONTENT.venues_hosting(b.id)) for b in CONTENT.brands) + len(CONTENT.activities)
    weekly = [s for s in schedules if s["service_id"] and s["freq"] == "WEEKLY"]
    assert len(weekly) == sum(a.recurring for a in CONTENT.activities)
    wudao = next(s for s in schedules if s["description"].startswith("2026年9月1日至2027年1月14日，每周二、周四"))
    assert (wudao["byday"], wudao["dtstart"], wudao["until"], wudao["opens_at"], wudao["timezone"]) == ("TU,TH", "2026-09-01", "2027-01-14", "19:00:00+08:00", "8")
    assert wudao["notes"] == "停办：2026-10-01、2026-10-06"
    hours = [s for s in schedules if s["location_id"] == by_external["taigu-youth-night-school"]["id"]]
    assert sorted((s["byday"], s["opens_at"], s["closes_at"]) for s in hours) == [("SA", "14:30:00+08:00", "17:00:00+08:00"), ("TU,TH", "19:00:00+08:00", "21:00:00+08:00")]


def test_ids_are_the_same_in_every_build(dated_site, sample_site):
    for name in ("location", "service", "schedule"):
        assert [r["id"] for r in hsds(dated_site, name)] == [r["id"] for r in hsds(sample_site, name)]


def test_data_page_explains_and_links_every_file(dated_site):
    page = soup(dated_site, "data/")
    links = {a.get_text(): a["href"] for a in page.select(".lk-datafiles__name")}
    files = sorted(p.relative_to(dated_site / "data").as_posix() for p in (dated_site / "data").rglob("*") if p.is_file() and p.name != "index.html")
    assert sorted(links) == files and len(files) == 17
    assert all((dated_site / "data" / href).is_file() for href in links.values())
    licence = page.select_one('a[rel="license"]')
    assert licence["href"] == opendata.LICENSES["CC-BY-4.0"][2] and "CC BY 4.0" in licence.get_text()
    documented = {code.get_text() for code in page.select(".lk-fields code")}
    assert {c.key for _, _, columns in opendata.KINDS for c in columns} <= documented


def test_data_page_counts_the_downloads_without_making_them(monkeypatch):
    """/data/ says how many rows each download has; the downloads are made in another process, and making their
    records here only to count them held 4 KB a venue at the build's peak."""
    from leaguekit.generate import Site

    content = load(SAMPLE)
    written = {path: data for path, data in opendata.files(Site(content))}
    monkeypatch.setattr(opendata, "venue_record", lambda *a: pytest.fail("a venue record made for /data/"))
    monkeypatch.setattr(opendata, "_json_with", lambda *a: pytest.fail("a download made for /data/"))
    described = {f.path: f.count for f in opendata.descriptions(Site(content))}
    assert described["venues.json"] == len(json.loads(written["data/venues.json"])["venues"]) == len(content.venues)
    for name, (path, _) in opendata.HSDS_TABLES.items():
        rows = list(csv.reader(io.StringIO(written[f"data/hsds/{path}"].decode("utf-8"))))
        assert described[f"hsds/{path}"] == len(rows) - 1, name
