"""The finder page `/nearby/`: works without JavaScript, enhanced in the browser by nearby.js.

A small directory lists every open venue by district on the page itself, and the
filters hide cards in place (each with 在地图上看 when the site has a map: `finder_map`). A large one links to the district pages (the no-JS
list) and the browser finds the nearest venues from the grid-cell files that
`finder_data` writes; either way the page stays small.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from .. import urls
from ..content.model import Content
from .finder_map import map_config
from .listings import district_url
from .page import GeneratedPage, SearchEntry
from .render import render
from .site import Count, Place, Site

URL = "nearby/"


@dataclass(frozen=True)
class DistrictPlaces:
    name: str
    anchor: str
    href: str
    places: tuple[Place, ...]


@dataclass(frozen=True)
class Option:
    value: str
    label: str


def filter_options(content: Content, *, places: bool) -> dict[str, list[Option]]:
    """Choices for the filters; district and town only when the page lists the venues itself."""
    venues = content.open_venues
    used_types = {v.data.type for v in venues}
    used_grades = {v.data.grade for v in venues if v.data.grade}
    used_services = {s for v in venues for s in v.data.services}
    options = {
        "type": [Option(k, t.label) for k, t in content.venue_types.items() if k in used_types],
        "grade": [Option(k, g.label) for k, g in content.grades.items() if k in used_grades],
        "service": [Option(k, s.label) for k, s in content.services.items() if k in used_services],
        "district": [],
    }
    if places:
        options["district"] = [Option(d.full_name, d.full_name) for d, _ in content.venues_by_district()]
    return options


def towns(content: Content) -> list[tuple[str, list[Option]]]:
    """Towns grouped by district, for the district-or-town fallback when location fails."""
    groups = []
    for district, venues in content.venues_by_district():
        found = sorted({v.data.town for v in venues if v.data.town})
        if found:
            groups.append((district.full_name, [Option(t, t) for t in found]))
    return groups


def pages(site: Site) -> Iterator[GeneratedPage]:
    description = f"按距离、县区、类型和开放时间查找 {len(site.content.open_venues)} 个青年阵地，一键拨号和导航。"
    yield GeneratedPage(
        url=URL,
        title="找阵地",
        description=description,
        render=partial(html, site),
        icon="material/map-marker-radius",
        hide=("toc",),
        search=(SearchEntry(kind="finder", title="找阵地", summary=description, keywords="附近 最近 距离 定位 地图 导航 现在开放"), *service_entries(site.content)),
    )


def service_entries(content: Content) -> Iterator[SearchEntry]:
    """"心理健康" finds the finder filtered to that service: the useful answer when
    hundreds of venues offer it (nearby.js reads the filter from the query string)."""
    offering: dict[str, int] = {}
    for v in content.open_venues:
        for s in v.data.services:
            offering[s] = offering.get(s, 0) + 1
    for key, term in content.services.items():
        if key in offering:
            yield SearchEntry(
                kind="finder",
                title=f"提供{term.label}服务的阵地",
                summary=f"{offering[key]} 个阵地提供{term.label}服务：按距离、县区和开放时间查找。",
                keywords=" ".join((term.description, *term.aliases)),
                at=f"?service={key}",
                answers=(term.label, *term.aliases),
            )


def coverage(content: Content) -> str:
    """What the site lists, for a visitor whose nearest venue is far: 本站只收录晋中市、太原市的 34 个阵地。
    One city: its districts; more: the cities with the most venues."""
    venues = content.open_venues
    districts = content.venues_by_district()
    cities: dict[str, int] = {}
    for district, members in districts:
        cities[district.city] = cities.get(district.city, 0) + len(members)
    if len(cities) == 1:
        names, unit = [d.full_name for d, _ in districts if not d.elsewhere], "个县区"
    else:
        names, unit = [c or "其他" for c, _ in sorted(cities.items(), key=lambda kv: (-kv[1], kv[0]))], "个市"
    where = "、".join(names[:3]) + (f"等 {len(names)} {unit}" if len(names) > 3 else "")
    return f"本站只收录{where}的 {len(venues)} 个阵地。"


def html(site: Site) -> str:
    c = site.content
    districts = c.venues_by_district()
    inline = len(c.open_venues) <= site.INLINE_LIMIT
    map_view = map_config(c.settings.map, URL, asset=site.asset)
    return render(
        "nearby.html",
        districts=[
            DistrictPlaces(d.full_name, f"d-{d.key}", urls.relative(URL, district_url(d)), tuple(site.place(v, URL) for v in vs))
            for d, vs in districts
        ] if inline else [],
        district_links=[] if inline else [Count(d.full_name, len(vs), urls.relative(URL, district_url(d))) for d, vs in districts],
        options=filter_options(c, places=inline),
        towns=towns(c) if inline else [],
        total=len(c.open_venues),
        coverage=coverage(c),
        finder_url=urls.relative(URL, urls.FINDER_DATA + "/"),
        calendar=site.calendar,
        root=urls.relative(URL, ""),
        map=map_view.to_json() if map_view else None,
    )
