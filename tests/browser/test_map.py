"""The finder's map in Chromium, with 天地图 answered locally (Playwright routes return a small PNG).

A small project with a key: four venues in 太谷区, one open around the clock, three whose hours are
unknown (two of other types, in one building), so open-now and type filters visibly change what the map shows.
Proves: nothing is fetched before the map is opened (nor ever, without a key); the key and layers
in the tile URLs; the attribution with the 审图号 lower left; markers named after their venue and
saying their state; focus from marker to card and back; the list's filters; 在地图上看; 搜索此区域;
a tile failure notice; axe clean with the map open; the 60 KB gzip budget of opening it.
"""

from __future__ import annotations

import base64
import gzip
import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from conftest import build_site, make_project, venue_md, write
from playwright.sync_api import expect

from .conftest import serve
from .test_accessibility import TAGS

HASHED = re.compile(r"\.[0-9a-f]{8}(?=\.(?:js|css)$)")  # the kit's files carry their content's hash (the plugin)

KEY = "0123456789abcdef0123456789abcdef"
REVIEW = "GS（2024）0568号"
TILES = re.compile(r"^https://t[0-7]\.tianditu\.gov\.cn/")
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
BUDGET = 60_000  # gzip bytes of code, styles and data that opening the map adds (tiles aside)
VENUES = {
    "taigu-open-home": dict(name="太谷区全天青年之家", hours="24/7", location={"lat": 37.4200, "lng": 112.5500}),
    "taigu-quiet-home": dict(name="太谷区未知青年之家", hours=None, location={"lat": 37.4260, "lng": 112.5620}),
    "taigu-practice-base": dict(name="太谷区实践基地", type="practice-base", grade=None, hours=None, location={"lat": 37.4140, "lng": 112.5420}),
    "taigu-station": dict(name="太谷区青春驿站", type="youth-station", grade=None, hours=None, location={"lat": 37.4140, "lng": 112.5420}),
}
HERE = {"latitude": 37.4205, "longitude": 112.5530}
CHINA = ZoneInfo("Asia/Shanghai")
# For the clock: one venue opens at 09:00, the other closes then.
OPENS, CLOSES = "太谷区九点开门青年之家", "太谷区九点关门青年之家"


@pytest.fixture(scope="module")
def map_url(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("map") / "project", sample_content=False)
    (project / "venues/taigu/test-venue.md").unlink()
    for ident, fields in VENUES.items():
        write(project, f"venues/taigu/{ident}.md", venue_md(**fields))
    write(project, "data/site.yml", f"publisher: shanxi\ntitle: 青年阵地\ndescription: 测试站点。\nmap:\n  provider: tianditu\n  key: {KEY}\n  review_number: {REVIEW}\n")
    with serve(build_site(project), tmp_path_factory.mktemp("www-map")) as url:
        yield url


@pytest.fixture(scope="module")
def clock_url(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("map-clock") / "project", sample_content=False)
    (project / "venues/taigu/test-venue.md").unlink()
    write(project, "venues/taigu/taigu-opens-at-nine.md", venue_md(name=OPENS, hours="Mo-Su 09:00-17:00", location={"lat": 37.4200, "lng": 112.5500}))
    write(project, "venues/taigu/taigu-closes-at-nine.md", venue_md(name=CLOSES, hours="Mo-Su 06:00-09:00", location={"lat": 37.4300, "lng": 112.5600}))
    write(project, "data/site.yml", f"publisher: shanxi\ntitle: 青年阵地\ndescription: 测试站点。\nmap:\n  provider: tianditu\n  key: {KEY}\n  review_number: {REVIEW}\n")
    with serve(build_site(project), tmp_path_factory.mktemp("www-map-clock")) as url:
        yield url


def answer_tiles(page, status: int = 200) -> list[str]:
    """Tile requests, answered here with a PNG (or `status` with no image)."""
    seen: list[str] = []

    def fulfil(route):
        seen.append(route.request.url)
        if status == 200:
            route.fulfill(status=200, content_type="image/png", body=PNG)
        else:
            route.fulfill(status=status, content_type="text/plain", body="forbidden")

    page.route(TILES, fulfil)
    return seen


def open_map(page) -> None:
    page.get_by_role("button", name="地图", exact=True).click()
    page.locator(".lk-pin").first.wait_for()


def layers(urls: list[str]) -> set[str]:
    return {urlsplit(u).path.split("/")[1] for u in urls}


