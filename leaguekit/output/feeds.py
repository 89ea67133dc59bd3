"""Calendars and feeds of activities, so people and other directories can follow them.

- iCalendar (RFC 5545) with the `icalendar` library: the whole site, each activity
  ("加入日历"), each venue and each brand. Times carry TZID=Asia/Shanghai with its
  VTIMEZONE; a weekly activity is one VEVENT with RRULE (UNTIL in UTC, as RFC 5545
  requires beside a TZID) and an EXDATE for every skipped session.
- Atom (RFC 4287) of new activities, newest first: the whole site and each org with
  activities (its child orgs included). Written from a template; every value is escaped.

Nothing reads the clock: DTSTAMP and Atom dates are the activity file's last commit
date, else the build date, so two builds of one commit give the same bytes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Timezone, vText

from .. import urls
from ..content.schedule import CHINA, ActivityEntry, ages_label, fee_label, schedule_text
from ..content.schema import china_datetime
from ..generate.activities import join_label, where
from ..generate.render import render
from ..generate.site import Site

PRODID = "-//leaguekit//youth venues activities//ZH"
# Aggregate calendars leave out activities over for longer than this (each activity keeps its own file).
CALENDAR_KEEP_DAYS = 365
FEED_ENTRIES = 50
UUID_NAMESPACE = uuid.UUID("6f2d3b1e-5c43-4f6a-9f4e-2a1c7e0b9d11")


def stable_uuid(*parts: str) -> uuid.UUID:
    """The same UUID for the same thing in every build and every copy of the site."""
    return uuid.uuid5(UUID_NAMESPACE, "/".join(parts))


def changed(site: Site, entry: ActivityEntry) -> date:
    """When the activity's file last changed (git), else the build date."""
    text = site.dates.get(entry.source)
    return date.fromisoformat(text) if text else site.today


def absolute(site: Site, url: str) -> str:
    return site.site_url.rstrip("/") + "/" + url if site.site_url else ""


def description(site: Site, entry: ActivityEntry) -> str:
    a = entry.data
    place = where(site, entry)
    ages = ages_label(a.audience.min_age, a.audience.max_age)
    lines = [
        a.summary,
        f"时间：{schedule_text(entry)}",
        f"地点：{place.name}，{place.address}",
        f"对象：{a.audience.who}" + (f"（{ages}）" if ages and ages not in a.audience.who else ""),
        f"费用：{fee_label(a.fee)}",
        f"参加方式：{join_label(entry)}" + (f"。{a.join.note}" if a.join.note else ""),
        f"咨询：{a.contact.role}" + (f" {a.contact.phone}" if a.contact.phone else ""),
    ]
    if a.join.url:
        lines.append(f"报名：{a.join.url}")
    if page := absolute(site, urls.activity(entry.id)):
        lines.append(f"详情：{page}")
    return "\n".join(lines)


def event(site: Site, entry: ActivityEntry) -> Event:
    a, c = entry.data, site.content
    place = where(site, entry)
    ev = Event()
    ev.add("uid", f"{entry.id}@{c.settings.publisher}.leaguekit")
    stamp = changed(site, entry)
    ev.add("dtstamp", datetime(stamp.year, stamp.month, stamp.day, tzinfo=CHINA).astimezone(UTC))
    ev.add("summary", a.title)
    ev.add("dtstart", entry.first.start)
    ev.add("dtend", entry.first.end)
    if a.weekly is not None:
        begin = a.weekly.time.split("-")[0]
        last = china_datetime(f"{a.weekly.end_date} {begin}").replace(tzinfo=CHINA).astimezone(UTC)
        ev.add("rrule", {"freq": "weekly", "byday": [d.upper() for d in a.weekly.days], "until": last})
        if a.weekly.except_dates:
            ev.add("exdate", [china_datetime(f"{d} {begin}").replace(tzinfo=CHINA) for d in sorted(a.weekly.except_dates)])
    ev.add("location", f"{place.name}，{place.address}")
    ev.add("geo", (place.lat, place.lng))
    ev.add("description", description(site, entry))
    if a.brand:
        ev.add("categories", [c.any_brand(a.brand).data.name])
    ev.add("contact", a.contact.role + (f" {a.contact.phone}" if a.contact.phone else ""))
    ev.add("status", "CONFIRMED")
    if page := absolute(site, urls.activity(entry.id)):
        ev.add("url", page)
    return ev


