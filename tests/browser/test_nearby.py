"""The finder at /nearby/ in Chromium on a phone: location, fallback, filters, open-now, holidays,
honest distances, directions, and no layout shift.

Expected values come from the Python side (leaguekit.content.geo, leaguekit.content.hours,
leaguekit.output.finder_data) so the browser and the build are checked against each other.
"""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from conftest import REPO, SAMPLE
from playwright.sync_api import expect

from leaguekit.content import load
from leaguekit.content.geo import MODES, distance_m, format_distance, nav_links, region_of
from leaguekit.content.hours import open_state
from leaguekit.output import finder_data as export

CONTENT = load(SAMPLE)
HERE = (37.4205, 112.5530)  # a street in 太谷区明星镇
CHINA = ZoneInfo("Asia/Shanghai")
DISTANCES = json.loads((REPO / "tests/distance_cases.json").read_text(encoding="utf-8"))
DISTANCE_CASES, MODE_CASES = DISTANCES["cases"], DISTANCES["modes"]


def state_at(venue, when: datetime):
    """What Python says of `venue` at `when`: holidays and the venue's closures included."""
    return open_state(venue.hours, when, CONTENT.calendar, venue.closures) if venue.hours else None


def is_open(venue, when: datetime) -> bool:
    state = state_at(venue, when)
    return state is not None and state.state in ("open", "closing")


def rank(venue, when: datetime) -> int:
    """The near list's order: open now, then not known (no hours, or a holiday they say nothing about), then closed."""
    state = state_at(venue, when)
    return 0 if is_open(venue, when) else 1 if state is None or state.state == "unstated" else 2


def _count_by_district(ids: list[str]) -> list[tuple[str, int]]:
    """(district, venues among `ids`) in the page's district order."""
    wanted = set(ids)
    counts = [(d.full_name, sum(v.id in wanted for v in vs)) for d, vs in CONTENT.venues_by_district()]
    return [(name, n) for name, n in counts if n]


def open_finder(page, url: str) -> None:
    page.goto(url)
    page.locator(".lk-finder__tools").wait_for()


def test_js_agrees_with_python_on_distance_travel_mode_and_links(page, served_site):
    open_finder(page, served_site + "nearby/")
    got = page.evaluate(
        """([dist, modes]) => [
            dist.map(c => { const m = leaguekit.geo.distance(c.from[0], c.from[1], c.to[0], c.to[1]); return [m, leaguekit.geo.formatDistance(m)]; }),
            modes.map(c => leaguekit.geo.travelMode(c.metres)),
        ]""",
        [DISTANCE_CASES, MODE_CASES],
    )
    for (metres, text), case in zip(got[0], DISTANCE_CASES):
        assert abs(metres - case["metres"]) < 0.05 and text == case["text"]
    assert got[1] == [c["mode"] for c in MODE_CASES]
    # The same map links, every mode: the datum rules of geo.nav_links hold in the browser too.
    name, address = "A&B;title:x,y=1 (太谷青年)", "地址;addr:z"
    for mode, _ in MODES:
        for venue in CONTENT.open_venues[:5] + [None]:
            lat, lng = (venue.data.location.lat, venue.data.location.lng) if venue else (37.4, 112.5)
            python = nav_links(name, address, lat, lng, mode=mode)
            gcj = [float(x) for x in python[0].href.split("to=")[1].split(",")[:2]][::-1]
            region = region_of(venue.data.address) if venue else ""
            python = nav_links(name, address, lat, lng, mode=mode, region=region)
            js = page.evaluate("([n, a, p, c, m, r]) => leaguekit.geo.navLinks(n, a, p, c, m, r)", [name, address, [lat, lng], gcj, mode, region])
            assert [(j["app"], j["label"], j["href"]) for j in js] == [(x.app, x.label, x.href) for x in python]
    assert page.watch.errors == []


def metres_from_here(v) -> float:
    return distance_m(*HERE, v.data.location.lat, v.data.location.lng)


