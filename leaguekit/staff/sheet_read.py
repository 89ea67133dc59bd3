"""Reading a spreadsheet staff send back: .xlsx, .xls, .ods (python-calamine) or .csv.

A sheet is untrusted input like a content file. It is read with limits (file size, rows,
columns) and, for the binary formats, in a child process with a memory cap: calamine
allocates the whole declared range, so a 5 KB file naming cell XFD1048576 would otherwise
take the machine's memory. What comes back is the header row and each non-empty row with
the row number the spreadsheet program shows; the header row is found among the first rows
(titles above it and headers merged over two rows are allowed).
"""

from __future__ import annotations

import codecs
import csv
import io
import multiprocessing
import os
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

FORMATS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
MAX_BYTES = 50_000_000
MAX_UNPACKED = 1_000_000_000  # what an .xlsx or .ods may declare its parts to unpack to
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MEMORY_CAP = 3 * 1024**3  # address space the reading child may add to what it started with
TIMEOUT = 300
HEADER_SEARCH = 20  # rows searched for the header row
SHEET_NAME = "阵地台账"  # the export's sheet; else the first visible sheet
STAMP_SHEET = "导出记录"  # the export's hidden stamp (`sheet_stamp`): read for the stamp only, never as the ledger


class SheetError(Exception):
    """The file cannot be read as a sheet; the message (Chinese) says why and what to do."""


@dataclass(frozen=True)
class Sheet:
    name: str  # the file name, as messages show it
    headers: dict[int, str]  # column index -> header text
    header_row: int  # as the spreadsheet shows it (1-based)
    rows: list[tuple[int, list[Any]]]  # row number, cells (None when empty)
    stamp: list[list[Any]] | None = None  # the 导出记录 sheet's cells, when the file has one


def read(path: Path, is_header: Callable[[Any], bool]) -> Sheet:
    """The sheet in `path`; `is_header` says whether a cell's text names a known column."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise SheetError(f"{path.name} 不是表格文件：请用 .xlsx、.xls、.ods 或 .csv")
    if not path.is_file():
        raise SheetError(f"找不到 {path}：请检查文件名和所在的文件夹")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SheetError(f"{path.name} 太大（{size / 1e6:.0f} MB），上限 {MAX_BYTES // 1_000_000} MB；请删去图片和不用的工作表")
    if suffix == ".csv":
        grid, merged, stamp = _csv(path), [], None
    else:
        grid, merged, stamp = _in_child(path)
    return replace(_sheet(path.name, grid, merged, is_header), stamp=stamp)


# --- CSV ---------------------------------------------------------------------------


def _csv(path: Path) -> list[list[Any]]:
    """UTF-8 with or without BOM, GBK/GB18030 (Excel on Chinese Windows), or Excel's UTF-16 “Unicode text”."""
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise SheetError(f"{path.name} 的编码无法识别：请另存为“CSV UTF-8（逗号分隔）”")
    if "\x00" in text:
        raise SheetError(f"{path.name} 不是文本格式的 CSV：请在表格软件中另存为“CSV UTF-8（逗号分隔）”")
    first = text[:4096].split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count)
    grid = []
    try:
        for n, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)):
            if n >= MAX_ROWS + HEADER_SEARCH:
                raise SheetError(f"{path.name} 超过 {MAX_ROWS:,} 行：请按团组织分成几个表格")
            if len(row) > MAX_COLUMNS:
                raise SheetError(f"{path.name} 第 {n + 1} 行超过 {MAX_COLUMNS} 列：请只保留台账的各列")
            grid.append([cell if cell.strip() else None for cell in row])
    except csv.Error as exc:
        raise SheetError(f"{path.name} 不是有效的 CSV（{exc}）：请在表格软件中重新另存为 CSV") from None
    return grid


# --- .xlsx, .xls, .ods in a child process -----------------------------------------------


