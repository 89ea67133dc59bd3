"""Reading a sheet: the header row among titles, headers over two rows, empty rows, the encodings
Chinese Windows writes, and limits that keep a hostile file cheap."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
import xlsxwriter

from leaguekit.staff.sheet_read import SheetError, column_letter, read

KNOWN = {"名称", "县区", "纬度", "经度", "电话", "id"}


def sheet(path: Path):
    return read(path, lambda cell: cell in KNOWN)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_in_the_encodings_staff_have(tmp_path, encoding):
    path = tmp_path / "台账.csv"
    text = "名称,县区,电话\r\n太谷区青年之家,太谷区,0354-6231234\r\n"
    path.write_bytes(text.encode(encoding) if encoding != "utf-16" else codecs.BOM_UTF16_LE + text.replace(",", "\t").encode("utf-16-le"))
    read_back = sheet(path)
    assert read_back.headers == {0: "名称", 1: "县区", 2: "电话"}
    assert read_back.rows == [(2, ["太谷区青年之家", "太谷区", "0354-6231234"])]


def test_a_csv_that_is_no_text_is_named(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(SheetError, match="编码无法识别"):
        sheet(path)


def test_header_under_a_title_over_two_rows_with_empty_rows_between(tmp_path):
    path = tmp_path / "two.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("其他")
    ws.write(0, 0, "另一张表")
    ws = book.add_worksheet("阵地台账")
    ws.merge_range(0, 0, 0, 4, "太谷区阵地台账")
    ws.merge_range(1, 0, 2, 0, "名称")  # merged down over the two header rows
    ws.merge_range(1, 1, 1, 2, "坐标")  # over 纬度 and 经度
    ws.write_row(2, 1, ["纬度", "经度"])
    ws.merge_range(1, 3, 2, 4, "电话")  # two columns under one header
    ws.write_row(4, 0, ["太谷区青年之家", 37.42, 112.55, "0354-6231234", None])
    ws.write_row(6, 0, ["太谷区另一青年之家", 37.43, 112.56, None, "0354-6231235"])
    book.close()
    read_back = sheet(path)
    assert read_back.header_row == 3
    assert read_back.headers == {0: "名称", 1: "纬度", 2: "经度", 3: "电话", 4: "电话"}
    assert [n for n, _ in read_back.rows] == [5, 7]  # rows as the spreadsheet numbers them; empty ones skipped


def test_no_header_row_is_a_message(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SheetError, match="找不到表头"):
        sheet(path)


def test_limits(tmp_path):
    long = tmp_path / "long.csv"
    long.write_text("名称,县区\n" + "x,y\n" * 200_021, encoding="utf-8")
    with pytest.raises(SheetError, match="超过 200,000 行"):
        sheet(long)
    big = tmp_path / "big.csv"
    with big.open("wb") as out:
        out.truncate(50_000_001)
    with pytest.raises(SheetError, match="太大"):
        sheet(big)


def test_column_letters():
    assert [column_letter(n) for n in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