def test_my_location_lists_open_venues_first_then_by_distance_with_links(page, served_site):
    """Friday 10:00 in 太谷: the venues open now come first, one 10 km off (范村) before the night school 181 m away."""
    now = datetime(2026, 11, 27, 10, 0, tzinfo=CHINA)
    page.clock.install(time=now)
    cells: list[str] = []
    page.on("request", lambda r: "/assets/finder/cells/" in r.url and cells.append(r.url.rsplit("/", 1)[1].removesuffix(".json")))
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": HERE[0], "longitude": HERE[1]})
    open_finder(page, served_site + "nearby/")
    page.get_by_role("button", name="使用我的位置").click()
    page.locator(".lk-near__list .lk-place").first.wait_for()

    # The phone loaded exactly the cells the Python mirror of the search names.
    data = export.finder_data(CONTENT)
    assert cells == export.first_results_cells(data.manifest, *HERE, load=data.cells.__getitem__)
    loaded = sorted((CONTENT.venue[r["i"]] for key in cells for r in data.cells[key]), key=lambda v: (metres_from_here(v), v.id))
    expected = sorted(loaded[: export.FIRST_RESULTS], key=lambda v: (rank(v, now), metres_from_here(v), v.id))
    first = [v for v in expected if is_open(v, now)]
    assert 0 < len(first) < len(expected) and expected != loaded[: export.FIRST_RESULTS]  # reordered
    assert metres_from_here(first[-1]) > 10_000  # open, and before every closed venue nearer than it
    ids = page.locator(".lk-near__list .lk-place").evaluate_all("els => els.map(e => e.dataset.id)")
    assert ids == [v.id for v in expected]
    distances = page.locator(".lk-near__list .lk-place__distance").all_inner_texts()
    assert distances == [f"距离 {format_distance(metres_from_here(v))} · {CONTENT.district(v).full_name}" for v in expected]
    # A closed venue keeps its next opening on its card.
    states = page.locator(".lk-near__list .lk-place__open").all_inner_texts()
    assert states == [state_at(v, now).label for v in expected]
    closed = next(i for i, v in enumerate(expected) if rank(v, now) == 2)
    assert states[closed].startswith("休息中 · ") and states[closed].endswith(" 开门")
    unknown = any(rank(v, now) == 1 for v in expected)
    assert page.locator(".lk-districts").is_hidden()
    then = "，开放情况未说明的其次" if unknown and rank(expected[-1], now) == 2 else ""
    assert page.locator(".lk-finder__status").inner_text() == f"已按离你的直线距离排序，现在开放的 {len(first)} 个排在前面{then}。"
    assert page.locator(".lk-near__next").is_hidden()
    # The list's heading took focus (screen readers read it) without drawing a focus box.
    assert page.evaluate("document.activeElement.id") == "lk-near-title"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "none"

    # One 导航 control per card; a venue a few hundred metres away gets walking directions.
    first = CONTENT.venue[ids[0]].data
    card = page.locator(".lk-near__list .lk-place").first
    assert card.locator("details.lk-nav").count() == 1 and card.locator(".lk-nav__link").count() == 4
    assert distance_m(*HERE, first.location.lat, first.location.lng) < 1500
    card.locator(".lk-nav > summary").click()
    assert card.locator(".lk-nav__modes input:checked").get_attribute("value") == "walk"
    hrefs = card.locator(".lk-nav__link").evaluate_all("els => els.map(e => e.href)")
    assert hrefs == [link.href for link in nav_links(first.name, first.address, first.location.lat, first.location.lng, mode="walk")]
    amap = parse_qs(urlsplit(hrefs[0]).query)
    assert amap["coordinate"] == ["gaode"] and amap["mode"] == ["walk"]
    assert parse_qs(urlsplit(hrefs[1]).query)["coord_type"] == ["wgs84"]
    assert parse_qs(urlsplit(hrefs[2]).query)["coord_type"] == ["1"]
    # The visitor's choice changes the links, and the next card opened follows it.
    card.get_by_label("驾车").check()
    assert card.locator(".lk-nav__link").evaluate_all("els => els.map(e => e.href)") == [
        link.href for link in nav_links(first.name, first.address, first.location.lat, first.location.lng, mode="car")
    ]
    second = page.locator(".lk-near__list .lk-place").nth(1)
    second.locator(".lk-nav > summary").click()
    # details' toggle event, which applies the remembered mode, is dispatched after the click returns.
    expect(second.locator(".lk-nav__modes input[value=car]")).to_be_checked()
    assert parse_qs(urlsplit(second.locator(".lk-nav__link").first.get_attribute("href")).query)["mode"] == ["car"]
    assert page.watch.errors == [] and page.watch.foreign == []


