"""Pages stay small however large the directory: listings link onwards instead of growing.

The sample has 34 venues; with the limits lowered to a handful, it exercises the same switch a
national site (69,000 venues) makes at the real limits. `make bench` measures the real sizes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_site, make_project, soup

from leaguekit.generate.site import Site

MAX_PAGE_BYTES = 500_000


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_sample_page_exceeds_the_size_limit(sample_site):
    sizes = {p.relative_to(sample_site).as_posix(): p.stat().st_size for p in html_pages(sample_site)}
    assert max(sizes.values()) < MAX_PAGE_BYTES, max(sizes, key=sizes.get)


@pytest.fixture(scope="module")
def small_limits_site(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Site, "INLINE_LIMIT", 5)
        mp.setattr(Site, "PAGE_SIZE", 4)
        yield build_site(make_project(tmp_path_factory.mktemp("limits") / "project"))


def test_listings_link_onwards_above_the_limit(small_limits_site):
    site = small_limits_site
    for url in ("venues/", "types/youth-home/", "districts/", "nearby/", "orgs/shanxi/", "orgs/taigu/", "brands/taigu-qicai-jiaqi/"):
        page = soup(site, url)
        cards = page.select("article .lk-place, article .lk-card:has(a[href*='venues/'])")
        assert len(cards) <= 5, (url, len(cards))
        assert page.select("article .lk-counts a"), url
    venues = soup(site, "venues/")
    assert [a["href"] for a in venues.select(".lk-counts a")][0] == "../types/youth-home/"
    nearby = soup(site, "nearby/")
    assert not nearby.select('select[name="district"]'), "a large finder has no district list to filter in place"
    links = {a.get_text() for a in nearby.select(".lk-districts .lk-counts a")}
    assert {"晋中市太谷区", "太原市小店区", "北京市海淀区"} <= links


def test_a_large_district_is_split_into_pages(small_limits_site):
    site = small_limits_site
    first = soup(site, "districts/jinzhong-taiguqu/")
    assert len(first.select(".lk-place")) == 4
    pages = [a.get_text() for a in first.select(".lk-pager a, .lk-pager span")]
    assert pages == [str(n) for n in range(1, 7)]  # 21 venues in 太谷区, 4 a page
    last = soup(site, "districts/jinzhong-taiguqu/page/6/")
    assert len(last.select(".lk-place")) == 1
    assert last.select_one('.lk-pager [aria-current="page"]').get_text() == "6"
    seen = set()
    for n in range(1, 7):
        page = soup(site, "districts/jinzhong-taiguqu/" + (f"page/{n}/" if n > 1 else ""))
        seen |= {li["data-id"] for li in page.select(".lk-place")}
    assert len(seen) == 21


def test_many_brands_are_listed_by_category(small_limits_site):
    index = soup(small_limits_site, "brands/")
    links = [a["href"] for a in index.select(".lk-counts a")]
    assert "category/care/" in links
    care = soup(small_limits_site, "brands/category/care/")
    assert 0 < len(care.select(".lk-card")) <= 4
    assert care.select(".lk-pager") or len(care.select(".lk-card")) < 4
