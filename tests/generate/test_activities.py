"""Activity pages filed by the build date, as a reader without JavaScript sees them (`generate.activities`)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from conftest import SAMPLE, SAMPLE_BUILD_DAY, soup

from leaguekit.content import audience, load
from leaguekit.content import schedule as acts
from leaguekit.content.geo import nav_links
from leaguekit.generate import Site
from leaguekit.generate.activities import RECENT, RECENT_SPARE, WINDOW_DAYS, listed, month_url, who_label

CHINA = ZoneInfo("Asia/Shanghai")
CONTENT = load(SAMPLE)
BUILT = Site(CONTENT, today=SAMPLE_BUILD_DAY.date())


# --- pages without JavaScript (filed by the build date) ----------------------------------------


def ids(node) -> list[str]:
    return [li["data-id"] for li in node.select(".lk-act")]


def test_activities_page_files_by_the_build_date(dated_site):
    page = soup(dated_site, "activities/")
    assert page.select_one("[data-lk-activities]")["data-built"] == "2026-11-26"
    expected = listed(BUILT)
    sections = [s["data-section"] for s in page.select("section[data-section]")]
    assert sections == ["this-week", "next-week", "later", "finished"]  # this week's finished ones last
    for key in sections:
        section = page.select_one(f'section[data-section="{key}"]')
        assert ids(section) == [e.id for e, st in expected if st.section == key], key
    this_week = page.select_one('section[data-section="this-week"]')
    assert this_week.select_one(".lk-acts__range").get_text() == "11月23日至29日"
    assert all(li["data-state"] != "over" for li in this_week.select(".lk-act"))
    finished = page.select_one('section[data-section="finished"]')
    assert finished.h2.get_text(strip=True) == "本周已结束" and not finished.has_attr("hidden")
    over = finished.select_one('.lk-act[data-id="taiyuan-hongse-yaosanjin-2026-11"] .lk-act__badge')
    assert over.get_text() == "已结束" and not over.has_attr("hidden")
    # The intro speaks to visitors; the build date is said only to readers without JavaScript.
    assert "生成" not in page.select_one(".lk-intro").get_text()
    assert page.select_one("article noscript").get_text() == "下面的活动按2026年11月26日的情况排列，请以活动页上的日期为准。"
    assert len(ids(page)) == len(expected) and all(st.occurrence.start < BUILT.now + timedelta(days=WINDOW_DAYS) for _, st in expected)
    # Filters are drawn in place (hidden by CSS without JavaScript: tests/browser/test_first_paint.py); their choices cover every card.
    assert not page.select_one(".lk-acts__tools").has_attr("hidden")
    districts = {o["value"] for o in page.select('select[name="district"] option') if o["value"]}
    assert {li["data-district"] for li in page.select(".lk-act")} <= districts
    assert {"taigu-qinglian-dajiangtang", "taiyuan-qingchun-banfei"} <= {o["value"] for o in page.select('select[name="brand"] option')}
    assert "elsewhere" in {o["value"] for o in page.select('select[name="type"] option')}


def test_cards_say_who_may_come_and_carry_their_audience_groups(dated_site):
    page = soup(dated_site, "activities/")
    card = page.select_one(".lk-act")
    entry = CONTENT.activity[card["data-id"]]
    assert card.select_one(".lk-act__who").get_text() == "面向" + who_label(entry)
    assert card["data-audience"].split() == list(audience.groups(entry.data.audience))
    qinglian = CONTENT.activity["taigu-qinglian-dajiangtang-2026-12"]
    assert who_label(qinglian) == "太谷区青年、返乡大学生和青年创业者（16 岁以上）"
    assert who_label(CONTENT.activity["taigu-yexiao-wudao-2026-autumn"]) == "太谷区 18–40 岁青年"  # the words already say the ages
    options = [(o["value"], o.get_text()) for o in page.select('select[name="audience"] option')]
    assert options == [("", "全部人群"), ("children", "少儿（12 岁及以下）"), ("teens", "青少年（13–17 岁）"), ("youth", "青年（18–35 岁）"), ("family", "亲子（家长带孩子）")]


def test_past_months_have_their_own_pages(dated_site):
    page = soup(dated_site, "activities/")
    past = [a.get_text() for a in page.select(".lk-acts__past a")]
    assert past == ["2026年10月", "2026年9月", "2026年8月", "2026年7月"]
    for month, items in acts.by_month(CONTENT.activities).items():
        listed_there = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in soup(dated_site, month_url(month)).select(".lk-act__title")]
        assert listed_there == [e.id for e, _ in items], month
    october = soup(dated_site, "activities/months/2026-10/")
    wudao = next(li for li in october.select(".lk-act") if "舞蹈" in li.get_text())
    days = wudao.select_one(".lk-act__when").get_text().split("：")[1].split("、")
    assert "本月 7 次" in wudao.get_text() and len(days) == 7 and not {"1日", "6日"} & set(days)  # 国庆: 10月1日、6日停办


def test_activity_page_has_calendar_and_directions(dated_site):
    entry = CONTENT.activity["taigu-zhengxiaoqi-shalong-2026-12"]
    page = soup(dated_site, f"activities/{entry.id}/")
    assert page.h1.get_text() == entry.data.title
    assert page.select_one(".lk-act-status .lk-act__when").get_text() == "12月3日 周四 14:30–16:30"
    add = page.find("a", string="加入日历")
    assert (dated_site / "activities" / entry.id / add["href"]).resolve() == (dated_site / f"feeds/activities/{entry.id}.ics").resolve()
    venue = CONTENT.venue[entry.data.venue].data
    hrefs = [a["href"] for a in page.select(".lk-nav__link")]
    assert hrefs == [link.href for link in nav_links(venue.name, venue.address, venue.location.lat, venue.location.lng)]
    facts = {row.dt.get_text(): row.dd.get_text(" ", strip=True) for row in page.select(".lk-facts__row")}
    assert facts["地点"] == venue.name and facts["费用"] == "免费" and facts["名额"] == "40 人"
    assert page.select_one('.lk-facts a[href="tel:0354-6235012"]') is not None


def test_venue_and_brand_pages_show_recent_activities(dated_site):
    for url, entries in (("venues/taigu-talent-station/", CONTENT.activities_at("taigu-talent-station")), ("brands/taigu-qinglian-dajiangtang/", CONTENT.activities_of_brand("taigu-qinglian-dajiangtang"))):
        section = soup(dated_site, url).select_one("[data-lk-recent]")
        coming = sorted(((e, acts.status(e.occurrences, BUILT.now)) for e in entries), key=acts.sort_key)
        coming = [e.id for e, st in coming if st.section != "past"]
        cards = section.select(".lk-act")
        assert [li["data-id"] for li in cards] == coming[: RECENT + RECENT_SPARE], url
        assert [li["data-id"] for li in cards if not li.has_attr("hidden")] == coming[:RECENT], url
        more = section.select_one(".lk-recent__more a")["href"]
        assert more.startswith("../../activities/?") and (dated_site / url / section.select(".lk-recent__more a")[1]["href"]).resolve().is_file()
    assert soup(dated_site, "venues/taigu-beiguang-youth-home/").select_one("[data-lk-recent]") is None  # no activities, no section