def test_denied_location_says_how_to_allow_it_and_falls_back_to_districts(page, served_site):
    page.context.clear_permissions()
    open_finder(page, served_site + "nearby/")
    page.get_by_role("button", name="使用我的位置").click()
    status = page.locator(".lk-finder__status")
    status.filter(has_text="你没有允许本页使用位置").wait_for()
    text = status.inner_text()
    assert "要重新允许：点地址栏左边的图标" in text and "定位服务" in text and "在浏览器打开" in text
    assert "选择县区或乡镇街道" in text
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

        expected = sorted(v.id for v in CONTENT.open_venues if v.data.type == "youth-home" and is_open(v, now))
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
            assert label == (state_at(venue, now).label if venue.hours else "开放时间未知，请先电话询问"), ident
        assert {label.split(" · ")[0] for _, label in labels} >= {"开放中", "即将关门", "休息中"}

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
        # What needs the script is not shown without it: the tools, open states, the mode choice.
        assert static.locator(".lk-finder__tools").is_hidden()
        assert static.locator(".lk-place__open:visible").count() == 0 and static.locator(".lk-nav__modes:visible").count() == 0
        static.locator(".lk-place .lk-nav > summary").first.click()
        assert static.locator(".lk-place .lk-nav__link:visible").count() == 4
        # A venue page answers with its week instead of a live state.
        static.goto(served_site + "venues/taigu-mingxing-youth-home/")
        assert static.locator(".lk-open").is_hidden() and static.locator(".lk-week tr:visible").count() == 9
    finally:
        context.close()


def visible_ids(page) -> list[str]:
    return sorted(page.locator(".lk-districts .lk-place:visible").evaluate_all("els => els.map(e => e.dataset.id)"))


def test_open_now_leaves_out_venues_closed_for_a_public_holiday(page, served_site):
    """2026-10-01 (国庆节) 10:00: a Mo-Fr youth home is open the day before, and left out on the holiday."""
    venue = "taigu-mingxing-youth-home"
    page.clock.install(time=datetime(2026, 9, 30, 10, 0, tzinfo=CHINA))
    open_finder(page, served_site + "nearby/?open=1")
    before = visible_ids(page)
    assert venue in before and before == sorted(v.id for v in CONTENT.open_venues if is_open(v, datetime(2026, 9, 30, 10, 0, tzinfo=CHINA)))

    holiday = datetime(2026, 10, 1, 10, 0, tzinfo=CHINA)
    page.clock.set_fixed_time(holiday)
    open_finder(page, served_site + "nearby/?open=1")
    assert venue not in visible_ids(page)
    assert visible_ids(page) == sorted(v.id for v in CONTENT.open_venues if is_open(v, holiday))
    card = page.locator(f'.lk-place[data-id="{venue}"] .lk-place__open')
    assert card.text_content() == "节假日休息（国庆节） · 10月8日 09:00 开门" == state_at(CONTENT.venue[venue], holiday).label
    assert card.get_attribute("data-state") == "holiday"
    assert page.watch.errors == []


