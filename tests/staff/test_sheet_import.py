"""Importing the ledger: sheets made by LibreOffice (tests/staff/sheets/, remade by make.py there),
matched, compared, validated by the kit's own loader and written only when every row is valid."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
import yaml
from conftest import REPO, make_project, venue_md, write
from python_calamine import CalamineWorkbook

from leaguekit.content import load
from leaguekit.staff import sheet_export, sheet_import
from leaguekit.staff.columns import vocabularies
from leaguekit.staff.frontmatter import read_venues
from leaguekit.staff.sheet_read import SheetError

SHEETS = Path(__file__).parent / "sheets"
# The venues the sheets in tests/staff/sheets/ were written against.
VENUES = {
    "taigu-baita": {
        "name": "太谷区白塔社区青年之家", "grade": "demonstration", "town": "明星镇", "address": "山西省晋中市太谷区明星镇白塔社区党群服务中心二楼",
        "location": {"lat": 37.4236, "lng": 112.5488}, "hours": "Mo-Fr 09:00-12:00,14:30-17:30; Sa 09:00-12:00", "phone": "0354-6231018",
        "services": ["study", "volunteer", "childcare"], "established": "2021-05",
    },
    "taigu-beiguang": {
        "name": "太谷区北洸乡青年之家", "town": "北洸乡", "address": "山西省晋中市太谷区北洸乡党群服务中心", "location": {"lat": 37.4083, "lng": 112.4925},
        "hours": "Mo-Fr 09:00-12:00", "phone": "0354-6271013", "services": ["study", "volunteer"], "established": "2022-05",
    },
    "taigu-fancun": {
        "name": "太谷区范村镇青年之家", "town": "范村镇", "address": "山西省晋中市太谷区范村镇党群服务中心", "location": {"lat": 37.3611, "lng": 112.4261},
        "hours": "Mo-Fr 09:00-12:00", "phone": "0354-6291018", "services": ["study"], "established": 2020,
    },
}


@pytest.fixture
def ledger(tmp_path) -> Path:
    """A small project holding the venues the sheets name, plus one whose coordinates came from 高德."""
    root = make_project(tmp_path / "ledger", sample_content=False)
    for ident, fields in VENUES.items():
        write(root, f"venues/taigu/{ident}.md", venue_md(body=f"{fields['name']}的正文。", **fields))
    write(root, "venues/taigu/taigu-gcj.md", "---\n# 坐标从高德地图复制\n" + venue_md(name="太谷区高德坐标青年之家", location={"lat": 37.4216, "lng": 112.5573, "datum": "gcj02"}).removeprefix("---\n"))
    load(root)
    return root


def front(root: Path, rel: str) -> dict:
    return yaml.safe_load((root / rel).read_text(encoding="utf-8").split("---\n")[1])


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "leaguekit", *args, "--root", str(root)], cwd=root, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)


@pytest.mark.parametrize("name", ["ledger.xlsx", "ledger.xls", "ledger.ods", "ledger-gbk.csv", "ledger.csv"])
def test_a_sheet_as_libreoffice_saved_it_is_read_cell_by_cell(ledger, name):
    """Title merged over the header, a hidden column, an empty row, a phone as the number 3546231018,
    37.4236000001, dates (2021/5/1 for the file's 2021-05, the serial 44682, a year shown as 1905/7/12),
    full-width digits and spaces, services with ，, 坐标系 “高德”, a 备注 column that is not the ledger's."""
    plan = sheet_import.plan(ledger, SHEETS / name)
    assert plan.errors == []
    assert (plan.sheet.header_row, len(plan.added), len(plan.changed), plan.same) == (2, 1, 3, 0)
    assert "未导入的列：“备注”（不是台账的列名，见“字段说明”）" in plan.notes
    changed = {c.rel: {col.label: (old, new) for col, old, new in c.fields} for c in plan.changed}
    assert changed == {
        "venues/taigu/taigu-baita.md": {"开放时间": ("Mo-Fr 09:00-12:00,14:30-17:30; Sa 09:00-12:00", "Mo-Fr 09:00-17:00; Sa 09:00-12:00")},
        "venues/taigu/taigu-beiguang.md": {"乡镇街道": ("北洸乡", "北洸镇")},  # the hidden column
        "venues/taigu/taigu-fancun.md": {"状态": (None, "closed"), "关闭日期": (None, "2024-06-30")},
    }
    assert [(c.row, c.rel) for c in plan.added] == [(6, "venues/taigu/taigu-ceshixin.md")]
    lines = sheet_import.report(plan)
    assert lines[0] == f"读取 {name}：表头在第 2 行，4 行阵地。"
    assert "新增 1 / 修改 3 / 不变 0" in lines
    assert "  第 7 行 修改 venues/taigu/taigu-fancun.md（太谷区范村镇青年之家）：状态 开放 → 已关闭；关闭日期 （空） → 2024-06-30（可能撤销后来的修改）" in lines


def test_apply_writes_only_the_changed_fields_and_new_files_that_pass_the_check(ledger):
    before = {p: p.read_text(encoding="utf-8") for p in (ledger / "venues").rglob("*.md")}
    plan = sheet_import.plan(ledger, SHEETS / "ledger.xlsx")
    sheet_import.apply(ledger, plan)
    baita = (ledger / "venues/taigu/taigu-baita.md").read_text(encoding="utf-8")
    old = before[ledger / "venues/taigu/taigu-baita.md"]
    assert baita == old.replace("hours: Mo-Fr 09:00-12:00,14:30-17:30; Sa 09:00-12:00", "hours: Mo-Fr 09:00-17:00; Sa 09:00-12:00")
    assert baita.endswith("太谷区白塔社区青年之家的正文。\n")
    fancun = front(ledger, "venues/taigu/taigu-fancun.md")
    assert (fancun["status"], fancun["closed_on"], fancun["established"], fancun["brands"]) == ("closed", "2024-06-30", 2020, ["test-brand"])
    new = front(ledger, "venues/taigu/taigu-ceshixin.md")
    assert new == {
        "name": "太谷区测试新青年之家", "type": "youth-home", "grade": "standard", "org": "taigu", "district": "太谷区", "town": "明星镇",
        "address": "山西省晋中市太谷区明星镇测试路 8 号", "location": {"lat": 37.43, "lng": 112.56, "datum": "gcj02"}, "hours": "Mo-Fr 09:00-17:00",
        "phone": "0354-6231111", "services": ["study", "mental-health"], "established": "2025-05",
    }
    text = (ledger / "venues/taigu/taigu-ceshixin.md").read_text(encoding="utf-8")
    assert "# brands: [test-brand]" in text and text.endswith("---\n")  # no placeholder story: make check would refuse it
    for path, was in before.items():
        if path.stem in ("test-venue", "taigu-gcj"):
            assert path.read_text(encoding="utf-8") == was
    content = load(ledger)
    assert content.venue["taigu-ceshixin"].data.location.lat != 37.43  # 高德 (GCJ-02) converted at load
    again = sheet_import.plan(ledger, SHEETS / "ledger.ods")
    assert (len(again.changed), again.same) == (0, 3)
    assert [text for _, _, text in again.errors] == ["ledger.ods 第 6 行“名称”：可能与已有阵地重复：太谷区测试新青年之家（venues/taigu/taigu-ceshixin.md），相距 0 米；确是另一个阵地请在“确认”一列填“是”"]


def test_every_problem_by_row_and_column_in_chinese_and_nothing_written(ledger):
    before = {p: p.read_text(encoding="utf-8") for p in (ledger / "venues").rglob("*.md")}
    result = run(ledger, "import-sheet", str(SHEETS / "errors.xlsx"), "--apply")
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("errors.xlsx 第")]
    assert problems == [
        "errors.xlsx 第 2 行“纬度”：112.5488 不在中国范围内；经纬度是否写反了？",
        "errors.xlsx 第 3 行“id”：“taigu-nowhere”不是已有阵地的 id；新增阵地请把 id 留空，导入时按名称生成",
        "errors.xlsx 第 4 行“电话”：含有个人手机号 138****5678；写座机或服务热线；如确为对外服务手机，在“公开服务手机”一列填“是”",
        "errors.xlsx 第 4 行“服务项目”：“心里健康”不是已有的服务项目；是否想写 “心理健康”？",
        "errors.xlsx 第 5 行“地址”：缺少必填字段；请填写",
        "errors.xlsx 第 6 行“状态”：已关闭的阵地需要关闭日期；请在“关闭日期”一列填写 2024-06-30",
        "errors.xlsx 第 7 行“星级”：“旗舰型”不是已有的星级；是否想写 “旗舰店”？",
        "errors.xlsx 第 7 行“所属团组织”：“太谷组织”不是已有的所属团组织；可选值：太原共青团、太谷共青团、山西共青团、晋中共青团",
        "errors.xlsx 第 7 行“开放时间”：Mo-Fr 9-17 开放时间写法不对；“9-17”不是时间段，应写成 09:00-17:00（24 小时制，两位数字）",
    ]
    assert "13812345678" not in result.stdout + result.stderr
    assert "共 9 个问题，未写入任何文件。" in result.stderr
    assert {p: p.read_text(encoding="utf-8") for p in (ledger / "venues").rglob("*.md")} == before


