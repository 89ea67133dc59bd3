"""`python -m leaguekit new-site`: a committee's content repository that uses the kit and copies none of it,
from the first venue to a site ready to publish."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml
from conftest import REPO

VENV = REPO / ".venv"
SAMPLE_WORDS = re.compile("太谷|太原|山西|晋中|taigu|taiyuan|jinzhong")  # not "shanxi": 陕西 is shǎnxī too


def new_site(dest, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "leaguekit", "new-site", str(dest), *args], capture_output=True, text=True, timeout=120)


def make(repo, *args: str, **env: str) -> subprocess.CompletedProcess:
    """The content repository's own Makefile, on the kit's test environment (already holding the kit)."""
    return subprocess.run(
        ["make", "-s", *args, f"VENV={VENV}", "-o", f"{VENV}/.site"],
        cwd=repo,
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def xian(tmp_path_factory):
    repo = tmp_path_factory.mktemp("adopt") / "xian-youth"
    done = new_site(repo, "--org", "xian", "--name", "共青团西安市委员会", "--region", "陕西省西安市", "--kit", str(REPO))
    assert done.returncode == 0, done.stderr
    return repo


def test_the_repository_holds_content_and_settings_but_no_kit_code(xian):
    files = sorted(p.relative_to(xian).as_posix() for p in xian.rglob("*") if p.is_file() and ".git/" not in p.as_posix() + "/")
    assert "venues/xian/.gitkeep" in files and "activities/xian/.gitkeep" in files
    assert {"mkdocs.yml", "Makefile", "README.md", "CODEOWNERS", "requirements.txt", "docs/index.md", "deploy/nginx.conf"} <= set(files)
    assert {".github/workflows/site.yml", ".gitlab-ci.yml", ".gitea/workflows/site.yml", ".forgejo/workflows/site.yml"} <= set(files)
    assert [f for f in files if f.endswith((".py", ".js", ".css", ".html"))] == ["macros.py"]
    assert "from leaguekit.mkdocs.macros import" in (xian / "macros.py").read_text(encoding="utf-8")
    config = (xian / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- leaguekit" in config and "custom_dir" not in config and "hooks" not in config
    assert (xian / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == f"leaguekit @ {REPO.as_uri()}"
    orgs = yaml.safe_load((xian / "data/orgs.yml").read_text(encoding="utf-8"))
    assert orgs == [{"id": "xian", "name": "共青团西安市委员会", "short_name": "西安共青团", "region": "陕西省西安市", "level": "city", "contacts": [{"role": "12355 青少年服务台", "phone": "12355"}]}]
    assert yaml.safe_load((xian / "data/site.yml").read_text(encoding="utf-8"))["publisher"] == "xian"
    for ci in (".github/workflows/site.yml", ".gitlab-ci.yml", ".gitea/workflows/site.yml"):
        assert "make check" in (xian / ci).read_text(encoding="utf-8") and yaml.safe_load((xian / ci).read_text(encoding="utf-8"))
    assert "/venues/xian/" in (xian / "CODEOWNERS").read_text(encoding="utf-8")
    readme = (xian / "README.md").read_text(encoding="utf-8")
    assert "共青团西安市委员会" in readme and "make serve" in readme and "make test" in readme
    for path in files:
        assert not SAMPLE_WORDS.search((xian / path).read_text(encoding="utf-8")), path


def test_new_site_refuses_what_it_cannot_make(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full/keep.txt").write_text("x", encoding="utf-8")
    assert new_site(tmp_path / "full", "--org", "xian", "--name", "共青团西安市委员会", "--region", "陕西省西安市").stderr == f"未创建：{tmp_path / 'full'} 已存在且不是空文件夹；请换一个文件夹\n"
    bad = new_site(tmp_path / "a", "--org", "Xi An", "--name", "共青团西安市委员会", "--region", "陕西省西安市")
    assert bad.returncode == 2 and bad.stderr.startswith("未创建：“Xi An”不能作团组织 id")
    assert not (tmp_path / "a").exists()
    unknown = new_site(tmp_path / "b", "--org", "x", "--name", "某某团委", "--region", "某地", "--kit", "0.4")
    assert unknown.stderr == "未创建：从行政区域“某地”看不出层级，请加 --level province、city 或 district\n"


def test_from_an_empty_repository_to_a_published_site(xian):
    empty = make(xian, "test")
    assert empty.returncode == 0, empty.stderr
    assert "venues/:1 还没有任何阵地；用 make new-venue" in empty.stdout
    assert "提示：没有设置 SITE_URL（网站的公开地址）" in empty.stderr

    made = make(xian, "new-venue", "NAME=西安市雁塔区长延堡街道青年之家", "TYPE=youth-home", "ORG=xian", "DISTRICT=雁塔区")
    assert made.returncode == 0, made.stderr
    (venue,) = (xian / "venues/xian").glob("*.md")

    refused = make(xian, "check", SITE_URL="https://youth.example.cn/")
    assert refused.returncode != 0
    rel = venue.relative_to(xian).as_posix()
    assert f"{rel}:10 sample 仍标为示例数据，不能发布；核实地址、坐标、开放时间和电话等内容后删除 sample: true 这一行" in refused.stderr
    assert "data/site.yml:1 feedback 没有纠错与建议的联系方式" in refused.stderr
    assert "以上内容未达到上线标准，不能发布。" in refused.stderr

    text = venue.read_text(encoding="utf-8")
    text = re.sub(r"address: .*", "address: 陕西省西安市雁塔区长延堡街道某某路 1 号", text)
    text = re.sub(r"location: .*", "location: {lat: 34.2031, lng: 108.9386, datum: wgs84}", text)
    text = re.sub(r"sample: true.*\n", "", text)
    text = re.sub(r"（待补充：.*）", "街道青年的学习和志愿服务场所。", text)
    venue.write_text(text, encoding="utf-8")
    with (xian / "data/site.yml").open("a", encoding="utf-8") as out:
        out.write("feedback: mailto:youth@example.cn\n")

    ready = make(xian, "check", SITE_URL="https://youth.example.cn/")
    assert ready.returncode == 0, ready.stderr
    built = make(xian, "build", SITE_URL="https://youth.example.cn/")
    assert built.returncode == 0, built.stderr
    site = xian / "site"
    page = (site / f"venues/{venue.stem}/index.html").read_text(encoding="utf-8")
    assert "西安市雁塔区长延堡街道青年之家" in page and "西安共青团" in page
    leaks = sorted({p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".json", ".xml", ".css", ".ics", ".csv") and SAMPLE_WORDS.search(p.read_text(encoding="utf-8", errors="replace"))})
    assert leaks == []
