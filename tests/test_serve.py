"""`make serve`: after the first build, a save redraws only what it changes (leaguekit.mkdocs.incremental),
and the site it leaves is the one a clean build of the same content makes."""

from __future__ import annotations

import filecmp
import logging
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import REPO, activity_md, make_project, venue_md, write
from mkdocs.commands.build import build
from mkdocs.config import load_config

from leaguekit.mkdocs import incremental

SERVE_URL = "http://127.0.0.1:8000/"


class Served:
    """A serve process's builds, in this process: the first as `mkdocs serve` makes it, then the kit's rebuilder."""

    def __init__(self, project: Path, site: Path):
        self.site = site
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.run_event("startup", command="serve", dirty=False)
        self.config = config
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL, dirty=False)
        self.rebuild = incremental.rebuilder(config.config_file_path, str(site), SERVE_URL, "127.0.0.1:8000", config.strict)

    def plugin(self):
        return self.config.plugins["leaguekit"]

    def close(self) -> None:
        self.config.plugins.run_event("shutdown")
        if (collecting := getattr(self.rebuild, "collecting", None)) is not None:
            collecting.cancel()
            collecting.join()


def clean_serve_build(project: Path, site: Path) -> Path:
    served = Served(project, site)
    served.close()
    return site


def differences(a: Path, b: Path) -> list[str]:
    """Files present in one site only, or with other bytes."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    found = sorted(files_a ^ files_b)
    found += sorted(rel for rel in files_a & files_b if not filecmp.cmp(a / rel, b / rel, shallow=False))
    return found


@pytest.fixture
def dated(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764900000")  # 2025-12-05: both builds file activities alike


def small_project(root: Path) -> Path:
    project = make_project(root, sample_content=False)
    write(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家", address="山西省晋中市太谷区测试路 2 号", location={"lat": 37.43, "lng": 112.56}))
    write(project, "venues/taigu/closed-one.md", venue_md(name="旧址青年之家", status="closed", closed_on="2024-06-30", location={"lat": 37.44, "lng": 112.57}))
    write(project, "activities/taigu/test-activity.md", activity_md())
    return project


def touch_later(path: Path) -> None:
    """Saved again: a new mtime even on a coarse clock."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def edited_then_compared(tmp_path: Path, edit, prepare=None) -> tuple[list[str], Served]:
    """`prepare(project)` if given, first build, `edit(project)`, the kit's rebuild; then the differences from a
    clean build of the edited content."""
    project = small_project(tmp_path / "p")
    if prepare is not None:
        prepare(project)
    served = Served(project, tmp_path / "served")
    try:
        edit(project)
        served.rebuild()
    finally:
        served.close()
    return differences(tmp_path / "served", clean_serve_build(project, tmp_path / "clean")), served


def save(project: Path, rel: str, text: str) -> None:
    write(project, rel, text)
    touch_later(project / rel)


SECOND = {"address": "山西省晋中市太谷区测试路 2 号", "location": {"lat": 37.43, "lng": 112.56}}


