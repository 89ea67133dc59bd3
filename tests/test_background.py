"""The search index written on the second core while MkDocs draws the pages (leaguekit/mkdocs/background.py):
the same bytes as writing it in the build process, and all or nothing."""

from __future__ import annotations

import os
import threading
import time

import pytest
from conftest import build_site
from mkdocs.exceptions import Abort, PluginError

from leaguekit.mkdocs import background, plugin
from leaguekit.output import search_index


def write_two(folder):
    (folder / "t").mkdir(parents=True)
    (folder / "t/0.json").write_text("{}", encoding="utf-8")
    (folder / "pid").write_text(str(os.getpid()), encoding="utf-8")


def fail(folder):
    folder.mkdir(parents=True)
    raise ValueError("分词表坏了")


def test_a_job_runs_in_another_process_and_its_folder_replaces_the_target(tmp_path):
    target = tmp_path / "site/search"
    target.mkdir(parents=True)
    (target / "stale.json").write_text("old", encoding="utf-8")
    job = background.Job.start(write_two, tmp_path / "site/.scratch")
    assert job.pid is not None  # pytest runs these tests in one thread, on a machine with two cores
    job.finish(target)
    assert sorted(p.name for p in target.iterdir()) == ["pid", "t"]
    assert (target / "pid").read_text(encoding="utf-8") != str(os.getpid())
    assert not (tmp_path / "site/.scratch").exists()


def test_a_failing_job_reports_its_error_and_leaves_the_target_alone(tmp_path):
    target = tmp_path / "search"
    target.mkdir()
    (target / "kept.json").write_text("kept", encoding="utf-8")
    job = background.Job.start(fail, tmp_path / ".scratch")
    with pytest.raises(background.JobFailed, match="ValueError: 分词表坏了"):
        job.finish(target)
    assert (target / "kept.json").read_text(encoding="utf-8") == "kept"
    assert not (tmp_path / ".scratch").exists()


def test_a_job_killed_from_outside_fails(tmp_path):
    job = background.Job.start(lambda folder: time.sleep(30), tmp_path / ".scratch")
    os.kill(job.pid, 9)
    with pytest.raises(background.JobFailed, match="信号 9"):
        job.finish(tmp_path / "search")
    assert not (tmp_path / "search").exists()


def test_cancel_stops_the_job_and_removes_what_it_wrote(tmp_path):
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
        with pytest.raises(ValueError, match="分词表坏了"):
            failing.finish(tmp_path / "search2")
    finally:
        stop.set()
        watcher.join()
    assert (tmp_path / "search/pid").read_text(encoding="utf-8") == str(os.getpid())
    assert not (tmp_path / ".scratch2").exists() and not (tmp_path / "search2").exists()


def test_the_index_written_beside_the_pages_is_the_one_written_after_them(project, monkeypatch):
    forked = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forked.append(1) or fork())
    site = build_site(project)
    assert forked, "the index was not written in a second process"
    beside = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "search").rglob("*") if p.is_file()}
    assert not (site / plugin.SEARCH_SCRATCH).exists()

    monkeypatch.setattr(background, "forking_helps", lambda: False)
    site = build_site(project)
    after = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "search").rglob("*") if p.is_file()}
    assert after == beside
    assert "search/manifest.json" in beside and any(p.startswith("search/t/") for p in beside)


def test_a_failing_index_fails_the_build(project, monkeypatch):
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
    (job,) = started
    assert job.pid is None  # cancelled: killed and reaped
    assert not (project / "site" / plugin.SEARCH_SCRATCH).exists()
