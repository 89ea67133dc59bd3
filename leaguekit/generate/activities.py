"""Activities: `/activities/` (this week, next week, later; filters; months), one page per
activity, one page per month, and the "近期活动" list on venue and brand pages.

Pages are filed by the build date (`Site.now`); activities.js files the same cards
again by the reader's clock in China time with the rules of `leaguekit.content.schedule.status`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial

from .. import urls
from ..content import audience
from ..content.model import Content, District, district_name
from ..content.schedule import (
    CHINA,
    SECTIONS,
    ActivityEntry,
    Occurrence,
    Status,
    ages_label,
    by_month,
    fee_label,
    month_key,
    month_title,
    rule_label,
    schedule_text,
    sort_key,
    status,
    week_start,
    when_label,
)
from .page import GeneratedPage, SearchEntry, markdown_text, quoted_names
from .render import render
from .site import Fact, Link, Site, chunks, nav_menu

URL = "activities/"
# /activities/ lists what comes within this many days of the build; the month pages have the rest.
WINDOW_DAYS = 60
# "近期活动" on a venue or brand page shows this many; a few more wait hidden for when the first are over.
RECENT = 3
RECENT_SPARE = 3
ELSEWHERE = ("elsewhere", "其他地点")


@dataclass(frozen=True)
class Where:
    """Where an activity happens: a venue of the site, or a place written in the activity file."""

    name: str
    address: str
    district: str
    type: str
    type_label: str
    lat: float
    lng: float
    venue: str = ""


def where(site: Site, entry: ActivityEntry) -> Where:
    c, a = site.content, entry.data
    if a.venue in c.venue:
        venue = c.venue[a.venue]
        v = venue.data
        return Where(v.name, v.address, site.district(venue).full_name, v.type, c.venue_types[v.type].label, v.location.lat, v.location.lng, venue.id)
    if a.venue is not None:  # a venue of an org outside this org's site: a place like any other
        outside = c.any_venue(a.venue).data
        return Where(outside.name, outside.address, _district(c, outside.org, district_name(c.elsewhere.orgs, outside)), *ELSEWHERE, outside.location.lat, outside.location.lng)
    assert a.place is not None
    return Where(a.place.name, a.place.address, _district(c, a.org, a.place.district), *ELSEWHERE, a.place.location.lat, a.place.location.lng)


def _district(c: Content, org_id: str, name: str) -> str:
    """A district's full name (`太原市小店区`) from the city of the org whose place it is."""
    city = c.city_of(org_id)
    parent = c.any_org(city.parent).region if city.parent else ""
    return District("", name, city.region.removeprefix(parent)).full_name


def who_label(entry: ActivityEntry) -> str:
    """`太谷区青年（16 岁以上）`: who may come, with the ages when the words do not say them."""
    a = entry.data.audience
    ages = ages_label(a.min_age, a.max_age)
    return a.who + (f"（{ages}）" if ages and ages not in a.who else "")


# A sign-up note saying only those invited come: the phone is for questions, not for signing up.
INVITED = re.compile(r"凭通知|凭邀请|受邀|邀请制|定向邀请|不对外")


def invited(entry: ActivityEntry) -> bool:
    return bool(entry.data.join.note and INVITED.search(entry.data.join.note))


def join_label(entry: ActivityEntry) -> str:
    j = entry.data.join
    if invited(entry):
        return "凭通知参加" + (f"；咨询 {j.phone}" if j.phone else "")
    parts = ["到场即可" if j.walk_in else "", "在线报名" if j.url else "", f"电话报名 {j.phone}" if j.phone else ""]
    return "；".join(p for p in parts if p)


@dataclass(frozen=True)
class ActivityCard:
    """One activity in a list, with what activities.js needs to file it again (`data-*`)."""

    id: str
    title: str
    href: str
    when: str
    rule: str
    where: str
    who: str
    meta: tuple[str, ...]
    sample: bool
    badge: str
    state: str
    section: str
    occ: str
    district: str
    type: str
    brand: str
    venue: str
    audience: str  # the audience groups (content.audience), space-separated, for the filter