def test_export_then_import_of_an_unchanged_sheet_changes_nothing(ledger, tmp_path):
    for name in ("台账.xlsx", "台账.csv"):
        exported = run(ledger, "export-sheet", str(tmp_path / name))
        assert exported.returncode == 0, exported.stderr
        assert f"已导出 5 个阵地到 {tmp_path / name}" in exported.stdout
        imported = run(ledger, "import-sheet", str(tmp_path / name))
        assert imported.returncode == 0, imported.stderr
        assert "新增 0 / 修改 0 / 不变 5" in imported.stdout and "表格与文件一致" in imported.stdout


def test_make_targets_preview_then_apply(ledger, tmp_path):
    def make(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["make", "-s", *args, f"VENV={REPO / '.venv'}"], cwd=ledger, env={**os.environ}, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)

    shutil.copy(SHEETS / "ledger.xls", ledger / "台账.xls")
    preview = make("import-sheet", "SHEET=台账.xls")
    assert preview.returncode == 0, preview.stderr
    assert "这是预览，没有写入文件" in preview.stdout
    assert not (ledger / "venues/taigu/taigu-ceshixin.md").exists()
    applied = make("import-sheet", "SHEET=台账.xls", "APPLY=1")
    assert applied.returncode == 0, applied.stderr
    assert "已写入 4 个文件（新增 1，修改 3），内容检查通过。" in applied.stdout
    assert make("check").returncode == 0
    exported = make("export-sheet", "SHEET=out.xlsx", "ORG=taigu")
    assert exported.returncode == 0 and "已导出 6 个阵地" in exported.stdout


def test_changing_the_org_moves_the_file_to_that_orgs_folder(ledger, tmp_path):
    write(ledger, "data/orgs.yml", (ledger / "data/orgs.yml").read_text(encoding="utf-8") + "- id: qixian\n  name: 共青团晋中市祁县委员会\n  short_name: 祁县共青团\n  parent: jinzhong\n  region: 山西省晋中市祁县\n  level: district\n")
    sheet = tmp_path / "org.csv"
    sheet.write_text("id,所属团组织,县区\ntaigu-fancun,共青团晋中市祁县委员会,祁县\n", encoding="utf-8")
    plan = sheet_import.plan(ledger, sheet)
    assert plan.errors == [] and [(c.old_rel, c.rel) for c in plan.changed] == [("venues/taigu/taigu-fancun.md", "venues/qixian/taigu-fancun.md")]
    sheet_import.apply(ledger, plan)
    assert not (ledger / "venues/taigu/taigu-fancun.md").exists()
    assert load(ledger).venue["taigu-fancun"].data.org == "qixian"


