"""`python -m leaguekit export-sheet 台账.xlsx`: the venue ledger as a spreadsheet staff already know.

One row per venue file, closed ones included (状态 “已关闭”, greyed), with what the files say
as written, so exporting and importing an unchanged sheet changes nothing. The .xlsx has
drop-down lists from the vocabularies, a frozen header, a filter and readable widths, and two
more sheets: 字段说明 (each column, from the same rows as the staff field reference) and 可选值
(the lists the drop-downs read). `.csv` writes the ledger alone, UTF-8 with BOM for Excel.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from ..content.model import Content
from .columns import CONFIRM_LABEL, DATUM, ID, LIST_SEPARATOR, Column, columns, get, guard
from .frontmatter import VenueFile
from .reference import MAX_LISTED
from .sheet_read import STAMP_SHEET, column_letter
from .sheet_stamp import table as stamp_table

SHEET = "阵地台账"
EXPLAIN = "字段说明"
CHOICES = "可选值"
LAST_ROW = 1_048_575  # drop-downs reach rows added below the export
MAX_WIDTH = 40
ID_NOTE = "文件名即网址（/venues/<id>/），导出时已填好，已锁定不能修改。新增阵地这一格留空：导入时按名称生成，文件放在所属团组织的文件夹。"
# Which photo files each venue has, for staff to see: the import reads no column by this name.
PHOTOS = Column("photos", "照片（只读）", "text", False, None, None)
PHOTOS_NOTE = "阵地文件里写的照片文件，只供查看，导入时不读这一列；增删照片请直接改阵地文件（见“管理员手册”的“阵地照片”）。"
CONFIRM_NOTE = "导入时提示“是同一个阵地吗？”（名称、地址、位置都改了，或位置移动超过 2 公里）或“可能与已有阵地重复”的行，核实无误后在这一格填“是”再导入。"
NOTES = (
    "怎样填写",
    "一行一个阵地。修改时直接改格子里的内容；新增阵地在表格末尾添加一行，id 留空。",
    "第一列 id 已锁定：导入时按 id 找到阵地文件，id 为空的行是新增的阵地。表中没有的阵地不会改动，也不会删除。工作表不能排序（排序会打乱 id 与各行的对应），可以筛选。",
    "名称、地址和位置都改了，或位置移动超过 2 公里的行，导入时会问“是同一个阵地吗？”；新增的行离已有阵地不到 100 米，或电话、地址与已有阵地相同，会提示可能重复。核实无误后在“确认”一列填“是”。",
    "只有表中有的列会写入文件；正文、临时闭馆等表中没有的内容保持不变，“照片（只读）”列只供查看、不会导入。格子留空表示不写这一项（用默认值）。",
    f"服务项目、承接品牌等可填多项，用“{LIST_SEPARATOR}”或“，”分隔，写下拉列表或“可选值”工作表中的名称。",
    "坐标系：导出时留空，文件中的坐标系不变。改了纬度、经度（或新增阵地）的行必须选择：从高德、腾讯地图复制的坐标选“高德地图、腾讯地图（GCJ-02）”（也可写“高德”），从百度地图复制的选“百度地图（BD-09）”（或写“百度”），天地图、手机 GPS 的选“天地图、手机 GPS 定位（WGS-84）”。",
    "阵地关闭了不要删行：把“状态”改为“已关闭”并填写“关闭日期”。",
    "改好后保存为 .xlsx（也可以是 .xls、.ods 或 .csv），交给网站管理员导入；有问题时会按“第几行、哪一列”列出。",
)


def rows_of(venues: list[VenueFile], content: Content, org: str = "") -> list[VenueFile]:
    """The venues to export, in path order: all, or one org's and those of the orgs below it."""
    found = [v for v in venues if v.front is not None]
    if org:
        tree = set(content.org_tree(org))
        found = [v for v in found if v.front.get("org") in tree]
    return sorted(found, key=lambda v: v.rel)


def sheet_columns(content: Content) -> list[Column]:
    """The ledger's columns: the id, every field a cell can hold, the photo files (read-only), 确认 last."""
    *fields, confirm = columns(content)
    return [*fields, PHOTOS, confirm]


def values(venue: VenueFile, cols: list[Column]) -> list[Any]:
    """A venue's row; 坐标系 stays empty (a row whose coordinates change must choose it, the file keeps its own)."""
    return [venue.id if col.key == ID else None if col.key == DATUM else photo_files(venue.front or {}) if col is PHOTOS else col.show(get(venue.front or {}, col.key)) for col in cols]


def photo_files(front: dict[str, Any]) -> str | None:
    """The `src` of each photo a venue file names, as written."""
    photos = front.get("photos")
    found = [str(p["src"]) for p in photos if isinstance(p, dict) and p.get("src")] if isinstance(photos, list) else []
    return LIST_SEPARATOR.join(found) or None