def test_a_holiday_the_hours_do_not_mention_is_unknown_not_closed(page, served_site):
    """2026-10-02 (国庆节): a 7-day 青年驿站 whose hours say nothing of holidays is neither 开放中 nor 休息; near 太谷 the
    list puts such venues before the youth home that closes on holidays (PH off), and "现在开放" leaves them out."""
    holiday = datetime(2026, 10, 2, 10, 0, tzinfo=CHINA)
    closes = CONTENT.venue["taigu-mingxing-youth-home"]
    page.clock.install(time=holiday)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": closes.data.location.lat, "longitude": closes.data.location.lng})
    open_finder(page, served_site + "nearby/")
    station = page.locator('.lk-districts .lk-place[data-id="taiyuan-liuxiang-youth-station"] .lk-place__open')
    assert station.text_content() == "节假日开放情况未说明（国庆节），请先电话确认" == state_at(CONTENT.venue["taiyuan-liuxiang-youth-station"], holiday).label
    assert station.get_attribute("data-state") == "unstated"
    page.get_by_role("button", name="使用我的位置").click()
    page.locator(".lk-near__list .lk-place").first.wait_for()
    ids = page.locator(".lk-near__list .lk-place").evaluate_all("els => els.map(e => e.dataset.id)")
    ranks = [rank(CONTENT.venue[i], holiday) for i in ids]
    assert ranks == sorted(ranks) and ranks[-1] == 2 and 1 in ranks and 0 not in ranks
    assert ids[-1] == closes.id  # the nearest, but closed on holidays
    assert page.locator(".lk-finder__status").inner_text() == f"已按离你的直线距离排序，开放情况未说明的 {len(ids) - 1} 个排在前面。"
    assert page.locator(".lk-near__list .lk-place__open").last.text_content().startswith("节假日休息（国庆节）")
    page.get_by_label("现在开放").check()
    page.locator(".lk-near__list .lk-place").first.wait_for(state="detached")
    assert page.locator(".lk-near__list .lk-place").count() == 0 or all(
        is_open(CONTENT.venue[i], holiday) for i in page.locator(".lk-near__list .lk-place").evaluate_all("els => els.map(e => e.dataset.id)")
    )
    assert page.watch.errors == []


def test_open_now_keeps_weekday_hours_on_an_adjusted_working_day(page, served_site):
    """2026-10-10 is a Saturday worked for 国庆节: at 15:00 weekday hours apply; a week later, Saturday's."""
    venue = "taigu-mingxing-youth-home"  # Mo-Fr 09:00-12:00,14:30-17:30; Sa 09:00-12:00
    page.clock.install(time=datetime(2026, 10, 10, 15, 0, tzinfo=CHINA))
    for at, shown in ((datetime(2026, 10, 10, 15, 0, tzinfo=CHINA), True), (datetime(2026, 10, 17, 15, 0, tzinfo=CHINA), False)):
        page.clock.set_fixed_time(at)
        open_finder(page, served_site + "nearby/?open=1")
        assert (venue in visible_ids(page)) is shown
        assert visible_ids(page) == sorted(v.id for v in CONTENT.open_venues if is_open(v, at))
    assert page.watch.errors == []