def occ_data(occurrences: tuple[Occurrence, ...], since: datetime) -> str:
    """The sessions activities.js needs: those ending after `since` (earlier ones are past whenever the page is read)."""
    kept = [o for o in occurrences if o.end > since] or list(occurrences[-1:])
    return " ".join(o.data for o in kept)


def card(site: Site, entry: ActivityEntry, here: str, st: Status) -> ActivityCard:
    c, a = site.content, entry.data
    place = where(site, entry)
    meta = [fee_label(a.fee), join_label(entry)]
    if a.brand:
        meta.append(c.any_brand(a.brand).data.name)
    return ActivityCard(
        id=entry.id,
        title=a.title,
        href=urls.relative(here, urls.activity(entry.id)),
        when=when_label(st.occurrence),
        rule=rule_label(a.weekly) if a.weekly else "",
        where=f"{place.name} · {place.district}",
        who=who_label(entry),
        meta=tuple(meta),
        sample=a.sample,
        badge=st.badge(site.now),
        state=st.state,
        section=st.section,
        occ=occ_data(entry.occurrences, week_start(site.now)),
        district=place.district,
        type=place.type,
        brand=a.brand or "",
        venue=place.venue,
        audience=" ".join(audience.groups(a.audience)),
    )


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class CardSection:
    key: str
    title: str
    range: str
    cards: tuple[ActivityCard, ...]


@dataclass(frozen=True)
class MonthLink:
    key: str
    title: str
    count: int
    href: str


def pages(site: Site) -> Iterator[GeneratedPage]:
    c = site.content
    yield GeneratedPage(
        url=URL,
        title="活动",
        description=f"{c.publisher.short_name}各阵地本周、下周和以后的活动，可按适合人群、县区、阵地类型和品牌筛选，可订阅日历。",
        render=partial(index, site),
        icon="material/calendar-star",
        hide=("toc",),
        search=(SearchEntry(kind="listing", title="活动", summary="本周、下周和以后的活动"),),
    )
    for entry in c.activities:
        place = where(site, entry)
        yield GeneratedPage(
            url=urls.activity(entry.id),
            title=entry.data.title,
            description=f"{schedule_text(entry)}，{place.name}。{entry.data.summary}",
            render=partial(activity_page, site, entry),
            source=entry.source,
            icon="material/calendar-star",
            search=(search_entry(site, entry, place),),
        )
    for key, items in by_month(c.activities).items():
        parts = chunks(items, site.PAGE_SIZE)
        for number, part in enumerate(parts, 1):
            yield GeneratedPage(
                url=month_url(key, number),
                title=f"{month_title(key)}的活动" + (f"（第 {number} 页）" if number > 1 else ""),
                description=f"{month_title(key)}在{c.publisher.short_name}各阵地举办的 {len(items)} 个活动。",
                render=partial(month_page, site, key, part, number, len(parts)),
                icon="material/calendar-month",
                search=(SearchEntry(kind="listing", title=f"{month_title(key)}的活动", summary=f"{len(items)} 个活动"),) if number == 1 else (),
            )


def search_entry(site: Site, entry: ActivityEntry, place: Where) -> SearchEntry:
    """Found by its title, brand, place, audience and the everyday words of the services it names;
    shown with when and where."""
    a = entry.data
    brand = site.content.any_brand(a.brand).data.name if a.brand else ""
    needs = site.everyday_words(f"{a.title} {a.summary} {a.audience.who}")
    return SearchEntry(
        kind="activity",
        title=a.title,
        summary=" · ".join(x for x in (schedule_text(entry), place.name, place.district) if x),
        keywords=" ".join(x for x in (brand, place.name, place.district, place.type_label, a.audience.who, *needs) if x),
        names=quoted_names(a.title),
        body=a.summary + " " + markdown_text(entry.body),
        group=entry.id,
        org=a.org,
    )


