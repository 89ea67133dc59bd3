"""`make build` never leaves site/ missing or partial: builds take turns, and the swap is one step."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from leaguekit.output import sitedir


def start_build(project: Path) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen([sys.executable, "-m", "leaguekit", "build"], cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def files_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


class Watch(threading.Thread):
    """Looks at site/ every millisecond; remembers any moment it had no index.html."""

    def __init__(self, site: Path):
        super().__init__(daemon=True)
        self.site, self.missing, self.running = site, 0, True

    def run(self) -> None:
        while self.running:
            if not (self.site / "index.html").exists():
                self.missing += 1
            time.sleep(0.001)


@pytest.fixture
def built(project) -> tuple[Path, set[str], float]:
    started = time.perf_counter()
    first = start_build(project)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    return project, files_of(project / "site"), time.perf_counter() - started


def test_two_builds_at_once_take_turns(built):
    project, expected, _ = built
    watch = Watch(project / "site")
    watch.start()
    builds = [start_build(project) for _ in range(2)]
    codes = [b.wait(timeout=600) for b in builds]
    watch.running = False
    watch.join()
    assert codes == [0, 0]
    assert watch.missing == 0
    assert files_of(project / "site") == expected
    assert not list(project.glob(".site-*"))


def test_a_build_killed_at_any_moment_leaves_a_complete_site(built):
    project, expected, seconds = built
    watch = Watch(project / "site")
    watch.start()
    rnd = random.Random(9)
    for delay in sorted(rnd.uniform(0, seconds * 1.3) for _ in range(6)):
        build = start_build(project)
        time.sleep(delay)
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
        build.wait(timeout=60)
        assert files_of(project / "site") == expected, delay
    watch.running = False
    watch.join()
    assert watch.missing == 0
    done = start_build(project)  # the next build clears what the killed ones left behind
    assert done.wait(timeout=300) == 0
    assert not list(project.glob(".site-*"))


def test_swap_without_renameat2_still_ends_with_the_new_site(tmp_path, monkeypatch):
    monkeypatch.setattr(sitedir, "_exchange", lambda a, b: False)
    site, new = tmp_path / "site", tmp_path / ".site-new"
    site.mkdir()
    (site / "old.html").write_text("old")
    new.mkdir()
    (new / "new.html").write_text("new")
    sitedir.swap_in(new, site)
    assert files_of(site) == {"new.html"} and files_of(new) == {"old.html"}


def test_swap_exchanges_in_one_step(tmp_path):
    site, new = tmp_path / "site", tmp_path / ".site-new"
    site.mkdir()
    (site / "old.html").write_text("old")
    new.mkdir()
    (new / "new.html").write_text("new")
    assert sitedir._exchange(new, site), "this Linux filesystem supports renameat2(RENAME_EXCHANGE)"
    assert files_of(site) == {"new.html"} and files_of(new) == {"old.html"}