def test_a_field_edit_redraws_its_pages_and_equals_a_clean_build(tmp_path, dated, caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.leaguekit")
    before = {}

    def edit(project: Path) -> None:
        before.update({url: (tmp_path / "served" / url / "index.html").stat().st_mtime_ns for url in ("venues/test-venue/", "venues/second/")})
        save(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家（改名）", phone="0354-6239999", **SECOND))

    diff, _ = edited_then_compared(tmp_path, edit)
    assert diff == []
    page = (tmp_path / "served/venues/second/index.html").read_text(encoding="utf-8")
    assert "第二社区青年之家（改名）" in page and "0354-6239999" in page
    assert "第二社区青年之家（改名）" in (tmp_path / "served/brands/test-brand/index.html").read_text(encoding="utf-8")  # a listing showing it
    assert (tmp_path / "served/venues/test-venue/index.html").stat().st_mtime_ns == before["venues/test-venue/"]  # not linked: not written
    assert (tmp_path / "served/venues/second/index.html").stat().st_mtime_ns != before["venues/second/"]
    assert "Rewriting every page" not in caplog.text and "generated pages" in caplog.text
    assert "without MkDocs' build" in caplog.text  # the quick path (incremental.Session.quick)


NAMES_MACROS = """from leaguekit.mkdocs.macros import define_env as kit_env, on_pre_page_macros


def define_env(env):
    kit_env(env)

    @env.macro
    def venue_names():
        return "、".join(v.data.name for v in env.conf["extra"]["leaguekit"].content.venues)


__all__ = ["define_env", "on_pre_page_macros"]
"""


def test_quick_saves_redraw_a_hand_written_page_whose_macros_show_the_venue(tmp_path, dated, caplog):
    """Two saves in a row, each drawn without MkDocs' build: a hand-written page printing every venue's name
    (a site's own macro) shows the new one, another hand-written page is left as it was; the site equals a clean build."""
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.leaguekit")
    project = small_project(tmp_path / "p")
    write(project, "macros.py", NAMES_MACROS)
    write(project, "docs/orgs/taigu/names.md", "# 阵地名单\n\n{{ venue_names() }}\n")
    served = Served(project, tmp_path / "served")
    names, home = tmp_path / "served/orgs/taigu/names/index.html", tmp_path / "served/index.html"
    try:
        home_written = home.stat().st_mtime_ns
        save(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家（改名）", **SECOND))
        served.rebuild()
        assert "第二社区青年之家（改名）" in names.read_text(encoding="utf-8")
        reuse = served.plugin().session.memory.reuse
        rows = len(reuse.kept)
        save(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家（再改）", phone="0354-6238888", **SECOND))
        served.rebuild()
        assert "第二社区青年之家（再改）" in names.read_text(encoding="utf-8")
        assert len(reuse.kept) == rows  # rows made anew each build (an org's HSDS row) do not pile up
        assert "0354-6238888" in (tmp_path / "served/venues/second/index.html").read_text(encoding="utf-8")
        assert home.stat().st_mtime_ns == home_written  # what its macros drew is the same: not written again
    finally:
        served.close()
    assert caplog.text.count("without MkDocs' build") == 2
    assert differences(tmp_path / "served", clean_serve_build(project, tmp_path / "clean")) == []


def test_a_site_with_another_plugin_gets_mkdocs_build_on_each_save(tmp_path, dated, caplog):
    """Another plugin (here Material's tags) expects every build event: a save is drawn by MkDocs' build."""
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.leaguekit")

    def edit(project: Path) -> None:
        save(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家（改名）", **SECOND))

    def with_tags(project: Path) -> None:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n  - leaguekit\n", "plugins:\n  - leaguekit\n  - tags\n"), encoding="utf-8")

    differ, _ = edited_then_compared(tmp_path, edit, prepare=with_tags)
    assert "without MkDocs' build" not in caplog.text and "generated pages" in caplog.text
    assert "第二社区青年之家（改名）" in (tmp_path / "served/venues/second/index.html").read_text(encoding="utf-8")
    assert differ == []


def test_a_new_venue_equals_a_clean_build(tmp_path, dated):
    diff, _ = edited_then_compared(tmp_path, lambda p: save(p, "venues/taigu/third.md", venue_md(name="第三社区青年之家", address="山西省晋中市太谷区测试路 3 号", location={"lat": 37.41, "lng": 112.54})))
    assert diff == []
    assert "第三社区青年之家" in (tmp_path / "served/venues/third/index.html").read_text(encoding="utf-8")


def test_a_removed_venue_leaves_no_page_and_equals_a_clean_build(tmp_path, dated):
    diff, _ = edited_then_compared(tmp_path, lambda p: (p / "venues/taigu/second.md").unlink())
    assert diff == []
    assert not (tmp_path / "served/venues/second").exists()


def test_a_renamed_venue_file_equals_a_clean_build(tmp_path, dated):
    def edit(project: Path) -> None:
        (project / "venues/taigu/second.md").rename(project / "venues/taigu/second-renamed.md")

    diff, _ = edited_then_compared(tmp_path, edit)
    assert diff == []
    assert (tmp_path / "served/venues/second-renamed/index.html").is_file() and not (tmp_path / "served/venues/second").exists()


def test_a_moved_venue_and_a_brand_edit_equal_a_clean_build(tmp_path, dated):
    def edit(project: Path) -> None:
        save(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家", district="榆次区", type="youth-station", grade=None, address="山西省晋中市榆次区测试路 2 号", location={"lat": 37.69, "lng": 112.71}))
        save(project, "brands/test-brand.md", "---\nname: 测试品牌（新）\norg: taigu\ncategory: care\nsummary: 用于测试的品牌项目。\n---\n正文。\n")

    diff, _ = edited_then_compared(tmp_path, edit)
    assert diff == []


def test_an_invalid_edit_keeps_the_last_good_site_then_a_fix_shows(tmp_path, dated, caplog):
    project = small_project(tmp_path / "p")
    served = Served(project, tmp_path / "served")
    page = tmp_path / "served/venues/second/index.html"
    try:
        save(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家", phone="13912345678", **SECOND))
        served.rebuild()
        assert "未生成网站" in caplog.text and "手机号" in caplog.text and "预览未更新" in caplog.text
        assert "Traceback" not in caplog.text
        assert "0354-6230000" in page.read_text(encoding="utf-8")  # the last good page, still served
        save(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家", phone="0354-6231111", **SECOND))
        served.rebuild()
        assert "0354-6231111" in page.read_text(encoding="utf-8")
    finally:
        served.close()
    assert differences(tmp_path / "served", clean_serve_build(project, tmp_path / "clean")) == []


def test_a_save_made_while_another_file_is_wrong_shows_once_that_one_is_fixed(tmp_path, dated, caplog):
    """A venue saved while another venue file has a mistake: the build fails; fixing the other file shows both
    (the first save is still counted as changed), drawn without MkDocs' build."""
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.leaguekit")
    project = small_project(tmp_path / "p")
    served = Served(project, tmp_path / "served")
    try:
        save(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家（改名）", **SECOND))
        save(project, "venues/taigu/test-venue.md", venue_md(phone="13912345678"))
        served.rebuild()
        assert "预览未更新" in caplog.text
        save(project, "venues/taigu/test-venue.md", venue_md(phone="0354-6237777"))
        served.rebuild()
    finally:
        served.close()
    assert "第二社区青年之家（改名）" in (tmp_path / "served/venues/second/index.html").read_text(encoding="utf-8")
    assert "0354-6237777" in (tmp_path / "served/venues/test-venue/index.html").read_text(encoding="utf-8")
    assert "without MkDocs' build" in caplog.text
    assert differences(tmp_path / "served", clean_serve_build(project, tmp_path / "clean")) == []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_serve_port_serves_the_site_there(tmp_path):
    project = small_project(tmp_path / "p")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    server = subprocess.Popen(["make", "-s", "serve", f"PORT={port}", f"VENV={REPO / '.venv'}"], cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/venues/second/", timeout=5) as answer:
                    page = answer.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read().decode() if server.poll() is not None else "no answer"
                time.sleep(1)
        assert "第二社区青年之家" in page
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def test_an_activity_and_a_page_edit_rewrite_everything_and_equal_a_clean_build(tmp_path, dated, caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.leaguekit")

    def edit(project: Path) -> None:
        save(project, "activities/taigu/test-activity.md", activity_md(title="title: 改过的测试活动"))
        page = project / "docs/index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n新加的一段。\n", encoding="utf-8")
        touch_later(page)

    diff, _ = edited_then_compared(tmp_path, edit)
    assert diff == []
    assert "Rewriting every page" in caplog.text
    assert "新加的一段" in (tmp_path / "served/index.html").read_text(encoding="utf-8")


def test_an_hours_edit_keeps_the_search_index_and_equals_a_clean_build(tmp_path, dated):
    stamps = {}

    def edit(project: Path) -> None:
        stamps.update({p: p.stat().st_mtime_ns for p in (tmp_path / "served/search").rglob("*.json")})
        save(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家", hours="Mo-Su 08:00-20:00", **SECOND))

    diff, _ = edited_then_compared(tmp_path, edit)
    assert diff == []
    assert stamps and all(p.stat().st_mtime_ns == t for p, t in stamps.items())  # no search entry changed: not rewritten
    assert "08:00" in (tmp_path / "served/venues/second/index.html").read_text(encoding="utf-8")


def test_kept_open_data_rows_follow_a_data_edit_and_a_second_save(tmp_path, dated):
    """Open-data rows and finder records of unchanged venues are kept between saves (generate.site.Reuse);
    an org renamed in data/ still reaches every venue's row, and a later save its own."""
    project = small_project(tmp_path / "p")
    served = Served(project, tmp_path / "served")
    try:
        save(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家", hours="Mo-Su 08:00-20:00", **SECOND))
        served.rebuild()
        orgs = project / "data/orgs.yml"
        orgs.write_text(orgs.read_text(encoding="utf-8").replace("共青团晋中市太谷区委员会", "共青团晋中市太谷区委员会（改）"), encoding="utf-8")
        touch_later(orgs)
        served.rebuild()
        save(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家（再改）", hours="Mo-Su 08:00-20:00", **SECOND))
        served.rebuild()
    finally:
        served.close()
    assert differences(tmp_path / "served", clean_serve_build(project, tmp_path / "clean")) == []
    rows = (tmp_path / "served/data/venues.csv").read_text(encoding="utf-8-sig")
    assert rows.count("共青团晋中市太谷区委员会（改）") == 3 and "第二社区青年之家（再改）" in rows


@pytest.mark.parametrize("base", ["http://127.0.0.1:8000/", "https://example.org/kit", "https://example.org/青年/", "https://example.org/a?b=1", "https://example.org/#x"])
@pytest.mark.parametrize("url", ["", "venues/second/", "nearby/", "venues/第二/", "a/./b/", "../up/", "/abs/", "x:y/", "a;b/", "q?x/"])
def test_a_kit_page_has_mkdocs_canonical_url(base, url):
    """KitPage appends a plain URL to site_url instead of urljoin (every page of every build): the same result."""
    from mkdocs.structure.pages import Page

    from leaguekit.mkdocs.plugin import KitPage

    kit, bare = object.__new__(KitPage), object.__new__(Page)
    kit.file = bare.file = SimpleNamespace(url=url)
    kit._set_canonical_url(base)
    bare._set_canonical_url(base)
    assert (kit.canonical_url, kit.abs_url) == (bare.canonical_url, bare.abs_url)


def test_the_file_system_of_a_path_is_read_from_the_mounts(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/vda / ext4 rw 0 0\nC:\\134 /mnt/c 9p rw 0 0\n//nas/share /mnt/my\\040share cifs rw 0 0\n", encoding="utf-8")
    assert incremental.file_system(Path("/home/staff/site"), str(mounts)) == "ext4"
    assert incremental.file_system(Path("/mnt/c/Users/staff/site"), str(mounts)) == "9p"
    assert incremental.file_system(Path("/mnt/my share/site"), str(mounts)) == "cifs"
    assert incremental.file_system(Path("/mnt/cd"), str(mounts)) == "ext4"


def watched_server(root: Path):
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(root))
    (root / "venues").mkdir()
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    server.watch(str(root / "venues"))
    server.watch(str(root / "mkdocs.yml"))
    return server


def test_make_serve_hears_of_a_save_by_file_events_instead_of_polling(tmp_path):
    """On a local Linux file system the server is told of a save by inotify (MkDocs polls every file twice a
    second); a file in a watched folder and the watched config file each ask for a rebuild."""
    from watchdog.observers.polling import PollingObserver

    server = watched_server(tmp_path)
    assert incremental.watch_by_events(server, tmp_path)
    try:
        assert not isinstance(server.observer, PollingObserver) and sorted(server._watched_paths) == sorted([str(tmp_path / "venues"), str(tmp_path / "mkdocs.yml")])
        server.observer.start()  # as MkDocs' serve() does: it runs already
        for rel in ("venues/taigu/a.md", "mkdocs.yml"):
            server._want_rebuild = False
            write(tmp_path, rel, "---\nname: 新\n---\n")
            deadline = time.monotonic() + 5
            while not server._want_rebuild:
                assert time.monotonic() < deadline, f"no event for {rel}"
                time.sleep(0.05)
    finally:
        server.observer.stop()
        server.observer.join()


def test_a_share_without_file_events_keeps_mkdocs_polling(tmp_path, monkeypatch):
    from watchdog.observers.polling import PollingObserver

    monkeypatch.setattr(incremental, "file_system", lambda path, mounts="/proc/mounts": "9p")  # a Windows drive under WSL
    server = watched_server(tmp_path)
    assert not incremental.watch_by_events(server, tmp_path)
    assert isinstance(server.observer, PollingObserver) and len(server._watched_paths) == 2