def test_rows_name_one_venue_each(ledger, tmp_path):
    sheet = tmp_path / "twice.csv"
    head = "id,名称,阵地类型,所属团组织,县区,地址,纬度,经度,坐标系\n"
    baita = "太谷区白塔社区青年之家,青年之家,太谷共青团,太谷区,山西省晋中市太谷区明星镇白塔社区党群服务中心二楼,37.4236,112.5488,WGS-84"
    new = "新青年之家,青年之家,太谷共青团,太谷区,山西省晋中市太谷区新路 1 号,37.44,112.57,WGS-84"
    sheet.write_text(head + f"taigu-baita,{baita}\ntaigu-baita,{baita}\n,{new}\n,{new}\n", encoding="utf-8")
    plan = sheet_import.plan(ledger, sheet)
    assert [text for _, _, text in sorted(plan.errors)] == [
        "twice.csv 第 3 行“id”：与第 2 行是同一个阵地（venues/taigu/taigu-baita.md），请删去一行",
        "twice.csv 第 5 行“名称”：与第 4 行的名称和县区相同，请删去一行",
    ]


def test_a_big_dry_run_lists_twenty_rows_and_counts_the_rest(ledger, tmp_path):
    content = vocabularies(ledger)
    venues, _ = read_venues(ledger)
    path = tmp_path / "many.csv"
    sheet_export.write(path, content, venues)
    rows = path.read_text(encoding="utf-8-sig").splitlines()
    extra = [f",太谷区第{n}青年之家,青年之家,标准型,太谷共青团,太谷区,明星镇,山西省晋中市太谷区明星镇第{n}号,37.4{n:03d},112.55,WGS-84" for n in range(30)]
    path.write_text("\n".join(rows + extra) + "\n", encoding="utf-8")
    plan = sheet_import.plan(ledger, path)
    assert plan.errors == [] and (len(plan.added), plan.same) == (30, 5)
    lines = sheet_import.report(plan)
    assert sum(line.startswith("  第 ") for line in lines) == 20
    assert "  …… 其余 10 行未列出（加 --all 列出全部）" in lines
    assert "新增的 30 个阵地还没有正文：页面暂按类型、服务项目和开放时间写一句介绍；写入后请在各文件末尾补写几句（make check 会逐个提醒）" in lines
    assert not any("正文" in text for _, _, text in plan.warnings)  # one note, not a reminder per new row
    assert sum(line.startswith("  第 ") for line in sheet_import.report(plan, everything=True)) == 30


def test_a_hostile_or_broken_file_gets_a_chinese_message_never_a_traceback(ledger, tmp_path):
    import xlsxwriter

    bomb = tmp_path / "bomb.xlsx"
    book = xlsxwriter.Workbook(str(bomb))
    sheet = book.add_worksheet()
    sheet.write(0, 0, "名称")
    sheet.write(1048575, 16383, "x")  # 5 KB on disk, 17 billion cells to calamine
    book.close()
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(["名称"] * 300) + "\n", encoding="utf-8")
    for path, message in (
        (bomb, "bomb.xlsx 无法读取"),
        (fake, "fake.xlsx 不是有效的 .xlsx 文件"),
        (wide, "wide.csv 第 1 行超过 200 列"),
        (tmp_path / "notes.txt", "notes.txt 不是表格文件"),
        (tmp_path / "missing.xlsx", f"找不到 {tmp_path / 'missing.xlsx'}"),
    ):
        result = run(ledger, "import-sheet", str(path))
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"未导入：{message}"), result.stderr
        assert "Traceback" not in result.stderr
    with pytest.raises(SheetError, match="找不到表头"):
        (tmp_path / "blank.csv").write_text("a,b\n1,2\n", encoding="utf-8")
        sheet_import.plan(ledger, tmp_path / "blank.csv")


# --- the import writes only where it should, and all or nothing ----------------------------

HOSTILE = (
    "id,名称,阵地类型,所属团组织,县区,地址,纬度,经度\n"
    "taigu-fancun,太谷区范村镇青年之家,青年之家,../../docs,太谷区,山西省晋中市太谷区范村镇党群服务中心,37.3611,112.4261\n"
    ",太谷区{{ 1 + 1 }}青年之家,青年之家,../../docs,../..,山西省晋中市太谷区明星镇某路 1 号,37.45,112.58\n"
    "../../docs/evil,太谷区白塔社区青年之家,青年之家,太谷共青团,太谷区,山西省晋中市太谷区明星镇白塔社区党群服务中心二楼,37.4236,112.5488\n"
)


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under `folder`."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None) for p in folder.rglob("*")}


