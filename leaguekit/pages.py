"""Generate the Markdown of every content page: venues, brands, listings, orgs.

Each page is front matter + HTML rendered by an autoescaping Jinja
environment + (for venues and brands) the contributor's Markdown body. The
front matter turns macros off, so a contributor's `{{ … }}` is shown, never
run. Titles are HTML-escaped because Material prints `page.meta.title` raw.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field

import jinja2
import yaml

from . import stats, urls
from .content import BrandEntry, Content, VenueEntry, district_of
from .figures import FigureBook, page_url
from .geo import nav_links
from .nearby import nearest_open
from .schema import VenueType


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Fact:
    label: str
    text: str = ""
    links: tuple[Link, ...] = ()
    href: str = ""


@dataclass(frozen=True)
class Card:
    """One venue or brand in a listing."""

    title: str
    href: str
    meta: tuple[str, ...]
    sample: bool
    summary: str = ""


@dataclass(frozen=True)
class Group:
    title: str
    anchor: str
    cards: tuple[Card, ...]
    href: str = ""


@dataclass(frozen=True)
class OrgWork:
    """An org's hand-written work pages and the venue counts its report states."""

    links: tuple[Link, ...]
    counts: tuple[Fact, ...]


@dataclass(frozen=True)
class GeneratedPage:
    url: str
    title: str
    description: str
    html: str
    body: str = ""
    source: str = ""
    icon: str = ""
    hide: tuple[str, ...] = field(default=())

    @property
    def src_uri(self) -> str:
        return urls.source_uri(self.url)

    def markdown(self) -> str:
        meta = {
            "title": html.escape(self.title),
            "description": html.escape(self.description),
            "render_macros": False,
        }
        if self.icon:
            meta["icon"] = self.icon
        if self.hide:
            meta["hide"] = list(self.hide)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        return f"---\n{front}---\n\n{self.html.strip()}\n\n{self.body.strip()}\n"


