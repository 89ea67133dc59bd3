"""Shared fixtures: temporary sites built with MkDocs' own API from what the tests own.

`tests/fixtures/sample/` is the tests' own copy of a sample site (content from the 太谷 and 太原 reports):
the repository's sample at the root may change or be replaced without touching a test. The kit's
Makefile, tools and lock come from the repository (the test sites run `make check` with them)."""

from __future__ import annotations

import shutil
import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parents[1]
SAMPLE = Path(__file__).resolve().parent / "fixtures/sample"
SITE_FILES = ("data", "docs", "mkdocs.yml", "macros.py")  # from SAMPLE
KIT_FILES = ("Makefile", "tools", "requirements", "pyproject.toml")  # from REPO

VALID_VENUE = """\
---
name: 测试社区青年之家
type: youth-home
grade: standard
org: taigu
district: 太谷区
town: 明星镇
address: 山西省晋中市太谷区测试路 1 号
location:
  lat: 37.42
  lng: 112.55
  datum: wgs84
hours: Mo-Fr 09:00-17:30; Sa 09:00-12:00
phone: "0354-6230000"
services: [study, volunteer]
brands: [test-brand]
sample: true
---
测试阵地的正文。
"""

VALID_BRAND = """\
---
name: 测试品牌
org: taigu
category: care
summary: 用于测试的品牌项目。
---
测试品牌的正文。
"""


VENUE_FIELDS = {
    "name": "测试社区青年之家",
    "type": "youth-home",
    "grade": "standard",
    "org": "taigu",
    "district": "太谷区",
    "town": "明星镇",
    "address": "山西省晋中市太谷区测试路 1 号",
    "location": {"lat": 37.42, "lng": 112.55, "datum": "wgs84"},
    "hours": "Mo-Fr 09:00-17:30; Sa 09:00-12:00",
    "phone": "0354-6230000",
    "services": ["study", "volunteer"],
    "brands": ["test-brand"],
    "sample": True,
}


def venue_md(body: str = "测试阵地的正文。", **fields: object) -> str:
    """A venue file: VALID_VENUE's fields, overridden (None drops a field), then `body`."""
    data = {k: v for k, v in {**VENUE_FIELDS, **fields}.items() if v is not None}
    if isinstance(data.get("location"), dict) and "datum" not in data["location"]:
        data["location"] = {**data["location"], "datum": "wgs84"}  # a location states its datum (required)
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"


def activity_md(**changes: str) -> str:
    """A one-off activity at the small project's venue; `changes` replace whole lines by their key
    (`start="start: …"`), an empty one drops the line."""
    lines = {
        "title": "title: 测试活动", "org": "org: taigu", "summary": "summary: 用于测试的单次活动。", "venue": "venue: test-venue",
        "start": "start: 2026-12-05 09:00", "end": "end: 2026-12-05 11:30", "audience": "audience:\n  who: 全区青年", "fee": "fee: free",
        "join": "join:\n  walk_in: true", "contact": "contact:\n  role: 团区委办公室", "sample": "sample: true",
    }
    lines.update(changes)
    return "---\n" + "\n".join(v for v in lines.values() if v) + "\n---\n测试活动的正文。\n"


def make_project(dest: Path, *, sample_content: bool = True) -> Path:
    """The sample site's settings and pages in `dest`, with its venues, brands and activities; with
    sample_content=False, one venue and one brand instead."""
    for root, names in ((SAMPLE, SITE_FILES), (REPO, KIT_FILES)):
        for name in names:
            src = root / name
            if src.is_dir():
                shutil.copytree(src, dest / name)
            else:
                shutil.copy2(src, dest / name)
    if sample_content:
        for name in ("venues", "brands", "activities"):
            shutil.copytree(SAMPLE / name, dest / name)
    else:
        write(dest, "venues/taigu/test-venue.md", VALID_VENUE)
        write(dest, "brands/test-brand.md", VALID_BRAND)
    return dest


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def photo(root: Path, rel: str, size: tuple[int, int] = (64, 48), fmt: str | None = None, **save: object) -> Path:
    """A small photo-like image (a gradient with noise, which compresses like a photo) saved as `fmt`
    (default: from the extension) with Pillow's `save` options (exif=…, quality=…)."""
    from PIL import Image

    width, height = size
    gradient = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_90).resize(size), Image.effect_noise(size, 60)))
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format=fmt or {".jpg": "JPEG", ".jpeg": "JPEG", ".heic": "HEIF"}.get(path.suffix.lower(), path.suffix[1:].upper()), **save)
    return path


def build_site(project: Path) -> Path:
    """Build `project` in-process, as MkDocs' own tests do; returns the site dir."""
    site = project / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.run_event("startup", command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.run_event("shutdown")
    return site


def soup(site: Path, url: str) -> BeautifulSoup:
    """Parse the built page at directory URL `url` (e.g. 'venues/x/')."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The tests' sample site (tests/fixtures/sample), built once per test session."""
    return build_site(make_project(tmp_path_factory.mktemp("sample")))


# The day the dated sample is built as (a Thursday): pages filed without JavaScript follow it.
SAMPLE_BUILD_DAY = datetime(2026, 11, 26, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="session")
def dated_site(tmp_path_factory) -> Path:
    """The sample site built as of SAMPLE_BUILD_DAY (SOURCE_DATE_EPOCH), whatever the clock says."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(int(SAMPLE_BUILD_DAY.timestamp())))
        return build_site(make_project(tmp_path_factory.mktemp("dated")))


@pytest.fixture
def project(tmp_path) -> Path:
    """A small valid project (one venue, one brand) to break in tests."""
    return make_project(tmp_path / "project", sample_content=False)


def brand_md(name: str, org: str = "taigu", summary: str = "用于测试的品牌项目。") -> str:
    return f"---\nname: {name}\norg: {org}\ncategory: care\nsummary: {summary}\n---\n{name}的正文。\n"


SQUATTED_NAME = "测试社区青年之家"  # the small project's venue (org taigu)


def squat(project: Path, copies: int = 14) -> Path:
    """Hostile pages named like the small project's venue, a service it offers and a venue type:
    brands of another org (`copies` of the venue's name, more than search.js re-ranks), one of the
    venue's own org, another org's venue calling itself by the name, brands named 文化学习, 自习, 青年之家."""
    for n in range(copies):
        write(project, f"brands/squat-venue-{n:02d}.md", brand_md(SQUATTED_NAME, org="taiyuan", summary=f"{SQUATTED_NAME}官方品牌，{SQUATTED_NAME}。"))
    write(project, "brands/own-venue-name.md", brand_md(SQUATTED_NAME))
    write(project, "brands/squat-service.md", brand_md("文化学习", org="taiyuan"))
    write(project, "brands/squat-alias.md", brand_md("自习", org="taiyuan"))
    write(project, "brands/squat-type.md", brand_md("青年之家", org="taiyuan"))
    write(
        project,
        "venues/taiyuan/squat-alias-venue.md",
        venue_md(
            name="太原市小店区测试青年之家", org="taiyuan", district="小店区", town=None, address="山西省太原市小店区测试路 2 号",
            location={"lat": 37.80, "lng": 112.56}, brands=None, also_known_as=[SQUATTED_NAME, "文化学习"],
        ),
    )
    return project