def write(path: Path, content: Content, venues: list[VenueFile], org: str = "", commit: str = "") -> int:
    """Write the ledger to `path` (.xlsx or .csv); returns the number of venues written. The .xlsx
    carries the stamp (`sheet_stamp`): `commit`, and each row's file and fingerprint."""
    cols = sheet_columns(content)
    chosen = rows_of(venues, content, org)
    table = [values(v, cols) for v in chosen]
    if path.suffix.lower() == ".csv":
        _csv(path, cols, table)
    else:
        # The fingerprint covers the cells the import reads, the read-only photo files not among them.
        read = [i for i, col in enumerate(cols) if col is not PHOTOS]
        stamp = stamp_table(commit, [(str(v.id), v.rel, [row[i] for i in read]) for v, row in zip(chosen, table, strict=True)])
        _xlsx(path, cols, table, [get(v.front or {}, "status") == "closed" for v in chosen], stamp)
    return len(table)


def _csv(path: Path, cols: list[Column], table: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([c.label for c in cols])
        writer.writerows([guard(v) if v is not None else "" for v in row] for row in table)


def width(text: Any) -> int:
    """Columns a text takes in a spreadsheet, about: a Chinese character (three bytes in UTF-8) is
    two wide, a Latin one (one byte) one; counted in C, as 69,000 rows have 1.7 million cells."""
    text = str(text)
    return (len(text.encode("utf-8")) + len(text)) // 2


def _xlsx(path: Path, cols: list[Column], table: list[list[Any]], closed: list[bool], stamp: list[list[str]]) -> None:
    import xlsxwriter  # only the export needs it

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": "阵地台账", "comments": "python -m leaguekit export-sheet"})
    header = book.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True, "valign": "vcenter"})
    # The id column is locked (the sheet is protected, without a password), every other cell stays editable.
    text = book.add_format({"num_format": "@", "locked": False})
    number = book.add_format({"locked": False})
    locked = book.add_format({"num_format": "@", "locked": True, "font_color": "#6B6B6B"})
    greyed = {False: book.add_format({"num_format": "@", "font_color": "#6B6B6B", "bg_color": "#EDEDED", "locked": False}), True: book.add_format({"font_color": "#6B6B6B", "bg_color": "#EDEDED", "locked": False})}
    greyed_id = book.add_format({"num_format": "@", "font_color": "#6B6B6B", "bg_color": "#EDEDED", "locked": True})

    sheet = book.add_worksheet(SHEET)
    explain = book.add_worksheet(EXPLAIN)
    lists = book.add_worksheet(CHOICES)
    kept = book.add_worksheet(STAMP_SHEET)
    for n, col in enumerate(cols):
        widest = max([width(col.label) + 2, *(width(row[n]) for row in table if row[n] is not None)])
        sheet.set_column(n, n, min(max(widest, 6), MAX_WIDTH) + 1, locked if col.key == ID else number if col.kind == "number" else text)
    sheet.set_row(0, 30)
    sheet.freeze_panes(1, 2)
    for n, col in enumerate(cols):
        sheet.write_string(0, n, col.label, header)
    for r, row in enumerate(table, start=1):
        for n, value in enumerate(row):
            fmt = (greyed_id if cols[n].key == ID else greyed[cols[n].kind == "number"]) if closed[r - 1] else None
            if value is None:
                if fmt is not None:
                    sheet.write_blank(r, n, None, fmt)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, n, value, fmt)
            else:
                sheet.write_string(r, n, value, fmt)
    sheet.autofilter(0, 0, max(len(table), 1), len(cols) - 1)
    # No sorting: a sort that leaves the locked id column behind would give rows other venues' ids.
    sheet.protect("", {"autofilter": True, "format_cells": True, "format_columns": True, "format_rows": True, "insert_rows": True, "select_locked_cells": True, "select_unlocked_cells": True})
    _drop_downs(sheet, lists, cols, header)
    _explain(explain, cols, header, book.add_format({"text_wrap": True, "valign": "top"}), book.add_format({"bold": True}))
    for r, row in enumerate(stamp):
        kept.write_row(r, 0, row)
    kept.hide()
    sheet.activate()
    book.close()