def month_url(key: str, number: int = 1) -> str:
    return urls.activity_month(key) + (f"page/{number}/" if number > 1 else "")


def _range_label(start: datetime) -> str:
    end = start + timedelta(days=6)
    return f"{start.month}月{start.day}日至{end.month}月{end.day}日" if end.month != start.month else f"{start.month}月{start.day}日至{end.day}日"


def listed(site: Site) -> list[tuple[ActivityEntry, Status]]:
    """What /activities/ shows at the build date: not past, and starting within WINDOW_DAYS."""
    horizon = site.now + timedelta(days=WINDOW_DAYS)
    found = []
    for entry in site.content.activities:
        st = status(entry.occurrences, site.now)
        if st.section != "past" and st.occurrence.start < horizon:
            found.append((entry, st))
    return sorted(found, key=sort_key)


def filter_options(site: Site) -> dict[str, list[Option]]:
    c = site.content
    places = [where(site, a) for a in c.activities]
    districts = sorted({p.district for p in places})
    types = {p.type: p.type_label for p in places}
    brands = {a.data.brand for a in c.activities if a.data.brand}
    groups = {g for a in c.activities for g in audience.groups(a.data.audience)}
    return {
        "audience": [Option(g.key, g.label) for g in audience.GROUPS if g.key in groups],
        "district": [Option(d, d) for d in districts],
        "type": [Option(k, t.label) for k, t in c.venue_types.items() if k in types] + ([Option(*ELSEWHERE)] if ELSEWHERE[0] in types else []),
        "brand": [Option(b.id, b.data.name) for b in c.brands if b.id in brands],
        "venue": [Option(v.id, v.data.name) for v in c.venues if c.activities_at(v.id)],
    }


def index(site: Site) -> str:
    c, here, now = site.content, URL, site.now
    shown = listed(site)
    monday = week_start(now)
    ranges = {"this-week": _range_label(monday), "next-week": _range_label(monday + timedelta(days=7))}
    sections = [CardSection(key, title, ranges.get(key, ""), tuple(card(site, e, here, st) for e, st in shown if st.section == key)) for key, title in SECTIONS]
    this_month = f"{now:%Y-%m}"
    months = [MonthLink(k, month_title(k), len(items), urls.relative(here, month_url(k))) for k, items in by_month(c.activities).items()]
    orgs = [org for org in c.orgs.values() if c.activities_of_org(org.id)]
    return render(
        "activities.html",
        today=f"{site.today.year}年{site.today.month}月{site.today.day}日",
        build_date=site.today.isoformat(),
        sections=sections,
        options=filter_options(site),
        past=[m for m in reversed(months) if m.key < this_month],
        coming=[m for m in months if m.key >= this_month],
        calendar=urls.relative(here, urls.calendar("site")),
        atom=urls.relative(here, urls.atom()),
        org_feeds=[Link(org.short_name, urls.relative(here, urls.atom(org.id))) for org in orgs],
        data=urls.relative(here, "data/"),
        holiday_calendar=site.calendar,
        feed=feed_attributes(site, here),
        open_now=urls.relative(here, "nearby/") + "?near=1&open=1",
    )