@pytest.mark.parametrize("sheet", ["hostile.csv", "ledger.csv", "ledger.xlsx"])
@pytest.mark.parametrize("apply", [False, True])
def test_no_import_writes_outside_its_scratch_folder_and_venues(tmp_path, sheet, apply):
    """Dry or applied, valid or hostile (an org cell `../../docs`): only venues/ changes, and the
    scratch folder the run made in TMPDIR is gone afterwards."""
    root = make_project(tmp_path / "a" / "b" / "root", sample_content=False)
    for ident, fields in VENUES.items():
        write(root, f"venues/taigu/{ident}.md", venue_md(**fields))
    (tmp_path / "tmp").mkdir()
    path = tmp_path / sheet
    if sheet == "hostile.csv":
        path.write_text(HOSTILE, encoding="utf-8")
    else:
        shutil.copy(SHEETS / sheet, path)
    before = tree(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "leaguekit", "import-sheet", str(path), "--root", str(root), *(["--apply"] if apply else [])],
        cwd=root, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300, env={**os.environ, "TMPDIR": str(tmp_path / "tmp")},
    )
    assert "Traceback" not in result.stderr
    after = tree(tmp_path)
    changed = {rel for rel in before.keys() | after.keys() if before.get(rel, b"") != after.get(rel, b"")}
    assert {rel for rel in changed if not rel.startswith("a/b/root/venues/")} == set()
    assert not (tmp_path / "tmp").exists() or list((tmp_path / "tmp").iterdir()) == []
    if sheet == "hostile.csv":
        assert result.returncode == 1 and changed == set()
        assert "hostile.csv 第 2 行“所属团组织”：“../../docs”不是已有的所属团组织；" in result.stdout
        assert "hostile.csv 第 4 行“id”：“../../docs/evil”不是已有阵地的 id；新增阵地请把 id 留空，导入时按名称生成" in result.stdout
    else:
        assert result.returncode == 0, result.stderr
        assert bool(changed) == apply


def test_apply_checks_every_target_first(ledger, tmp_path, monkeypatch):
    """A file name whose temporary name the disk cannot hold is refused in the dry run, before any file is
    written. Ids are at most 64 characters, so the disk here takes names of 70 bytes (eCryptfs takes 143)."""
    monkeypatch.setattr(sheet_import, "name_max", lambda folder: 70)
    long = "taigu-" + "a" * 55
    write(ledger, f"venues/taigu/{long}.md", venue_md(name="太谷区长名青年之家", address="山西省晋中市太谷区长名路 1 号"))
    sheet = tmp_path / "long.csv"
    sheet.write_text(f"id,开放时间\ntaigu-baita,Mo-Fr 09:00-17:00\n{long},Mo-Fr 09:00-17:00\n", encoding="utf-8")
    plan = sheet_import.plan(ledger, sheet)
    size = len(sheet_import.TEMPORARY.format(f"{long}.md"))
    assert [text for _, _, text in plan.errors] == [
        f"long.csv 第 3 行“id”：文件名 {long}.md 太长（写入时的临时文件名 {size} 字节，上限 70）；请缩短名称或 id",
    ]
    before = tree(ledger / "venues")
    with pytest.raises(sheet_import.ApplyError, match=f"^文件名 {long}.md 太长（写入时的临时文件名 {size} 字节，上限 70）；请缩短名称或 id。没有写入任何文件。$"):
        sheet_import.apply(ledger, plan)
    assert tree(ledger / "venues") == before


def test_apply_puts_everything_back_when_the_system_refuses_a_write(ledger, tmp_path):
    """A file-size limit (RLIMIT_FSIZE) makes the system refuse the last, large file after a file
    was moved to a new org's folder and another changed: both are undone, the new folder too."""
    write(ledger, "data/orgs.yml", (ledger / "data/orgs.yml").read_text(encoding="utf-8") + "- id: qixian\n  name: 共青团晋中市祁县委员会\n  short_name: 祁县共青团\n  parent: jinzhong\n  region: 山西省晋中市祁县\n  level: district\n")
    write(ledger, "venues/taigu/taigu-fancun.md", venue_md(body="范村镇青年之家的正文。" * 1000, **VENUES["taigu-fancun"]))
    sheet = tmp_path / "refused.csv"
    sheet.write_text(
        "id,所属团组织,县区,开放时间\n"
        "taigu-baita,祁县共青团,祁县,Mo-Fr 09:00-17:00\n"
        "taigu-beiguang,太谷共青团,太谷区,Mo-Fr 09:00-17:00\n"
        "taigu-fancun,太谷共青团,太谷区,Mo-Fr 09:00-17:00\n",
        encoding="utf-8",
    )
    plan = sheet_import.plan(ledger, sheet)
    assert plan.errors == [] and [c.rel for c in plan.writes] == ["venues/qixian/taigu-baita.md", "venues/taigu/taigu-beiguang.md", "venues/taigu/taigu-fancun.md"]
    sizes = [len(c.text.encode("utf-8")) for c in plan.writes]
    limit = max(sizes[:2]) + 1
    assert sizes[2] > limit
    before = tree(ledger)

    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # the system's own refusal: the child may write no file larger than `limit`
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            sheet_import.apply(ledger, plan)
            os.write(writer, b"written")
        except sheet_import.ApplyError as exc:
            os.write(writer, str(exc).encode())
        os._exit(0)
    os.close(writer)
    os.waitpid(child, 0)
    with os.fdopen(reader, encoding="utf-8") as said:
        assert said.read() == "写入 venues/taigu/taigu-fancun.md 时被系统拒绝（File too large）；已撤销本次写入的全部文件，仓库保持导入前的样子。"
    assert tree(ledger) == before


@pytest.mark.parametrize("name", ["merged.xlsx", "merged.xls", "merged.ods"])
def test_merged_cells_fill_every_row_they_cover(ledger, name):
    """所属团组织 and 县区 merged over three rows by LibreOffice: every row has them, nothing changes."""
    plan = sheet_import.plan(ledger, SHEETS / name)
    assert plan.errors == [] and plan.changed == [] and plan.same == 3


@pytest.mark.parametrize("name", ["hidden-ledger.xlsx", "hidden-ledger.ods"])
def test_a_hidden_ledger_sheet_is_refused_by_name(ledger, name):
    with pytest.raises(SheetError, match=f"^{name} 中的工作表“阵地台账”被隐藏了：只导入看得见的工作表；请在表格软件中取消隐藏后重新保存$"):
        sheet_import.plan(ledger, SHEETS / name)


