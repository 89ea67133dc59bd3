"""hours.js in Chromium: the shared case file, and a venue page's live state on a phone with a frozen clock.

The browser gets the schedules the case file lists (what the build ships), never OSM text;
tests/test_hours.py checks that Python parses each text to exactly that schedule.
"""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import REPO, SAMPLE, build_site, make_project

from leaguekit.content import load, schedule
from leaguekit.content.hours import open_state, table_rows

from .conftest import serve

CONTENT = load(SAMPLE)
CHINA = ZoneInfo("Asia/Shanghai")
CASE_FILE = json.loads((REPO / "tests/hours_cases.json").read_text(encoding="utf-8"))
# Mo-Fr 09:00-12:00,14:30-17:30; Sa 09:00-12:00: a youth home like most in the sample.
VENUE = "taigu-mingxing-youth-home"


def test_hours_js_passes_the_shared_case_file(page, served_site):
    page.goto(served_site + "nearby/")
    schedules = {c["hours"]: c["schedule"] for c in CASE_FILE["parse"] if "schedule" in c}
    cases = CASE_FILE["cases"]
    got = page.evaluate(
        """([cases, schedules, calendar]) => cases.map(c => {
            const s = leaguekit.hours.openState(schedules[c.hours], c.closures || [], calendar, new Date(c.at));
            return [s.state, s.label];
        })""",
        [cases, schedules, CASE_FILE["calendar"]],
    )
    assert len(got) == len(cases) >= 30
    for case, (state, label) in zip(cases, got):
        assert (state, label) == (case["state"], case["label"]), case
    assert page.watch.errors == []


def open_venue(page, url: str, at: datetime) -> None:
    page.clock.install(time=at)
    page.goto(url)
    page.locator(".lk-open[data-state]:not([data-state='unknown'])").wait_for()


def today_row(page) -> str:
    return page.locator(".lk-week tr[aria-current='date']").get_attribute("data-day")


def test_national_day_shows_holiday_rest_on_the_venue_page(page, served_site):
    at = datetime(2026, 10, 1, 10, 0, tzinfo=CHINA)
    open_venue(page, served_site + f"venues/{VENUE}/", at)
    venue = CONTENT.venue[VENUE]
    assert page.locator(".lk-open").inner_text() == "节假日休息（国庆节） · 10月8日 09:00 开门"
    assert open_state(venue.hours, at, CONTENT.calendar).label == page.locator(".lk-open").inner_text()
    assert today_row(page) == "ph"
    assert page.locator(".lk-week tr[aria-current] th").evaluate("e => getComputedStyle(e, '::after').content") == '"（今天）"'
    assert page.watch.errors == [] and page.watch.foreign == []


def test_adjusted_working_day_opens_with_weekday_hours(page, served_site):
    """2026-10-10 is a Saturday worked for 国庆节: at 15:00 the venue keeps weekday hours (Saturdays close at 12:00)."""
    open_venue(page, served_site + f"venues/{VENUE}/", datetime(2026, 10, 10, 15, 0, tzinfo=CHINA))
    assert page.locator(".lk-open").inner_text() == "开放中 · 17:30 关门"
    assert page.locator(".lk-open").get_attribute("data-state") == "open"
    assert today_row(page) == "workday"


