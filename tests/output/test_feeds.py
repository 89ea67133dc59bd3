"""Calendars and feeds, read as a calendar app and a feed reader would: parsed by icalendar,
expanded by recurring-ical-events, read by feedparser, then compared with the content."""

from __future__ import annotations

import posixpath
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
import recurring_ical_events
from conftest import SAMPLE, SAMPLE_BUILD_DAY
from icalendar import Calendar

from leaguekit import urls
from leaguekit.content import load
from leaguekit.generate import Site
from leaguekit.output import feeds

CHINA = ZoneInfo("Asia/Shanghai")
CONTENT = load(SAMPLE)
BUILT = Site(CONTENT, today=SAMPLE_BUILD_DAY.date())


def read_calendar(site: Path, path: str) -> Calendar:
    return Calendar.from_ical((site / path).read_bytes())


def events(cal: Calendar) -> dict[str, object]:
    return {str(ev["UID"]).split("@")[0]: ev for ev in cal.walk("VEVENT")}


def expected_calendars() -> dict[str, list[str]]:
    """Every .ics the sample must produce and the activities each holds."""
    found = {urls.calendar("site"): [a.id for a in feeds.kept(BUILT, CONTENT.activities)]}
    found |= {urls.calendar("activities", a.id): [a.id] for a in CONTENT.activities}
    for venue in CONTENT.venues:
        if held := CONTENT.activities_at(venue.id):
            found[urls.calendar("venues", venue.id)] = [a.id for a in feeds.kept(BUILT, held)]
    for brand in CONTENT.brands:
        if held := CONTENT.activities_of_brand(brand.id):
            found[urls.calendar("brands", brand.id)] = [a.id for a in feeds.kept(BUILT, held)]
    return found


def test_every_calendar_parses_and_holds_the_right_events(dated_site):
    expected = expected_calendars()
    assert sorted(p.relative_to(dated_site).as_posix() for p in (dated_site / "feeds").rglob("*.ics")) == sorted(expected)
    for path, ids in expected.items():
        cal = read_calendar(dated_site, path)
        assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
        assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"], path
        assert sorted(events(cal)) == sorted(ids), path


@pytest.mark.parametrize("entry", CONTENT.activities, ids=lambda a: a.id)
def test_each_event_matches_its_activity_and_expands_to_its_sessions(dated_site, entry):
    ev = events(read_calendar(dated_site, urls.calendar("activities", entry.id)))[entry.id]
    a = entry.data
    assert str(ev["SUMMARY"]) == a.title
    assert ev.decoded("DTSTART") == entry.first.start and ev["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert ev.decoded("DTEND") == entry.first.end
    assert ev.decoded("DTSTAMP").tzinfo is not None
    place = CONTENT.venue[a.venue].data if a.venue else a.place
    assert (ev["GEO"].latitude, ev["GEO"].longitude) == (place.location.lat, place.location.lng)
    assert str(ev["LOCATION"]).startswith(place.name) and place.address in str(ev["LOCATION"])
    assert a.summary in str(ev["DESCRIPTION"])
    assert ("RRULE" in ev) == entry.recurring
    # A calendar app's view of it: every session, and only those, at the right China time.
    cal = read_calendar(dated_site, urls.calendar("activities", entry.id))
    expanded = recurring_ical_events.of(cal).between(datetime(2026, 1, 1, tzinfo=CHINA), datetime(2028, 1, 1, tzinfo=CHINA))
    assert sorted((e.decoded("DTSTART"), e.decoded("DTEND")) for e in expanded) == [(o.start, o.end) for o in entry.occurrences]


def test_recurrence_skips_the_national_day_holiday(dated_site):
    cal = read_calendar(dated_site, urls.calendar("venues", "taigu-youth-night-school"))
    sessions = recurring_ical_events.of(cal).between(date(2026, 9, 28), date(2026, 10, 12))
    got = sorted((e.decoded("DTSTART"), str(e["SUMMARY"])) for e in sessions)
    assert got == [
        (datetime(2026, 9, 29, 19, tzinfo=CHINA), "青年夜校·舞蹈课（2026年秋季）"),
        (datetime(2026, 10, 8, 19, tzinfo=CHINA), "青年夜校·舞蹈课（2026年秋季）"),
        (datetime(2026, 10, 10, 14, 30, tzinfo=CHINA), "青年夜校·传统文化（书法）课（2026年秋季）"),
    ]  # 10月1日、3日、6日 are skipped (国庆), the rest of the holiday has no class anyway
    event = events(read_calendar(dated_site, urls.calendar("activities", "taigu-yexiao-wudao-2026-autumn")))["taigu-yexiao-wudao-2026-autumn"]
    assert event["RRULE"]["UNTIL"][0] == datetime(2027, 1, 14, 11, tzinfo=ZoneInfo("UTC"))  # RFC 5545: UTC beside a TZID
    assert [d.dt for d in event["EXDATE"].dts] == [datetime(2026, 10, 1, 19, tzinfo=CHINA), datetime(2026, 10, 6, 19, tzinfo=CHINA)]


def feed_of(site: Path, path: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site / path).read_bytes(), response_headers={"content-location": f"https://example.org/kit/{path}", "content-type": "application/atom+xml"})
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    assert parsed.version == "atom10"
    return parsed