def test_a_very_hidden_sheet_is_never_read_in_place_of_the_visible_one(ledger, tmp_path):
    """A very hidden sheet (a state only a macro or another program sets) rewriting a venue beside a
    visible one that changes nothing: read, the visible one; named 阵地台账, refused."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "veryhidden.xlsx"))
    for name in ("改动", "阵地台账"):
        book = xlsxwriter.Workbook(str(tmp_path / f"{name}.xlsx"))
        hidden, shown = book.add_worksheet(name), book.add_worksheet("Sheet1")
        for sheet, hours in ((hidden, "Mo-Su 00:00-24:00"), (shown, VENUES["taigu-baita"]["hours"])):
            sheet.write_row(0, 0, ["id", "名称", "开放时间"])
            sheet.write_row(1, 0, ["taigu-baita", "太谷区白塔社区青年之家", hours])
        shown.activate()
        hidden.very_hidden()
        book.close()
    plan = sheet_import.plan(ledger, tmp_path / "改动.xlsx")
    assert plan.errors == [] and plan.changed == [] and plan.same == 1
    with pytest.raises(SheetError, match="^阵地台账.xlsx 中的工作表“阵地台账”被隐藏了"):
        sheet_import.plan(ledger, tmp_path / "阵地台账.xlsx")


def test_a_venue_file_with_a_bom_and_crlf_is_changed_line_by_line(ledger, tmp_path):
    """Saved by Windows Notepad: a BOM and CRLF line ends; the import reads it as make check does and keeps both."""
    text = "\ufeff" + venue_md(**VENUES["taigu-beiguang"]).replace("\n", "\r\n")
    (ledger / "venues/taigu/taigu-beiguang.md").write_bytes(text.encode("utf-8"))
    sheet = tmp_path / "bom.csv"
    sheet.write_text("id,开放时间\ntaigu-beiguang,Mo-Fr 09:00-17:00\n", encoding="utf-8")
    plan = sheet_import.plan(ledger, sheet)
    assert plan.errors == []
    sheet_import.apply(ledger, plan)
    assert (ledger / "venues/taigu/taigu-beiguang.md").read_bytes() == text.replace("hours: Mo-Fr 09:00-12:00\r\n", "hours: Mo-Fr 09:00-17:00\r\n").encode("utf-8")


def test_control_characters_are_escaped_and_personal_data_masked_in_what_is_printed(ledger, tmp_path):
    sheet = tmp_path / "escapes.csv"
    sheet.write_text(
        "id,名称,电话,公开服务手机,\x1b[2J备注\n"
        "taigu-baita,太谷区白塔社区青年之家,13812345678,是,\x1b]0;x\x07\n"
        "taigu-fancun,太谷区范村镇\x1b[31m青年之家,,,\n",
        encoding="utf-8",
    )
    result = run(ledger, "import-sheet", str(sheet), "--all")
    printed = result.stdout + result.stderr
    assert "\x1b" not in printed and "\x07" not in printed and "13812345678" not in printed
    assert "未导入的列：“\\x1b[2J备注”（不是台账的列名，见“字段说明”）" in result.stdout
    assert "  第 2 行 修改 venues/taigu/taigu-baita.md（太谷区白塔社区青年之家）：电话 0354-6231018 → 含有个人手机号 138****5678；公开服务手机 否 → 是" in result.stdout
    assert "escapes.csv 第 3 行“名称”：含有控制字符 U+001B，订阅源和下载文件会因此无法读取；请删除这个看不见的字符（常见于从网页、文档复制来的文字）" in result.stdout
    assert "  第 3 行 修改 venues/taigu/taigu-fancun.md（太谷区范村镇青年之家）：名称 太谷区范村镇青年之家 → 太谷区范村镇\\x1b[31m青年之家；电话 0354-6291018 → （空）" in result.stdout


# --- which venue a row is -------------------------------------------------------------------


def test_a_sheet_without_the_id_column_is_refused_never_matched_by_name(ledger, tmp_path):
    sheet = tmp_path / "noid.csv"
    sheet.write_text("名称,县区,开放时间\n太谷区白塔社区青年之家,太谷区,Mo-Fr 09:00-17:00\n", encoding="utf-8")
    result = run(ledger, "import-sheet", str(sheet))
    assert result.returncode == 2
    assert result.stderr.strip() == "未导入：noid.csv 没有“id”列，无法确认每一行是哪个阵地（按名称对应，排序后会张冠李戴）：请用 make export-sheet 导出最新的台账，在导出的表格中修改后再导入；新增阵地在末尾添加一行、id 留空"


def test_a_sorted_sheet_whose_rows_took_other_venues_ids_is_refused(ledger, tmp_path):
    """Sorted by 名称 with the id column left behind: each id now heads another venue's name, address and position."""
    head = "id,名称,地址,纬度,经度,电话\n"
    rows = [(ident, f["name"], f["address"], f["location"]["lat"], f["location"]["lng"], f["phone"]) for ident, f in VENUES.items()]
    shifted = [(rows[n][0], *rows[(n + 1) % 3][1:]) for n in range(3)]
    sheet = tmp_path / "sorted.csv"
    sheet.write_text(head + "".join(",".join(map(str, row)) + "\n" for row in shifted), encoding="utf-8")
    plan = sheet_import.plan(ledger, sheet)
    assert [text for _, _, text in plan.errors if "是同一个阵地吗" in text] == [
        "sorted.csv 第 2 行“名称”：是同一个阵地吗？与 venues/taigu/taigu-baita.md（太谷区白塔社区青年之家）相比，位置移动了 5.3 公里；确是这个阵地（改名、搬迁）请在“确认”一列填“是”，是另一个阵地请在末尾另起一行、id 留空",
        "sorted.csv 第 3 行“名称”：是同一个阵地吗？与 venues/taigu/taigu-beiguang.md（太谷区北洸乡青年之家）相比，位置移动了 7.9 公里；确是这个阵地（改名、搬迁）请在“确认”一列填“是”，是另一个阵地请在末尾另起一行、id 留空",
        "sorted.csv 第 4 行“名称”：是同一个阵地吗？与 venues/taigu/taigu-fancun.md（太谷区范村镇青年之家）相比，位置移动了 13 公里；确是这个阵地（改名、搬迁）请在“确认”一列填“是”，是另一个阵地请在末尾另起一行、id 留空",
    ]