def test_venue_page_shows_its_live_state_and_coming_holidays(page, served_site):
    at = datetime(2026, 9, 21, 16, 0, tzinfo=CHINA)  # a Monday afternoon
    open_venue(page, served_site + f"venues/{VENUE}/", at)
    assert page.locator(".lk-open").inner_text() == "开放中 · 17:30 关门"
    assert today_row(page) == "0"
    coming = page.locator(".lk-closures li:visible").all_inner_texts()
    assert coming == [
        "9月25日至9月27日 中秋节假期，休息",
        "10月1日至10月7日 国庆节假期，休息",
        "10月10日（周六）调休上班，开放 09:00–12:00、14:30–17:30",
    ]
    # Late on a Friday the next opening is named, in words that never read like a permanent closure.
    page.clock.set_fixed_time(datetime(2026, 11, 27, 18, 0, tzinfo=CHINA))
    page.reload()
    page.locator(".lk-open[data-state='closed']").wait_for()
    assert page.locator(".lk-open").inner_text() == "休息中 · 明天 09:00 开门"
    assert today_row(page) == "4"
    # 2027's notice is not out: its 元旦 comes from the law.
    assert page.locator(".lk-closures li:visible").all_inner_texts() == ["1月1日 元旦假期（法定假日；连休和调休以国务院办公厅通知为准），休息"]
    assert page.watch.errors == []


def test_venue_closure_is_listed_while_it_is_coming(page, served_site):
    """A closure in the venue file (served here as the build writes it): listed until it is over; the state says when it reopens."""
    url = served_site + f"venues/{VENUE}/"

    def with_closure(route):
        html = route.fetch().text()
        assert '"z":[]' in html and '<ul class="lk-closures__list">\n</ul>' in html
        html = html.replace('"z":[]', '"z":[["2026-12-01","2026-12-20","装修"]]').replace(
            '<ul class="lk-closures__list">\n</ul>',
            '<ul class="lk-closures__list">\n<li data-from="2026-12-01" data-to="2026-12-20">2026年12月1日至12月20日 暂停开放（装修）</li>\n</ul>',
        )
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route(url, with_closure)
    page.clock.install(time=datetime(2026, 11, 25, 10, 0, tzinfo=CHINA))
    for at, listed, state in (
        (datetime(2026, 11, 25, 10, 0, tzinfo=CHINA), True, "开放中 · 12:00 关门"),
        (datetime(2026, 12, 2, 10, 0, tzinfo=CHINA), True, "暂停开放（装修） · 12月21日 09:00 开门"),
        (datetime(2026, 12, 21, 10, 0, tzinfo=CHINA), False, "开放中 · 12:00 关门"),
    ):
        page.clock.set_fixed_time(at)
        page.goto(url)
        page.locator(".lk-open[data-state]:not([data-state='unknown'])").wait_for()
        assert page.locator(".lk-open").inner_text() == state
        assert page.locator(".lk-closures li", has_text="装修").is_visible() == listed
    assert page.watch.errors == []


def test_a_year_without_a_notice_closes_on_the_statutory_days(page, served_dated_site):
    """Built in November 2026, read in 2027 before its notice is in data/holidays.yml: the law's days close the
    venue, and the coming holidays say that bridge days and 调休 follow the State Council's notice."""
    url = served_dated_site + f"venues/{VENUE}/"
    open_venue(page, url, datetime(2027, 1, 25, 10, 0, tzinfo=CHINA))
    assert page.locator(".lk-open").inner_text() == "开放中 · 12:00 关门"
    assert page.locator(".lk-closures li:visible").all_inner_texts() == ["2月5日至2月8日 春节假期（法定假日；连休和调休以国务院办公厅通知为准），休息"]
    for at, label in (
        (datetime(2027, 1, 1, 10, 0, tzinfo=CHINA), "节假日休息（元旦） · 明天 09:00 开门"),
        (datetime(2027, 2, 8, 10, 0, tzinfo=CHINA), "节假日休息（春节） · 明天 09:00 开门"),
    ):
        page.clock.set_fixed_time(at)
        page.goto(url)
        page.locator(".lk-open[data-state='holiday']").wait_for()
        assert page.locator(".lk-open").inner_text() == label == open_state(CONTENT.venue[VENUE].hours, at, CONTENT.calendar).label
        assert today_row(page) == "ph"
    assert page.watch.errors == []


