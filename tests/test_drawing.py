"""Pages drawn on two cores (leaguekit/mkdocs/drawing.py): the same bytes as one process drawing them all,
a page failing in the forked process fails the build with its message, and what it warns counts in strict mode."""

from __future__ import annotations

import logging
import os
import time

import pytest
from conftest import build_site, make_project, write
from mkdocs.exceptions import Abort, PluginError

from leaguekit.mkdocs import background, drawing, plugin
from leaguekit.output import share


@pytest.fixture
def sample(tmp_path):
    return make_project(tmp_path / "sample")


@pytest.fixture
def sharing(monkeypatch):
    """Pages shared as in `make build` of a large site, even when earlier tests left threads behind."""
    monkeypatch.setattr(background, "forking_helps", lambda: True)
    monkeypatch.setattr(drawing, "LEAST_PAGES", 2)


def drawn_by(monkeypatch, log, fail_in=None, warn_in=None):
    """Record which process drew each page (its sharing tags are made once per page drawn); raise or warn
    in the process whose pid is not the build's when asked (`fail_in="child"`)."""
    build_pid = os.getpid()
    tags = share.head_tags

    def recorded(**kw):
        where = "build" if os.getpid() == build_pid else "child"
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{where}|{kw['url']}\n")
        if fail_in == where:
            raise PluginError(f"第二个进程画不了 {kw['url']}")
        if warn_in == where:
            logging.getLogger("mkdocs.plugins.test").warning("第二个进程的提醒")
        return tags(**kw)

    monkeypatch.setattr(plugin.share, "head_tags", recorded)


def drawers(log):
    return [line.split("|") for line in log.read_text(encoding="utf-8").splitlines()]


def site_files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_pages_shared_by_two_processes_are_the_pages_one_draws(sample, tmp_path, monkeypatch, sharing):
    log = tmp_path / "drawn.txt"
    drawn_by(monkeypatch, log)
    shared = site_files(build_site(sample))
    who = [w for w, _ in drawers(log)]
    urls = [url for _, url in drawers(log)]
    assert "child" in who and "build" in who, "both processes drew pages"
    assert len(urls) == len(set(urls)), "no page was drawn twice"

    monkeypatch.setattr(drawing, "LEAST_PAGES", 10**9)
    log.unlink()
    alone = site_files(build_site(sample))
    assert {w for w, _ in drawers(log)} == {"build"}
    assert sorted(url for _, url in drawers(log)) == sorted(urls)
    assert alone == shared
    assert "venues/taigu-beiguang-youth-home/index.html" in shared and "index.html" in shared


def test_a_page_failing_in_the_other_process_fails_the_build_with_its_message(sample, tmp_path, monkeypatch, sharing, caplog):
    drawn_by(monkeypatch, tmp_path / "drawn.txt", fail_in="child")
    with pytest.raises(Abort):
        build_site(sample)
    assert "第二个进程画不了" in caplog.text
    assert "Error building page" in caplog.text  # MkDocs names the page, as in one process
    assert "Traceback" not in caplog.text


def test_a_warning_in_the_other_process_counts_in_strict_mode(sample, tmp_path, monkeypatch, sharing, caplog):
    drawn_by(monkeypatch, tmp_path / "drawn.txt", warn_in="child")
    with pytest.raises(Abort) as built:
        build_site(sample)
    assert "in strict mode" in str(built.value)
    assert "第二个进程的提醒" in caplog.text


def test_a_page_failing_here_stops_the_other_process(sample, tmp_path, monkeypatch, sharing):
    started = []
    start = drawing.Drawing.start

    def watched(*args):
        found = start(*args)
        started.append(found)
        return found

    monkeypatch.setattr(drawing.Drawing, "start", watched)
    build_pid = os.getpid()
    tags = share.head_tags

    def slow_there_broken_here(**kw):
        if os.getpid() != build_pid:
            time.sleep(30)
        elif kw["url"] != "":
            raise PluginError("这里画不了")
        return tags(**kw)

    monkeypatch.setattr(plugin.share, "head_tags", slow_there_broken_here)
    began = time.monotonic()
    with pytest.raises(Abort):
        build_site(sample)
    assert time.monotonic() - began < 25
    assert len(started) == 1 and started[0] is not None and started[0].job.pid is None  # killed and reaped


def test_a_site_with_another_plugin_that_sees_each_page_is_drawn_in_one_process(sample, tmp_path, monkeypatch, sharing):
    """Material's search plugin keeps each page's text as it is drawn (on_page_context), for its index: it
    must see every page, so no other process draws any."""
    config = (sample / "mkdocs.yml").read_text(encoding="utf-8")
    write(sample, "mkdocs.yml", config.replace("plugins:\n  - leaguekit\n", "plugins:\n  - search\n  - leaguekit\n"))
    log = tmp_path / "drawn.txt"
    drawn_by(monkeypatch, log)
    build_site(sample)
    assert {w for w, _ in drawers(log)} == {"build"}
    assert len(drawers(log)) > 100


def test_a_small_site_is_drawn_in_one_process(project, tmp_path, monkeypatch):
    monkeypatch.setattr(background, "forking_helps", lambda: True)
    log = tmp_path / "drawn.txt"
    drawn_by(monkeypatch, log)
    build_site(project)
    assert {w for w, _ in drawers(log)} == {"build"}
