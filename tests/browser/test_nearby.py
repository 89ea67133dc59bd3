"""The finder at /nearby/ in Chromium on a phone: location, fallback, filters, open-now, links.

Expected values come from the Python side (leaguekit.geo, leaguekit.hours,
leaguekit.export) so the browser and the build are checked against each other.
"""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from conftest import REPO
from leaguekit import finder_data as export
from leaguekit.content import load
from leaguekit.geo import distance_m, format_distance, nav_links
from leaguekit.hours import open_state

CONTENT = load(REPO)
HERE = (37.4205, 112.5530)  # a street in 太谷区明星镇
CHINA = ZoneInfo("Asia/Shanghai")
HOURS_CASES = json.loads((REPO / "tests/hours_cases.json").read_text(encoding="utf-8"))["cases"]
DISTANCE_CASES = json.loads((REPO / "tests/distance_cases.json").read_text(encoding="utf-8"))["cases"]


def _count_by_district(ids: list[str]) -> list[tuple[str, int]]:
    """(district, venues among `ids`) in the page's district order."""
    wanted = set(ids)
    counts = [(d.full_name, sum(v.id in wanted for v in vs)) for d, vs in CONTENT.venues_by_district()]
    return [(name, n) for name, n in counts if n]


def open_finder(page, url: str) -> None:
    page.goto(url)
    page.locator(".lk-finder__tools").wait_for()


def test_js_agrees_with_python_on_hours_and_distance(page, served_site):
    open_finder(page, served_site + "nearby/")
    got = page.evaluate(
        """([hours, dist]) => [
            hours.map(c => { const s = leaguekit.hours.openState(c.hours, new Date(c.at)); return [s.state, s.label]; }),
            dist.map(c => { const m = leaguekit.geo.distance(c.from[0], c.from[1], c.to[0], c.to[1]); return [m, leaguekit.geo.formatDistance(m)]; }),
        ]""",
        [HOURS_CASES, DISTANCE_CASES],
    )
    assert got[0] == [[c["state"], c["label"]] for c in HOURS_CASES]
    for (metres, text), case in zip(got[1], DISTANCE_CASES):
        assert abs(metres - case["metres"]) < 0.05 and text == case["text"]
    assert page.watch.errors == []


def test_my_location_sorts_by_distance_with_links(page, served_site):
    cells: list[str] = []
    page.on("request", lambda r: "/assets/finder/cells/" in r.url and cells.append(r.url.rsplit("/", 1)[1].removesuffix(".json")))
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": HERE[0], "longitude": HERE[1]})
    open_finder(page, served_site + "nearby/")
    page.get_by_role("button", name="使用我的位置").click()
    page.locator(".lk-near__list .lk-place").first.wait_for()

    nearest = sorted(CONTENT.open_venues, key=lambda v: (distance_m(*HERE, v.data.location.lat, v.data.location.lng), v.id))[: export.FIRST_RESULTS]
    ids = page.locator(".lk-near__list .lk-place").evaluate_all("els => els.map(e => e.dataset.id)")
    assert ids == [v.id for v in nearest]
    distances = page.locator(".lk-near__list .lk-place__distance").all_inner_texts()
    assert distances == ["距离 " + format_distance(distance_m(*HERE, v.data.location.lat, v.data.location.lng)) for v in nearest]
    assert page.locator(".lk-districts").is_hidden()
    assert page.locator(".lk-finder__status").inner_text() == "已按离你的直线距离排序。"

    # The phone loaded exactly the cells the Python mirror of the search names.
    data = export.finder_data(CONTENT)
    assert cells == export.first_results_cells(data.manifest, *HERE, load=data.cells.__getitem__)

    first = CONTENT.venue[ids[0]].data
    hrefs = page.locator(".lk-near__list .lk-place").first.locator(".lk-nav__link").evaluate_all("els => els.map(e => e.href)")
    assert hrefs == [link.href for link in nav_links(first.name, first.address, first.location.lat, first.location.lng)]
    amap = parse_qs(urlsplit(hrefs[0]).query)
    assert amap["coordinate"] == ["wgs84"] and amap["position"] == [f"{first.location.lng},{first.location.lat}"]
    assert parse_qs(urlsplit(hrefs[2]).query)["coord_type"] == ["wgs84"]
    assert parse_qs(urlsplit(hrefs[3]).query)["coord_type"] == ["1"]
    assert page.watch.errors == [] and page.watch.foreign == []


