"""Git history is input (issue 25): a commit may claim any date and any order. Commit dates only date
pages, within [2005-04-07, the build's day]; today is the build's clock or SOURCE_DATE_EPOCH; an id
belongs to the org whose folder first held it."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from conftest import activity_md, build_site, soup, venue_md, write
from gitrepo import commit_all

from leaguekit import build
from leaguekit.__main__ import main
from leaguekit.content import schedule
from leaguekit.content.gitdates import first_owners, last_changed
from leaguekit.content.problems import ContentError

TAIYUAN = {"org": "taiyuan", "district": "小店区", "location": {"lat": 37.8, "lng": 112.56}}


@pytest.mark.parametrize("forged", ["@253402300000 +0800", "2099-06-01T10:00:00+08:00"], ids=["year-10000", "year-2099"])
def test_a_commit_dated_in_the_far_future_breaks_neither_check_nor_build(project, monkeypatch, forged):
    """Year 10000 once raised OverflowError in every later build while `make check` passed; 2099 filed
    every activity as past. Today is the build's clock, and the commit's date reads as today."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    today = schedule.build_date()
    write(project, "activities/taigu/soon.md", activity_md(start=f"start: {today + timedelta(days=20)} 09:00", end=f"end: {today + timedelta(days=20)} 11:30", sample=""))
    commit_all(project, "from the future", date=forged)
    assert main(["check", str(project)]) == 0
    monkeypatch.setenv("SITE_URL", "https://example.org/")  # the sitemap's dates; set after the check, which would then hold the sample to publishing
    site = build_site(project)
    assert soup(site, "venues/test-venue/").select_one(".lk-updated time")["datetime"] == today.isoformat()
    lastmods = set(re.findall(r"<lastmod>(.*?)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    assert lastmods == {today.isoformat()}
    assert soup(site, "activities/").select_one("[data-lk-activities]")["data-built"] == today.isoformat()
    assert "下一次：" in soup(site, "activities/soon/").get_text()


def test_source_date_epoch_is_today_for_check_and_build_alike(project, monkeypatch, capsys):
    """`make check`'s reminders and the build go by the same day: report figures are stale as of
    SOURCE_DATE_EPOCH for check, and the build files the activities by that day."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4070908800")  # 2099-01-01 (UTC), set by whoever builds
    assert schedule.build_date() == date(2099, 1, 1)
    assert main(["check", str(project)]) == 0
    assert "data/figures/taigu.yml:29 period 有 58 项数据的时期早于 2096 年（最晚 2024 年）" in capsys.readouterr().out
    assert soup(build_site(project), "activities/").select_one("[data-lk-activities]")["data-built"] == "2099-01-01"


def test_dates_are_clamped_to_git_and_the_build_day(tmp_path):
    (tmp_path / "venues").mkdir()
    for name, when in (("old.md", "@0 +0800"), ("future.md", "@253402300000 +0800"), ("real.md", "2024-02-02T12:00:00+08:00")):
        (tmp_path / "venues" / name).write_text("1")
        commit_all(tmp_path, name, date=when)
    assert last_changed(tmp_path, date(2026, 11, 26)) == {"venues/future.md": "2026-11-26", "venues/real.md": "2024-02-02"}


def test_history_is_read_parent_before_child_whatever_the_dates(tmp_path):
    """A later commit back-dated to 2010 still holds the file's last change (dates do not order history)."""
    (tmp_path / "venues/taigu").mkdir(parents=True)
    (tmp_path / "venues/taigu/a.md").write_text("1")
    commit_all(tmp_path, "first", date="2024-05-05T12:00:00+08:00")
    (tmp_path / "venues/taigu/a.md").write_text("2")
    commit_all(tmp_path, "second, back-dated", date="2010-01-01T12:00:00+08:00")
    assert last_changed(tmp_path, date(2026, 11, 26)) == {"venues/taigu/a.md": "2010-01-01"}
    (tmp_path / "venues/taigu/a.md").unlink()
    (tmp_path / "venues/taiyuan").mkdir()
    (tmp_path / "venues/taiyuan/a.md").write_text("3")
    commit_all(tmp_path, "moved, dated before both", date="2006-01-01T12:00:00+08:00")
    assert first_owners(tmp_path, "venues") == {"a": {"taigu"}}


def test_a_new_file_may_not_take_another_orgs_deleted_venue_id(project):
    write(project, "venues/taiyuan/old-station.md", venue_md(name="太原某青春驿站", **TAIYUAN))
    commit_all(project, "a taiyuan venue")
    (project / "venues/taiyuan/old-station.md").unlink()
    commit_all(project, "closed down and removed")
    write(project, "venues/taigu/old-station.md", venue_md(name="太谷某青年之家"))
    with pytest.raises(ContentError) as checked:
        build.load(project)
    assert (
        "venues/taigu/old-station.md:1 文件名 “old-station”曾是 venues/taiyuan/old-station.md（taiyuan 的阵地）的网址；"
        "网址和印出的二维码属于最先使用它的团组织，不能转给其他团组织的阵地；请换一个文件名"
    ) in str(checked.value)
    (project / "venues/taigu/old-station.md").rename(project / "venues/taigu/taigu-station.md")
    build.load(project)


def test_adding_and_deleting_a_file_in_one_pull_request_launders_no_id(project):
    """taigu adds then deletes venues/taigu/old-station.md (two commits of one pull request), then
    points an old id at taiyuan's former address: the id is still taiyuan's."""
    write(project, "venues/taiyuan/old-station.md", venue_md(name="太原某青春驿站", **TAIYUAN))
    commit_all(project, "a taiyuan venue")
    (project / "venues/taiyuan/old-station.md").unlink()
    commit_all(project, "closed down and removed")
    write(project, "venues/taigu/old-station.md", venue_md(name="太谷某青年之家"))
    commit_all(project, "pull request, commit 1")
    (project / "venues/taigu/old-station.md").unlink()
    write(project, "venues/taigu/test-venue.md", venue_md(aliases=["old-station"]))
    commit_all(project, "pull request, commit 2")
    with pytest.raises(ContentError) as checked:
        build.load(project)
    assert "venues/taigu/test-venue.md:22 aliases[0]（旧网址）= old-station 曾是 venues/taiyuan/old-station.md（taiyuan 的阵地）的网址" in str(checked.value)