_env = jinja2.Environment(
    loader=jinja2.PackageLoader("leaguekit", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def render(template: str, **context: object) -> str:
    return _env.get_template(template).render(**context)


class PageBuilder:
    """Turns validated content into generated pages; one instance per build."""

    def __init__(self, content: Content, figures: FigureBook | None = None):
        self.content = content
        self.figures = figures or FigureBook({})

    def pages(self) -> Iterator[GeneratedPage]:
        c = self.content
        yield self.venue_index()
        yield self.district_index()
        yield self.brand_index()
        yield self.org_index()
        for vtype in c.venue_types.values():
            yield self.type_page(vtype)
        for org in c.orgs.values():
            yield self.org_page(org.id)
        for venue in c.venues:
            yield self.venue_page(venue)
        for brand in c.brands:
            yield self.brand_page(brand)

    # --- pieces -----------------------------------------------------------

    def type_label(self, venue: VenueEntry) -> str:
        label = self.content.venue_types[venue.data.type].label
        if venue.data.grade:
            label += f"（{self.content.grades[venue.data.grade].label}）"
        return label

    def card(self, venue: VenueEntry, here: str) -> Card:
        place = " · ".join(x for x in (district_of(venue, self.content), venue.data.town) if x)
        return Card(
            title=venue.data.name,
            href=urls.relative(here, urls.venue(venue.id)),
            meta=(self.type_label(venue), place),
            sample=venue.data.sample,
        )

    def brand_card(self, brand: BrandEntry, here: str) -> Card:
        c = self.content
        hosts = len(c.venues_hosting(brand.id))
        return Card(
            title=brand.data.name,
            href=urls.relative(here, urls.brand(brand.id)),
            meta=(c.brand_categories[brand.data.category].label, c.orgs[brand.data.org].short_name, f"{hosts} 个承接阵地"),
            sample=brand.data.sample,
            summary=brand.data.summary,
        )

    def _type_groups(self, venues: list[VenueEntry], here: str) -> list[Group]:
        groups = []
        for vtype in self.content.venue_types.values():
            members = [v for v in venues if v.data.type == vtype.key]
            if members:
                groups.append(
                    Group(
                        title=f"{vtype.plural}（{len(members)}）",
                        anchor=f"type-{vtype.key}",
                        cards=tuple(self.card(v, here) for v in members),
                        href=urls.relative(here, urls.venue_type(vtype.key)),
                    )
                )
        return groups

    # --- pages --------------------------------------------------------------

    def venue_page(self, venue: VenueEntry) -> GeneratedPage:
        c, v, here = self.content, venue.data, urls.venue(venue.id)
        org = c.orgs[v.org]
        district = district_of(venue, c)
        facts = [
            Fact("类型", links=(Link(self.type_label(venue), urls.relative(here, urls.venue_type(v.type))),)),
            Fact("地址", v.address),
            Fact("县区", links=(Link(district + (f" · {v.town}" if v.town else ""), urls.relative(here, urls.district(district))),)),
        ]
        if venue.hours and v.is_open:
            facts.append(Fact("开放时间", venue.hours.label()))
        if v.phone:
            facts.append(Fact("电话", v.phone, href=f"tel:{v.phone}"))
        if v.services:
            facts.append(Fact("服务项目", "、".join(c.services[s].label for s in v.services)))
        if v.brands:
            facts.append(Fact("承接品牌", links=tuple(Link(c.brand[b].data.name, urls.relative(here, urls.brand(b))) for b in v.brands)))
        if v.partners:
            facts.append(Fact("共建单位", "、".join(v.partners)))
        if v.established:
            facts.append(Fact("建成时间", v.established))
        if v.area_m2:
            facts.append(Fact("面积", f"{v.area_m2:g} 平方米"))
        if v.website:
            facts.append(Fact("网址", v.website, href=v.website))
        facts.append(Fact("所属团组织", links=(Link(org.name, urls.relative(here, urls.org(org.id))),)))
        photos = [(urls.relative(here, p.src), p.alt) for p in v.photos]
        description = f"{v.name}：{c.venue_types[v.type].label}，位于{v.address}。" + (f"开放时间 {venue.hours.label()}。" if venue.hours else "")
        closed = ""
        if not v.is_open:
            nearby = [
                Card(title=n.venue.data.name, href=urls.relative(here, urls.venue(n.venue.id)), meta=(n.label, district_of(n.venue, c)), sample=n.venue.data.sample)
                for n in nearest_open(c, venue)
            ]
            type_label = c.venue_types[v.type].label
            closed = render("closed.html", closed_on=v.closed_on, nearby=nearby, type_label=type_label, listing=urls.relative(here, "venues/"))
            description = f"{v.name}已于 {v.closed_on} 关闭。" + (f"附近开放的{type_label}：{'、'.join(n.title for n in nearby)}。" if nearby else "")
        return GeneratedPage(
            url=here,
            title=v.name,
            description=description,
            html=closed + render("venue.html", venue=venue, facts=facts, photos=photos, nav=nav_links(v.name, v.address, v.location.lat, v.location.lng) if v.is_open else ()),
            body=venue.body,
            source=venue.source,
            icon=c.venue_types[v.type].icon,
        )

    def brand_page(self, brand: BrandEntry) -> GeneratedPage:
        c, b, here = self.content, brand.data, urls.brand(brand.id)
        facts = [
            Fact("类别", c.brand_categories[b.category].label),
            Fact("主办", links=(Link(c.orgs[b.org].name, urls.relative(here, urls.org(b.org))),)),
        ]
        if b.started:
            facts.append(Fact("开始时间", b.started))
        if b.partners:
            facts.append(Fact("合作单位", "、".join(b.partners)))
        if b.website:
            facts.append(Fact("网址", b.website, href=b.website))
        hosts = [self.card(v, here) for v in c.venues_hosting(brand.id)]
        return GeneratedPage(
            url=here,
            title=b.name,
            description=b.summary,
            html=render("brand.html", brand=brand, facts=facts),
            body=brand.body + "\n\n" + render("hosts.html", cards=hosts),
            source=brand.source,
        )

    def venue_index(self) -> GeneratedPage:
        here = "venues/"
        c = self.content
        return GeneratedPage(
            url=here,
            title="全部阵地",
            description=f"{c.publisher.short_name}收录的全部 {len(c.open_venues)} 个青年阵地，按类型列出。",
            html=render("listing.html", intro=f"共收录 {len(c.open_venues)} 个阵地。", groups=self._type_groups(c.open_venues, here), toc=True),
        )

    def type_page(self, vtype: VenueType) -> GeneratedPage:
        here = urls.venue_type(vtype.key)
        c = self.content
        members = [v for v in c.open_venues if v.data.type == vtype.key]
        groups: dict[str, list[VenueEntry]] = {}
        for v in members:
            groups.setdefault(district_of(v, c), []).append(v)
        return GeneratedPage(
            url=here,
            title=vtype.plural,
            description=vtype.description or vtype.plural,
            html=render(
                "listing.html",
                intro=f"{vtype.description} 共 {len(members)} 个。" if vtype.description else f"共 {len(members)} 个。",
                groups=[
                    Group(f"{name}（{len(vs)}）", urls.anchor(name), tuple(self.card(v, here) for v in vs))
                    for name, vs in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
                ],
                toc=False,
            ),
            icon=vtype.icon,
        )

    def district_index(self) -> GeneratedPage:
        here = "districts/"
        c = self.content
        groups = [
            Group(f"{name}（{len(vs)}）", urls.anchor(name), tuple(self.card(v, here) for v in vs))
            for name, vs in c.venues_by_district()
        ]
        return GeneratedPage(
            url=here,
            title="按县区浏览",
            description=f"按县区列出的 {len(c.open_venues)} 个青年阵地。",
            html=render("listing.html", intro=f"{len(groups)} 个县区，共 {len(c.open_venues)} 个阵地。", groups=groups, toc=True),
        )

    def brand_index(self) -> GeneratedPage:
        here = "brands/"
        c = self.content
        groups = []
        for cat in c.brand_categories.values():
            members = [b for b in c.brands if b.data.category == cat.key]
            if members:
                groups.append(Group(f"{cat.label}（{len(members)}）", f"cat-{cat.key}", tuple(self.brand_card(b, here) for b in members)))
        return GeneratedPage(
            url=here,
            title="品牌项目",
            description=f"{len(c.brands)} 个共青团工作品牌项目及承接它们的阵地。",
            html=render("listing.html", intro=f"共 {len(c.brands)} 个品牌项目。", groups=groups, toc=True),
        )

    def org_index(self) -> GeneratedPage:
        here = "orgs/"
        c = self.content
        rows = [
            (org, "　" * (len(c.org_chain(org.id)) - 1), urls.relative(here, urls.org(org.id)), len(c.venues_of_org(org.id)), len(c.brands_of_org(org.id)))
            for org in self._org_order(c.settings.publisher)
        ]
        return GeneratedPage(url=here, title="团组织", description="发布本站内容的各级团组织。", html=render("orgs.html", rows=rows))

    def _org_order(self, root: str) -> list:
        return [self.content.orgs[i] for i in self.content.org_tree(root)]

    def org_page(self, org_id: str) -> GeneratedPage:
        c = self.content
        org = c.orgs[org_id]
        here = urls.org(org_id)
        venues = c.venues_of_org(org_id)
        brands = c.brands_of_org(org_id)
        parent = c.orgs[org.parent] if org.parent else None
        children = [(o, urls.relative(here, urls.org(o.id))) for o in c.orgs.values() if o.parent == org_id]
        return GeneratedPage(
            url=here,
            title=org.name,
            description=f"{org.name}：{len(venues)} 个阵地，{len(brands)} 个品牌项目。",
            html=render(
                "org.html",
                org=org,
                parent=(parent, urls.relative(here, urls.org(parent.id))) if parent else None,
                children=children,
                venue_count=len(venues),
                groups=self._type_groups(venues, here),
                brands=[self.brand_card(b, here) for b in brands],
                work=self._work(org_id, here),
            ),
        )

    def _work(self, org_id: str, here: str) -> OrgWork | None:
        """Links to the org's work report and figures pages, and its reported venue counts."""
        figures = self.figures.orgs.get(org_id)
        if figures is None:
            return None
        links = tuple(
            Link(text, urls.relative(here, page_url(page)))
            for text, page in (("工作报告", figures.report_page), ("报告数据与来源", figures.figures_page))
            if page
        )
        rows = []
        for f in figures.reported_counts:
            c = stats.compare(self.content, f)
            rows.append(Fact(c.type_label, f"报告数 {f.text}（{f.period_text}），本站已收录 {c.listed} 个"))
        return OrgWork(links, tuple(rows))

