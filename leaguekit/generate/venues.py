"""One page per venue (`/venues/<id>/`), closed venues included so printed URLs keep working."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial

from .. import urls
from ..content.hours import closures_json, table_rows
from ..content.model import VenueEntry
from . import structured
from .activities import recent
from .alternatives import nearest_open
from .page import GeneratedPage, SearchEntry, markdown_text
from .pictures import ImageSet, Picture, picture
from .render import render
from .site import Card, Fact, Link, Site, nav_menu

BRACKETED = re.compile(r".+[（(]([^（）()]{2,12})[)）]")  # 太原市青春驿站（柳巷）: the place in brackets


@dataclass(frozen=True)
class HoursView:
    """The week table (the no-JavaScript answer), the venue's own closures, and what hours.js needs for "open now"."""

    rows: list[tuple[str, str, str]]
    closures: list[tuple[str, str, str]]  # (from, to, text)
    data: dict  # {s: schedule, z: closures, c: holiday table}


def date_span(first: date, last: date) -> str:
    """`2026年12月1日至12月31日`; one day alone; the year repeated only when it changes."""
    start = f"{first.year}年{first.month}月{first.day}日"
    if first == last:
        return start
    end = f"{last.month}月{last.day}日" if last.year == first.year else f"{last.year}年{last.month}月{last.day}日"
    return f"{start}至{end}"


def hours_view(site: Site, venue: VenueEntry) -> HoursView | None:
    if venue.hours is None or not venue.data.is_open:
        return None
    return HoursView(
        rows=table_rows(venue.hours),
        closures=[(c.first.isoformat(), c.last.isoformat(), f"{date_span(c.first, c.last)} 暂停开放（{c.name}）") for c in venue.closures],
        data={"s": venue.hours.schedule(), "z": closures_json(venue.closures), "c": site.calendar},
    )


def pages(site: Site) -> Iterator[GeneratedPage]:
    for venue in site.content.venues:
        yield page(site, venue)


def page(site: Site, venue: VenueEntry) -> GeneratedPage:
    c, v = site.content, venue.data
    type_label = c.venue_types[v.type].label
    if v.is_open:
        description = f"{v.name}：{type_label}，位于{v.address}。" + (f"开放时间 {venue.hours.label()}。" if venue.hours else "")
    else:
        names = "、".join(n.venue.data.name for n in nearest_open(c, venue))
        description = f"{v.name}已于 {v.closed_on} 关闭。" + (f"附近开放的{type_label}：{names}。" if names else "")
    first = first_image(site, venue)
    share = first.fallback if first else None
    return GeneratedPage(
        url=urls.venue(venue.id),
        title=v.name,
        description=description,
        render=partial(html, site, venue),
        source=venue.source,
        icon=c.venue_types[v.type].icon,
        structured_data=partial(structured.venue, c, venue, urls.venue(venue.id), image=share),
        search=(search_entry(site, venue),),
        image=share,
    )


def search_entry(site: Site, venue: VenueEntry) -> SearchEntry:
    """Found by its name and what people call it (pinyin too), and by type, district, town, services
    (with their everyday words), brands and address; shown as "青年之家（标准型） · 晋中市太谷区 · 北洸乡 · 地址".
    A name with a place in brackets is also found the way people say it, the place before the type:
    太原市青春驿站（柳巷） as 柳巷青春驿站.
    A district's and a town's pinyin find the district page (and the venues named after them): not
    repeated on every venue, where it would double the index."""
    c, v = site.content, venue.data
    district = site.district(venue)
    vtype = c.venue_types[v.type]
    summary = [site.type_label(venue), district.full_name, v.town or "", v.address]
    if not v.is_open:
        summary.insert(0, f"已于 {v.closed_on} 关闭")
    keywords = [vtype.plural, district.full_name, c.orgs[v.org].short_name, *(c.services[s].label for s in v.services), *(c.any_brand(b).data.name for b in v.brands), *v.partners]
    related = [*vtype.aliases, *(word for s in v.services for word in c.services[s].aliases)]
    said = [f"{m[1]}{vtype.label}"] if (m := BRACKETED.fullmatch(v.name)) and vtype.label in v.name else []
    names = list(dict.fromkeys([*v.also_known_as, *said]))
    return SearchEntry(
        kind="venue",
        title=v.name,
        summary=" · ".join(x for x in summary if x),
        keywords=" ".join(keywords),
        related=" ".join(related),
        names=" ".join(names),
        body=markdown_text(venue.body),
        weight=1.0 if v.is_open else 0.5,
        group=f"{district.key} {v.town or ''}",
        org=v.org,
        answers=tuple(names),
    )


