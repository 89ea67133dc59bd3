"""Content files read on every core (`files.read_entries` above PARALLEL_MIN files) give what one
process gives: the same venues, the same problems in the same order, the same `make check` output
and exit code; a worker that dies costs time, not the check."""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
import time

import pytest
from conftest import venue_md, write

from leaguekit.__main__ import main
from leaguekit.content import files, load
from leaguekit.content.problems import ContentError


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    """As on the 2-core machines the kit is measured on, whatever this one has."""
    monkeypatch.setattr(files.os, "cpu_count", lambda: 2)


@pytest.fixture
def forking(monkeypatch):
    """Workers forked as under `make check`, so they run this test's patched functions, even when earlier
    tests in this process left threads running (which would make the kit use a fork server instead)."""
    monkeypatch.setattr(files, "_worker_context", lambda: multiprocessing.get_context("fork"))


def varied(project) -> None:
    """Forty venues in two orgs, every fifth one with a problem of another kind."""
    for n in range(40):
        org, district = ("taigu", "太谷区") if n % 2 else ("taiyuan", "小店区")
        fields = {"name": f"测试第{n}青年之家", "org": org, "district": district, "town": None, "brands": None}
        text = venue_md(f"第{n}个阵地的正文。", **fields)
        if n % 5 == 0:
            text = [
                venue_md(**fields, phone="13912340001"),  # a personal mobile
                venue_md(**fields, type="youth-hom"),  # an unknown type
                text.replace("name:", "name: [", 1),  # YAML syntax
                venue_md(**{**fields, "location": {"lat": "北纬", "lng": 112.5}}),  # not a number
                text + "正文里的手机 13912340002\n",  # personal data in the body
                "没有 front matter\n",
                venue_md(**fields, services=["study", "no-such-service"]),
                text.replace("\n---\n", "\nname: 重复\n---\n", 1),  # a repeated key
            ][n // 5]
        write(project, f"venues/{org}/test-{n:02d}.md", text)
    write(project, "venues/taigu/Bad Name.md", venue_md())
    write(project, "venues/loose.md", venue_md())


def outcome(project):
    try:
        content = load(project)
    except ContentError as exc:
        return "error", [str(p) for p in exc.problems]
    return "ok", [v.id for v in content.venues] + [str(p) for p in content.warnings]


def test_same_problems_in_the_same_order(project, monkeypatch, tmp_path, forking):
    varied(project)
    serial = outcome(project)
    assert serial[0] == "error" and len(serial[1]) >= 10
    parent, reading = os.getpid(), files._read_all

    def noted(rels, *args):  # a forked worker runs it too: the module as it was at the fork
        if os.getpid() != parent:
            (tmp_path / f"piece-{rels[0].replace('/', '-')}").write_text("\n".join(rels))
        time.sleep(0.05 if os.getpid() != parent else 0.01)  # workers slower than this process: both read some
        return reading(rels, *args)

    monkeypatch.setattr(files, "_read_all", noted)
    monkeypatch.setattr(files, "PARALLEL_MIN", 2)
    monkeypatch.setattr(files, "PIECE", 4)
    monkeypatch.setattr(files.os, "cpu_count", lambda: 3)  # two workers
    assert outcome(project) == serial
    rels = files.folder_files(project, "venues", [])
    pieces = sorted((p.read_text().splitlines() for p in tmp_path.glob("piece-*")), key=lambda p: rels.index(p[0]))
    # 43 files in 22 pieces of 2 (8 pieces a core at least), the last of 1: the workers took theirs from the end,
    # this process the rest from the start, each piece once.
    taken = sum(pieces, [])
    assert len(rels) == 43 and [len(p) for p in pieces] == [2] * (len(pieces) - 1) + [1]
    assert 1 <= len(pieces) < 22 and taken == rels[len(rels) - len(taken) :]


def test_same_content_when_valid(project, monkeypatch):
    for n in range(30):
        write(project, f"venues/taigu/test-{n:02d}.md", venue_md(f"第{n}个阵地。", name=f"测试第{n}青年之家", phone=None if n % 3 else "0354-6230000"))
    serial = outcome(project)
    assert serial[0] == "ok" and len(serial[1]) > 31
    monkeypatch.setattr(files, "PARALLEL_MIN", 2)
    parallel = load(project)
    assert outcome(project) == serial
    assert [v.data for v in parallel.venues] == [v.data for v in load(project).venues]


def test_same_check_output_and_exit_code(project, monkeypatch, capsys):
    varied(project)
    assert main(["check", str(project)]) == 1
    serial = capsys.readouterr()
    monkeypatch.setattr(files, "PARALLEL_MIN", 2)
    assert main(["check", str(project)]) == 1
    assert capsys.readouterr() == serial
    assert "test-10.md" in serial.err and "YAML 语法错误" in serial.err


def test_a_dead_worker_is_replaced_by_this_process(project, monkeypatch, capsys, forking):
    varied(project)
    serial = outcome(project)
    parent, reading = os.getpid(), files._read_all

    def dies_in_a_worker(*args):
        if os.getpid() != parent:
            os._exit(9)  # as the kernel's out-of-memory killer would end it
        return reading(*args)

    monkeypatch.setattr(files, "_read_all", dies_in_a_worker)
    monkeypatch.setattr(files, "PARALLEL_MIN", 2)
    monkeypatch.setattr(files, "PIECE", 5)
    assert outcome(project) == serial
    err = capsys.readouterr().err
    assert err.count("子进程失败") == 1 and "Traceback" not in err
    left, first = re.search(r"其余 (\d+) 个文件（(\S+) 起）改由主进程读取", err).groups()
    rels = files.folder_files(project, "venues", [])
    assert 0 < int(left) == len(rels) - rels.index(first)  # from the worker's first piece to the end


def test_same_problems_from_a_process_with_threads(project, monkeypatch):
    """`make serve` has threads (the file watcher): its workers come from a fork server, not a fork."""
    varied(project)
    serial = outcome(project)
    monkeypatch.setattr(files, "PARALLEL_MIN", 2)
    monkeypatch.setattr(files, "PIECE", 6)
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)
    watcher.start()
    try:
        assert files._worker_context().get_start_method() == "forkserver"
        assert outcome(project) == serial
    finally:
        stop.set()
        watcher.join()
