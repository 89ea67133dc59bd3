"""Opening the finder's map at national scale stays within 60 KB gzip of code, styles and data (tiles aside).

A one-venue site with a 天地图 key serves, in place of its own finder data, the grid cells of 69,000
synthetic venues (bench/finder_payload.py, the data `make bench` measures); its venue stands in the
middle of the city cell whose file is largest, so the map's first view lands on the worst cell there is.
Counted: every response from the site after 地图 is pressed until the first view is drawn, each body
gzipped at level 9 as a static host would serve it.
"""

from __future__ import annotations

import gzip
import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import build_site, make_project, venue_md, write

from leaguekit.output.finder_data import MAX_LEVEL, Cell, _json, cell_at, gzip_size

from .conftest import serve
from .test_map import BUDGET, HASHED, KEY, REVIEW, answer_tiles

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from finder_payload import national, national_data  # noqa: E402 - the synthetic directory `make bench` measures

VENUES = 69000
CITY_LEVEL = 5  # cells a quarter of a degree wide or smaller: the cities of the synthetic directory
EDGE_M = 300  # the venue's distance from a cell edge in the boundary case: a zoom-17 view no longer crosses it


@pytest.fixture(scope="module")
def grid():
    """The synthetic directory's cells and the gzip bytes of each."""
    data = national_data(VENUES)
    return data, {k: gzip_size(_json(v)) for k, v in data.cells.items()}


@contextmanager
def national_site(tmp_path_factory, lat: float, lng: float) -> Iterator[str]:
    """A site with a key whose one venue is at (lat, lng), serving the synthetic directory's finder data."""
    project = make_project(tmp_path_factory.mktemp("map-budget") / "project", sample_content=False)
    write(project, "data/site.yml", f"publisher: shanxi\ntitle: 青年阵地\ndescription: 测试站点。\nmap:\n  provider: tianditu\n  key: {KEY}\n  review_number: {REVIEW}\n")
    write(project, "venues/taigu/test-venue.md", venue_md(location={"lat": round(lat, 6), "lng": round(lng, 6)}))
    site = build_site(project)
    national(site, VENUES)
    with serve(site, tmp_path_factory.mktemp("www-map-budget")) as url:
        yield url


@pytest.fixture(scope="module")
def dense(tmp_path_factory, grid):
    """(site URL, key of the city cell whose file is largest): the site's venue in its middle."""
    data, sizes = grid
    worst = max((k for k in data.cells if Cell.parse(k).level >= CITY_LEVEL), key=sizes.__getitem__)
    s, w, n, e = Cell.parse(worst).bounds()
    with national_site(tmp_path_factory, (s + n) / 2, (w + e) / 2) as url:
        yield url, worst


def east_of(data, cell: Cell) -> str | None:
    """The cell just east of `cell`'s east edge, at its middle (any level)."""
    s, _, n, e = cell.bounds()
    return next((c.key for level in range(MAX_LEVEL + 1) if (c := cell_at((s + n) / 2, e + 1e-6, level)).key in data.cells), None)


@pytest.fixture(scope="module")
def boundary(tmp_path_factory, grid):
    """(site URL, west cell, east cell): the two neighbouring city cells heaviest together, the site's venue
    EDGE_M inside the west one, so a view as wide as the list's fits both."""
    data, sizes = grid
    pairs = [(k, east) for k in data.cells if Cell.parse(k).level >= CITY_LEVEL and (east := east_of(data, Cell.parse(k)))]
    west, east = max(pairs, key=lambda pair: sizes[pair[0]] + sizes[pair[1]])
    s, _, n, e = Cell.parse(west).bounds()
    lat = (s + n) / 2
    with national_site(tmp_path_factory, lat, e - EDGE_M / (111_320 * math.cos(math.radians(lat)))) as url:
        yield url, west, east


def opening_costs(page, url: str, press) -> dict[str, int]:
    """Gzip bytes per file the site sent from `press()` until the map's first view is drawn."""
    responses = []
    page.on("response", lambda r: responses.append(r) if r.url.startswith(url) else None)
    press()
    page.wait_for_function("leaguekit.map && leaguekit.map.view && leaguekit.map.view.loads > 0")  # cells in view loaded and clustered
    page.wait_for_load_state("networkidle")
    return {HASHED.sub("", urlsplit(r.url).path.removeprefix(urlsplit(url).path)): len(gzip.compress(r.body(), 9, mtime=0)) for r in responses}


def test_the_first_view_over_the_densest_city_cell_costs_at_most_60_kb(page, dense, grid):
    url, worst = dense
    worst_gzip = grid[1][worst]
    answer_tiles(page)
    page.goto(url + "nearby/")
    page.wait_for_load_state("networkidle")
    sizes = opening_costs(page, url, page.get_by_role("button", name="地图", exact=True).click)
    print(f"opening the map over cell {worst} ({worst_gzip} B gzip), {VENUES:,} venues:", sum(sizes.values()), sizes)
    assert f"assets/finder/cells/{worst}.json" in sizes and "assets/finder/manifest.json" in sizes
    assert sum(sizes.values()) <= BUDGET, sizes


def test_a_located_visitor_opens_the_map_on_the_cells_the_list_fetched(browser, dense):
    """The list fetched the nearest cells; the map's first view around the visitor reuses them."""
    url, worst = dense
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


def test_a_first_view_across_two_heavy_cells_closes_in_to_fetch_one(page, boundary, grid):
    """Fitted like the list (zoom 15) the view would fetch both cells, over the budget; it opens closer in."""
    url, west, east = boundary
    sizes = grid[1]
    answer_tiles(page)
    page.goto(url + "nearby/")
    page.wait_for_load_state("networkidle")
    fetched = opening_costs(page, url, page.get_by_role("button", name="地图", exact=True).click)
    print(f"opening the map beside cells {west} + {east} ({sizes[west]} + {sizes[east]} B gzip):", sum(fetched.values()), fetched)
    assert sum(fetched.values()) + sizes[east] > BUDGET  # both cells would not fit
    assert [path for path in fetched if "/cells/" in path] == [f"assets/finder/cells/{west}.json"]
    assert sum(fetched.values()) <= BUDGET, fetched
    assert page.evaluate("leaguekit.map.view.map.getZoom()") > 15
