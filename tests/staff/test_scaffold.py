"""The staff path: scaffold a venue or brand, check it, build it, find it with its edit link and date."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from conftest import REPO, photo, soup, venue_md, write
from gitrepo import commit_all

from leaguekit.content import load
from leaguekit.content.schema import Brand, Venue
from leaguekit.staff import scaffold
from leaguekit.staff.scaffold import new_venue_id, unique_id

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
    # Night schools have no grades; public_mobile goes only beside a mobile number (the staff guide says when);
    # a new venue has not moved, nor closed with a successor.
    assert optional - {"grade", "public_mobile", "successor", "moved_on", "moved_from"} <= commented | written
    assert not {"successor", "moved_on", "moved_from"} & (commented | written)
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


class CountingSet(set):
    """A set of taken ids that counts the lookups made in it."""

    lookups = 0

    def __contains__(self, item: object) -> bool:
        CountingSet.lookups += 1
        return super().__contains__(item)


def test_new_ids_for_rows_with_one_name_cost_a_few_lookups_each():
    """The first free number after the run of taken ones, found in O(log n) lookups: 10,000 rows of
    one name once cost 50 million lookups (counting up from 2 for each)."""
    taken = CountingSet()
    for _ in range(10_000):
        taken.add(new_venue_id("太谷区明星镇青年之家", "太谷区", "青年之家", "taigu", taken))
    assert {"taigu-mingxingzhen", "taigu-mingxingzhen-2", "taigu-mingxingzhen-10000"} <= taken and len(taken) == 10_000
    assert CountingSet.lookups < 10_000 * 30
    assert unique_id("a", {"a", "a-2", "a-3", "a-5"}) == "a-4"
    assert unique_id("a", {"b"}) == "a"


def test_another_files_error_does_not_stop_the_scaffold(project):
    """Only the file it writes is the scaffold's business; make check still names the other one."""
    write(project, "venues/taigu/taigu-ok.md", venue_md(name="太谷区正常青年之家"))
    broken = project / "venues/taigu/test-venue.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("hours: Mo-Fr", "hours: Mo-Fri"), encoding="utf-8")
    made = make(project, "new-venue", "NAME=太谷区测试三青年之家", "TYPE=青年之家", "ORG=共青团晋中市太谷区委员会", "DISTRICT=太谷区")
    assert made.returncode == 0, made.stderr
    assert "已创建 venues/taigu/taigu-ceshisan.md，内容检查通过。" in made.stdout
    assert "另外：其他文件还有 1 个问题（与新文件无关），运行 make check 查看。" in made.stdout
    assert "location: {lat: 37.42, lng: 112.55, datum: wgs84}" in (project / "venues/taigu/taigu-ceshisan.md").read_text(encoding="utf-8")


def test_each_answer_is_checked_as_it_is_given_and_the_answers_are_kept(project, capsys):
    answers = iter(["家", "太谷区测试四青年之家", "youth-hom", "青年之家", "太谷团委", " 太谷 共青团", "太谷区", "百度", "高德"])
    asked: list[str] = []

    def prompt(question: str) -> str:
        asked.append(question)
        return next(answers)

    path, elsewhere = scaffold.run("venue", project, {"lat": "37°25'21\"", "lng": "112.5575", "address": "山西省晋中市太谷区测试路 4 号"}, prompt)
    said = capsys.readouterr().out
    assert "名称至少两个字。请重新填写。" in said
    assert "“youth-hom”不是已有的阵地类型；是否想写 “youth-home”？（见 data/venue_types.yml）。请重新填写。" in said
    assert "“太谷团委”不是已有的团组织" in said
    assert asked.count("阵地名称（例如 某某区某某街道青年之家）：") == 2 and asked[-1] == "坐标是从哪种地图复制的："
    text = path.read_text(encoding="utf-8")
    assert "location: {lat: 37.4225, lng: 112.5575, datum: bd09}" in text and "org: taigu " in text and elsewhere == []
    assert next(answers) == "高德"  # nothing asked twice that was right the first time

    # A file the answers cannot make (the id is taken) ends with the command that gives them all again.
    with pytest.raises(scaffold.ScaffoldError) as refused:
        scaffold.run("venue", project, {"name": "太谷区测试五青年之家", "type": "youth-home", "org": "taigu", "district": "太谷区", "ident": "test-venue"}, lambda q: "")
    assert str(refused.value).endswith(
        "已填写的内容没有丢失，改正后可以这样重新运行：\n  make new-venue NAME=太谷区测试五青年之家 TYPE=youth-home ORG=taigu DISTRICT=太谷区 ID=test-venue"
    )