def test_a_venue_that_moved_far_or_changed_name_address_and_position_passes_when_confirmed(ledger, tmp_path):
    sheet = tmp_path / "moved.csv"
    head = "id,名称,地址,纬度,经度,坐标系,确认\n"
    sheet.write_text(
        head + "taigu-fancun,太谷区范村镇青年之家,山西省晋中市太谷区范村镇新址 1 号,37.40,112.45,WGS-84,\n"
        "taigu-beiguang,太谷区北洸镇青年之家,山西省晋中市太谷区北洸镇新址 1 号,37.4090,112.4930,WGS-84,\n",
        encoding="utf-8",
    )
    assert [text for _, _, text in sheet_import.plan(ledger, sheet).errors] == [
        "moved.csv 第 2 行“名称”：是同一个阵地吗？与 venues/taigu/taigu-fancun.md（太谷区范村镇青年之家）相比，位置移动了 4.8 公里；确是这个阵地（改名、搬迁）请在“确认”一列填“是”，是另一个阵地请在末尾另起一行、id 留空",
        "moved.csv 第 3 行“名称”：是同一个阵地吗？与 venues/taigu/taigu-beiguang.md（太谷区北洸乡青年之家）相比，名称、地址和位置都改了；确是这个阵地（改名、搬迁）请在“确认”一列填“是”，是另一个阵地请在末尾另起一行、id 留空",
    ]
    sheet.write_text(head + "taigu-fancun,太谷区范村镇青年之家,山西省晋中市太谷区范村镇新址 1 号,37.40,112.45,WGS-84,是\n", encoding="utf-8")
    plan = sheet_import.plan(ledger, sheet)
    assert plan.errors == []
    sheet_import.apply(ledger, plan)
    assert front(ledger, "venues/taigu/taigu-fancun.md")["location"] == {"lat": 37.4, "lng": 112.45, "datum": "wgs84"}


def test_a_new_row_near_an_existing_venue_or_with_its_phone_or_address_is_a_probable_duplicate(ledger, tmp_path):
    head = "id,名称,阵地类型,所属团组织,县区,地址,纬度,经度,坐标系,电话,确认\n"
    rows = (
        ",太谷区白塔青年之家,青年之家,太谷共青团,太谷区,山西省晋中市太谷区白塔路 9 号,37.4240,112.5490,WGS-84,0354-6239999,\n"
        ",太谷区北洸新青年之家,青年之家,太谷共青团,太谷区,山西省晋中市太谷区北洸路 9 号,37.30,112.30,WGS-84,0354 6271013,\n"
        ",太谷区范村新青年之家,青年之家,太谷共青团,太谷区,山西省晋中市太谷区范村镇 党群服务中心,37.31,112.31,WGS-84,0354-6239998,\n"
        ",太谷区高德旁青年之家,青年之家,太谷共青团,太谷区,山西省晋中市太谷区高德路 9 号,37.4216,112.5573,高德,0354-6239997,\n"
        ",太谷区确认新青年之家,青年之家,太谷共青团,太谷区,山西省晋中市太谷区确认路 9 号,37.4240,112.5490,WGS-84,0354-6239996,是\n"
    )
    sheet = tmp_path / "dup.csv"
    sheet.write_text(head + rows, encoding="utf-8")
    plan = sheet_import.plan(ledger, sheet)
    assert [text for _, _, text in sorted(plan.errors)] == [
        "dup.csv 第 2 行“名称”：可能与已有阵地重复：太谷区白塔社区青年之家（venues/taigu/taigu-baita.md），相距 50 米；确是另一个阵地请在“确认”一列填“是”",
        "dup.csv 第 3 行“名称”：可能与已有阵地重复：太谷区北洸乡青年之家（venues/taigu/taigu-beiguang.md），电话相同；确是另一个阵地请在“确认”一列填“是”",
        "dup.csv 第 4 行“名称”：可能与已有阵地重复：太谷区范村镇青年之家（venues/taigu/taigu-fancun.md），地址相同；确是另一个阵地请在“确认”一列填“是”",
        "dup.csv 第 5 行“名称”：可能与已有阵地重复：太谷区高德坐标青年之家（venues/taigu/taigu-gcj.md），相距 0 米；确是另一个阵地请在“确认”一列填“是”",
    ]


def test_changed_coordinates_must_say_which_map_they_came_from(ledger, tmp_path):
    """坐标系 is exported empty: left empty, the file keeps its datum (高德 here); changed coordinates must choose it."""
    sheet = tmp_path / "datum.csv"
    sheet.write_text("id,纬度,经度,坐标系\ntaigu-gcj,37.4216,112.5573,\ntaigu-baita,37.4240,112.5490,\n", encoding="utf-8")
    plan = sheet_import.plan(ledger, sheet)
    assert [text for _, _, text in plan.errors] == [
        "datum.csv 第 3 行“坐标系”：改了坐标，请在“坐标系”一列选择坐标从哪个地图取得（高德、腾讯选 GCJ-02，百度选 BD-09，天地图、手机 GPS 选 WGS-84）",
    ]
    sheet.write_text("id,纬度,经度,坐标系\ntaigu-gcj,37.4216,112.5573,\ntaigu-baita,37.4240,112.5490,百度\n", encoding="utf-8")
    plan = sheet_import.plan(ledger, sheet)
    assert plan.errors == [] and plan.same == 1
    sheet_import.apply(ledger, plan)
    assert front(ledger, "venues/taigu/taigu-baita.md")["location"] == {"lat": 37.424, "lng": 112.549, "datum": "bd09"}
    assert front(ledger, "venues/taigu/taigu-gcj.md")["location"]["datum"] == "gcj02"