def _drop_downs(sheet: Any, lists: Any, cols: list[Column], header: Any) -> None:
    """Each choice column reads its list from the 可选值 sheet (which also lists what the multi-value
    columns accept); 是/否 columns from the cell itself. A value typed by hand (a key, a full org
    name, “高德”) only warns: the import accepts it."""
    listed = [col for col in cols if col.kind in ("choice", "choices")]
    for used, col in enumerate(listed):  # written row by row: the workbook is kept in constant memory
        lists.set_column(used, used, min(max(map(width, [col.label, *col.choices.values()])) + 2, MAX_WIDTH))
        lists.write_string(0, used, col.label, header)
    shown = [list(col.choices.values()) for col in listed]
    for r in range(max(map(len, shown), default=0)):
        for used, values in enumerate(shown):
            if r < len(values):
                lists.write_string(r + 1, used, values[r])
    lists.freeze_panes(1, 0)
    for n, col in enumerate(cols):
        about = {"input_title": col.label[:32], "input_message": _prompt(col, cols)[:255], "error_type": "warning", "error_title": "不在下拉列表中"}
        if col.kind == "flag":
            sheet.data_validation(1, n, LAST_ROW, n, {"validate": "list", "source": ["是", "否"], **about, "error_message": "请选“是”或“否”。"})
        elif col.kind == "choice":
            letter = column_letter(listed.index(col))
            source = f"='{CHOICES}'!${letter}$2:${letter}${len(col.choices) + 1}"
            sheet.data_validation(1, n, LAST_ROW, n, {"validate": "list", "source": source, **about, "error_message": "请从下拉列表中选择；也可以写代码（如 youth-home）或全称，导入时会检查。"})
        elif about["input_message"]:
            sheet.data_validation(1, n, LAST_ROW, n, {"validate": "any", **about})


# A field's description in the sheet's words: cells hold names from the lists, not the keys files use.
KEY_WORDS = re.compile(r"：?(?:data/\S+\.yml|brands/)\s*中的?\s*(?:键|id|品牌文件名)")
KIND_WORDS = {"choice": "从列表选择", "choices": "从列表选择，可多项", "flag": "是 或 否", "list": "文字，可多项"}


def sheet_words(text: str, col: Column, cols: list[Column]) -> str:
    """A schema description as the sheet says it: `status: closed` -> “状态”为“已关闭”, a choice's
    keys -> their names (gcj02 -> 高德地图、腾讯地图（GCJ-02）), true -> 是, and no “data/services.yml 中的键”."""
    by_key = {c.key.rpartition(".")[2]: c for c in cols}
    text = KEY_WORDS.sub("", text)
    text = re.sub(r"\b([a-z_]+): ([a-z0-9_-]+)\b", lambda m: f"“{by_key[m[1]].label}”为“{by_key[m[1]].show(m[2])}”" if m[1] in by_key else m[0], text)
    words = dict(col.choices) if col.kind == "choice" else {"写 true": "填“是”", "写 false": "填“否”"} if col.kind == "flag" else {}
    if col.kind == "choice":
        for key, shown in words.items():
            text = text.replace(f"写 {key}", f"选“{shown}”")
    for key, shown in words.items():
        text = re.sub(rf"(?<![\w-]){re.escape(key)}(?![\w-])", lambda _, shown=shown: shown, text)
    return re.sub(r"(\S+) \1(?=\W|$)", r"\1", text)


def _prompt(col: Column, cols: list[Column]) -> str:
    """What a cell's pop-up says: the field's description, and how to write the cell."""
    if col.key == ID:
        return ID_NOTE
    if col.label == CONFIRM_LABEL:
        return CONFIRM_NOTE
    if col is PHOTOS:
        return PHOTOS_NOTE
    description = sheet_words(col.reference.description, col, cols) if col.reference else ""
    parts = [description] if description else []
    if col.kind == "choice":
        parts.append("从下拉列表选择")
    if col.kind in ("choices", "list"):
        parts.append(f"多项用“{LIST_SEPARATOR}”分隔" + ("，写“可选值”工作表中的名称" if col.kind == "choices" else ""))
    if col.required:
        parts.append("必填")
    return "；".join(parts)


def _allowed(col: Column) -> str:
    if col.kind == "flag":
        return "是、否"
    if not col.choices:
        return ""
    if len(col.choices) > MAX_LISTED:
        return f"共 {len(col.choices)} 项，见“{CHOICES}”工作表"
    return LIST_SEPARATOR.join(col.choices.values())


def _explain(sheet: Any, cols: list[Column], header: Any, wrap: Any, bold: Any) -> None:
    """字段说明: one row per column from the field reference's rows (the guide's field table)."""
    titles = ("列名", "字段", "必填", "类型", "可选值", "说明", "示例")
    for n, (title, size) in enumerate(zip(titles, (16, 18, 6, 14, 40, 60, 30), strict=True)):
        sheet.set_column(n, n, size, wrap)
        sheet.write_string(0, n, title, header)
    sheet.freeze_panes(1, 1)
    for r, col in enumerate(cols, start=1):
        ref = col.reference
        kind = KIND_WORDS.get(col.kind) or ("文字" if ref is None else ref.type)
        example = col.show(col.example) if col.example is not None else ""
        cells = (col.label, col.key, "必填" if col.required else "可选", kind, _allowed(col), _prompt(col, cols), str(example))
        for n, value in enumerate(cells):
            sheet.write_string(r, n, value)
    first = len(cols) + 2
    for r, note in enumerate(NOTES):
        sheet.write_string(first + r, 0, note, bold if r == 0 else None)

