"""The staff path: scaffold a venue or brand, check it, build it, find it with its edit link and date."""

from __future__ import annotations

import os
import re
import subprocess

from conftest import REPO, photo, soup
from gitrepo import commit_all

from leaguekit.content import load
from leaguekit.content.schema import Brand, Venue

REPO_URL = "https://gitee.com/league/venues"


def make(project, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-s", *args, f"VENV={REPO / '.venv'}"],
        cwd=project,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_scaffold_check_build_edit_link_and_date(project):
    commit_all(project, "start", date="2025-01-02T09:00:00+08:00")
    new = make(project, "new-venue", "NAME=太谷区明星镇测试二青年之家", "TYPE=youth-home", "ORG=taigu", "DISTRICT=太谷区")
    assert new.returncode == 0, new.stderr
    created = sorted((project / "venues/taigu").glob("*.md"))
    assert [p.name for p in created] == ["taigu-mingxingzhenceshier.md", "test-venue.md"]
    source = created[0]
    assert f"已创建 venues/taigu/{source.name}" in new.stdout

    checked = make(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert "内容检查通过：2 个阵地" in checked.stdout

    commit_all(project, "new venue", date="2025-03-04T10:00:00+08:00")
    built = make(project, "build", env={"REPO_URL": REPO_URL})
    assert built.returncode == 0, built.stderr
    page = soup(project / "site", "venues/taigu-mingxingzhenceshier/")
    assert page.select_one("h1").get_text(strip=True) == "太谷区明星镇测试二青年之家"
    edit = page.select_one("a[rel=edit]")
    assert edit["href"] == f"{REPO_URL}/edit/main/venues/taigu/taigu-mingxingzhenceshier.md"
    assert edit["title"] == "编辑此页"
    assert page.select_one(".lk-updated").get_text(strip=True) == "最后更新：2025-03-04"
    assert soup(project / "site", "venues/test-venue/").select_one(".lk-updated time")["datetime"] == "2025-01-02"

    text = source.read_text(encoding="utf-8").replace("type: youth-home", "type: youth-hom")
    source.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("type:"))
    broken = make(project, "check")
    assert broken.returncode != 0
    assert f"venues/taigu/{source.name}:{line} type（阵地类型）= youth-hom 是未知的阵地类型；是否想写 “youth-home”？" in broken.stderr
    assert "内容检查：1 个错误" in broken.stderr


def test_scaffolded_file_lists_every_optional_field_and_each_example_validates(project):
    photo(project, "venues/taigu/photos/baita-door.jpg")
    assert make(project, "new-venue", "NAME=测试青年夜校", "TYPE=night-school", "ORG=taigu", "DISTRICT=太谷区", "ID=taigu-test-night").returncode == 0
    path = project / "venues/taigu/taigu-test-night.md"
    text = path.read_text(encoding="utf-8")
    commented = set(re.findall(r"^# (\w+): ", text, re.M))
    written = set(re.findall(r"^(\w+): ", text, re.M))
    optional = {k for k, f in Venue.model_fields.items() if not f.is_required()}
    # Night schools have no grades; public_mobile goes only beside a mobile number (the staff guide says when).
    assert optional - {"grade", "public_mobile"} <= commented | written
    assert "grade" not in commented | written

    path.write_text(re.sub(r"^# (\w+: )", r"\1", text, flags=re.M), encoding="utf-8")
    content = load(project)
    venue = content.venue["taigu-test-night"]
    assert venue.data.status == "closed" and venue.data.hours is not None and venue.data.photos
    assert venue.data.brands == ["test-brand"]


def test_new_brand(project):
    result = make(project, "new-brand", "NAME=青春护航", "ORG=太谷共青团", "CATEGORY=关爱帮扶", "SUMMARY=为青少年提供法律咨询。")
    assert result.returncode == 0, result.stderr
    text = (project / "brands/taigu-qingchunhuhang.md").read_text(encoding="utf-8")
    assert "org: taigu " in text and "category: care " in text
    assert all(f"# {k}: " in text for k, f in Brand.model_fields.items() if not f.is_required() and k != "sample")
    assert re.search(r"^sample: true +# 正文写好后删除此行$", text, re.M)  # the body is a placeholder until then
    assert "taigu-qingchunhuhang" in load(project).brand


def test_without_a_terminal_missing_values_are_named(project):
    result = make(project, "new-venue", "NAME=某某青年之家")
    assert result.returncode == 2
    assert "缺少 TYPE、ORG、DISTRICT；请这样运行：make new-venue NAME=… TYPE=… ORG=… DISTRICT=…" in result.stderr
    unknown = make(project, "new-venue", "NAME=某某青年之家", "TYPE=youth-hom", "ORG=taigu", "DISTRICT=太谷区")
    assert unknown.returncode == 2
    assert "“youth-hom”不是已有的阵地类型；是否想写 “youth-home”？" in unknown.stderr
    assert sorted(p.name for p in (project / "venues/taigu").glob("*.md")) == ["test-venue.md"]


def test_taken_id_is_refused(project):
    result = make(project, "new-venue", "NAME=某某青年之家", "TYPE=youth-home", "ORG=taigu", "DISTRICT=太谷区", "ID=test-venue")
    assert result.returncode == 2
    assert "“test-venue”已被使用" in result.stderr


def test_new_activity_passes_check_as_written(project):
    made = make(project, "new-activity", "TITLE=青联大讲堂：测试", "ORG=太谷共青团", "VENUE=test-venue", "BRAND=test-brand", "START=2026-12-20 15:00")
    assert made.returncode == 0, made.stderr
    assert "已创建 activities/taigu/taigu-qingliandajiangtang-ceshi.md" in made.stdout
    elsewhere = make(project, "new-activity", "TITLE=某某宣讲", "ORG=taigu", "ID=taigu-test-elsewhere")
    assert elsewhere.returncode == 0, elsewhere.stderr
    content = load(project)
    first = content.activity["taigu-qingliandajiangtang-ceshi"]
    assert (first.data.venue, first.data.brand, first.data.start, first.data.end) == ("test-venue", "test-brand", "2026-12-20 15:00", "2026-12-20 17:00")
    second = content.activity["taigu-test-elsewhere"]
    assert second.data.place is not None and second.data.sample and second.first.start.weekday() == 5

    text = (project / "activities/taigu/taigu-test-elsewhere.md").read_text(encoding="utf-8")
    enabled = text.replace("start: ", "# start: ").replace("end: ", "# end: ")
    enabled = "\n".join(line.replace("#   ", "  ").replace("# weekly:", "weekly:") if line.startswith(("#   ", "# weekly:")) else line for line in enabled.splitlines())
    (project / "activities/taigu/taigu-test-elsewhere.md").write_text(enabled, encoding="utf-8")
    assert load(project).activity["taigu-test-elsewhere"].recurring  # the commented weekly example validates too

    refused = make(project, "new-activity", "TITLE=某活动", "ORG=taigu", "VENUE=test-venu")
    assert refused.returncode == 2 and "“test-venu”不是已有的阵地；是否想写 “test-venue”？" in refused.stderr