def test_hours_as_staff_write_them_are_written_as_osm(ledger, tmp_path):
    """Cells typed the usual Chinese ways (an .xlsx written by XlsxWriter) become OSM in the files;
    a time range without its days is refused by row and column, asking which days."""
    rows = [
        ("id", "开放时间"),
        ("taigu-baita", "周一至周五 上午9：00—12：00 下午2:00-5:30，节假日休息"),
        ("taigu-beiguang", "除周一外 9.00-17.00，节假日 9:00-12:00"),
        ("taigu-fancun", "工作日 9:00-17:00，节假日照常开放"),
    ]

    def save(name: str, table: list[tuple[str, str]]) -> Path:
        with xlsxwriter.Workbook(tmp_path / name) as book:
            sheet = book.add_worksheet()
            for r, row in enumerate(table):
                sheet.write_row(r, 0, row)
        return tmp_path / name

    plan = sheet_import.plan(ledger, save("hours.xlsx", rows))
    assert plan.errors == []
    sheet_import.apply(ledger, plan)
    written = {ident: front(ledger, f"venues/taigu/{ident}.md")["hours"] for ident in ("taigu-baita", "taigu-beiguang", "taigu-fancun")}
    assert written == {"taigu-baita": "Mo-Fr 09:00-12:00,14:00-17:30; PH off", "taigu-beiguang": "Tu-Su 09:00-17:00; PH 09:00-12:00", "taigu-fancun": "Mo-Fr,PH 09:00-17:00"}

    refused = run(ledger, "import-sheet", str(save("days.xlsx", [*rows, ("taigu-gcj", "上午9:00-12:00"), ("test-venue", "每天 9:00-17:00")])))
    assert "days.xlsx 第 5 行“开放时间”：上午9:00-12:00 开放时间写法不对；“上午9:00-12:00”没有写哪几天：请在前面写上日子，例如 每天、工作日 或 周一至周五" in refused.stdout
    # Words silent on holidays are asked the holiday question (issue 30), by row and column.
    assert "days.xlsx 第 6 行“开放时间”：没有说法定节假日开不开放：请在后面加上“节假日休息”“节假日照常开放”或节假日的时间（如“节假日 9:00-12:00”）" in refused.stdout


# --- a stale sheet: merged three ways against the commit it was exported from -----------------

# The venue files at the export's commit, written out in full: that commit's id is in the committed
# sheets (stale.*, made by sheets/make.py from an export of this project), so nothing here may come
# from a factory that could change.
STALE_VENUE = """\
---
name: {name}
type: youth-home
grade: standard
org: taigu
district: 太谷区
address: {address}
location: {{lat: {lat}, lng: {lng}, datum: wgs84}}
hours: Mo-Fr 09:00-12:00
phone: {phone}
services: [study]
---
{name}的正文。
"""
STALE = {
    "venues/taigu/taigu-baita.md": STALE_VENUE.format(name="太谷区白塔社区青年之家", address="山西省晋中市太谷区明星镇白塔社区党群服务中心二楼", lat=37.4236, lng=112.5488, phone="0354-6231018"),
    "venues/taigu/taigu-beiguang.md": STALE_VENUE.format(name="太谷区北洸乡青年之家", address="山西省晋中市太谷区北洸乡党群服务中心", lat=37.4083, lng=112.4925, phone="0354-6271013"),
    "venues/taigu/taigu-fancun.md": STALE_VENUE.format(name="太谷区范村镇青年之家", address="山西省晋中市太谷区范村镇党群服务中心", lat=37.3611, lng=112.4261, phone="0354-6291018"),
}
EXPORTED = "2025-03-04T10:00:00+08:00"


def stale_project(dest: Path) -> Path:
    """The project the stale sheets were exported from: a commit holding only venues/ (its id fixed by
    the files above and the date), then the rest of the site in a later commit."""
    from gitrepo import git

    root = make_project(dest, sample_content=False)
    shutil.rmtree(root / "venues")
    for rel, text in STALE.items():
        write(root, rel, text)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "venues")
    git(root, "commit", "-q", "-m", "阵地", date=EXPORTED)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "网站", date="2025-03-04T11:00:00+08:00")
    return root


def colleague(root: Path, edits: dict[str, tuple[str, str]], date: str = "2025-03-06T09:00:00+08:00") -> None:
    """A colleague's commit after the export."""
    from gitrepo import git

    for rel, (old, new) in edits.items():
        text = (root / rel).read_text(encoding="utf-8")
        assert old in text
        (root / rel).write_text(text.replace(old, new), encoding="utf-8")
    git(root, "commit", "-q", "-am", "同事的修改", date=date)