def test_an_interrupted_session_keeps_what_was_answered(project):
    answers = iter(["太谷区测试十青年之家", "青年之家"])

    def prompt(question: str) -> str:
        for answer in answers:
            return answer
        raise EOFError  # Ctrl-D at the third question

    with pytest.raises(scaffold.ScaffoldError) as stopped:
        scaffold.run("venue", project, {}, prompt)
    assert str(stopped.value) == "已中断\n已填写的内容没有丢失，改正后可以这样重新运行：\n  make new-venue NAME=太谷区测试十青年之家 TYPE=youth-home"


def test_coordinates_given_say_which_map_they_came_from(project):
    asked = make(project, "new-venue", "NAME=太谷区测试六青年之家", "TYPE=youth-home", "ORG=taigu", "DISTRICT=太谷区", "ADDRESS=山西省晋中市太谷区测试路 6 号", "LAT=37.4221", "LNG=112.5575")
    assert asked.returncode == 2 and "缺少 DATUM；请这样运行：make new-venue DATUM=…" in asked.stderr
    made = make(project, "new-venue", "NAME=太谷区测试六青年之家", "TYPE=youth-home", "ORG=taigu", "DISTRICT=太谷区", "ADDRESS=山西省晋中市太谷区测试路 6 号", "LAT=112.5575,37.4221", "DATUM=高德地图")
    assert made.returncode == 0, made.stderr  # the pair as 高德's picker shows it, split as the form splits it
    assert "location: {lat: 37.4221, lng: 112.5575, datum: gcj02}" in (project / "venues/taigu/taigu-ceshiliu.md").read_text(encoding="utf-8")
    assert load(project).venue["taigu-ceshiliu"].data.location.lat != 37.4221  # GCJ-02, converted at load


def test_hours_in_words_and_the_holiday_question(project, capsys):
    """HOURS in staff's words is written as OSM; hours silent on holidays ask the holiday question first."""
    silent = make(project, "new-venue", "NAME=太谷区测试七青年之家", "TYPE=youth-home", "ORG=taigu", "DISTRICT=太谷区", "HOURS=周一至周五 9:00-17:00")
    assert silent.returncode == 2 and "缺少 HOLIDAYS；请这样运行：make new-venue HOLIDAYS=…" in silent.stderr
    made = make(project, "new-venue", "NAME=太谷区测试七青年之家", "TYPE=youth-home", "ORG=taigu", "DISTRICT=太谷区", "HOURS=周一至周五 9:00-17:00", "HOLIDAYS=照常开放")
    assert made.returncode == 0, made.stderr
    assert load(project).venue["taigu-ceshiqi"].data.hours == "Mo-Fr,PH 09:00-17:00"

    answers = iter(["照常开放", "9:00-12:00"])
    path, _ = scaffold.run("venue", project, {"name": "太谷区测试八青年之家", "type": "youth-home", "org": "taigu", "district": "太谷区", "hours": "周一至周五 9:00-17:00，周六 9:00-12:00"}, lambda q: next(answers))
    assert "平时各天的开放时间不同，照常是哪一段？请写明时间段。请重新填写。" in capsys.readouterr().out
    assert "\nhours: Mo-Fr 09:00-17:00; Sa,PH 09:00-12:00 " in path.read_text(encoding="utf-8")
