"""The league committees: `/orgs/` (the tree) and one page per org with its venues, brands and report figures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from .. import urls
from ..content.figures import page_url
from . import stats, structured
from .page import GeneratedPage, SearchEntry
from .render import render
from .site import Fact, Link, Site


@dataclass(frozen=True)
class OrgWork:
    """An org's hand-written work pages and the venue counts its report states."""

    links: tuple[Link, ...]
    counts: tuple[Fact, ...]


def pages(site: Site) -> Iterator[GeneratedPage]:
    c = site.content
    description = "发布本站内容的各级团组织。"
    yield GeneratedPage(
        url="orgs/",
        title="团组织",
        description=description,
        render=partial(index, site),
        search=(SearchEntry(kind="listing", title="团组织", summary=description),),
    )
    for org in c.orgs.values():
        venues, brands = c.venues_of_org(org.id), c.brands_of_org(org.id)
        description = f"{org.name}：{len(venues)} 个阵地，{len(brands)} 个品牌项目。"
        yield GeneratedPage(
            url=urls.org(org.id),
            title=org.name,
            description=description,
            render=partial(org_page, site, org.id),
            structured_data=partial(structured.organization, c, org.id, urls.org(org.id), c.link("", urls.org(org.parent), org.parent) or None if org.parent else None),
            search=(SearchEntry(kind="org", title=org.name, summary=description, names=org.short_name, places=org.region, group=org.id, org=org.id),),
        )


def index(site: Site) -> str:
    """The tree of committees; a national tree stops at cities (each city's page lists its districts)."""
    here, c = "orgs/", site.content
    tree = [c.orgs[i] for i in c.org_tree(c.settings.publisher)]
    if len(tree) > site.INLINE_LIMIT:
        tree = [o for o in tree if o.level != "district"]
    rows = [
        (org, "　" * (len(c.org_chain(org.id)) - 1), urls.relative(here, urls.org(org.id)), len(c.venues_of_org(org.id)), len(c.brands_of_org(org.id)))
        for org in tree
    ]
    return render("orgs.html", rows=rows)


def org_page(site: Site, org_id: str) -> str:
    c = site.content
    org = c.orgs[org_id]
    here = urls.org(org_id)
    venues = c.venues_of_org(org_id)
    few = len(venues) <= site.INLINE_LIMIT
    brands = c.brands_of_org(org_id)
    own_only = len(brands) > site.INLINE_LIMIT
    if own_only:
        brands = c.brands_of_org(org_id, include_children=False)
    parent = c.any_org(org.parent) if org.parent else None
    children = [(o, urls.relative(here, urls.org(o.id))) for o in c.orgs.values() if o.parent == org_id]
    return render(
        "org.html",
        org=org,
        parent=(parent, c.link(here, urls.org(parent.id), parent.id)) if parent else None,
        children=children,
        venue_count=len(venues),
        groups=site.type_groups(venues, here) if few else [],
        districts=[] if few else site.district_counts(venues, here),
        brands=[site.brand_card(b, here) for b in brands],
        own_brands_only=own_only,
        work=work(site, org_id, here),
    )


def work(site: Site, org_id: str, here: str) -> OrgWork | None:
    """Links to the org's work report and figures pages, and its reported venue counts."""
    figures = site.figures.orgs.get(org_id)
    if figures is None:
        return None
    links = tuple(
        Link(text, urls.relative(here, page_url(page)))
        for text, page in (("工作报告", figures.report_page), ("报告数据与来源", figures.figures_page))
        if page
    )
    rows = []
    for f in figures.reported_counts:
        compared = stats.compare(site.content, f)
        rows.append(Fact(compared.type_label, f"报告数 {f.text}（{f.period_text}），本站已收录 {compared.listed} 个"))
    return OrgWork(links, tuple(rows))