def facts(site: Site, venue: VenueEntry, here: str) -> list[Fact]:
    c, v = site.content, venue.data
    org = c.orgs[v.org]
    district = site.district(venue)
    found = [Fact("也叫", "、".join(v.also_known_as))] if v.also_known_as else []
    found += [
        Fact("类型", links=(Link(site.type_label(venue), urls.relative(here, urls.venue_type(v.type))),)),
        Fact("地址", v.address),
        Fact("县区", links=(Link(district.full_name + (f" · {v.town}" if v.town else ""), urls.relative(here, urls.district(district.key))),)),
    ]
    if v.phone:
        found.append(Fact("电话", v.phone, href=f"tel:{v.phone}"))
    if v.services:
        found.append(Fact("服务项目", "、".join(c.services[s].label for s in v.services)))
    if v.brands:
        found.append(Fact("承接品牌", links=tuple(Link(c.any_brand(b).data.name, c.link(here, urls.brand(b), c.any_brand(b).data.org)) for b in v.brands)))
    if v.partners:
        found.append(Fact("共建单位", "、".join(v.partners)))
    if v.established:
        found.append(Fact("建成时间", v.established))
    if v.area_m2:
        found.append(Fact("面积", f"{v.area_m2:g} 平方米"))
    if v.website:
        found.append(Fact("网址", v.website, href=v.website))
    found.append(Fact("所属团组织", links=(Link(org.name, urls.relative(here, urls.org(org.id))),)))
    return found


MOVED_SHOWN_DAYS = 365  # how long after a move the page says so


@dataclass(frozen=True)
class Moved:
    on: str
    origin: str


def moved(site: Site, venue: VenueEntry) -> Moved | None:
    """The move the page mentions: for a year after `moved_on` (the build's day decides)."""
    v = venue.data
    if not v.moved_on or not v.is_open:
        return None
    parts = [int(p) for p in v.moved_on.split("-")] + [1, 1]
    since = (site.today - date(parts[0], parts[1], parts[2])).days
    return Moved(v.moved_on, v.moved_from or "") if 0 <= since <= MOVED_SHOWN_DAYS else None


def intro(site: Site, venue: VenueEntry) -> str:
    """What a venue without a story says, from its facts: a new row from the ledger reads as a page."""
    c, v = site.content, venue.data
    district = site.district(venue)
    text = f"{v.name}是{district.full_name}{v.town or ''}的{site.type_label(venue)}"
    if v.services:
        text += "，提供" + "、".join(c.services[s].label for s in v.services)
    text += "。"
    if venue.hours and v.is_open:
        text += f"开放时间：{venue.hours.label()}。"
    if v.phone and v.is_open:
        text += f"来访前可致电 {v.phone}。"
    return text


def first_image(site: Site, venue: VenueEntry) -> ImageSet | None:
    """The venue's first photo, as derived: its share image and JSON-LD `image`."""
    return next((site.images[p.path] for p in venue.photos if p.path in site.images), None)


def pictures(site: Site, venue: VenueEntry, here: str) -> list[Picture]:
    """The venue's photos; the first loads at once, the rest when scrolled near."""
    drawn = [(site.images[p.path], p.alt.strip()) for p in venue.photos if p.path in site.images]
    return [picture(images, here, alt, eager=i == 0) for i, (images, alt) in enumerate(drawn)]


def html(site: Site, venue: VenueEntry) -> str:
    c, v, here = site.content, venue.data, urls.venue(venue.id)
    closed = ""
    if not v.is_open:
        nearby = [
            Card(title=n.venue.data.name, href=urls.relative(here, urls.venue(n.venue.id)), meta=(n.label, site.district(n.venue).full_name), sample=n.venue.data.sample)
            for n in nearest_open(c, venue)
        ]
        heir = c.venue.get(v.successor) if v.successor else None
        successor = Link(heir.data.name, urls.relative(here, urls.venue(heir.id))) if heir else None
        closed = render("closed.html", closed_on=v.closed_on, successor=successor, nearby=nearby, type_label=c.venue_types[v.type].label, listing=urls.relative(here, "venues/"))
    return closed + render(
        "venue.html",
        venue=venue,
        facts=facts(site, venue, here),
        photos=pictures(site, venue, here),
        nav=nav_menu(venue.id, v.name, v.address, v.location.lat, v.location.lng) if v.is_open else None,
        hours=hours_view(site, venue),
        moved=moved(site, venue),
        body=site.body_html(venue.source, venue.body, venue.body_line, here) if venue.body.strip() else "",
        intro=intro(site, venue),
    ) + recent(site, c.activities_at(venue.id), here, query=f"venue={venue.id}", calendar=urls.calendar("venues", venue.id))