def test_evening_in_taigu_says_the_nearest_open_venue_is_far_and_when_one_nearby_opens(browser, served_site):
    """A 16-year-old in 太谷 at 19:30 on a Wednesday: one tap from the home page, then "现在开放"."""
    now = datetime(2026, 11, 25, 19, 30, tzinfo=CHINA)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN", timezone_id="Asia/Shanghai",
        geolocation={"latitude": HERE[0], "longitude": HERE[1]}, permissions=["geolocation"],
    )
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.clock.install(time=now)
        page.goto(served_site)
        page.get_by_role("link", name="找离我最近的阵地").click()
        page.locator(".lk-near__list .lk-place").first.wait_for()  # no second tap on "使用我的位置"
        assert parse_qs(urlsplit(page.url).query) == {"near": ["1"]}
        metres = metres_from_here
        # Nothing near is open: the list is by distance, and says which venue nearby opens first.
        assert page.locator(".lk-near__far").is_hidden()
        closed_near = [v for v in CONTENT.open_venues if not is_open(v, now) and v.hours and metres(v) <= 10_000]
        soonest = min(closed_near, key=lambda v: (state_at(v, now).next_open, metres(v)))
        opens = state_at(soonest, now).label.split(" · ")[1]
        assert page.locator(".lk-near__next").inner_text() == f"附近的阵地现在都没有开放；最早开门的是{soonest.data.name}（{format_distance(metres(soonest))}）：{opens}。"

        page.get_by_label("现在开放").check()  # in sight, not inside the collapsed filters
        assert page.locator(".lk-filters-box").get_attribute("open") is None
        page.locator(".lk-near__far:visible").wait_for()

        open_now = sorted((v for v in CONTENT.open_venues if is_open(v, now)), key=lambda v: (metres(v), v.id))
        nearest = open_now[0]
        assert metres(nearest) > 10_000 and CONTENT.district(nearest).full_name.startswith("太原市")
        assert page.locator(".lk-near__far").inner_text() == (
            f"10 公里内没有现在开放的阵地；最近的在{CONTENT.district(nearest).full_name}，{format_distance(metres(nearest))}。本站只收录晋中市、太原市的 {len(CONTENT.open_venues)} 个阵地。"
        )
        ids = page.locator(".lk-near__list .lk-place").evaluate_all("els => els.map(e => e.dataset.id)")
        assert ids == [v.id for v in open_now[: export.FIRST_RESULTS]]

        assert opens == "明天 09:00 开门"
        assert page.locator(".lk-near__next").inner_text() == f"附近最早开门的是{soonest.data.name}（{format_distance(metres(soonest))}）：{opens}。"
        assert page.locator(".lk-near__next a").get_attribute("href").endswith(f"venues/{soonest.id}/")
        assert errors == []
    finally:
        context.close()


def test_finder_does_not_shift_under_the_thumb(page, served_site):
    """Layout shift while /nearby/ loads on a slow phone (CPU 4x slower, 150 ms latency): was 0.18 when the tools appeared late."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 100_000})
    page.add_init_script(
        "window.__cls = 0; new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    page.goto(served_site + "nearby/", wait_until="networkidle")
    page.wait_for_timeout(1000)
    assert page.locator(".lk-districts .lk-place__open:not([data-state='unknown'])").count() > 0  # the script ran
    assert page.evaluate("window.__cls") < 0.05


def test_plain_http_says_the_site_needs_https_instead_of_blaming_the_browser(browser, served_site):
    """Many county sites are still served over http: browsers give a position only to https pages (or the
    computer itself), so a real host name over http is a non-secure page, whatever the browser."""
    from .conftest import CHROMIUM, CHROMIUM_ARGS

    port = urlsplit(served_site).port
    url = served_site.replace(f"127.0.0.1:{port}", f"youth.example.test:{port}")
    rules = "--host-resolver-rules=MAP youth.example.test 127.0.0.1"
    other = browser.browser_type.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, rules], headless=True)
    try:
        context = other.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", permissions=["geolocation"], geolocation={"latitude": HERE[0], "longitude": HERE[1]})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        open_finder(page, url + "nearby/")
        assert page.evaluate("window.isSecureContext") is False
        page.get_by_role("button", name="使用我的位置").click()
        status = page.locator(".lk-finder__status")
        assert status.inner_text().startswith("浏览器只向以 https:// 开头的网页提供位置，本页是用 http:// 打开的，所以无法按距离排序。请用 https 地址打开本站。")
        assert "这个浏览器不能" not in status.inner_text()
        assert status.get_by_role("link", name="用 https 打开本页").get_attribute("href") == url.replace("http://", "https://") + "nearby/"
        assert page.locator(".lk-near").is_hidden() and page.locator(".lk-districts .lk-place:visible").count() == len(CONTENT.open_venues)
        assert errors == []
    finally:
        other.close()
