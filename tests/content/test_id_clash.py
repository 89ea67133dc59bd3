"""Two files with one id: the newcomer is named, never the established venue whose URL and printed
QR codes must not change, whatever the folders' order."""

from __future__ import annotations

import pytest
from conftest import venue_md, write
from gitrepo import commit_all

from leaguekit.content import load
from leaguekit.content.problems import ContentError


def problems_of(project) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(project)
    return [str(p) for p in info.value.problems if p.field == "文件名"]


def established(project) -> None:
    """venues/taiyuan/shared.md has been on the site for a year."""
    write(project, "venues/taiyuan/shared.md", venue_md(name="太原共享青年之家", org="taiyuan", district="小店区", location={"lat": 37.8, "lng": 112.56}))
    commit_all(project, "太原的阵地", date="2025-01-01T10:00:00+08:00")


def test_a_new_file_in_an_earlier_folder_is_blamed_not_the_established_one(project):
    established(project)
    write(project, "venues/taigu/shared.md", venue_md(name="太谷共享青年之家", address="山西省晋中市太谷区共享路 1 号", location={"lat": 37.43, "lng": 112.56}))
    expected = ["venues/taigu/shared.md:1 文件名 “shared”与 venues/taiyuan/shared.md 重名；文件名即网址，全站必须唯一；venues/taiyuan/shared.md 先有，它的网址和二维码不能变，请给本文件改名，例如加上县区前缀"]
    assert problems_of(project) == expected  # not committed yet
    commit_all(project, "太谷的新阵地", date="2026-02-01T10:00:00+08:00")
    assert problems_of(project) == expected  # committed later