def china_timezone(site: Site, entries: list[ActivityEntry]) -> Timezone:
    """The Asia/Shanghai VTIMEZONE for the days `entries` span. icalendar scans the zone's
    offsets over that span (tens of milliseconds), so a build makes it once for every calendar."""
    days = [d for e in entries for d in (e.first.start.date(), e.last.end.date())] or [site.today]
    return Timezone.from_tzid("Asia/Shanghai", first_date=min(days), last_date=max(days) + timedelta(days=1))


def calendar(site: Site, entries: list[ActivityEntry], name: str, tz: Timezone | None = None) -> bytes:
    """An iCalendar file with the Asia/Shanghai VTIMEZONE (even when it has no event, so it is never empty)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(" ".join(name.split())))  # an X- property is not escaped as text unless typed so: one line
    cal.add("x-wr-timezone", "Asia/Shanghai")
    cal.add_component(tz or china_timezone(site, entries))
    for entry in entries:
        cal.add_component(event(site, entry))
    return cal.to_ical()


def kept(site: Site, entries: list[ActivityEntry]) -> list[ActivityEntry]:
    """Activities an aggregate calendar holds: all but those over for more than CALENDAR_KEEP_DAYS."""
    since = site.now - timedelta(days=CALENDAR_KEEP_DAYS)
    return [e for e in entries if e.last.end >= since]


@dataclass(frozen=True)
class FeedEntry:
    title: str
    id: str
    href: str
    updated: str
    author: str
    category: str
    summary: str


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def atom(site: Site, entries: list[ActivityEntry], path: str, title: str, org_id: str) -> str:
    """Atom of the newest activities; links are absolute with site_url, else relative to the feed file."""
    c = site.content
    newest = sorted(entries, key=lambda e: (changed(site, e), e.first.start, e.id), reverse=True)[:FEED_ENTRIES]

    def link(url: str) -> str:
        return absolute(site, url) or urls.relative(path.rsplit("/", 1)[0] + "/", url)

    items = []
    for e in newest:
        place = where(site, e)
        items.append(
            FeedEntry(
                title=e.data.title,
                id=stable_uuid("activity", c.settings.publisher, e.id).urn,
                href=link(urls.activity(e.id)),
                updated=_stamp(changed(site, e)),
                author=c.orgs[e.data.org].name,
                category=c.any_brand(e.data.brand).data.name if e.data.brand else "",
                summary=f"{schedule_text(e)}，{place.name}。{e.data.summary}",
            )
        )
    updated = max((changed(site, e) for e in newest), default=site.today)
    return render(
        "atom.xml",
        title=title,
        id=stable_uuid("feed", c.settings.publisher, org_id or "site").urn,
        updated=_stamp(updated),
        self_href=link(path),
        alternate=link("activities/"),
        author=c.orgs[org_id].name if org_id else c.publisher.name,
        entries=items,
    )


def files(site: Site) -> Iterator[tuple[str, str | bytes]]:
    """Every calendar and feed, as (path in site/, content)."""
    c = site.content
    name = f"{c.publisher.short_name} · {c.settings.title}"
    tz = china_timezone(site, c.activities)
    yield urls.calendar("site"), calendar(site, kept(site, c.activities), f"{name} · 全部活动", tz)
    for entry in c.activities:
        yield urls.calendar("activities", entry.id), calendar(site, [entry], entry.data.title, tz)
    for venue in c.venues:
        if held := c.activities_at(venue.id):
            yield urls.calendar("venues", venue.id), calendar(site, kept(site, held), f"{venue.data.name} · 活动", tz)
    for brand in c.brands:
        if held := c.activities_of_brand(brand.id):
            yield urls.calendar("brands", brand.id), calendar(site, kept(site, held), f"{brand.data.name} · 活动", tz)
    yield urls.atom(), atom(site, c.activities, urls.atom(), f"{name} · 新活动", "")
    for org in c.orgs.values():
        if held := c.activities_of_org(org.id):
            yield urls.atom(org.id), atom(site, held, urls.atom(org.id), f"{org.short_name} · 新活动", org.id)
