"""Opening the finder's map at national scale stays within 60 KB gzip of code, styles and data (tiles aside).

A one-venue site with a 天地图 key serves, in place of its own finder data, the grid cells of 69,000
synthetic venues (bench/finder_payload.py, the data `make bench` measures); its venue stands in the
middle of the city cell whose file is largest, so the map's first view lands on the worst cell there is.
Counted: every response from the site after 地图 is pressed until the first view is drawn, each body
gzipped at level 9 as a static host would serve it.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import build_site, make_project, venue_md, write

from leaguekit.output.finder_data import Cell, _json, gzip_size

from .conftest import serve
from .test_map import BUDGET, HASHED, KEY, REVIEW, answer_tiles

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from finder_payload import national  # noqa: E402 - the synthetic directory `make bench` measures

VENUES = 69000
CITY_LEVEL = 5  # cells a quarter of a degree wide or smaller: the cities of the synthetic directory


@pytest.fixture(scope="module")
def dense(tmp_path_factory):
    """(site URL, the worst cell's key, gzip bytes of that cell)."""
    project = make_project(tmp_path_factory.mktemp("map-budget") / "project", sample_content=False)
    write(project, "data/site.yml", f"publisher: shanxi\ntitle: 青年阵地\ndescription: 测试站点。\nmap:\n  provider: tianditu\n  key: {KEY}\n  review_number: {REVIEW}\n")
    site = build_site(project)
    data = national(site, VENUES)
    worst = max((k for k in data.cells if Cell.parse(k).level >= CITY_LEVEL), key=lambda k: gzip_size(_json(data.cells[k])))
    s, w, n, e = Cell.parse(worst).bounds()
    (project / "venues/taigu/test-venue.md").unlink()
    write(project, "venues/taigu/test-venue.md", venue_md(location={"lat": round((s + n) / 2, 6), "lng": round((w + e) / 2, 6)}))
    site = build_site(project)
    national(site, VENUES)
    with serve(site, tmp_path_factory.mktemp("www-map-budget")) as url:
        yield url, worst, gzip_size(_json(data.cells[worst]))


def opening_costs(page, url: str, press) -> dict[str, int]:
    """Gzip bytes per file the site sent from `press()` until the map's first view is drawn."""
    responses = []
    page.on("response", lambda r: responses.append(r) if r.url.startswith(url) else None)
    press()
    page.wait_for_function("leaguekit.map && leaguekit.map.view && leaguekit.map.view.loads > 0")  # cells in view loaded and clustered
    page.wait_for_load_state("networkidle")
    return {HASHED.sub("", urlsplit(r.url).path.removeprefix(urlsplit(url).path)): len(gzip.compress(r.body(), 9, mtime=0)) for r in responses}


def test_the_first_view_over_the_densest_city_cell_costs_at_most_60_kb(page, dense):
    url, worst, worst_gzip = dense
    answer_tiles(page)
    page.goto(url + "nearby/")
    page.wait_for_load_state("networkidle")
    sizes = opening_costs(page, url, page.get_by_role("button", name="地图", exact=True).click)
    print(f"opening the map over cell {worst} ({worst_gzip} B gzip), {VENUES:,} venues:", sum(sizes.values()), sizes)
    assert f"assets/finder/cells/{worst}.json" in sizes and "assets/finder/manifest.json" in sizes
    assert sum(sizes.values()) <= BUDGET, sizes


def test_a_located_visitor_opens_the_map_on_the_cells_the_list_fetched(browser, dense):
    """The list fetched the nearest cells; the map's first view around the visitor reuses them."""
    url, worst, _ = dense
    s, w, n, e = Cell.parse(worst).bounds()
    here = {"latitude": (s + n) / 2, "longitude": (w + e) / 2}
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", timezone_id="Asia/Shanghai", geolocation=here, permissions=["geolocation"])
    try:
        page = ctx.new_page()
        answer_tiles(page)
        page.goto(url + "nearby/")
        page.get_by_role("button", name="使用我的位置").click()
        page.locator(".lk-near__list .lk-place__distance").first.wait_for()
        page.wait_for_load_state("networkidle")
        sizes = opening_costs(page, url, page.get_by_role("button", name="地图", exact=True).click)
        print("opening the map after locating:", sum(sizes.values()), sizes)
        assert not [path for path in sizes if path.startswith("assets/finder/")], sizes
        assert sum(sizes.values()) <= BUDGET, sizes
        centre = page.evaluate("(() => { const c = leaguekit.map.view.map.getCenter(); return [c.lat, c.lng]; })()")
        assert abs(centre[0] - here["latitude"]) < 1e-4 and abs(centre[1] - here["longitude"]) < 1e-4
    finally:
        ctx.close()
