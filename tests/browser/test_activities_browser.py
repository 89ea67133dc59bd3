"""/activities/, an activity page and a venue's "近期活动" in Chromium, read a week after the build.

The dated sample is built as of Thursday 2026-11-26; the browser's clock is frozen at
Wednesday 2026-12-02 10:00 China time (the phone itself set to Los Angeles time in one
test). Expected values come from leaguekit.content.schedule.status for that instant.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from conftest import SAMPLE, SAMPLE_BUILD_DAY

from leaguekit.content import audience, load
from leaguekit.content import schedule as acts
from leaguekit.generate import Site
from leaguekit.generate.activities import RECENT, RECENT_SPARE, WINDOW_DAYS, listed, where

CHINA = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=CHINA)
CONTENT = load(SAMPLE)
BUILT = Site(CONTENT, today=SAMPLE_BUILD_DAY.date())
ON_PAGE = listed(BUILT)  # the cards /activities/ holds, filed by the build date


SECTIONS = [key for key, _ in acts.SECTIONS]


def on_the_page(now: datetime = NOW) -> list:
    """The cards the page was built with, and those the month files add: on or coming within WINDOW_DAYS of `now`."""
    built = [e for e, _ in ON_PAGE]
    added = [e for e in CONTENT.activities if e not in built and (st := acts.status(e.occurrences, now)).state != "over" and st.occurrence.start < now + timedelta(days=WINDOW_DAYS)]
    return built + added


def expected_sections(now: datetime = NOW) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {key: [] for key in SECTIONS}
    for entry, st in sorted(((e, acts.status(e.occurrences, now)) for e in on_the_page(now)), key=acts.sort_key):
        if st.section != "past":
            found[st.section].append(entry.id)
    return found


def visible_sections(page) -> dict[str, list[str]]:
    return {
        key: page.locator(f'section[data-section="{key}"] .lk-act:visible').evaluate_all("els => els.map(e => e.dataset.id)")
        for key in SECTIONS
    }


def open_at(browser, url: str, timezone: str = "Asia/Shanghai", now: datetime = NOW):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN", timezone_id=timezone)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.clock.set_fixed_time(now)
    page.goto(url)
    return context, page


def test_a_week_later_the_cards_move_to_the_right_weeks(browser, served_dated_site):
    context, page = open_at(browser, served_dated_site + "activities/", timezone="America/Los_Angeles")
    try:
        page.locator("[data-lk-activities][data-months-read]").wait_for()
        expected = expected_sections()
        assert visible_sections(page) == expected
        # Sanity: the build put these elsewhere, so the browser really moved them.
        built = {e.id: st.section for e, st in ON_PAGE}
        assert built["taigu-zhengxiaoqi-shalong-2026-12"] == "next-week" and "taigu-zhengxiaoqi-shalong-2026-12" in expected["this-week"]
        assert built["taiyuan-xuezi-guichao-ecnu-2026-12"] == "later" and "taiyuan-xuezi-guichao-ecnu-2026-12" in expected["next-week"]
        assert built["taigu-qinglian-dajiangtang-2026-11"] == "this-week" and not any("taigu-qinglian-dajiangtang-2026-11" in ids for ids in expected.values())
        assert "taigu-jindu-xuanjiang-2026-12" in expected["finished"]  # Tuesday's talk: finished, listed last
        assert page.locator('section[data-section="this-week"] .lk-acts__range').inner_text() == "11月30日至12月6日"
        assert page.locator('section[data-section="next-week"] .lk-acts__range').inner_text() == "12月7日至13日"

        # Each card says what Python says about that moment.
        shown = page.locator(".lk-act:visible").evaluate_all(
            "els => els.map(e => [e.dataset.id, e.dataset.state, e.querySelector('.lk-act__when').textContent, e.querySelector('.lk-act__badge').hidden ? '' : e.querySelector('.lk-act__badge').textContent])"
        )
        for ident, state, when, badge in shown:
            st = acts.status(CONTENT.activity[ident].occurrences, NOW)
            assert (state, when, badge) == (st.state, acts.when_label(st.occurrence), st.badge(NOW)), ident
        states = {ident: (state, badge) for ident, state, _, badge in shown}
        assert states["taigu-jindu-xuanjiang-2026-12"] == ("over", "已结束")  # Tuesday's talk, this week
        assert states["taiyuan-qingchun-banfei-liuxiang-2026"] == ("upcoming", "今天")  # Wednesday evening class
        assert page.errors == []
    finally:
        context.close()


def test_filters_live_in_the_url(browser, served_dated_site):
    context, page = open_at(browser, served_dated_site + "activities/")
    try:
        page.locator("[data-lk-activities][data-months-read]").wait_for()
        page.locator(".lk-filters-box summary").click()
        page.locator("article select[name=district]").select_option("太原市小店区")
        page.get_by_label("品牌项目").select_option("")
        assert parse_qs(urlsplit(page.url).query) == {"district": ["太原市小店区"]}
        in_xiaodian = {e.id for e in on_the_page() if where(BUILT, e).district == "太原市小店区"}
        expected = {key: [i for i in ids if i in in_xiaodian] for key, ids in expected_sections().items()}
        assert visible_sections(page) == expected and any(expected.values())
        assert page.locator(".lk-acts__count").inner_text() == f"符合条件的活动 {sum(map(len, expected.values()))} 个。"

        page.get_by_label("阵地类型").select_option("night-school")
        assert parse_qs(urlsplit(page.url).query) == {"district": ["太原市小店区"], "type": ["night-school"]}
        assert page.locator(".lk-acts__count").inner_text() == "没有符合条件的活动，请放宽筛选条件。"
        assert page.locator('section[data-section="this-week"] .lk-acts__empty').is_visible()
        assert page.locator('section[data-section="finished"]').is_hidden()  # no heading over nothing

        # A shared link restores the filters: a brand page's "查看更多活动" opens this view.
        page.goto(served_dated_site + "activities/?brand=taigu-qingnian-yexiao")
        page.locator("[data-lk-activities][data-months-read]").wait_for()
        assert page.get_by_label("品牌项目").input_value() == "taigu-qingnian-yexiao"
        yexiao = {a.id for a in CONTENT.activities_of_brand("taigu-qingnian-yexiao")}
        assert visible_sections(page) == {key: [i for i in ids if i in yexiao] for key, ids in expected_sections().items()}
        assert page.locator(".lk-filters-box").evaluate("e => e.open")
        assert page.errors == []
    finally:
        context.close()


def test_venue_page_shows_whats_next_there(browser, served_dated_site):
    venue = "taigu-talent-station"
    context, page = open_at(browser, served_dated_site + f"venues/{venue}/")
    try:
        section = page.locator("[data-lk-recent]")
        section.wait_for()
        at_build = sorted(((e, acts.status(e.occurrences, BUILT.now)) for e in CONTENT.activities_at(venue)), key=acts.sort_key)
        candidates = [e for e, st in at_build if st.section != "past"][: RECENT + RECENT_SPARE]
        now = sorted(((e, acts.status(e.occurrences, NOW)) for e in candidates), key=acts.sort_key)
        expected = [e.id for e, st in now if st.section != "past"][:RECENT]
        assert section.locator(".lk-act:visible").evaluate_all("els => els.map(e => e.dataset.id)") == expected
        assert expected == ["taigu-zhengxiaoqi-shalong-2026-12"]  # the 11月27日 lecture there is over
        assert section.locator(".lk-act:visible .lk-act__when").all_inner_texts() == ["12月3日 周四 14:30–16:30"]
        page.get_by_role("link", name="查看更多活动").click()
        page.locator("[data-lk-activities][data-months-read]").wait_for()
        assert page.get_by_label("举办阵地").input_value() == venue
        assert page.errors == []
    finally:
        context.close()


def test_activity_page_status_by_the_clock(browser, served_dated_site):
    context, page = open_at(browser, served_dated_site + "activities/taigu-yexiao-wudao-2026-autumn/")
    try:
        page.locator(".lk-act-status").wait_for()
        page.wait_for_function("document.querySelector('[data-lk-activity]').dataset.lkReady === '1'")
        assert page.locator(".lk-act-status").inner_text().split() == ["下一次：12月3日", "周四", "19:00–21:00"]
        ics = page.request.get(page.get_by_role("link", name="加入日历").evaluate("a => a.href"))
        assert ics.ok and ics.text().startswith("BEGIN:VCALENDAR") and "RRULE:FREQ=WEEKLY" in ics.text()
        assert page.errors == []
    finally:
        context.close()


def test_on_sunday_what_is_on_and_coming_comes_before_the_week_that_is_over(browser, served_dated_site):
    sunday = datetime(2026, 11, 29, 15, 0, tzinfo=CHINA)
    context, page = open_at(browser, served_dated_site + "activities/", now=sunday)
    try:
        page.locator("[data-lk-activities][data-months-read]").wait_for()
        expected = expected_sections(sunday)
        assert expected["finished"] and visible_sections(page) == expected
        order = page.locator(".lk-act:visible").evaluate_all("els => els.map(e => e.dataset.state)")
        assert order == sorted(order, key=lambda state: state == "over") and order[0] != "over"
        assert page.locator('section[data-section="finished"] h2').inner_text() == "本周已结束"
        # The silent live region under 筛选 takes no room.
        count = page.locator(".lk-acts__count")
        assert count.inner_text() == "" and count.evaluate("e => e.getBoundingClientRect().height") == 0
        assert page.errors == []
    finally:
        context.close()


def test_audience_filter_lives_in_the_url(browser, served_dated_site):
    context, page = open_at(browser, served_dated_site + "activities/")
    try:
        page.locator("[data-lk-activities][data-months-read]").wait_for()
        page.locator(".lk-filters-box summary").click()
        page.get_by_label("适合人群").select_option("children")
        assert parse_qs(urlsplit(page.url).query) == {"audience": ["children"]}
        children = {e.id for e in on_the_page() if "children" in audience.groups(e.data.audience)}
        expected = {key: [i for i in ids if i in children] for key, ids in expected_sections().items()}
        assert visible_sections(page) == expected and any(expected.values())
        for text in page.locator(".lk-act:visible .lk-act__who").all_inner_texts():
            assert text.startswith("面向")
        page.goto(served_dated_site + "activities/?audience=family")
        page.locator("[data-lk-activities][data-months-read]").wait_for()
        assert page.get_by_label("适合人群").input_value() == "family"
        family = {e.id for e in on_the_page() if "family" in audience.groups(e.data.audience)}
        assert visible_sections(page) == {key: [i for i in ids if i in family] for key, ids in expected_sections().items()}
        assert page.errors == []
    finally:
        context.close()


def test_a_public_holiday_with_nothing_on_points_to_open_venues(browser, served_dated_site):
    """国庆节 2026-10-02, a Friday with no activity: the note says so and links to the venues open now."""
    holiday = datetime(2026, 10, 2, 10, 0, tzinfo=CHINA)
    context, page = open_at(browser, served_dated_site + "activities/", now=holiday)
    try:
        page.locator("[data-lk-activities][data-months-read]").wait_for()
        note = page.locator(".lk-acts__holiday")
        end = datetime(2026, 10, 8, tzinfo=CHINA)
        later = [e for e, _ in ON_PAGE if (st := acts.status(e.occurrences, holiday)).state == "upcoming" and st.occurrence.start < end]
        assert not [e for e, _ in ON_PAGE if acts.status(e.occurrences, holiday).state == "ongoing"]
        assert note.inner_text() == "今天是国庆节假期，今天没有活动。可以去附近现在开放的阵地看看" + (f"；假期里还有 {len(later)} 个活动，见下方。" if later else "。")
        link = note.get_by_role("link", name="附近现在开放的阵地")
        assert link.get_attribute("href") == "../nearby/?near=1&open=1"
        page.clock.set_fixed_time(datetime(2026, 10, 9, 10, 0, tzinfo=CHINA))  # a working day: no note
        page.reload()
        page.locator("[data-lk-activities][data-months-read]").wait_for()
        assert note.is_hidden()
        assert page.errors == []
    finally:
        context.close()


def on_or_coming(now: datetime) -> list[str]:
    """What is on or coming at `now`, in /activities/' order: what the home page's "近期活动" shows first."""
    filed = sorted(((e, acts.status(e.occurrences, now)) for e in CONTENT.activities), key=acts.sort_key)
    return [e.id for e, st in filed if st.state != "over"]


@pytest.mark.parametrize(
    ("now", "must_show"),
    [
        # A Saturday two weeks after the build: that afternoon's 14:00 and 14:30 activities lead.
        (datetime(2026, 12, 12, 10, 0, tzinfo=CHINA), ["taigu-jiaoyou-lianyi-2026-12", "taigu-yexiao-shufa-2026-autumn"]),
        # Two months after the build: tonight's class, then the next morning's; nothing finished.
        (datetime(2027, 1, 29, 15, 0, tzinfo=CHINA), ["taiyuan-daxuexi-tuanke-wanbailin-2026", "taigu-chunlian-yimai-2027"]),
    ],
    ids=["2026-12-12", "2027-01-29"],
)
def test_home_page_shows_what_is_on_by_the_readers_clock(page, served_dated_site, now, must_show):
    page.clock.install(time=now)
    page.goto(served_dated_site)
    recent = page.locator("article [data-lk-recent][data-months-read]")
    recent.wait_for()
    ids = recent.locator(".lk-act:visible").evaluate_all("els => els.map(e => e.dataset.id)")
    assert ids == on_or_coming(now)[:RECENT] and ids[: len(must_show)] == must_show
    for card in recent.locator(".lk-act:visible").all():
        st = acts.status(CONTENT.activity[card.get_attribute("data-id")].occurrences, now)
        assert card.locator(".lk-act__when").inner_text() == acts.when_label(st.occurrence)
        assert card.get_attribute("data-state") != "over"
    # Links from the month files work from the home page.
    recent.locator(".lk-act:visible .lk-act__title").first.click()
    page.wait_for_url(served_dated_site + f"activities/{ids[0]}/")
    assert page.watch.errors == []


def test_home_page_fetches_only_the_months_it_needs(page, served_dated_site):
    """Flat in the number of activities: the reader's month, and the next ones only while fewer than three are known."""
    fetched: list[str] = []
    page.on("request", lambda r: "/assets/activities/" in r.url and fetched.append(r.url.rsplit("/", 1)[1]))
    page.clock.install(time=datetime(2026, 12, 12, 10, 0, tzinfo=CHINA))
    page.goto(served_dated_site)
    page.locator("article [data-lk-recent][data-months-read]").wait_for()
    assert fetched == ["2026-12.json"]


def test_activities_page_read_weeks_later_lists_a_later_event(page, served_dated_site):
    """Built 2026-11-26, read 2027-01-29: the event on 2月27日 is within the reader's two months, so it is listed
    under 以后 and the page never says 两个月内暂无更多活动."""
    now = datetime(2027, 1, 29, 15, 0, tzinfo=CHINA)
    page.clock.install(time=now)
    page.goto(served_dated_site + "activities/")
    page.locator("[data-lk-activities][data-months-read]").wait_for()
    assert "taigu-chunji-zhaopinhui-2027" in visible_sections(page)["later"]
    assert visible_sections(page) == expected_sections(now)
    assert page.locator('section[data-section="later"] .lk-acts__empty').is_hidden()
    card = page.locator('.lk-act[data-id="taigu-chunji-zhaopinhui-2027"]')
    assert card.locator(".lk-act__when").inner_text() == "2月27日 周六 09:00–12:00"
    assert card.locator(".lk-act__title").get_attribute("href") == "../activities/taigu-chunji-zhaopinhui-2027/"
    assert page.watch.errors == []
