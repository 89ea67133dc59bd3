"""The files beside the pages and the search index written on the second core while MkDocs reads and draws
the pages (leaguekit/mkdocs/background.py): the same bytes as writing them in the build process, and all or nothing."""

from __future__ import annotations

import os
import threading
import time

import pytest
from conftest import build_site, make_project
from mkdocs.exceptions import Abort, PluginError

from leaguekit.mkdocs import background, plugin
from leaguekit.output import posters, search_index


def write_two(folder):
    (folder / "t").mkdir(parents=True)
    (folder / "t/0.json").write_text("{}", encoding="utf-8")
    (folder / "pid").write_text(str(os.getpid()), encoding="utf-8")


def fail(folder):
    folder.mkdir(parents=True)
    raise ValueError("分词表坏了")


@pytest.fixture
def forking(monkeypatch):
    """The job forks as in `make build`, even when earlier tests left threads behind (the browser tests'
    servers): a process with threads runs its jobs inline, which these tests are not about."""
    monkeypatch.setattr(background, "forking_helps", lambda: True)


def test_a_job_runs_in_another_process_and_its_folder_replaces_the_target(tmp_path, forking):
    target = tmp_path / "site/search"
    target.mkdir(parents=True)
    (target / "stale.json").write_text("old", encoding="utf-8")
    job = background.Job.start(write_two, tmp_path / "site/.scratch")
    assert job.pid is not None
    job.finish(target)
    assert sorted(p.name for p in target.iterdir()) == ["pid", "t"]
    assert (target / "pid").read_text(encoding="utf-8") != str(os.getpid())
    assert not (tmp_path / "site/.scratch").exists()


def test_a_failing_job_reports_its_error_and_leaves_the_target_alone(tmp_path, forking):
    target = tmp_path / "search"
    target.mkdir()
    (target / "kept.json").write_text("kept", encoding="utf-8")
    job = background.Job.start(fail, tmp_path / ".scratch")
    with pytest.raises(background.JobFailed, match="ValueError: 分词表坏了"):
        job.finish(target)
    assert (target / "kept.json").read_text(encoding="utf-8") == "kept"
    assert not (tmp_path / ".scratch").exists()


def test_a_job_killed_from_outside_fails(tmp_path, forking):
    job = background.Job.start(lambda folder: time.sleep(30), tmp_path / ".scratch")
    os.kill(job.pid, 9)
    with pytest.raises(background.JobFailed, match="信号 9"):
        job.finish(tmp_path / "search")
    assert not (tmp_path / "search").exists()


def test_cancel_stops_the_job_and_removes_what_it_wrote(tmp_path, forking):
    def slow(folder):
        folder.mkdir()
        (folder / "part.json").write_text("{", encoding="utf-8")
        time.sleep(30)

    job = background.Job.start(slow, tmp_path / ".scratch")
    pid = job.pid
    started = time.monotonic()
    while not (tmp_path / ".scratch/part.json").exists() and time.monotonic() - started < 10:
        time.sleep(0.01)
    job.cancel()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # gone and reaped
    assert not (tmp_path / ".scratch").exists()


def test_with_threads_running_the_job_runs_inline_at_finish(tmp_path):
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)  # `mkdocs serve` has its file watcher
    watcher.start()
    try:
        job = background.Job.start(write_two, tmp_path / ".scratch")
        assert job.pid is None and not (tmp_path / ".scratch").exists()
        job.finish(tmp_path / "search")
        failing = background.Job.start(fail, tmp_path / ".scratch2")
        with pytest.raises(background.JobFailed, match="ValueError: 分词表坏了"):
            failing.finish(tmp_path / "search2")
    finally:
        stop.set()
        watcher.join()
    assert (tmp_path / "search/pid").read_text(encoding="utf-8") == str(os.getpid())
    assert not (tmp_path / ".scratch2").exists() and not (tmp_path / "search2").exists()


def site_files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_site_built_on_two_cores_is_the_one_built_on_one(project, monkeypatch, forking):
    forked = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forked.append(1) or fork())
    beside = site_files(build_site(project))
    assert len(forked) == 2, "the files and the index were not written in second processes"
    assert not [p for p in beside if p.startswith((plugin.SEARCH_SCRATCH, plugin.FILES_SCRATCH))]

    monkeypatch.setattr(background, "forking_helps", lambda: False)
    after = site_files(build_site(project))
    assert after == beside
    assert "search/manifest.json" in beside and any(p.startswith("search/t/") for p in beside)
    assert {"data/venues.csv", "data/hsds/datapackage.json", "assets/finder/manifest.json"} <= beside.keys()