def answered(page, tiles: list[str], wanted: set[str]) -> set[str]:
    """The layers of the tiles answered so far, once `wanted` are among them or after 5 s: a request is seen
    (`expect_request`) a moment before its route handler answers it."""
    for _ in range(50):
        if layers(tiles) >= wanted:
            break
        page.wait_for_timeout(100)
    return layers(tiles)


def pin_names(page) -> list[str]:
    return sorted(page.locator(".lk-pin").evaluate_all("els => els.map(e => e.textContent)"))


def test_nothing_leaves_the_site_until_the_map_opens_then_tiles_carry_key_and_layers(page, map_url):
    tiles = answer_tiles(page)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(map_url + "nearby/")
    page.wait_for_load_state("networkidle")
    assert tiles == [] and not [u for u in fetched if "vendor/" in u or "/javascripts/map." in u or "/stylesheets/map." in u or "assets/finder/" in u]
    assert page.locator(".lk-map").is_hidden()
    with page.expect_request(lambda r: "/vec_w/" in r.url), page.expect_request(lambda r: "/cva_w/" in r.url):
        open_map(page)
    assert answered(page, tiles, {"vec_w", "cva_w"}) == {"vec_w", "cva_w"}
    assert all(parse_qs(urlsplit(u).query)["tk"] == [KEY] for u in tiles)
    assert {urlsplit(u).hostname for u in tiles} <= {f"t{i}.tianditu.gov.cn" for i in range(8)}
    # The list is out of the way; the switch says which view is on.
    expect(page.locator(".lk-districts")).to_be_hidden()
    expect(page.get_by_role("button", name="地图", exact=True)).to_have_attribute("aria-pressed", "true")
    # 天地图 and the 审图号, lower left.
    attribution = page.locator(".leaflet-bottom.leaflet-left .leaflet-control-attribution")
    expect(attribution).to_have_text(f"天地图 审图号：{REVIEW}")
    box, canvas = attribution.bounding_box(), page.locator(".lk-map__canvas").bounding_box()
    assert box["x"] - canvas["x"] < 5 and canvas["y"] + canvas["height"] - (box["y"] + box["height"]) < 5
    # 卫星: imagery and its labels.
    tiles.clear()
    with page.expect_request(lambda r: "/img_w/" in r.url), page.expect_request(lambda r: "/cia_w/" in r.url):
        page.get_by_role("button", name="卫星").click()
    assert answered(page, tiles, {"img_w", "cia_w"}) == {"img_w", "cia_w"}
    page.get_by_role("button", name="列表").click()
    expect(page.locator(".lk-districts")).to_be_visible()
    expect(page.locator(".lk-map")).to_be_hidden()
    assert page.watch.errors == []


def test_without_a_key_the_finder_has_no_map_and_asks_nothing(page, served_site):
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(served_site + "nearby/")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".lk-finder__tools")).to_be_visible()
    assert page.get_by_role("button", name="地图", exact=True).count() == 0 and page.locator(".lk-place__onmap").count() == 0
    assert not [u for u in fetched if "tianditu" in u or "vendor/" in u or "/javascripts/map." in u or "/stylesheets/map." in u]
    assert page.watch.foreign == []


