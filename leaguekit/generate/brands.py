"""One page per brand programme (`/brands/<id>/`) with the venues that host it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from .. import urls
from ..content.model import BrandEntry
from ..content.schema import Contact
from .activities import recent
from .page import GeneratedPage, SearchEntry, markdown_text, quoted_names
from .render import render
from .site import Count, Fact, Group, Link, Site, chunks


def pages(site: Site) -> Iterator[GeneratedPage]:
    c = site.content
    description = f"{len(c.brands)} 个共青团工作品牌项目及承接它们的阵地。"
    yield GeneratedPage(
        url="brands/",
        title="品牌项目",
        description=description,
        render=partial(index, site),
        search=(SearchEntry(kind="listing", title="品牌项目", summary=description),),
    )
    if len(c.brands) > site.INLINE_LIMIT:
        for cat in c.brand_categories.values():
            members = [b for b in c.brands if b.data.category == cat.key]
            parts = chunks(members, site.PAGE_SIZE)
            for number, part in enumerate(parts, 1):
                yield GeneratedPage(
                    url=category_url(cat.key, number),
                    title=f"{cat.label}类品牌项目" + (f"（第 {number} 页）" if number > 1 else ""),
                    description=f"{len(members)} 个{cat.label}类品牌项目。",
                    render=partial(category_page, site, cat.key, part, number, len(parts)),
                )
    for brand in c.brands:
        b = brand.data
        yield GeneratedPage(
            url=urls.brand(brand.id),
            title=b.name,
            description=b.summary,
            render=partial(html, site, brand),
            source=brand.source,
            search=(
                SearchEntry(
                    kind="brand",
                    title=b.name,
                    summary=b.summary,
                    keywords=" ".join(
                        [c.brand_categories[b.category].label, *c.brand_categories[b.category].aliases, c.orgs[b.org].name, c.orgs[b.org].short_name, *b.partners, *site.everyday_words(f"{b.name} {b.summary}")]
                    ),
                    names=quoted_names(b.name),
                    body=markdown_text(brand.body),
                    group=b.org,
                    org=b.org,
                ),
            ),
        )


def category_url(key: str, number: int = 1) -> str:
    return f"brands/category/{key}/" + (f"page/{number}/" if number > 1 else "")


def category_page(site: Site, key: str, brands: list[BrandEntry], number: int, pages: int) -> str:
    here = category_url(key, number)
    pager = [(n, urls.relative(here, category_url(key, n))) for n in range(1, pages + 1)] if pages > 1 else []
    cards = [site.brand_card(b, here) for b in brands]
    return render("listing.html", intro="", groups=[Group("", "brands", tuple(cards))], toc=False, pager=pager, number=number)


def index(site: Site) -> str:
    here, c = "brands/", site.content
    if len(c.brands) > site.INLINE_LIMIT:
        counts = [
            Count(cat.label, n, urls.relative(here, category_url(cat.key)))
            for cat in c.brand_categories.values()
            if (n := sum(b.data.category == cat.key for b in c.brands))
        ]
        return render("counts.html", intro=f"共 {len(c.brands)} 个品牌项目，按类别查看：", counts=counts, more=())
    groups = []
    for cat in c.brand_categories.values():
        members = [b for b in c.brands if b.data.category == cat.key]
        if members:
            groups.append(Group(f"{cat.label}（{len(members)}）", f"cat-{cat.key}", tuple(site.brand_card(b, here) for b in members)))
    return render("listing.html", intro=f"共 {len(c.brands)} 个品牌项目。", groups=groups, toc=True)


# Categories whose programmes people apply to for help rather than take part in.
AID_CATEGORIES = frozenset({"hope-project", "care"})


@dataclass(frozen=True)
class Join:
    """How a visitor takes part in (or applies to) a programme: whom to contact."""

    title: str
    lead: str
    contacts: tuple[Contact, ...]


def how_to_join(site: Site, brand: BrandEntry, hosted: bool) -> Join | None:
    """The organising org's contacts, else the nearest parent org's that has some; None when no org lists any."""
    c, b = site.content, brand.data
    org = c.orgs[b.org]
    found = org
    while not found.contacts and found.parent:
        found = c.orgs[found.parent]
    if not found.contacts:
        return None
    who = org.name if found is org else f"{org.name}或{found.name}"
    venues = "，也可以到下面的承接阵地咨询" if hosted else ""
    if b.category in AID_CATEGORIES:
        return Join("怎么申请", f"需要资助或帮扶的青少年和家庭，可以联系主办的{who}了解申请条件和办法{venues}：", tuple(found.contacts))
    return Join("怎么参加", f"想参加或了解详情，可以联系主办的{who}{venues}：", tuple(found.contacts))


def html(site: Site, brand: BrandEntry) -> str:
    c, b, here = site.content, brand.data, urls.brand(brand.id)
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
    hosts = c.venues_hosting(brand.id)
    few = len(hosts) <= site.INLINE_LIMIT
    return render(
        "brand.html",
        brand=brand,
        facts=facts,
        join=how_to_join(site, brand, bool(hosts)),
        body=site.body_html(brand.source, brand.body, brand.body_line, here),
        host_count=len(hosts),
        cards=[site.card(v, here) for v in hosts] if few else [],
        districts=[] if few else site.district_counts(hosts, here),
    ) + recent(site, c.activities_of_brand(brand.id), here, query=f"brand={brand.id}", calendar=urls.calendar("brands", brand.id))