@pytest.mark.parametrize("name", ["stale.xlsx", "stale.ods", "stale.xls"])
def test_a_stale_sheet_keeps_later_edits_it_did_not_touch(tmp_path, name):
    """Exported, then edited and saved in LibreOffice (白塔's hours, 北洸's phone); meanwhile a colleague
    changed 范村's and 北洸's hours. Only the staffer's two cells are written; the colleague's stay."""
    root = stale_project(tmp_path / "p")
    colleague(root, {"venues/taigu/taigu-fancun.md": ("hours: Mo-Fr 09:00-12:00", "hours: Mo-Fr 08:30-12:00"), "venues/taigu/taigu-beiguang.md": ("hours: Mo-Fr 09:00-12:00", "hours: Mo-Sa 09:00-12:00")})
    plan = sheet_import.plan(root, SHEETS / name)
    assert plan.errors == [] and plan.warnings == [] and not any(c.unsure for c in plan.changed)
    assert {c.rel: [(col.label, old, new) for col, old, new in c.fields] for c in plan.changed} == {
        "venues/taigu/taigu-baita.md": [("开放时间", "Mo-Fr 09:00-12:00", "Mo-Fr 09:00-17:00")],
        "venues/taigu/taigu-beiguang.md": [("电话", "0354-6271013", "0354-6271099")],
    }
    assert plan.same == 1
    sheet_import.apply(root, plan)
    assert front(root, "venues/taigu/taigu-fancun.md")["hours"] == "Mo-Fr 08:30-12:00"
    assert (front(root, "venues/taigu/taigu-beiguang.md")["hours"], front(root, "venues/taigu/taigu-beiguang.md")["phone"]) == ("Mo-Sa 09:00-12:00", "0354-6271099")


@pytest.mark.parametrize("name", ["stale.xlsx", "stale.ods"])
def test_a_cell_changed_in_the_sheet_and_in_the_file_since_the_export_is_a_conflict(tmp_path, name):
    root = stale_project(tmp_path / "p")
    colleague(root, {"venues/taigu/taigu-beiguang.md": ("phone: 0354-6271013", "phone: 0354-6271000")})
    before = tree(root / "venues")
    result = run(root, "import-sheet", str(SHEETS / name), "--apply")
    assert result.returncode == 1
    assert f"{name} 第 3 行“电话”：导出后文件中的这一格也改了（2025-03-06 提交）：现为 0354-6271000，表中改为 0354-6271099；请与改动的人核对，再用 make export-sheet 重新导出、在新表中修改" in result.stdout.splitlines()
    assert "共 1 个问题，未写入任何文件。" in result.stderr
    assert tree(root / "venues") == before


def test_the_stamp_libreoffice_kept_is_hidden_and_names_the_commit(tmp_path):
    """Round trips through LibreOffice keep the hidden 导出记录 sheet, and the id column locked."""
    root = stale_project(tmp_path / "p")
    from gitrepo import git

    commit = git(root, "rev-list", "-1", "HEAD", "--", "venues").strip()
    for name in ("stale.xlsx", "stale.ods", "stale.xls"):
        book = CalamineWorkbook.from_path(SHEETS / name)
        assert {m.name: str(m.visible) for m in book.sheets_metadata}["导出记录"] == "SheetVisibleEnum.Hidden"
        assert book.get_sheet_by_name("导出记录").to_python()[0][:2] == ["leaguekit-export", commit]
    with zipfile.ZipFile(SHEETS / "stale.xlsx") as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        styles = archive.read("xl/styles.xml").decode("utf-8")
    assert re.search(r'<sheetProtection [^>]*sheet="true"', xml) or re.search(r'<sheetProtection [^>]*sheet="1"', xml)
    xfs = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", styles.split("<cellXfs")[1])
    style = {ref: int(s) for ref, s in re.findall(r'<c r="([A-Z]+2)" s="(\d+)"', xml)}
    assert 'locked="false"' not in xfs[style["A2"]] and 'locked="0"' not in xfs[style["A2"]]
    assert re.search(r'locked="(false|0)"', xfs[style["B2"]])
    with zipfile.ZipFile(SHEETS / "stale.ods") as archive:
        content = archive.read("content.xml").decode("utf-8")
    assert re.search(r'<table:table table:name="阵地台账"[^>]*table:protected="true"', content)


def test_a_sheet_without_a_stamp_warns_on_every_change(ledger, tmp_path):
    sheet = tmp_path / "plain.csv"
    sheet.write_text("id,开放时间\ntaigu-baita,Mo-Fr 09:00-17:00\ntaigu-fancun,Mo-Fr 09:00-12:00\n", encoding="utf-8")
    plan = sheet_import.plan(ledger, sheet)
    assert plan.errors == [] and len(plan.changed) == 1
    lines = sheet_import.report(plan)
    assert lines[lines.index("新增 0 / 修改 1 / 不变 1") + 1 :] == [
        "提醒：这份表格没有导出记录（不是 make export-sheet 导出的 .xlsx，或记录被删去），看不出导出后文件是否被别人改过：每一行修改都可能撤销别人后来的修改，请逐项核对。以下标有“（可能撤销后来的修改）”的 1 行都是如此。",
        "  第 2 行 修改 venues/taigu/taigu-baita.md（太谷区白塔社区青年之家）：开放时间 Mo-Fr 09:00-12:00,14:30-17:30; Sa 09:00… → Mo-Fr 09:00-17:00（可能撤销后来的修改）",
        "修改的列：开放时间 1 行",
    ]


def test_a_move_recorded_in_the_sheet_keeps_the_id_and_passes(ledger, tmp_path):
    """搬迁日期 and 原址 say the row is the same venue at a new place: no doubt, the file keeps its name."""
    sheet = tmp_path / "moved.csv"
    sheet.write_text("id,地址,纬度,经度,坐标系,搬迁日期,原址\ntaigu-fancun,山西省晋中市太谷区范村镇新址 1 号,37.40,112.45,WGS-84,2025年5月,山西省晋中市太谷区范村镇党群服务中心\n", encoding="utf-8")
    plan = sheet_import.plan(ledger, sheet)
    assert plan.errors == [] and [c.rel for c in plan.changed] == ["venues/taigu/taigu-fancun.md"]
    sheet_import.apply(ledger, plan)
    moved = front(ledger, "venues/taigu/taigu-fancun.md")
    assert (moved["moved_on"], moved["moved_from"], moved["address"]) == ("2025-05", "山西省晋中市太谷区范村镇党群服务中心", "山西省晋中市太谷区范村镇新址 1 号")