def test_markers_say_name_and_state_and_focus_moves_to_the_card_and_back(page, map_url):
    answer_tiles(page)
    page.goto(map_url + "nearby/")
    open_map(page)
    page.wait_for_load_state("networkidle")
    # Keyboard users can pass the map: its skip link leads past the markers.
    expect(page.locator(".lk-map__canvas")).to_have_attribute("aria-label", re.compile("^阵地地图"))
    page.get_by_role("link", name="跳过地图").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#lk-map-after")).to_be_focused()
    # Each marker: its state in a word, the venue's name, and the state as the list words it.
    listed = page.locator(".lk-districts .lk-place", has_text="太谷区全天青年之家").locator(".lk-place__open").text_content()
    assert pin_names(page) == sorted([f"开，太谷区全天青年之家，{listed}", "？，太谷区未知青年之家，开放时间未知"])
    # The two in one building make a cluster, a button too; it cannot split, so it lists them.
    cluster = page.get_by_role("button", name="2 个阵地，放大查看")
    cluster.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".lk-map__area-title")).to_have_text("这里的阵地（2 个）")
    expect(page.locator(".lk-map__area-title")).to_be_focused()
    assert sorted(page.locator(".lk-map__after .lk-place__name").all_text_contents()) == ["太谷区实践基地", "太谷区青春驿站"]
    # The open one is round, the unknown ones square with a dashed edge: shape as well as colour.
    assert page.locator(".lk-pin--open").evaluate("e => getComputedStyle(e).borderRadius") == "50%"
    assert page.locator(".lk-pin--unknown").first.evaluate("e => getComputedStyle(e).borderStyle") == "dashed"
    marker = page.get_by_role("button", name=re.compile("太谷区未知青年之家"))
    marker.focus()
    page.keyboard.press("Enter")
    card = page.locator(".lk-map__card .lk-place")
    expect(card.locator(".lk-place__name")).to_be_focused()
    expect(card.locator(".lk-place__name")).to_have_text("太谷区未知青年之家")
    assert card.locator(".lk-place__name").get_attribute("href").endswith("venues/taigu-quiet-home/")
    expect(card.locator(".lk-place__open")).to_have_text("开放时间未知，请先电话询问")
    expect(card.get_by_role("link", name="拨打电话 0354-6230000")).to_have_attribute("href", "tel:0354-6230000")
    expect(card.locator("summary")).to_have_text("导航")
    page.keyboard.press("Escape")
    expect(marker).to_be_focused()
    # A tap works the same.
    page.get_by_role("button", name=re.compile("太谷区全天青年之家")).click()
    expect(card.locator(".lk-place__name")).to_have_text("太谷区全天青年之家")
    card.get_by_role("button", name="回到地图").click()
    expect(page.get_by_role("button", name=re.compile("太谷区全天青年之家"))).to_be_focused()
    assert page.watch.errors == []


def test_the_map_follows_the_lists_filters(page, map_url):
    answer_tiles(page)
    page.goto(map_url + "nearby/?type=youth-home")
    open_map(page)
    page.wait_for_load_state("networkidle")
    expect(page.locator(".lk-pin")).to_have_count(2)
    page.get_by_label("现在开放").check()
    expect(page.locator(".lk-pin")).to_have_count(1)
    expect(page.locator(".lk-pin")).to_contain_text("太谷区全天青年之家")
    page.get_by_label("现在开放").uncheck()
    expect(page.locator(".lk-filters-box")).to_have_attribute("open", "")  # a filter from the address opens the box
    page.get_by_label("阵地类型").select_option("practice-base")
    # The base lay outside the view fitted to the two homes: the loaded markers, then in sight.
    assert page.evaluate("Object.values(leaguekit.map.view.passing).map(v => v.r.n)") == ["太谷区实践基地"]
    page.evaluate("leaguekit.map.view.map.setView([37.4140, 112.5420], 15)")
    expect(page.locator(".lk-pin")).to_have_count(1)
    expect(page.locator(".lk-pin")).to_contain_text("太谷区实践基地")
    # The list, back in view, agrees.
    page.get_by_role("button", name="列表").click()
    assert page.locator(".lk-districts .lk-place:not([hidden]) .lk-place__name").all_text_contents() == ["太谷区实践基地"]


def test_see_on_map_from_a_card_and_search_this_area(page, map_url):
    answer_tiles(page)
    page.goto(map_url + "nearby/")
    page.locator(".lk-place", has_text="太谷区未知青年之家").get_by_role("button", name="在地图上看").click()
    card = page.locator(".lk-map__card .lk-place__name")
    expect(card).to_have_text("太谷区未知青年之家")
    expect(card).to_be_focused()
    # Pan so only the practice base stays in view, then list the area.
    page.evaluate("([lat, lng]) => { const m = leaguekit.map.view.map; m.setView([lat, lng], 17); m.fire('dragend'); }", [37.4140, 112.5420])
    page.get_by_role("button", name="搜索此区域").click()
    expect(page.locator(".lk-map__area-title")).to_have_text("此区域的阵地（2 个）")
    assert sorted(page.locator(".lk-map__after .lk-place__name").all_text_contents()) == ["太谷区实践基地", "太谷区青春驿站"]