def facts(site: Site, entry: ActivityEntry, here: str) -> list[Fact]:
    c, a = site.content, entry.data
    place = where(site, entry)
    found = [Fact("时间", schedule_text(entry))]
    if place.venue:
        found.append(Fact("地点", links=(Link(place.name, urls.relative(here, urls.venue(place.venue))),)))
    elif a.venue:
        found.append(Fact("地点", links=(Link(place.name, c.link(here, urls.venue(a.venue), c.any_venue(a.venue).data.org)),)))
    else:
        found.append(Fact("地点", place.name))
    found += [Fact("地址", place.address), Fact("县区", place.district)]
    found.append(Fact("主办", links=(Link(c.orgs[a.org].name, urls.relative(here, urls.org(a.org))),)))
    if a.brand:
        found.append(Fact("品牌项目", links=(Link(c.any_brand(a.brand).data.name, c.link(here, urls.brand(a.brand), c.any_brand(a.brand).data.org)),)))
    ages = ages_label(a.audience.min_age, a.audience.max_age)
    found.append(Fact("参加对象", a.audience.who + (f"（{ages}）" if ages and ages not in a.audience.who else "")))
    found.append(Fact("费用", fee_label(a.fee)))
    if a.capacity:
        found.append(Fact("名额", f"{a.capacity} 人"))
    join = []
    if invited(entry):
        found.append(Fact("参加方式", a.join.note or "凭通知参加"))
        if a.join.phone:
            found.append(Fact("咨询电话", a.join.phone, href=f"tel:{a.join.phone}"))
    elif a.join.walk_in:
        found.append(Fact("参加方式", "到场即可" + (f"。{a.join.note}" if a.join.note and not (a.join.url or a.join.phone) else "")))
    if a.join.url and not invited(entry):
        join.append(Link("在线报名", a.join.url))
    if a.join.phone and not invited(entry):
        join.append(Link(f"电话报名 {a.join.phone}", f"tel:{a.join.phone}"))
    if join:
        found.append(Fact("报名", links=tuple(join)))
        if a.join.note:
            found.append(Fact("报名说明", a.join.note))
    contact = a.contact
    found.append(Fact("咨询", contact.role + (f" {contact.phone}" if contact.phone else ""), href=f"tel:{contact.phone}" if contact.phone else ""))
    if contact.email:
        found.append(Fact("邮箱", contact.email, href=f"mailto:{contact.email}"))
    return found


@dataclass(frozen=True)
class MonthDates:
    title: str
    days: str


def session_months(entry: ActivityEntry) -> list[MonthDates]:
    """A weekly activity's dates by month: `2026年9月：1日、3日、8日…`."""
    groups: dict[str, list[str]] = {}
    for occ in entry.occurrences:
        start = occ.start.astimezone(CHINA)
        groups.setdefault(f"{start.year}年{start.month}月", []).append(f"{start.day}日")
    return [MonthDates(title, "、".join(days)) for title, days in groups.items()]


def activity_page(site: Site, entry: ActivityEntry) -> str:
    here = urls.activity(entry.id)
    place = where(site, entry)
    st = status(entry.occurrences, site.now)
    venue_calendar = urls.relative(here, urls.calendar("venues", place.venue)) if place.venue else ""
    return render(
        "activity.html",
        entry=entry,
        status=st,
        badge=st.badge(site.now),
        when=when_label(st.occurrence),
        occ=occ_data(entry.occurrences, week_start(site.now)),
        facts=facts(site, entry, here),
        calendar=urls.relative(here, urls.calendar("activities", entry.id)),
        venue_calendar=venue_calendar,
        nav=nav_menu(f"a-{entry.id}", place.name, place.address, place.lat, place.lng),
        months=session_months(entry) if entry.recurring else [],
        body=site.body_html(entry.source, entry.body, entry.body_line, here),
        index=urls.relative(here, URL),
    )


@dataclass(frozen=True)
class MonthItem:
    title: str
    href: str
    when: str
    where: str
    meta: tuple[str, ...]
    sample: bool


