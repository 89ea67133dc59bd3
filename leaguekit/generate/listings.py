"""Listings: all venues, one page per type, the district index and one page per district.

Small directories list every venue as a card; above `Site.INLINE_LIMIT` a listing links to
smaller ones instead (all venues → types → districts), and a district's own list is
split into pages of `Site.PAGE_SIZE`. No page grows with the size of the directory.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from .. import urls
from ..content.model import District, VenueEntry
from ..content.schema import VenueType
from .page import GeneratedPage, SearchEntry
from .render import render
from .site import Count, Group, Site, chunks


def pages(site: Site) -> Iterator[GeneratedPage]:
    c = site.content
    total = len(c.open_venues)
    description = f"{c.publisher.short_name}收录的全部 {total} 个青年阵地，按类型列出。"
    yield GeneratedPage(
        url="venues/",
        title="全部阵地",
        description=description,
        render=partial(all_venues, site),
        search=(SearchEntry(kind="listing", title="全部阵地", summary=description),),
    )
    by_type = dict((t.key, vs) for t, vs in c.venues_by_type())
    for vtype in c.venue_types.values():
        yield GeneratedPage(
            url=urls.venue_type(vtype.key),
            title=vtype.plural,
            description=vtype.description or vtype.plural,
            render=partial(type_page, site, vtype, by_type[vtype.key]),
            icon=vtype.icon,
            search=(SearchEntry(kind="type", title=vtype.plural, summary=vtype.description, keywords=vtype.label, names=" ".join(vtype.aliases), answers=(vtype.label, *vtype.aliases)),),
        )
    districts = c.venues_by_district()
    description = f"按县区列出的 {total} 个青年阵地。"
    yield GeneratedPage(
        url="districts/",
        title="按县区浏览",
        description=description,
        render=partial(district_index, site, districts),
        search=(SearchEntry(kind="listing", title="按县区浏览", summary=description),),
    )
    for district, venues in districts:
        parts = chunks(venues, site.PAGE_SIZE)
        description = f"{district.full_name}的 {len(venues)} 个青年阵地：地址、开放时间、电话和导航。"
        for number, part in enumerate(parts, 1):
            yield GeneratedPage(
                url=district_url(district, number),
                title=district.full_name + (f"（第 {number} 页）" if number > 1 else ""),
                description=description,
                render=partial(district_page, site, district, part, number, len(parts), len(venues)),
                icon="material/map-marker-multiple",
                search=(district_entry(district, venues, description),) if number == 1 else (),
            )


def district_entry(district: District, venues: list[VenueEntry], description: str) -> SearchEntry:
    """A district is found by its name, its city and the towns its venues are in (pinyin too)."""
    towns = sorted({v.data.town for v in venues if v.data.town})
    return SearchEntry(
        kind="district",
        title=district.full_name,
        summary=description,
        places=" ".join([district.name, district.city, *towns]),
        group=district.key,
        answers=(district.name,),
    )


def district_url(district: District, number: int = 1) -> str:
    return urls.district(district.key) + (f"page/{number}/" if number > 1 else "")


def all_venues(site: Site) -> str:
    here, venues = "venues/", site.content.open_venues
    if len(venues) <= site.INLINE_LIMIT:
        return render("listing.html", intro=f"共收录 {len(venues)} 个阵地。", groups=site.type_groups(venues, here), toc=True, more=(("按县区浏览", urls.relative(here, "districts/")),))
    counts = [Count(t.plural, len(vs), urls.relative(here, urls.venue_type(t.key)), t.description) for t, vs in site.content.venues_by_type() if vs]
    return render(
        "counts.html",
        intro=f"共收录 {len(venues)} 个阵地，按类型查看：",
        counts=counts,
        more=(("按县区浏览", urls.relative(here, "districts/")),),
    )


def type_page(site: Site, vtype: VenueType, venues: list[VenueEntry]) -> str:
    here = urls.venue_type(vtype.key)
    intro = f"{vtype.description} 共 {len(venues)} 个。" if vtype.description else f"共 {len(venues)} 个。"
    if len(venues) <= site.INLINE_LIMIT:
        return render("listing.html", intro=intro, groups=site.district_groups(venues, here), toc=False)
    return render("counts.html", intro=intro + "按县区查看：", counts=site.district_counts(venues, here, anchor=f"type-{vtype.key}"), more=())


def district_index(site: Site, districts: list[tuple[District, list[VenueEntry]]]) -> str:
    here = "districts/"
    total = sum(len(vs) for _, vs in districts)
    away = sum(d.elsewhere for d, _ in districts)
    intro = f"{len(districts) - away} 个县区" + (f"和外地 {away} 处" if away else "") + f"，共 {total} 个阵地。"
    if total <= site.INLINE_LIMIT:
        groups = [
            Group(f"{d.full_name}（{len(vs)}）", f"d-{d.key}", tuple(site.card(v, here) for v in vs), href=urls.relative(here, district_url(d)))
            for d, vs in districts
        ]
        return render("listing.html", intro=intro, groups=groups, toc=True)
    by_city: dict[str, list[Count]] = {}
    for d, vs in sorted(districts, key=lambda item: (item[0].city, item[0].key)):
        by_city.setdefault(d.city or "其他", []).append(Count(d.name, len(vs), urls.relative(here, district_url(d))))
    return render("district_index.html", intro=intro, cities=sorted(by_city.items()))


def district_page(site: Site, district: District, venues: list[VenueEntry], number: int, pages: int, total: int) -> str:
    here = district_url(district, number)
    groups = []
    for vtype in site.content.venue_types.values():
        members = [v for v in venues if v.data.type == vtype.key]
        if members:
            groups.append((Group(f"{vtype.plural}（{len(members)}）", f"type-{vtype.key}", (), href=urls.relative(here, urls.venue_type(vtype.key))), [site.place(v, here) for v in members]))
    pager = [(n, urls.relative(here, district_url(district, n))) for n in range(1, pages + 1)] if pages > 1 else []
    return render("district.html", district=district, total=total, groups=groups, pager=pager, number=number, index=urls.relative(here, "districts/"), finder_href=urls.relative(here, "nearby/"))