def test_located_visitors_see_the_map_around_them_with_distances(browser, map_url):
    ctx = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", geolocation=HERE, permissions=["geolocation"])
    try:
        page = ctx.new_page()
        answer_tiles(page)
        page.goto(map_url + "nearby/")
        page.get_by_role("button", name="使用我的位置").click()
        page.locator(".lk-place__distance").first.wait_for()
        open_map(page)
        centre = page.evaluate("(() => { const c = leaguekit.map.view.map.getCenter(); return [c.lat, c.lng]; })()")
        assert abs(centre[0] - HERE["latitude"]) < 1e-4 and abs(centre[1] - HERE["longitude"]) < 1e-4
        assert page.locator(".lk-near__list .lk-place__onmap").count() == 4  # the sorted list's cards too
        page.get_by_role("button", name=re.compile("太谷区全天青年之家")).click()
        first = page.locator(".lk-near__list .lk-place", has_text="太谷区全天青年之家").locator(".lk-place__distance").text_content()
        expect(page.locator(".lk-map__card .lk-place__distance")).to_have_text(first)
    finally:
        ctx.close()


def test_using_my_location_with_the_map_open_moves_the_map_to_the_visitor(browser, map_url):
    here = {"latitude": 37.4250, "longitude": 112.5600}  # north-east of the district's venues
    ctx = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", geolocation=here, permissions=["geolocation"])
    try:
        page = ctx.new_page()
        answer_tiles(page)
        page.goto(map_url + "nearby/")
        open_map(page)
        centre = "(() => { const c = leaguekit.map.view.map.getCenter(); return [c.lat, c.lng]; })()"
        before = page.evaluate(centre)
        assert abs(before[0] - here["latitude"]) > 4e-3 and abs(before[1] - here["longitude"]) > 7e-3  # fitted to the district's venues
        page.get_by_role("button", name="使用我的位置").click()
        page.wait_for_function(f"(() => {{ const c = {centre}; return Math.abs(c[0] - {here['latitude']}) < 1e-4 && Math.abs(c[1] - {here['longitude']}) < 1e-4; }})()")
        expect(page.locator(".lk-map")).to_be_visible()  # the map stays open, the sorted list behind it
        page.get_by_role("button", name=re.compile("太谷区全天青年之家")).click()
        expect(page.locator(".lk-map__card .lk-place__distance")).to_have_text(re.compile("^距离 "))
    finally:
        ctx.close()


def test_pins_and_the_card_follow_the_clock_while_the_page_stays_open(page, clock_url):
    """At 09:00 one venue opens and the other closes: pins, the shown card and the list change on their own,
    in the list's words (one judgement, Finder.judge), and a focused pin keeps focus."""
    page.clock.install(time=datetime(2026, 12, 2, 8, 58, tzinfo=CHINA))  # a Wednesday
    answer_tiles(page)
    page.goto(clock_url + "nearby/")
    open_map(page)
    opens, closes = (page.get_by_role("button", name=re.compile(name)) for name in (OPENS, CLOSES))
    expect(opens).to_have_text(re.compile(f"^休，{OPENS}，"))
    expect(closes).to_have_text(re.compile(f"^开，{CLOSES}，即将关门"))
    opens.click()
    state = page.locator(".lk-map__card .lk-place__open")
    before = state.text_content()
    closes.focus()
    page.clock.run_for("02:00")
    expect(opens).to_have_text(re.compile(f"^开，{OPENS}，"))
    expect(closes).to_have_text(re.compile(f"^休，{CLOSES}，"))
    expect(closes).to_be_focused()
    listed = page.locator(".lk-districts .lk-place", has_text=OPENS).locator(".lk-place__open")
    expect(state).not_to_have_text(before)
    expect(state).to_have_text(listed.text_content())
    assert page.locator(".lk-pin--open").count() == 1 and page.locator(".lk-pin--shut").count() == 1
    # "现在开放" follows the clock too: on the map and in the list.
    page.get_by_label("现在开放").check()
    expect(page.locator(".lk-pin")).to_have_count(1)
    page.clock.run_for("08:00:00")  # 17:00: both closed
    expect(page.locator(".lk-pin")).to_have_count(0)
    page.get_by_role("button", name="列表").click()
    expect(page.locator(".lk-districts .lk-place:not([hidden])")).to_have_count(0)
    assert page.watch.errors == []