def test_hours_silent_on_holidays_say_so_instead_of_open_or_closed(page, served_site):
    """A 7-day 青年驿站 whose hours never mention PH: on 国庆节 the page asks the visitor to call, and so does its week table."""
    station = CONTENT.venue["taiyuan-liuxiang-youth-station"]
    assert station.hours.holiday is None
    url = served_site + f"venues/{station.id}/"
    open_venue(page, url, datetime(2026, 9, 28, 10, 0, tzinfo=CHINA))
    assert page.locator(".lk-open").inner_text() == "开放中 · 21:00 关门"
    assert page.locator(".lk-closures li:visible").all_inner_texts() == ["10月1日至10月7日 国庆节假期，开放情况未说明，请先电话确认", "10月10日（周六）调休上班，开放 08:00–21:00"]
    assert page.locator('.lk-week tr[data-day="ph"] td').inner_text() == "未说明，请先电话确认"
    at = datetime(2026, 10, 2, 10, 0, tzinfo=CHINA)
    page.clock.set_fixed_time(at)
    page.goto(url)
    page.locator(".lk-open[data-state='unstated']").wait_for()
    assert page.locator(".lk-open").inner_text() == "节假日开放情况未说明（国庆节），请先电话确认" == open_state(station.hours, at, CONTENT.calendar).label
    assert today_row(page) == "ph"
    # The evening before, the next opening is not promised either.
    page.clock.set_fixed_time(datetime(2026, 9, 30, 21, 30, tzinfo=CHINA))
    page.goto(url)
    page.locator(".lk-open[data-state='closed']").wait_for()
    assert page.locator(".lk-open").inner_text() == "休息中 · 国庆节假期开放情况未说明，请先电话确认"
    assert page.watch.errors == []


@pytest.fixture(scope="module")
def served_october_site(tmp_path_factory):
    """The sample built as of Thursday 2026-10-08, the week before the adjusted working Saturday."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 10, 8, tzinfo=CHINA).timestamp())))
        site = build_site(make_project(tmp_path_factory.mktemp("october")))
    with serve(site, tmp_path_factory.mktemp("www-october")) as url:
        yield url


def test_adjusted_working_saturday_keeps_the_night_schools_class_and_its_hours_in_agreement(page, served_october_site):
    """2026-10-10, a Saturday worked for 国庆节: the night school (Tu,Th evenings; Sa 14:30-17:00) holds its Saturday
    calligraphy class, so its page says open while the class is on, and lists the class as 正在进行."""
    venue = CONTENT.venue["taigu-youth-night-school"]
    at = datetime(2026, 10, 10, 15, 0, tzinfo=CHINA)
    open_venue(page, served_october_site + f"venues/{venue.id}/", at)
    assert page.locator(".lk-open").inner_text() == "开放中 · 17:00 关门" == open_state(venue.hours, at, CONTENT.calendar).label
    assert today_row(page) == "workday"
    assert page.locator('.lk-week tr[data-day="workday"] td').inner_text() == "同当天周六、周日开放时间" == table_rows(venue.hours)[-1][2]
    card = page.locator('.lk-recent .lk-act[data-id="taigu-yexiao-shufa-2026-autumn"]')
    assert card.is_visible()
    assert card.locator(".lk-act__badge").inner_text() == "正在进行"
    assert card.locator(".lk-act__when").inner_text() == "10月10日 周六 14:30–16:30"
    session = schedule.status(CONTENT.activity["taigu-yexiao-shufa-2026-autumn"].occurrences, at)
    assert session.state == "ongoing"
    # After the class and the venue's Saturday hours: closed until Tuesday evening's dance class.
    page.clock.set_fixed_time(datetime(2026, 10, 10, 17, 30, tzinfo=CHINA))
    page.goto(served_october_site + f"venues/{venue.id}/")
    page.locator(".lk-open[data-state='closed']").wait_for()
    assert page.locator(".lk-open").inner_text() == "休息中 · 周二 19:00 开门"
    assert card.locator(".lk-act__when").inner_text() == "10月17日 周六 14:30–16:30"  # the next session
    assert page.watch.errors == []
