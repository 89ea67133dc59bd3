"""Closing and renaming a venue never breaks a printed URL or QR code."""

from __future__ import annotations

import pytest
from conftest import VALID_VENUE, build_site, photo, soup, write

from leaguekit.content import load
from leaguekit.content.problems import ContentError

VENUE = "venues/taigu/test-venue.md"


def venue(name: str, lat: float, extra: str = "", vtype: str = "youth-home") -> str:
    text = VALID_VENUE.replace("测试社区青年之家", name).replace("lat: 37.42", f"lat: {lat}").replace("sample: true", "sample: true\n" + extra)
    return text if vtype == "youth-home" else text.replace("type: youth-home", f"type: {vtype}").replace("grade: standard\n", "")


def problems_of(project) -> str:
    with pytest.raises(ContentError) as info:
        load(project)
    return str(info.value)


@pytest.fixture
def closed_site(project):
    """test-venue (37.42) closes; open youth homes lie 1, 5 and 30 km north; a night school is nearer still."""
    write(project, VENUE, venue("旧青年之家", 37.42, "status: closed\nclosed_on: 2024-06-30\naliases: [old-home, older-home]"))
    write(project, "venues/taigu/near.md", venue("近处青年之家", 37.429))
    write(project, "venues/taigu/middle.md", venue("中间青年之家", 37.465))
    write(project, "venues/taigu/far.md", venue("远处青年之家", 37.69))
    write(project, "venues/taigu/farthest.md", venue("最远青年之家", 38.5))
    write(project, "venues/taigu/school.md", venue("隔壁青年夜校", 37.4201, vtype="night-school"))
    return build_site(project)


def test_closed_page_says_so_and_points_to_nearest_open_of_same_type(closed_site):
    page = soup(closed_site, "venues/test-venue/")
    note = page.select_one(".lk-closed")
    assert "本阵地已于 2024-06-30 关闭" in note.get_text()
    cards = note.select(".lk-card")
    assert [c.select_one("a").get_text() for c in cards] == ["近处青年之家", "中间青年之家", "远处青年之家"]
    assert [c.select_one("a")["href"] for c in cards] == ["../near/", "../middle/", "../far/"]
    assert "约 1.0 公里" in cards[0].get_text()
    assert "开放时间" not in page.select_one(".lk-facts").get_text()
    assert page.select_one('meta[name="description"]')["content"].startswith("旧青年之家已于 2024-06-30 关闭。附近开放的青年之家：近处青年之家")


def test_closed_venue_leaves_listings_and_counts(closed_site):
    for url in ("venues/", "types/youth-home/", "districts/", "orgs/taigu/", "brands/test-brand/"):
        names = [a.get_text() for a in soup(closed_site, url).select(".lk-card__title")]
        assert "旧青年之家" not in names, url
        assert names, url
    assert "共收录 5 个阵地" in soup(closed_site, "venues/").get_text()
    assert load(closed_site.parent).open_venues == [v for v in load(closed_site.parent).venues if v.id != "test-venue"]


def test_aliases_redirect_relatively_to_the_new_page(closed_site):
    for alias in ("old-home", "older-home"):
        html = (closed_site / f"venues/{alias}/index.html").read_text(encoding="utf-8")
        page = soup(closed_site, f"venues/{alias}/")
        assert page.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../test-venue/"
        assert page.select_one('link[rel="canonical"]')["href"] == "../test-venue/"
        assert page.select_one("a")["href"] == "../test-venue/"
        assert page.select_one('meta[name="description"]')["content"]
        assert "旧青年之家" in html


def test_closed_needs_a_date_and_only_closed_has_one(project):
    write(project, VENUE, venue("甲青年之家", 37.42, "status: closed"))
    assert f"{VENUE}:18 status（状态）= closed 已关闭的阵地需要关闭日期；请添加一行 `closed_on: 2024-06-30`" in problems_of(project)
    write(project, VENUE, venue("甲青年之家", 37.42, "closed_on: 2024-06-30"))
    assert f"{VENUE}:18 closed_on（关闭日期）= 2024-06-30 只有已关闭的阵地才写关闭日期" in problems_of(project)
    write(project, VENUE, venue("甲青年之家", 37.42, "status: shut"))
    assert f"{VENUE}:18 status（状态）= shut 不是允许的值；可选值：'open' or 'closed'" in problems_of(project)


def test_alias_must_not_collide(project):
    write(project, VENUE, venue("甲青年之家", 37.42, "aliases: [second, test-venue, Old_Name]"))
    write(project, "venues/taigu/second.md", venue("乙青年之家", 37.43, "aliases: [shared]"))
    write(project, "venues/taiyuan/third.md", venue("丙青年之家", 37.44, "aliases:\n  - shared"))
    text = problems_of(project)
    assert f"{VENUE}:18 aliases[2]（旧网址）= Old_Name 不是合法的旧文件名" in text
    write(project, VENUE, venue("甲青年之家", 37.42, "aliases: [second, test-venue]"))
    text = problems_of(project)
    assert f"{VENUE}:18 aliases[0]（旧网址）= second 与 venues/taigu/second.md 的文件名相同" in text
    assert f"{VENUE}:18 aliases[1]（旧网址）= test-venue 就是本阵地的文件名" in text
    assert "venues/taiyuan/third.md:19 aliases[0]（旧网址）= shared 已是 venues/taigu/second.md 的旧网址" in text


def test_photo_without_alt_is_a_warning(project):
    photo(project, "docs/assets/photos/room.jpg")
    write(project, VENUE, venue("甲青年之家", 37.42, "photos:\n  - src: assets/photos/room.jpg"))
    content = load(project)
    assert [str(w) for w in content.warnings] == [
        f"{VENUE}:19 photos[0].alt（图片说明）= assets/photos/room.jpg 照片没有图片说明；请写 alt：图里有什么（例如“青年之家活动室”），供读屏软件朗读（提醒）"
    ]
    page = soup(build_site(project), "venues/test-venue/")
    assert page.select_one(".lk-photo img")["alt"] == "" and page.select_one(".lk-photo figcaption") is None
