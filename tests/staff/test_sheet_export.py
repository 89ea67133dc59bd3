"""The exported ledger: what the files say, one row per venue, with drop-downs, a frozen header, readable
widths and a column guide from the same rows as the staff field reference."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import make_project, venue_md, write
from python_calamine import CalamineWorkbook

from leaguekit.content.schema import Venue
from leaguekit.staff import sheet_export, sheet_import
from leaguekit.staff.columns import columns, vocabularies
from leaguekit.staff.frontmatter import read_venues
from leaguekit.staff.reference import rows
from leaguekit.staff.sheet_read import column_letter


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("export") / "p")
    write(root, "venues/taigu/taigu-closed.md", venue_md(name="=HYPERLINK(\"http://x\")青年之家", status="closed", closed_on="2024-06-30", location={"lat": 37.42, "lng": 112.55, "datum": "bd09"}))
    return root


def export(root: Path, path: Path, org: str = "") -> int:
    venues, _ = read_venues(root)
    return sheet_export.write(path, vocabularies(root), venues, org)


def sheet_xml(path: Path, n: int) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{n}.xml").decode("utf-8")


def test_one_row_per_venue_file_headed_by_the_reference_names(sample, tmp_path):
    path = tmp_path / "台账.xlsx"
    files = sorted((sample / "venues").rglob("*.md"))
    assert export(sample, path) == len(files)
    book = CalamineWorkbook.from_path(path)
    assert book.sheet_names == ["阵地台账", "字段说明", "可选值", "导出记录"]
    assert [str(m.visible) for m in book.sheets_metadata] == ["SheetVisibleEnum.Visible"] * 3 + ["SheetVisibleEnum.Hidden"]
    table = book.get_sheet_by_name("阵地台账").to_python()
    header = table[0]
    reference = {r.key: r.label for r in rows(Venue, vocabularies(sample))}
    assert header[:15] == ["id", "名称", "阵地类型", "星级", "所属团组织", "县区", "乡镇街道", "地址", "纬度", "经度", "坐标系", "开放时间", "电话", "服务项目", "承接品牌"]
    assert header[-2:] == ["照片（只读）", "确认"] and set(header[1:-2]) <= set(reference.values())
    assert "照片" not in header and "临时闭馆" not in header  # lists of records stay in the files
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in table[1:]}
    assert sorted(by_id) == [p.stem for p in sorted(files, key=lambda p: p.stem)]
    baita = by_id["taigu-baita-wenmiao-youth-home"]
    assert (baita["阵地类型"], baita["星级"], baita["所属团组织"], baita["纬度"], baita["建成时间"]) == ("青年之家", "示范型", "太谷共青团", 37.4236, "2021-05")
    assert baita["服务项目"] == "文化学习、志愿公益、托管、基层治理、文体活动"
    assert (baita["状态"], baita["坐标系"], baita["示例数据"], baita["面积（平方米）"], baita["确认"]) == ("开放", "", "是", 160, "")
    closed = by_id["taigu-closed"]
    # As the file says it: the 百度 coordinate as copied (坐标系 empty: the file keeps bd09), a name that looks like a formula as text.
    assert (closed["状态"], closed["关闭日期"], closed["坐标系"], closed["纬度"]) == ("已关闭", "2024-06-30", "", 37.42)
    assert closed["名称"] == '=HYPERLINK("http://x")青年之家'
    xml = sheet_xml(path, 1)
    assert "<f>" not in xml  # no cell is a formula


def test_drop_downs_frozen_header_filter_widths_and_greyed_closed_rows(sample, tmp_path):
    path = tmp_path / "台账.xlsx"
    export(sample, path)
    xml = sheet_xml(path, 1)
    cols = sheet_export.sheet_columns(vocabularies(sample))
    letters = {c.label: column_letter(n) for n, c in enumerate(cols)}
    lists = re.findall(r'<dataValidation type="list"[^>]*sqref="([A-Z]+)2:[A-Z]+1048576"><formula1>([^<]*)</formula1>', xml)
    assert {col: formula for col, formula in lists} == {
        letters["阵地类型"]: "'可选值'!$A$2:$A$9",
        letters["星级"]: "'可选值'!$B$2:$B$4",
        letters["所属团组织"]: "'可选值'!$C$2:$C$5",
        letters["坐标系"]: "'可选值'!$D$2:$D$4",
        letters["状态"]: "'可选值'!$G$2:$G$3",
        letters["公开服务手机"]: '"是,否"',
        letters["示例数据"]: '"是,否"',
        letters["确认"]: '"是,否"',
    }
    assert 'errorStyle="warning"' in xml and 'promptTitle="服务项目" prompt="多项用“、”分隔，写“可选值”工作表中的名称"' in xml
    assert '<pane xSplit="2" ySplit="1"' in xml
    assert f'<autoFilter ref="A1:{letters["确认"]}' in xml
    widths = {int(m[0]): float(m[2]) for m in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', xml)}
    assert widths[2] > 30 and 8 < widths[cols.index(next(c for c in cols if c.label == "纬度")) + 1] < 15
    choices = CalamineWorkbook.from_path(path).get_sheet_by_name("可选值").to_python()
    assert choices[0] == ["阵地类型", "星级", "所属团组织", "坐标系", "服务项目", "承接品牌", "状态"]
    assert [row[3] for row in choices[1:5]] == ["天地图、手机 GPS 定位（WGS-84）", "高德地图、腾讯地图（GCJ-02）", "百度地图（BD-09）", ""]
    assert [row[4] for row in choices[1:]] == list(vocabularies(sample).services[k].label for k in vocabularies(sample).services) + [""] * (len(choices) - 1 - len(vocabularies(sample).services))
    closed_row = next(m for m in re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', xml) if "taigu-closed" in m[1])
    open_row = next(m for m in re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', xml) if "taigu-baita-wenmiao-youth-home" in m[1])
    assert set(re.findall(r' s="(\d+)"', closed_row[1])).isdisjoint(re.findall(r' s="(\d+)"', open_row[1]))


def test_column_guide_comes_from_the_field_reference(sample, tmp_path):
    path = tmp_path / "台账.xlsx"
    export(sample, path)
    guide = CalamineWorkbook.from_path(path).get_sheet_by_name("字段说明").to_python()
    assert guide[0] == ["列名", "字段", "必填", "类型", "可选值", "说明", "示例"]
    by_label = {row[0]: row for row in guide[1:] if row[1]}
    reference = {r.key: r for r in rows(Venue, vocabularies(sample))}
    for col in columns(vocabularies(sample))[1:-1]:
        row = by_label[col.label]
        assert row[1] == col.key and row[2] == ("必填" if reference[col.key].required else "可选")
    assert by_label["服务项目"][4].startswith("文化学习、志愿公益、创业就业")
    assert by_label["坐标系"][5].startswith("高德、腾讯地图的坐标选“高德地图、腾讯地图（GCJ-02）”，百度地图的选“百度地图（BD-09）”")
    assert by_label["关闭日期"][5] == "“状态”为“已关闭” 时必填"
    assert by_label["服务项目"][6] == "文化学习、志愿公益"
    assert "data/" not in " ".join(str(row[5]) for row in guide)
    assert any("交给网站管理员导入" in str(row[0]) for row in guide)


def test_a_new_vocabulary_entry_reaches_the_drop_down(sample, tmp_path):
    root = make_project(tmp_path / "p", sample_content=False)
    write(root, "data/services.yml", (root / "data/services.yml").read_text(encoding="utf-8") + "- key: reading\n  label: 读书会\n")
    export(root, tmp_path / "t.xlsx")
    guide = CalamineWorkbook.from_path(tmp_path / "t.xlsx").get_sheet_by_name("字段说明").to_python()
    assert next(row for row in guide if row[0] == "服务项目")[4].endswith("、读书会")


def test_csv_for_people_without_excel_and_one_orgs_venues(sample, tmp_path):
    path = tmp_path / "台账.csv"
    count = export(sample, path, org="taiyuan")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel opens it as UTF-8
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,名称,阵地类型,星级,所属团组织,县区") and lines[0].endswith(",确认")
    assert count == len(lines) - 1 == len(list((sample / "venues/taiyuan").glob("*.md")))
    assert all(line.split(",")[4] == "太原共青团" for line in lines[1:])
    everything = tmp_path / "all.csv"
    export(sample, everything)
    text = everything.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text  # a spreadsheet shows the text instead of running it
    plan = sheet_import.plan(sample, everything)
    assert (plan.errors, len(plan.added), len(plan.changed)) == ([], 0, 0)


def test_the_id_column_is_locked_and_every_other_cell_editable(sample, tmp_path):
    """Sheet protection without a password and without sorting (a sort that leaves the id column
    behind gives rows other venues' ids); the id cells locked, the others not, new rows too."""
    path = tmp_path / "台账.xlsx"
    export(sample, path)
    xml = sheet_xml(path, 1)
    protection = re.search(r"<sheetProtection [^>]*/>", xml)[0]
    assert 'sheet="1"' in protection and 'autoFilter="0"' in protection and 'sort="0"' not in protection and "password" not in protection
    with zipfile.ZipFile(path) as archive:
        styles = archive.read("xl/styles.xml").decode("utf-8")
    xfs = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", styles.split("<cellXfs")[1])
    unlocked = {n for n, xf in enumerate(xfs) if 'locked="0"' in xf}
    cols = {int(m[0]): int(m[1]) for m in re.findall(r'<col min="(\d+)" max="\d+" [^>]*style="(\d+)"', xml)}
    assert cols[1] not in unlocked and all(style in unlocked for n, style in cols.items() if n > 1)
    for row in re.findall(r"<row [^>]*>(.*?)</row>", xml)[1:]:
        cells = re.findall(r'<c r="([A-Z]+)\d+"(?: s="(\d+)")?', row)
        assert all((int(style or 0) in unlocked) == (letter != "A") for letter, style in cells if style)
