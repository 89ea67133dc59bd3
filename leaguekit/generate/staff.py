"""Pages for league staff (linked from the staff guide, not from the public navigation).

`contribute/posters/`: the door poster of every open venue, grouped by district, to print
and put up at the door. Large directories get one page of links per district.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from .. import urls
from ..content.model import District, VenueEntry
from .page import GeneratedPage, SearchEntry
from .render import render
from .site import Count, Link, Site

URL = "contribute/posters/"


def pages(site: Site) -> Iterator[GeneratedPage]:
    districts = site.content.venues_by_district()
    few = len(site.content.open_venues) <= site.INLINE_LIMIT
    yield GeneratedPage(
        url=URL,
        title="门牌海报",
        description="每个阵地一张 A4 门牌海报：名称、开放时间、电话和二维码，打印后张贴在阵地门口。",
        render=partial(index, site, districts, few),
        search=(SearchEntry(kind="staff", title="门牌海报", summary="每个阵地的 A4 门牌海报，打印后张贴", keywords="海报 门牌 打印海报"),),
    )
    if not few:
        for district, venues in districts:
            yield GeneratedPage(
                url=district_url(district),
                title=f"门牌海报：{district.full_name}",
                description=f"{district.full_name}各阵地的门牌海报。",
                render=partial(district_page, site, district, venues),
            )


def district_url(district: District) -> str:
    return f"{URL}{district.key}/"


def _links(venues: list[VenueEntry], here: str) -> list[Link]:
    return [Link(v.data.name, urls.relative(here, urls.poster(v.id))) for v in venues]


def index(site: Site, districts: list[tuple[District, list[VenueEntry]]], few: bool) -> str:
    groups = [(d.full_name, _links(vs, URL)) for d, vs in districts] if few else []
    counts = [] if few else [Count(d.full_name, len(vs), urls.relative(URL, district_url(d))) for d, vs in districts]
    return render("posters.html", enabled=bool(site.site_url), groups=groups, counts=counts)


def district_page(site: Site, district: District, venues: list[VenueEntry]) -> str:
    here = district_url(district)
    return render("posters.html", enabled=bool(site.site_url), groups=[(district.full_name, _links(venues, here))], counts=[])
