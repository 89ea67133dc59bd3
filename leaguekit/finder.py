"""The finder page `/nearby/`: every venue listed by district, enhanced in the browser.

Without JavaScript the page is a complete list grouped by district. With it,
`nearby.js` shows the filters (kept in the query string), the open-now state
of each venue in China time, and on request sorts venues by distance from the
phone using the cell files written by `export`.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import urls
from .content import Content, VenueEntry, district_of
from .export import FOLDER
from .geo import NavLink, nav_links
from .pages import GeneratedPage, PageBuilder, render

URL = "nearby/"


@dataclass(frozen=True)
class Place:
    """One venue as the finder lists it; the data-* attributes feed the filters."""

    id: str
    name: str
    href: str
    meta: str
    address: str
    hours: str
    hours_label: str
    phone: str
    sample: bool
    type: str
    grade: str
    services: str
    district: str
    town: str
    lat: float
    lng: float
    nav: tuple[NavLink, ...]


@dataclass(frozen=True)
class District:
    name: str
    anchor: str
    places: tuple[Place, ...]


@dataclass(frozen=True)
class Option:
    value: str
    label: str


def place(builder: PageBuilder, venue: VenueEntry) -> Place:
    c, v = builder.content, venue.data
    district = district_of(venue, c)
    return Place(
        id=venue.id,
        name=v.name,
        href=urls.relative(URL, urls.venue(venue.id)),
        meta=" · ".join(x for x in (builder.type_label(venue), district, v.town) if x),
        address=v.address,
        hours=venue.hours.source if venue.hours else "",
        hours_label=venue.hours.label() if venue.hours else "",
        phone=v.phone or "",
        sample=v.sample,
        type=v.type,
        grade=v.grade or "",
        services=" ".join(v.services),
        district=district,
        town=v.town or "",
        lat=v.location.lat,
        lng=v.location.lng,
        nav=nav_links(v.name, v.address, v.location.lat, v.location.lng),
    )


def filter_options(content: Content) -> dict[str, list[Option]]:
    venues = content.open_venues
    used_types = {v.data.type for v in venues}
    used_grades = {v.data.grade for v in venues if v.data.grade}
    used_services = {s for v in venues for s in v.data.services}
    return {
        "type": [Option(k, t.label) for k, t in content.venue_types.items() if k in used_types],
        "grade": [Option(k, g.label) for k, g in content.grades.items() if k in used_grades],
        "service": [Option(k, s.label) for k, s in content.services.items() if k in used_services],
        "district": [Option(name, name) for name, _ in content.venues_by_district()],
    }


def towns(content: Content) -> list[tuple[str, list[Option]]]:
    """Towns grouped by district, for the district-or-town fallback when location fails."""
    groups = []
    for name, venues in content.venues_by_district():
        found = sorted({v.data.town for v in venues if v.data.town})
        if found:
            groups.append((name, [Option(t, t) for t in found]))
    return groups


def nearby_page(builder: PageBuilder) -> GeneratedPage:
    c = builder.content
    districts = [
        District(name, urls.anchor(name), tuple(place(builder, v) for v in vs))
        for name, vs in c.venues_by_district()
    ]
    return GeneratedPage(
        url=URL,
        title="找阵地",
        description=f"按距离、县区、类型和开放时间查找 {len(c.open_venues)} 个青年阵地，一键拨号和导航。",
        html=render(
            "nearby.html",
            districts=districts,
            options=filter_options(c),
            towns=towns(c),
            total=len(c.open_venues),
            finder_url=urls.relative(URL, FOLDER + "/"),
            root=urls.relative(URL, ""),
        ),
        icon="material/map-marker-radius",
        hide=("toc",),
    )
