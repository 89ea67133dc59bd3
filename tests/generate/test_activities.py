"""Activity pages filed by the build date, as a reader without JavaScript sees them (`generate.activities`)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from conftest import REPO, SAMPLE_BUILD_DAY, soup

from leaguekit.content import load
from leaguekit.content import schedule as acts
from leaguekit.content.geo import nav_links
from leaguekit.generate import Site
from leaguekit.generate.activities import RECENT, RECENT_SPARE, WINDOW_DAYS, listed, month_url

CHINA = ZoneInfo("Asia/Shanghai")
CONTENT = load(REPO)
BUILT = Site(CONTENT, today=SAMPLE_BUILD_DAY.date())


# --- pages without JavaScript (filed by the build date) ----------------------------------------


def ids(node) -> list[str]:
    return [li["data-id"] for li in node.select(".lk-act")]


def test_activities_page_files_by_the_build_date(dated_site):
    page = soup(dated_site, "activities/")
    assert page.select_one("[data-lk-activities]")["data-built"] == "2026-11-26"
    expected = listed(BUILT)
    for key in ("this-week", "next-week", "later"):
        section = page.select_one(f'section[data-section="{key}"]')
        assert ids(section) == [e.id for e, st in expected if st.section == key], key
    this_week = page.select_one('section[data-section="this-week"]')
    assert this_week.select_one(".lk-acts__range").get_text() == "11月23日至29日"
    over = this_week.select_one('.lk-act[data-id="taiyuan-hongse-yaosanjin-2026-11"] .lk-act__badge')
    assert over.get_text() == "已结束" and not over.has_attr("hidden")
    assert len(ids(page)) == len(expected) and all(st.occurrence.start < BUILT.now + timedelta(days=WINDOW_DAYS) for _, st in expected)
    # Filters are drawn for JavaScript only; their choices cover every card.
    assert page.select_one(".lk-acts__tools").has_attr("hidden")
    districts = {o["value"] for o in page.select('select[name="district"] option') if o["value"]}
    assert {li["data-district"] for li in page.select(".lk-act")} <= districts
    assert {"taigu-qinglian-dajiangtang", "taiyuan-qingchun-banfei"} <= {o["value"] for o in page.select('select[name="brand"] option')}
    assert "elsewhere" in {o["value"] for o in page.select('select[name="type"] option')}


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
