"""tools/sitediff.py on two real builds: the pages a pull request adds, changes and removes, for the job summary."""

from __future__ import annotations

import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, build_site, make_project, venue_md, write
from markdown_it import MarkdownIt

EPOCH = "1795000000"  # both sites filed by the same day, as the workflow builds them


def sitediff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "tools/sitediff.py"), *map(str, args)], capture_output=True, text=True, timeout=300)


def tables(markdown: str) -> dict[str, list[list[str]]]:
    """Each `### heading` with its table's rows (page, title) as GitHub would render them."""
    page = BeautifulSoup(MarkdownIt("commonmark").enable("table").render(markdown), "html.parser")
    return {h.get_text(): [[td.get_text() for td in tr.select("td")] for tr in h.find_next("table").select("tbody tr")] for h in page.select("h3")}


def base_project(path):
    project = make_project(path, sample_content=False)
    write(project, "venues/taigu/old-venue.md", venue_md(name="太谷区旧城青年之家", location={"lat": 37.43, "lng": 112.56}))
    return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The base branch has one venue more (old-venue); the pull request renames test-venue, removes old-venue and
    adds new-venue. The base is also built a second time, from a fresh copy."""
    root = tmp_path_factory.mktemp("sitediff")
    head = make_project(root / "head", sample_content=False)
    write(head, "venues/taigu/test-venue.md", venue_md(name="测试社区青年之家（新名）"))
    write(head, "venues/taigu/new-venue.md", venue_md(name="太谷区新城青年之家", location={"lat": 37.41, "lng": 112.54}))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build_site(base_project(root / "base")), build_site(head), build_site(base_project(root / "again"))


def test_added_changed_and_removed_pages_with_their_titles(sites):
    base, head, _ = sites
    result = sitediff(base, head, "--base", "main", "--artifact", "site")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("## 网站的变化（与目标分支 main 生成的网站相比）\n")
    found = tables(text)
    assert found["新增（1）"] == [["/venues/new-venue/", "太谷区新城青年之家"]]
    assert found["删除（1）"] == [["/venues/old-venue/", "太谷区旧城青年之家"]]
    changed = dict(found[next(k for k in found if k.startswith("修改"))])
    assert changed["/venues/test-venue/"] == "测试社区青年之家（新名）"
    # Everything that lists the venues changed with them; pages that do not show them did not.
    assert {"/venues/", "/nearby/", "/districts/jinzhong-taiguqu/", "/types/youth-home/", "/brands/test-brand/"} <= set(changed)
    assert not {"/", "/orgs/taigu/report/", "/orgs/taigu/figures/", "/activities/", "/data/", "/404.html"} & set(changed)
    total = len(list(head.rglob("*.html")))
    assert f"新增 1 个页面，修改 {len(changed)} 个，删除 1 个（本次共 {total} 个页面）。" in text
    assert "附件（Artifacts）“site”上传" in text


def test_the_same_content_built_twice_has_no_changes(sites):
    base, _, again = sites
    result = sitediff(base, again)
    assert result.returncode == 0 and "没有页面变化" in result.stdout and "###" not in result.stdout


def test_a_folder_that_is_not_a_built_site_is_named(tmp_path):
    result = sitediff(tmp_path, tmp_path)
    assert result.returncode == 2 and "不是生成好的网站" in result.stderr
