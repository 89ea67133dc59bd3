"""Ownership follows folders (issue 18): an old id may not take over another org's former address
(git history), district page URLs do not depend on which file sorts first, and a district name one
character away from another gets a warning from `make check`."""

from __future__ import annotations

import pytest
from conftest import build_site, soup, venue_md, write
from gitrepo import commit_all
from mkdocs.exceptions import Abort

from leaguekit import build
from leaguekit.__main__ import main
from leaguekit.content import load
from leaguekit.content.problems import ContentError

TAIYUAN = {"org": "taiyuan", "district": "小店区", "location": {"lat": 37.8, "lng": 112.56}}


def test_an_alias_may_not_take_another_orgs_former_address(project):
    write(project, "venues/taiyuan/old-station.md", venue_md(name="太原某青春驿站", **TAIYUAN))
    write(project, "venues/taigu/old-home.md", venue_md(name="太谷旧青年之家"))
    commit_all(project, "two venues")
    (project / "venues/taiyuan/old-station.md").unlink()
    (project / "venues/taigu/old-home.md").unlink()
    commit_all(project, "both closed down and removed")
    write(project, "venues/taigu/test-venue.md", venue_md(aliases=["old-home", "old-station"]))
    with pytest.raises(ContentError) as checked:
        build.load(project)
    message = "venues/taigu/test-venue.md:23 aliases[1]（旧网址）= old-station 曾是 venues/taiyuan/old-station.md（taiyuan 的阵地）的网址；旧网址只能写本团组织阵地改名前的文件名"
    assert message in str(checked.value)
    assert "old-home" not in str(checked.value)  # its own org's former page: a rename, allowed
    with pytest.raises(Abort):
        build_site(project)
    write(project, "venues/taigu/test-venue.md", venue_md(aliases=["old-home"]))
    site = build_site(project)
    assert soup(site, "venues/old-home/").select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../test-venue/"


def district_pages(site) -> dict[str, str]:
    return {p.parent.name: soup(site, f"districts/{p.parent.name}/").h1.get_text() for p in (site / "districts").glob("*/index.html")}


@pytest.mark.parametrize("lookalike_file", ["aaa.md", "zzz.md"])
def test_district_urls_do_not_depend_on_which_file_sorts_first(project, lookalike_file):
    """太古区 reads taiguqu like 太谷区, which has a district committee in data/orgs.yml: 太谷区 keeps
    the page's URL whether the look-alike's file sorts before or after."""
    write(project, f"venues/taigu/{lookalike_file}", venue_md(name="太古区某青年之家", district="太古区"))
    write(project, f"venues/taigu/{lookalike_file.replace('.md', '-2.md')}", venue_md(name="太古区另一青年之家", district="太古区"))
    pages = district_pages(build_site(project))
    assert pages["jinzhong-taiguqu"] == "晋中市太谷区"
    others = [key for key, title in pages.items() if title == "晋中市太古区"]
    assert len(others) == 1 and others[0].startswith("jinzhong-taiguqu-") and len(others[0]) == len("jinzhong-taiguqu-") + 6


def test_without_a_committee_the_district_with_more_venues_keeps_its_url(project):
    for n in range(3):
        write(project, f"venues/taiyuan/real-{n}.md", venue_md(name=f"小店区青年之家{n}", **TAIYUAN))
    write(project, "venues/taiyuan/a-first.md", venue_md(name="晓店区青年之家", **{**TAIYUAN, "district": "晓店区"}))
    pages = district_pages(build_site(project))
    assert pages["taiyuan-xiaodianqu"] == "太原市小店区"
    assert [title for key, title in pages.items() if key.startswith("taiyuan-xiaodianqu-")] == ["太原市晓店区"]


def test_a_district_one_character_away_gets_a_warning(project, capsys):
    for n in range(2):
        write(project, f"venues/taiyuan/real-{n}.md", venue_md(name=f"小店区青年之家{n}", **TAIYUAN))
    write(project, "venues/taiyuan/typo.md", venue_md(name="小店县青年之家", **{**TAIYUAN, "district": "小店县"}))
    write(project, "venues/taigu/near.md", venue_md(name="太谷县青年之家", district="太谷县"))
    warnings = [str(w) for w in load(project).warnings if w.field == "district"]
    assert warnings == [
        "venues/taigu/near.md:6 district（县区）= 太谷县 与同一城市已有的县区“太谷区”（1 个阵地）只差一个字；是否写错了？同一县区请写同一个名称，县区页面按名称生成；确是另一个县区则不必修改（提醒）",
        "venues/taiyuan/typo.md:6 district（县区）= 小店县 与同一城市已有的县区“小店区”（2 个阵地）只差一个字；是否写错了？同一县区请写同一个名称，县区页面按名称生成；确是另一个县区则不必修改（提醒）",
    ]
    assert main(["check", str(project)]) == 0  # a warning, not an error
    assert "venues/taiyuan/typo.md:6 district（县区）= 小店县 与同一城市已有的县区“小店区”" in capsys.readouterr().out
    assert {"taiyuan-xiaodianqu", "taiyuan-xiaodianxian"} <= set(district_pages(build_site(project)))
