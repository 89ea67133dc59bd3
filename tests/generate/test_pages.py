"""The built sample site: a page per venue and brand, listings that count right, links both ways."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import SAMPLE, soup

from leaguekit.content import load
from leaguekit.content.hours import table_rows

CONTENT = load(SAMPLE)


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def facts(page) -> dict[str, str]:
    return {row.dt.get_text(): text(row.dd) for row in page.select(".lk-facts__row")}


def card_titles(node) -> list[str]:
    return [a.get_text() for a in node.select(".lk-card__title")]


@pytest.mark.parametrize("venue", CONTENT.venues, ids=lambda v: v.id)
def test_every_venue_has_its_page_with_facts(sample_site, venue):
    page = soup(sample_site, f"venues/{venue.id}/")
    v = venue.data
    assert page.h1.get_text() == v.name
    shown = facts(page)
    assert shown["地址"] == v.address
    assert shown["类型"].startswith(CONTENT.venue_types[v.type].label)
    if v.grade:
        assert CONTENT.grades[v.grade].label in shown["类型"]
    assert CONTENT.district(venue).full_name in shown["县区"]
    week = {row["data-day"]: (row.th.get_text(), row.td.get_text()) for row in page.select(".lk-hours .lk-week tr")}
    if venue.hours and v.is_open:
        assert [week[str(d)] for d in range(7)] == [(label, times) for _, label, times in table_rows(venue.hours)[:7]]
        assert week["ph"][0] == "法定节假日" and week["workday"][0] == "调休上班日"
        assert page.select_one(".lk-open") is not None and page.select_one(".lk-hours__data") is not None
    else:
        assert not week and page.select_one(".lk-open") is None
    if v.phone:
        assert page.select_one(f'.lk-facts a[href="tel:{v.phone}"]').get_text() == v.phone
    # 拨打电话 and 导航 come first, under the name and the open state, before the facts.
    article = page.select_one(".lk-venue")
    order = [e.get("class", [""])[0] for e in article.find_all(["p", "div", "dl"], recursive=False)]
    assert order[: order.index("lk-facts")] == [*(["lk-open"] if venue.hours and v.is_open else []), *(["lk-venue__actions"] if v.is_open else []), *(["lk-sample-note"] if v.sample else [])]
    if v.is_open:
        actions = article.select_one(".lk-venue__actions")
        call = actions.select_one("a.lk-call")
        assert (call["href"], call.get_text()) == (f"tel:{v.phone}", f"拨打电话 {v.phone}") if v.phone else call is None
        assert actions.select_one("details.lk-nav > summary").get_text() == "导航"
    assert ("也叫" in shown) == bool(v.also_known_as) and shown.get("也叫", "") == "、".join(v.also_known_as)
    for key in v.services:
        assert CONTENT.services[key].label in shown["服务项目"]
    assert bool(page.select(".lk-badge--sample")) == v.sample
    assert page.select_one('meta[name="description"]')["content"].startswith(v.name)


def test_no_venue_file_is_left_without_a_page(sample_site):
    files = sorted(p.stem for p in (SAMPLE / "venues").rglob("*.md"))
    pages = sorted(p.parent.name for p in (sample_site / "venues").glob("*/index.html"))
    assert files == pages and len(files) >= 20
    assert sorted(p.stem for p in (SAMPLE / "brands").rglob("*.md")) == sorted(p.parent.name for p in (sample_site / "brands").glob("*/index.html"))


def test_brand_and_venue_link_both_ways(sample_site):
    pairs = 0
    for brand in CONTENT.brands:
        page = soup(sample_site, f"brands/{brand.id}/")
        hosts = {a["href"] for a in page.select("#hosts ~ .lk-cards a.lk-card__title")}
        expected = {f"../../venues/{v.id}/" for v in CONTENT.venues_hosting(brand.id)}
        assert hosts == expected, brand.id
        for venue in CONTENT.venues_hosting(brand.id):
            venue_page = soup(sample_site, f"venues/{venue.id}/")
            assert f"../../brands/{brand.id}/" in {a["href"] for a in venue_page.select(".lk-facts a")}
            pairs += 1
    assert pairs >= 10


def group_counts(page) -> dict[str, tuple[int, int]]:
    """Heading text -> (count printed in the heading, cards under it)."""
    found = {}
    for h2 in page.select("article h2"):
        match = re.fullmatch(r"(.+)（(\d+)）", h2.get_text())
        if match:
            found[match.group(1)] = (int(match.group(2)), len(h2.find_next_sibling("ul").select("li")))
    return found


def test_listing_by_type_counts(sample_site):
    page = soup(sample_site, "venues/")
    counts = group_counts(page)
    by_type = Counter(CONTENT.venue_types[v.data.type].plural for v in CONTENT.venues)
    assert {k: v[0] for k, v in counts.items()} == dict(by_type)
    assert all(printed == cards for printed, cards in counts.values())
    assert f"共收录 {len(CONTENT.venues)} 个阵地" in text(page)
    youth_homes = soup(sample_site, "types/youth-home/")
    assert len(youth_homes.select(".lk-card")) == by_type["青年之家"]


def test_listing_by_district_counts(sample_site):
    counts = group_counts(soup(sample_site, "districts/"))
    expected = Counter(CONTENT.district(v).full_name for v in CONTENT.venues)
    assert {k: v[0] for k, v in counts.items()} == dict(expected)
    assert all(printed == cards for printed, cards in counts.values())
    assert "晋中市太谷区" in counts and "太原市小店区" in counts and "北京市海淀区" in counts


def test_org_pages_include_child_orgs(sample_site):
    root = soup(sample_site, "orgs/shanxi/")
    assert f"阵地（{len(CONTENT.venues)}）" in text(root)
    taigu = soup(sample_site, "orgs/taigu/")
    taigu_venues = [v.data.name for v in CONTENT.venues if v.data.org == "taigu"]
    assert sorted(card_titles(taigu.select_one("article"))[: len(taigu_venues)]) == sorted(taigu_venues)
    assert "上级组织 共青团晋中市委员会" in text(taigu)


def test_site_identity_comes_from_publisher(sample_site):
    home = soup(sample_site, "")
    assert home.title.get_text() == "山西共青团 · 青年阵地"
    buttons = [a["href"] for a in home.select("article a.md-button")]
    assert buttons[0] == "nearby/?near=1"  # one tap to the list sorted by distance (nearby.js locates at once)
    footer = home.select_one(".md-copyright")
    assert "共青团山西省委员会" in text(footer)
    # The demo sets no ICP number or feedback address; the footer links to open data, the staff guide and 12355.
    assert sorted(a["href"] for a in footer.select("a")) == ["./contribute/", "./data/", "tel:12355"]
    assert f"收录 {len(CONTENT.venues)} 个青年阵地" in text(home).replace("收录 ", "收录 ")
    tiles = {t.select_one(".lk-tile__label").get_text(): int(t.select_one(".lk-tile__count").get_text()) for t in home.select(".lk-tile")}
    assert tiles["青年之家"] == sum(v.data.type == "youth-home" for v in CONTENT.venues)


def test_navigation_has_sections_not_venues(sample_site):
    nav = soup(sample_site, "").select_one("nav.md-nav--primary")
    links = [a["href"] for a in nav.select("a[href]")]
    assert not any("venues/" in href and href.rstrip("/").split("/")[-1].startswith(("taigu-", "taiyuan-")) for href in links)
    assert len(links) < 20


def test_no_third_party_assets(sample_site):
    for path in sample_site.rglob("*.html"):
        page = soup(sample_site, str(path.parent.relative_to(sample_site)) + "/") if path.name == "index.html" else None
        if page is None:
            continue
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for node in page.select(f"{tag}[{attr}]"):
                assert not re.match(r"^(https?:)?//", node[attr]), (path, node[attr])