def test_the_sorted_list_follows_the_clock_too(browser, clock_url):
    ctx = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", geolocation={"latitude": 37.4250, "longitude": 112.5550}, permissions=["geolocation"])
    try:
        page = ctx.new_page()
        page.clock.install(time=datetime(2026, 12, 2, 8, 58, tzinfo=CHINA))
        page.goto(clock_url + "nearby/")
        page.get_by_role("button", name="使用我的位置").click()
        opens = page.locator(".lk-near__list .lk-place", has_text=OPENS).locator(".lk-place__open")
        expect(opens).to_have_text(re.compile("^休息中"))
        page.clock.run_for("02:00")
        expect(opens).to_have_text(re.compile("^开放中"))
        expect(page.locator(".lk-near__list .lk-place", has_text=CLOSES).locator(".lk-place__open")).to_have_text(re.compile("^休息中"))
    finally:
        ctx.close()


def test_a_wide_view_shows_counts_from_the_manifest_and_loads_no_cell(page, map_url):
    """Flat in N: with more than 64 cells in view (here 80 made-up ones added to the manifest), the map
    draws the manifest's counts and fetches no cell; zoomed in, it loads the cells in view and shows pins."""
    answer_tiles(page)
    fake = {f"3-{x}-{y}": 10 for x in range(30, 50) for y in range(25, 29)}

    def manifest(route):
        data = route.fetch().json()
        data["cells"].update(fake)
        route.fulfill(json=data)

    page.route("**/assets/finder/manifest.json", manifest)
    cells: list[str] = []
    page.on("request", lambda r: "/assets/finder/cells/" in r.url and cells.append(r.url.rsplit("/", 1)[1]))
    page.goto(map_url + "nearby/")
    open_map(page)
    page.wait_for_load_state("networkidle")
    cells.clear()
    page.evaluate("leaguekit.map.view.map.setView([32, 110], 4, { animate: false })")
    expect(page.locator(".lk-map__hint")).to_be_visible()
    expect(page.locator(".lk-pin")).to_have_count(0)
    counts = page.locator(".lk-cluster").evaluate_all("els => els.map(e => parseInt(e.textContent, 10))")
    assert counts and sum(counts) == 800 + 4 and cells == []
    page.locator(".lk-cluster").first.focus()
    page.keyboard.press("Enter")  # a bubble zooms in
    assert page.evaluate("leaguekit.map.view.map.getZoom()") == 6
    page.evaluate("leaguekit.map.view.map.setView([37.42, 112.55], 14, { animate: false })")
    expect(page.locator(".lk-map__hint")).to_be_hidden()
    expect(page.locator(".lk-pin").first).to_be_visible()
    assert all(not key.startswith("3-") for key in cells)


def test_a_tile_failure_says_so_and_the_list_keeps_working(page, map_url):
    answer_tiles(page, status=403)
    page.goto(map_url + "nearby/")
    open_map(page)
    expect(page.locator(".lk-map__notice")).to_contain_text("地图底图暂时无法显示")
    page.get_by_role("button", name="列表").click()
    expect(page.locator(".lk-districts .lk-place")).to_have_count(4)


def test_axe_finds_nothing_with_the_map_open(browser, map_url):
    from axe_playwright_python.sync_playwright import Axe

    for width in (390, 1280):
        ctx = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN", timezone_id="Asia/Shanghai")
        try:
            page = ctx.new_page()
            answer_tiles(page)
            page.goto(map_url + "nearby/")
            open_map(page)
            page.wait_for_load_state("networkidle")
            page.get_by_role("button", name=re.compile("太谷区全天青年之家")).click()
            result = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
            found = [f"{v['id']} ({v['impact']}): " + "; ".join(str(n["target"]) for n in v["nodes"][:4]) for v in result.response["violations"]]
            assert found == [], width
        finally:
            ctx.close()


def test_opening_the_map_costs_at_most_60_kb_gzip(page, map_url):
    answer_tiles(page)
    page.goto(map_url + "nearby/")
    page.wait_for_load_state("networkidle")
    responses = []
    page.on("response", lambda r: responses.append(r) if r.url.startswith(map_url) else None)
    open_map(page)
    page.wait_for_load_state("networkidle")
    sizes = {HASHED.sub("", urlsplit(r.url).path.removeprefix(urlsplit(map_url).path)): len(gzip.compress(r.body(), 9, mtime=0)) for r in responses}
    assert {"assets/vendor/leaflet/leaflet.js", "assets/javascripts/map.js", "assets/stylesheets/map.css", "assets/finder/manifest.json"} <= set(sizes)
    print("opening the map, gzip bytes:", sum(sizes.values()), sizes)
    assert sum(sizes.values()) <= BUDGET, sizes