def test_denied_location_falls_back_to_districts(page, served_site):
    page.context.clear_permissions()
    open_finder(page, served_site + "nearby/")
    page.get_by_role("button", name="使用我的位置").click()
    status = page.locator(".lk-finder__status")
    status.filter(has_text="你没有允许本页使用位置").wait_for()
    assert "选择县区或乡镇街道" in status.inner_text()
    assert page.locator(".lk-districts .lk-place:visible").count() == len(CONTENT.open_venues)
    assert page.evaluate("document.activeElement.name") == "district"
    assert page.watch.errors == [] and page.watch.foreign == []


def test_filters_live_in_the_url_and_open_now_uses_china_time(browser, served_site):
    """A phone set to Los Angeles time still sees the venue's state in China time."""
    now = datetime(2026, 11, 28, 11, 45, tzinfo=CHINA)  # Saturday: most youth homes close at 12:00
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN", timezone_id="America/Los_Angeles")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.clock.set_fixed_time(now)
        open_finder(page, served_site + "nearby/")
        page.locator(".lk-filters-box summary").click()
        page.get_by_label("阵地类型").select_option("youth-home")
        page.get_by_label("现在开放").check()
        assert parse_qs(urlsplit(page.url).query) == {"type": ["youth-home"], "open": ["1"]}

        expected = sorted(
            v.id for v in CONTENT.open_venues if v.data.type == "youth-home" and v.hours and open_state(v.hours, now).state != "closed"
        )
        visible = page.locator(".lk-districts .lk-place:visible").evaluate_all("els => els.map(e => e.dataset.id)")
        assert sorted(visible) == expected and expected
        jump = page.locator(".lk-jump a:visible").all_inner_texts()
        assert jump == [f"{d}（{n}）" for d, n in _count_by_district(expected)]

        # Every card's state is the one Python computes for the same moment.
        labels = page.locator(".lk-districts .lk-place").evaluate_all(
            "els => els.map(e => [e.dataset.id, e.querySelector('.lk-place__open').textContent])"
        )
        for ident, label in labels:
            venue = CONTENT.venue[ident]
            assert label == (open_state(venue.hours, now).label if venue.hours else "开放时间未知，请先电话询问"), ident
        assert {label.split("（")[0] for _, label in labels} >= {"开放中", "即将关门", "已关闭"}

        # The filtered view is shareable: opening the URL again restores it.
        page.goto(page.url)
        page.locator(".lk-finder__tools").wait_for()
        assert page.get_by_label("阵地类型").input_value() == "youth-home" and page.get_by_label("现在开放").is_checked()
        assert sorted(page.locator(".lk-districts .lk-place:visible").evaluate_all("els => els.map(e => e.dataset.id)")) == expected
        page.get_by_label("阵地类型").select_option("talent-station")
        assert page.locator(".lk-finder__count").inner_text() == "没有符合条件的阵地，请放宽筛选条件。"
        assert errors == []
    finally:
        context.close()


def test_instant_navigation_and_no_javascript(page, browser, served_site):
    page.goto(served_site)
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-nav--primary a.md-nav__link", has_text="找阵地").click()
    page.locator(".lk-finder__tools").wait_for()
    assert page.locator(".lk-place__open:visible").count() == len(CONTENT.open_venues)
    assert page.watch.errors == [] and page.watch.foreign == []

    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        static = context.new_page()
        static.goto(served_site + "nearby/")
        assert static.locator(".lk-districts .lk-place:visible").count() == len(CONTENT.open_venues)
        assert static.locator(".lk-finder__tools").is_hidden()
    finally:
        context.close()