def month_page(site: Site, key: str, items: list[tuple[ActivityEntry, tuple[Occurrence, ...]]], number: int, pages: int) -> str:
    here = month_url(key, number)
    keys = list(by_month(site.content.activities))
    at = keys.index(key)
    rows = []
    for entry, occs in items:
        a = entry.data
        place = where(site, entry)
        if a.weekly:
            days = "、".join(f"{o.start.astimezone(CHINA).day}日" for o in occs)
            when = f"{rule_label(a.weekly)}；本月 {len(occs)} 次：{days}"
        else:
            when = "；".join(when_label(o) for o in occs)
        meta = (fee_label(a.fee), site.content.any_brand(a.brand).data.name if a.brand else "")
        rows.append(MonthItem(a.title, urls.relative(here, urls.activity(entry.id)), when, f"{place.name} · {place.district}", meta, a.sample))
    pager = [(n, urls.relative(here, month_url(key, n))) for n in range(1, pages + 1)] if pages > 1 else []
    return render(
        "activity_month.html",
        title=month_title(key),
        rows=rows,
        pager=pager,
        number=number,
        previous=(month_title(keys[at - 1]), urls.relative(here, month_url(keys[at - 1]))) if at > 0 else None,
        following=(month_title(keys[at + 1]), urls.relative(here, month_url(keys[at + 1]))) if at + 1 < len(keys) else None,
        index=urls.relative(here, URL),
    )


def recent(site: Site, entries: list[ActivityEntry], here: str, *, query: str, calendar: str, months: bool = False) -> str:
    """ "近期活动" for a venue or brand page (or the home page, for every activity): what is on or coming, a link
    to the rest on /activities/ (filtered by `query`), the calendar. A venue or brand page carries every such
    activity of its own; the home page (`months`) carries the next few as of the build, and activities.js
    replaces them with what is on by the reader's clock from the month files (`month_cards`)."""
    if not entries:
        return ""
    coming = sorted(((e, status(e.occurrences, site.now)) for e in entries), key=sort_key)
    coming = [(e, st) for e, st in coming if st.state != "over"]
    if months:
        coming = coming[: RECENT + RECENT_SPARE]
    return render(
        "activities_recent.html",
        cards=[card(site, e, here, st) for e, st in coming],
        limit=RECENT,
        total=len(entries),
        more=urls.relative(here, URL) + (f"?{query}" if query else ""),
        calendar=urls.relative(here, calendar),
        feed=feed_attributes(site, here) if months else None,
    )


def feed_attributes(site: Site, here: str) -> dict[str, str]:
    """What activities.js needs to fetch the month files from a page at `here`."""
    return {
        "root": urls.relative(here, ""),
        "months": " ".join(month_keys(site)),
        "window": str(WINDOW_DAYS),
    }


def month_keys(site: Site) -> list[str]:
    """The months with a month file: each month an activity is on in, from the build month on."""
    first = f"{site.now:%Y-%m}"
    return sorted({key for entry in site.content.activities for key in _months_on(entry) if key >= first})


def _month_start(key: str) -> datetime:
    year, month = (int(x) for x in key.split("-"))
    return datetime(year, month, 1, tzinfo=CHINA)


def _next_month(key: str) -> str:
    year, month = (int(x) for x in key.split("-"))
    return f"{year + month // 12}-{month % 12 + 1:02d}"


def _months_on(entry: ActivityEntry) -> set[str]:
    """Every month a session of `entry` starts, ends or runs through."""
    found: set[str] = set()
    for occ in entry.occurrences:
        key, last = month_key(occ), f"{(occ.end - timedelta(minutes=1)).astimezone(CHINA):%Y-%m}"
        found.add(key)
        while key < last:
            key = _next_month(key)
            found.add(key)
    return found


def month_cards(site: Site) -> dict[str, list[str]]:
    """Month → the cards (HTML, links relative to the site root) of every activity on in it, for activities.js.

    A card carries the sessions from its month's start to the end of the month after, and the one after
    those: enough to file it by any moment in its month. Cost: each session in at most three files."""
    found: dict[str, list[str]] = {key: [] for key in month_keys(site)}
    for entry in site.content.activities:
        for key in sorted(_months_on(entry) & found.keys()):
            start, end = _month_start(key), _month_start(_next_month(_next_month(key)))
            kept = [o for o in entry.occurrences if o.end > start and o.start < end]
            kept += [o for o in entry.occurrences if o.start >= end][:1]
            c = card(site, entry, "", status(tuple(kept), start))
            found[key].append(render("activity_card.html", c=replace(c, occ=" ".join(o.data for o in kept))))
    return found