def _in_child(path: Path) -> tuple[list[list[Any]], list[tuple[tuple[int, int], tuple[int, int]]], list[list[Any]] | None]:
    if path.suffix.lower() != ".xls":
        _check_zip(path)
    context = multiprocessing.get_context("fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else "spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(str(path), sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(TIMEOUT):
            raise SheetError(f"{path.name} 读取超时：文件可能已损坏，请在表格软件中打开后重新保存")
        kind, payload = receiver.recv()
    except (EOFError, OSError):
        raise SheetError(f"{path.name} 无法读取：文件已损坏或声明的表格范围过大；请在表格软件中打开，只保留台账一张工作表后重新保存") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if kind == "error":
        raise SheetError(f"{path.name} {payload}")
    return payload


def _check_zip(path: Path) -> None:
    """.xlsx and .ods are zip files: refuse one whose parts would unpack to more than MAX_UNPACKED."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise SheetError(f"{path.name} 不是有效的 {path.suffix} 文件：请在表格软件中打开后重新保存为 .xlsx") from None
    if unpacked > MAX_UNPACKED:
        raise SheetError(f"{path.name} 解压后超过 {MAX_UNPACKED // 1_000_000} MB：请只保留台账一张工作表，删去图片后重新保存")


def _child(path: str, sender: Any) -> None:
    """Runs in the child: read with calamine under a memory cap, send the cells or a message.
    A file that exhausts the cap aborts the child; its Rust report goes nowhere, the parent explains."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    try:
        import resource

        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (used + MEMORY_CAP, resource.RLIM_INFINITY))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no rlimit: the size and range checks still apply
    try:
        sender.send(("ok", _calamine(path)))
    except SheetError as exc:
        sender.send(("error", str(exc)))
    except Exception as exc:  # calamine's own errors: a damaged or password-protected file
        sender.send(("error", f"无法读取（{type(exc).__name__}）：文件可能已损坏或设了密码；请在表格软件中打开后重新保存"))
    finally:
        sender.close()


def _calamine(path: str) -> tuple[list[list[Any]], list[tuple[tuple[int, int], tuple[int, int]]], list[list[Any]] | None]:
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    with CalamineWorkbook.from_path(path) as book:
        visible = [m.name for m in book.sheets_metadata if m.visible == SheetVisibleEnum.Visible]
        if SHEET_NAME in book.sheet_names and SHEET_NAME not in visible:
            raise SheetError(f"中的工作表“{SHEET_NAME}”被隐藏了：只导入看得见的工作表；请在表格软件中取消隐藏后重新保存")
        name = SHEET_NAME if SHEET_NAME in visible else (visible or [None])[0]
        if name is None:
            raise SheetError("中没有看得见的工作表：请在表格软件中取消隐藏台账后重新保存")
        sheet = book.get_sheet_by_name(name)
        if sheet.total_width > MAX_COLUMNS:
            raise SheetError(f"的工作表“{name}”超过 {MAX_COLUMNS} 列：请只保留台账的各列")
        if sheet.total_height > MAX_ROWS + HEADER_SEARCH:
            raise SheetError(f"的工作表“{name}”超过 {MAX_ROWS:,} 行：请按团组织分成几个表格")
        grid = [[None if cell == "" else cell for cell in row] for row in sheet.to_python(skip_empty_area=False)]
        merged = _ods_merged(path, name) if path.lower().endswith(".ods") else list(sheet.merged_cell_ranges or [])
        stamp = None
        if STAMP_SHEET in book.sheet_names and name != STAMP_SHEET:
            kept = book.get_sheet_by_name(STAMP_SHEET)
            if kept.total_width <= 3 and kept.total_height <= MAX_ROWS + 1:
                stamp = [[None if cell == "" else cell for cell in row] for row in kept.to_python(skip_empty_area=False)]
        return grid, merged, stamp


TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _ods_merged(path: str, name: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The merged ranges of an .ods sheet (calamine reads none there): cells spanning rows or
    columns in content.xml, streamed; repeated rows and cells are counted, not expanded."""
    import xml.etree.ElementTree as ET  # expat >= 2.4 refuses entity expansion bombs

    found: list[tuple[tuple[int, int], tuple[int, int]]] = []
    row = col = 0
    inside = False
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as xml:
        for event, element in ET.iterparse(xml, events=("start", "end")):
            tag = element.tag
            if tag == f"{TABLE}table":
                if event == "start":
                    inside, row = element.get(f"{TABLE}name") == name, 0
                elif inside:
                    break
            elif not inside:
                if event == "end":
                    element.clear()
            elif tag == f"{TABLE}table-row":
                if event == "start":
                    col = 0
                else:
                    row += int(element.get(f"{TABLE}number-rows-repeated", "1"))
                    element.clear()
            elif tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell") and event == "start":
                rows = int(element.get(f"{TABLE}number-rows-spanned", "1"))
                cols = int(element.get(f"{TABLE}number-columns-spanned", "1"))
                if rows > 1 or cols > 1:
                    found.append(((row, col), (row + rows - 1, col + cols - 1)))
                col += int(element.get(f"{TABLE}number-columns-repeated", "1"))
    return found


# --- the header row and the rows ----------------------------------------------------


def _sheet(name: str, grid: list[list[Any]], merged: list[tuple[tuple[int, int], tuple[int, int]]], is_header: Callable[[Any], bool]) -> Sheet:
    width = max((len(row) for row in grid), default=0)
    grid = [row + [None] * (width - len(row)) for row in grid]
    scores = [(sum(1 for cell in row if is_header(cell)), n) for n, row in enumerate(grid[:HEADER_SEARCH])]
    best, at = max(scores, key=lambda s: (s[0], -s[1]), default=(0, 0))
    if best < 2:
        raise SheetError(f"{name} 中找不到表头：前 {HEADER_SEARCH} 行中应有一行写着“名称”“阵地类型”“地址”等列名（用导出的台账填写即可）")
    block = [at]
    # A header over two rows (坐标 above 纬度 and 经度, 名称 merged down): the row below holds only
    # column names, or the row above names columns this row leaves empty.
    below = [c for c in grid[at + 1] if c is not None] if at + 1 < len(grid) else []
    if below and all(is_header(c) for c in below):
        block.append(at + 1)
    elif at > 0 and any(is_header(c) and grid[at][col] is None for col, c in enumerate(grid[at - 1])):
        block.insert(0, at - 1)
    header: list[Any] = [None] * width
    for col in range(width):
        cells = [grid[r][col] for r in block if grid[r][col] is not None]
        known = [c for c in cells if is_header(c)]
        header[col] = (known or cells or [None])[-1]
    for (top, left), (bottom, right) in merged:
        if top <= block[-1] and bottom >= block[0] and top < len(grid) and left < width:
            for col in range(left, min(right, width - 1) + 1):
                header[col] = header[col] if header[col] is not None else grid[top][left]
    headers = {col: str(cell).strip() for col, cell in enumerate(header) if cell is not None and str(cell).strip()}
    _fill_merged(name, grid, merged, block[-1] + 1)
    rows = []
    for n in range(block[-1] + 1, len(grid)):
        if any(c is not None and not (isinstance(c, str) and not c.strip()) for c in grid[n]):
            rows.append((n + 1, grid[n]))
    return Sheet(name, headers, block[-1] + 1, rows)


def _fill_merged(name: str, grid: list[list[Any]], merged: list[tuple[tuple[int, int], tuple[int, int]]], first: int) -> None:
    """A range merged below the header (a district over its rows, as 台账 are laid out) holds its
    value in every row it covers, as a person reads it. Merged ranges do not overlap in a file a
    program saved; one that claims more cells than the sheet has is refused, so filling stays linear."""
    height, width = len(grid), len(grid[0]) if grid else 0
    budget = height * width
    for (top, left), (bottom, right) in merged:
        if top < first or top >= height or left >= width:
            continue
        bottom, right = min(bottom, height - 1), min(right, width - 1)
        budget -= (bottom - top + 1) * (right - left + 1)
        if budget < 0:
            raise SheetError(f"{name} 中合并的单元格互相重叠，无法读取：请取消合并后重新保存")
        value = grid[top][left]
        for r in range(top, bottom + 1):
            grid[r][left : right + 1] = [value] * (right - left + 1)


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA: how spreadsheet programs name a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