def test_door_posters_are_shared_with_the_build_process_once_its_pages_are_drawn(tmp_path, monkeypatch, forking):
    project = make_project(tmp_path / "sample")
    monkeypatch.setenv("SITE_URL", "https://example.org/kit/")
    build_pid = os.getpid()
    made = tmp_path / "posters.txt"
    poster_at = posters.poster_at

    def recorded(content, index, site_url):
        where = "build" if os.getpid() == build_pid else "files"
        if where == "files":
            time.sleep(0.05)  # a national build's files' process still has thousands to make
        with open(made, "a", encoding="utf-8") as out:
            out.write(f"{where} {index}\n")
        return poster_at(content, index, site_url)

    monkeypatch.setattr(posters, "poster_at", recorded)
    shared = site_files(build_site(project))
    lines = [line.split() for line in made.read_text(encoding="utf-8").splitlines()]
    assert {where for where, _ in lines} == {"build", "files"}
    indexes = sorted(int(i) for _, i in lines)
    assert indexes == list(range(len(indexes))) and len(indexes) > 20  # each poster once
    assert len([p for p in shared if p.endswith("/print/index.html")]) == len(indexes)

    monkeypatch.setattr(background, "forking_helps", lambda: False)
    made.unlink()
    assert site_files(build_site(project)) == shared


def test_a_page_keeps_its_place_when_a_file_beside_it_has_its_path(project, monkeypatch):
    from leaguekit import output

    files = output.files
    monkeypatch.setattr(output, "files", lambda site, **kw: [*files(site, **kw), ("venues/test-venue/index.html", "不是页面"), ("robots-extra.txt", "新文件")])
    site = build_site(project)
    assert "不是页面" not in (site / "venues/test-venue/index.html").read_text(encoding="utf-8")
    assert (site / "robots-extra.txt").read_text(encoding="utf-8") == "新文件"


def test_failing_files_fail_the_build(project, monkeypatch, forking):
    from leaguekit.output import opendata

    def broken(site):
        raise OSError(28, "磁盘已满")

    monkeypatch.setattr(opendata, "files", broken)
    with pytest.raises(Abort) as built:
        build_site(project)
    error = built.value.__context__
    assert isinstance(error, PluginError)
    assert "数据文件未能生成，网站未生成：OSError: [Errno 28] 磁盘已满" in str(error)
    assert not (project / "site/data/venues.csv").exists()
    assert not [p for p in (project / "site").iterdir() if p.name.endswith("-building")]


def test_a_failing_index_fails_the_build(project, monkeypatch, forking):
    def broken(self, folder):
        raise RuntimeError("索引写不下去")

    monkeypatch.setattr(search_index.SearchIndex, "write", broken)
    with pytest.raises(Abort) as built:
        build_site(project)
    error = built.value.__context__
    assert isinstance(error, PluginError)
    assert "搜索索引未能生成，网站未生成：RuntimeError: 索引写不下去" in str(error)
    assert not (project / "site/search").exists()
    assert not (project / "site" / plugin.SEARCH_SCRATCH).exists()


def test_an_inline_job_fails_the_build_with_the_same_message(project, monkeypatch):
    """One core, or threads: the index is written in the build process, and its failure reads the same."""
    def broken(self, folder):
        raise RuntimeError("索引写不下去")

    monkeypatch.setattr(background, "forking_helps", lambda: False)
    monkeypatch.setattr(search_index.SearchIndex, "write", broken)
    with pytest.raises(Abort) as built:
        build_site(project)
    assert "搜索索引未能生成，网站未生成：RuntimeError: 索引写不下去" in str(built.value.__context__)
    assert not (project / "site" / plugin.SEARCH_SCRATCH).exists()


def test_a_failing_page_stops_the_index(project, monkeypatch):
    started = []
    start = background.Job.start

    def watched(work, scratch):
        job = start(lambda folder: time.sleep(30), scratch)
        started.append(job)
        return job

    monkeypatch.setattr(background.Job, "start", watched)
    monkeypatch.setattr(plugin.share, "head_tags", lambda **kw: 1 / 0)
    began = time.monotonic()
    with pytest.raises(ZeroDivisionError):
        build_site(project)
    assert time.monotonic() - began < 25
    assert len(started) == 2 and all(job.pid is None for job in started)  # both cancelled: killed and reaped
    assert not (project / "site" / plugin.SEARCH_SCRATCH).exists() and not (project / "site" / plugin.FILES_SCRATCH).exists()
