"""The reuse hook `make serve` loads through (`files.ReadCache`, `files.reusing`): unchanged files are taken
as last read, changed, new and removed ones are read anew and named in `changed`, and the content is the
one a fresh load gives."""

from __future__ import annotations

import os

import pytest
from conftest import venue_md, write

from leaguekit.content import load
from leaguekit.content.files import ReadCache, reusing
from leaguekit.content.problems import ContentError


def saved(project, rel: str, text: str) -> None:
    path = write(project, rel, text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def summary(content) -> list[tuple[str, str, str | None]]:
    return [(v.id, v.data.name, v.data.phone) for v in content.venues]


def test_a_second_load_reads_only_what_changed_and_equals_a_fresh_load(project):
    write(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家"))
    write(project, "venues/taigu/third.md", venue_md(name="第三社区青年之家"))
    cache = ReadCache()
    with reusing(cache):
        load(project)
    assert cache.changed == {"venues/taigu/test-venue.md", "venues/taigu/second.md", "venues/taigu/third.md", "brands/test-brand.md"}
    kept = cache.entries["venues/taigu/third.md"][1]
    cache.changed = set()
    saved(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家（新）", phone="0354-6231111"))
    (project / "venues/taigu/test-venue.md").unlink()
    write(project, "venues/taigu/fourth.md", venue_md(name="第四社区青年之家"))
    with reusing(cache):
        content = load(project)
    assert cache.changed == {"venues/taigu/second.md", "venues/taigu/test-venue.md", "venues/taigu/fourth.md"}
    assert cache.entries["venues/taigu/third.md"][1] is kept  # not read again
    assert "venues/taigu/test-venue.md" not in cache.entries
    assert summary(content) == summary(load(project))
    assert ("second", "第二社区青年之家（新）", "0354-6231111") in summary(content)


def test_a_problem_in_an_unchanged_file_is_reported_again(project):
    write(project, "venues/taigu/second.md", venue_md(name="第二社区青年之家", phone="13912345678"))
    cache = ReadCache()
    for _ in range(2):
        with pytest.raises(ContentError) as info, reusing(cache):
            load(project)
        assert "venues/taigu/second.md" in str(info.value) and "手机号" in str(info.value)
