"""A venue's life on its page: moved (id and URL kept, the move said for a year), closed with a
successor (linked), new from the ledger without a story (a sentence from its facts, and a warning)."""

from __future__ import annotations

from datetime import date, timedelta

from conftest import build_site, soup, venue_md, write

from leaguekit.content import load
from leaguekit.content.problems import ContentError


def test_a_moved_venue_says_so_for_a_year(project):
    recent = (date.today() - timedelta(days=30)).isoformat()
    write(project, "venues/taigu/taigu-moved.md", venue_md(name="太谷区搬迁青年之家", address="山西省晋中市太谷区新址路 2 号", moved_on=recent, moved_from="山西省晋中市太谷区旧址路 1 号"))
    write(project, "venues/taigu/taigu-long-ago.md", venue_md(name="太谷区早年搬迁青年之家", address="山西省晋中市太谷区新址路 3 号", location={"lat": 37.43, "lng": 112.56}, moved_on="2020-05"))
    site = build_site(project)
    note = soup(site, "venues/taigu-moved/").select_one(".lk-moved")
    assert note.get_text(" ", strip=True) == f"本阵地已于 {recent} 迁至现址 （原址：山西省晋中市太谷区旧址路 1 号），请按本页地址前往。"
    assert soup(site, "venues/taigu-long-ago/").select_one(".lk-moved") is None


def test_a_closed_venue_links_its_successor(project):
    write(project, "venues/taigu/taigu-old.md", venue_md(name="太谷区旧青年之家", address="山西省晋中市太谷区旧路 1 号", location={"lat": 37.43, "lng": 112.56}, status="closed", closed_on="2024-06-30", successor="test-venue"))
    site = build_site(project)
    link = soup(site, "venues/taigu-old/").select_one(".lk-closed__successor a")
    assert (link.get_text(strip=True), link["href"]) == ("测试社区青年之家", "../test-venue/")


def test_a_successor_must_be_another_existing_venue_of_a_closed_one(project):
    write(project, "venues/taigu/taigu-old.md", venue_md(name="太谷区旧青年之家", address="山西省晋中市太谷区旧路 1 号", location={"lat": 37.43, "lng": 112.56}, status="closed", closed_on="2024-06-30", successor="test-venu"))
    write(project, "venues/taigu/taigu-open.md", venue_md(name="太谷区开放青年之家", address="山西省晋中市太谷区开放路 1 号", location={"lat": 37.44, "lng": 112.57}, successor="test-venue"))
    write(project, "venues/taigu/taigu-moved.md", venue_md(name="太谷区搬迁青年之家", address="山西省晋中市太谷区搬迁路 1 号", location={"lat": 37.45, "lng": 112.58}, moved_from="山西省晋中市太谷区旧址路 1 号"))
    try:
        load(project)
    except ContentError as exc:
        text = str(exc)
    assert "venues/taigu/taigu-old.md:23 successor（接续阵地）= test-venu 是未知的阵地；是否想写 “test-venue”？（见 venues/ 文件夹）" in text
    assert "venues/taigu/taigu-moved.md:21 moved_from（原址）= 山西省晋中市太谷区旧址路 1 号 写了原址，没有写搬迁日期；请添加一行 `moved_on: 2025-05-01`（搬到现在地址的日期）" in text
    assert "venues/taigu/taigu-open.md:21 successor（接续阵地）= test-venue 只有已关闭的阵地才写接续阵地；阵地已关闭请写 `status: closed` 和关闭日期；否则删除 successor" in text


def test_a_venue_without_a_story_reads_from_its_facts_and_is_flagged(project):
    write(project, "venues/taigu/test-venue.md", venue_md(body=""))
    assert [str(p) for p in load(project).warnings if p.field == "正文"] == [
        "venues/taigu/test-venue.md:22 正文 没有介绍；页面暂按类型、服务项目和开放时间写一句介绍；请在文件末尾（第二个 --- 之后）写几句：阵地做什么、青年来了能做什么（提醒）",
    ]
    intro = soup(build_site(project), "venues/test-venue/").select_one(".lk-intro").get_text(strip=True)
    assert intro == "测试社区青年之家是晋中市太谷区明星镇的青年之家（标准型），提供文化学习、志愿公益。开放时间：周一至周五 09:00–17:30；周六 09:00–12:00；周日 休息；法定节假日 未说明，请先电话确认。来访前可致电 0354-6230000。"
