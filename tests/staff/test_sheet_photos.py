"""The ledger shows each venue's photo files, read-only: the import never reads them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import make_project, photo, venue_md, write
from python_calamine import CalamineWorkbook

from leaguekit.content import load


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "leaguekit", *args, "--root", str(root)], cwd=root, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)


def test_photo_files_listed_read_only_and_ignored_on_import(tmp_path):
    root = make_project(tmp_path / "p", sample_content=False)
    photo(root, "venues/taigu/photos/door.jpg")
    photo(root, "venues/taigu/photos/room.jpg")
    write(root, "venues/taigu/test-venue.md", venue_md(photos=[{"src": "photos/door.jpg", "alt": "大门"}, {"src": "photos/room.jpg", "alt": "活动室"}]))
    write(root, "venues/taigu/no-photos.md", venue_md(name="没有照片的青年之家", address="山西省晋中市太谷区测试路 2 号"))
    load(root)
    before = {p: p.read_bytes() for p in (root / "venues").rglob("*.md")}
    sheet = tmp_path / "台账.xlsx"
    assert run(root, "export-sheet", str(sheet)).returncode == 0
    rows = CalamineWorkbook.from_path(str(sheet)).get_sheet_by_name("阵地台账").to_python()
    column = rows[0].index("照片（只读）")
    shown = {row[rows[0].index("id")]: row[column] for row in rows[1:]}
    assert shown == {"test-venue": "photos/door.jpg、photos/room.jpg", "no-photos": ""}
    guide = CalamineWorkbook.from_path(str(sheet)).get_sheet_by_name("字段说明").to_python()
    assert any(row[0] == "照片（只读）" and "导入时不读这一列" in row[5] for row in guide)

    # Someone edits the read-only cell of the CSV: the import reads nothing from it, previewed or applied.
    table = tmp_path / "台账.csv"
    assert run(root, "export-sheet", str(table)).returncode == 0
    text = table.read_text(encoding="utf-8-sig")
    assert "photos/door.jpg、photos/room.jpg" in text
    table.write_text(text.replace("photos/door.jpg、photos/room.jpg", "photos/other.jpg"), encoding="utf-8-sig")
    for args in ((), ("--apply",)):
        imported = run(root, "import-sheet", str(table), *args)
        assert imported.returncode == 0, imported.stderr
        assert "新增 0 / 修改 0 / 不变 2" in imported.stdout
    assert {p: p.read_bytes() for p in (root / "venues").rglob("*.md")} == before
