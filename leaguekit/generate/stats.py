"""Counts computed from content, never typed by hand: venues by type, org, district, year.

Every function returns `Count`s with site-root URLs; callers make links
relative. A reported count from a work report is set beside the computed one
(`Comparison`), so a page can say "报告数 104，本站已收录 N" honestly.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content.figures import FigureEntry
from ..content.model import Content, District, VenueEntry


@dataclass(frozen=True)
class Count:
    label: str
    value: int
    url: str = ""


@dataclass(frozen=True)
class Comparison:
    """A count a report states next to the number of venues this site lists."""

    figure: FigureEntry
    type_label: str
    listed: int
    url: str

    @property
    def complete(self) -> bool:
        return self.listed >= self.figure.data.value


def _venues(content: Content, org: str | None) -> list[VenueEntry]:
    return content.venues_of_org(org) if org else content.open_venues


def venues_by_type(content: Content, org: str | None = None) -> list[Count]:
    venues = _venues(content, org)
    counts = [Count(t.plural, sum(v.data.type == t.key for v in venues), urls.venue_type(t.key)) for t in content.venue_types.values()]
    return [c for c in counts if c.value]


def venues_by_org(content: Content, org: str | None = None) -> list[Count]:
    """Each org under `org` (or the publisher) with the venues of its whole subtree."""
    root = org or content.settings.publisher
    counts = [Count(content.orgs[o].short_name, len(content.venues_of_org(o)), urls.org(o)) for o in content.org_tree(root)]
    return [c for c in counts if c.value]


def venues_by_district(content: Content, org: str | None = None) -> list[Count]:
    groups: dict[District, int] = {}
    for venue in _venues(content, org):
        district = content.district(venue)
        groups[district] = groups.get(district, 0) + 1
    return [Count(d.full_name, n, urls.district(d.key)) for d, n in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0].key))]


def brands_by_org(content: Content, org: str | None = None) -> list[Count]:
    root = org or content.settings.publisher
    counts = [Count(content.orgs[o].short_name, len(content.brands_of_org(o, include_children=False)), urls.org(o)) for o in content.org_tree(root)]
    return [c for c in counts if c.value]


def hosts_by_brand(content: Content, org: str | None = None) -> list[Count]:
    brands = content.brands_of_org(org) if org else content.brands
    counts = [Count(b.data.name, len(content.venues_hosting(b.id)), urls.brand(b.id)) for b in brands]
    return sorted(counts, key=lambda c: (-c.value, c.label))


def venues_by_year(content: Content, org: str | None = None) -> list[Count]:
    """Venues in place at the end of each year, from their `established` dates (cumulative)."""
    years: dict[str, int] = {}
    for venue in _venues(content, org):
        if venue.data.established:
            year = venue.data.established[:4]
            years[year] = years.get(year, 0) + 1
    running, counts = 0, []
    for year in sorted(years):
        running += years[year]
        counts.append(Count(year, running))
    return counts


KINDS = {
    "venues_by_type": (venues_by_type, "按类型统计的阵地", "个"),
    "venues_by_org": (venues_by_org, "各团组织的阵地（含下级）", "个"),
    "venues_by_district": (venues_by_district, "各县区的阵地", "个"),
    "brands_by_org": (brands_by_org, "各团组织的品牌项目", "个"),
    "hosts_by_brand": (hosts_by_brand, "各品牌项目的承接阵地", "个"),
    "venues_by_year": (venues_by_year, "已收录阵地累计数（按建成年份）", "个"),
}


def compare(content: Content, figure: FigureEntry) -> Comparison:
    """The reported count `figure` against the venues of that type listed for its org."""
    vtype = content.venue_types[figure.data.counts or ""]
    listed = sum(v.data.type == vtype.key for v in content.venues_of_org(figure.org))
    return Comparison(figure, vtype.plural, listed, urls.org(figure.org) + f"#type-{vtype.key}")