def test_atom_feeds_parse_and_list_the_new_activities(dated_site):
    paths = {urls.atom(): CONTENT.activities} | {urls.atom(o): CONTENT.activities_of_org(o) for o in CONTENT.orgs if CONTENT.activities_of_org(o)}
    assert sorted(p.relative_to(dated_site).as_posix() for p in (dated_site / "feeds").rglob("*.xml")) == sorted(paths)
    assert set(paths) >= {urls.atom("taigu"), urls.atom("taiyuan"), urls.atom("shanxi")}
    for path, entries in paths.items():
        parsed = feed_of(dated_site, path)
        assert len(parsed.entries) == min(len(entries), feeds.FEED_ENTRIES)
        by_title = {e.title: e for e in parsed.entries}
        assert set(by_title) == {a.data.title for a in entries}, path
        for entry in entries:
            item = by_title[entry.data.title]
            link = item.link.removeprefix("https://example.org/kit/")
            assert link == urls.activity(entry.id), path
            assert (dated_site / link / "index.html").is_file()
            assert entry.data.summary in item.summary and item.author == CONTENT.orgs[entry.data.org].name
            assert item.updated_parsed is not None and item.id.startswith("urn:uuid:")
        assert len({e.id for e in parsed.entries}) == len(parsed.entries)
    taigu = feed_of(dated_site, urls.atom("taigu"))
    assert {e.author for e in taigu.entries} == {"共青团晋中市太谷区委员会"}


def test_feed_dates_and_links_follow_git_and_site_url():
    dated = Site(CONTENT, dates={a.source: "2026-11-20" for a in CONTENT.activities} | {"activities/taigu/taigu-laba-zhou-2027.md": "2026-11-25"}, site_url="https://example.org/taigu/", today=date(2026, 11, 26))
    parsed = feedparser.parse(feeds.atom(dated, CONTENT.activities, urls.atom(), "新活动", ""))
    assert not parsed.bozo
    assert parsed.entries[0].title == CONTENT.activity["taigu-laba-zhou-2027"].data.title  # the newest change first
    assert parsed.feed.updated == "2026-11-25T00:00:00+08:00"
    assert parsed.entries[0].link == "https://example.org/taigu/activities/taigu-laba-zhou-2027/"
    cal = Calendar.from_ical(feeds.calendar(dated, [CONTENT.activity["taigu-laba-zhou-2027"]], "x"))
    ev = next(iter(cal.walk("VEVENT")))
    assert str(ev["URL"]) == "https://example.org/taigu/activities/taigu-laba-zhou-2027/"
    assert ev.decoded("DTSTAMP") == datetime(2026, 11, 24, 16, tzinfo=ZoneInfo("UTC"))


def test_feed_links_resolve_relative_to_the_feed_without_site_url(dated_site):
    text = (dated_site / urls.atom("taigu")).read_text(encoding="utf-8")
    parsed = feedparser.parse(text)
    for item in parsed.entries:
        target = posixpath.normpath(posixpath.join("feeds/orgs", item.link))
        assert (dated_site / target / "index.html").is_file(), item.link
