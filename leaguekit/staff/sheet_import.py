"""`python -m leaguekit import-sheet 台账.xlsx [--apply]`: the ledger back into venue files.

Rows match venues by id (the sheet must have the id column); a row without one is a new venue (its id
made as `make new-venue` makes it, its file in its org's folder). Only the columns the sheet
has are written, only where they differ from the file; bodies and other fields stay as written
(`frontmatter.edit`). Whether the result is valid is decided by the kit's own loader, not here:
`content.load` runs on the venue files as already read, the new and changed ones replaced by
what would be written, and each problem it names is mapped back to the row and column it came
from. Every file is parsed once. Without `apply` nothing is written; with it, only when every
row is valid, and all or nothing.

A sheet is untrusted: a value only becomes part of a path once it names a known org or a valid
id, the loader's scratch copies live in a private folder made for the run, `apply` checks every
target before writing the first and puts everything back when the system refuses a write, and
every line for the terminal has its control characters escaped and personal data masked.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import load, privacy
from ..content.characters import printable
from ..content.files import read_entry
from ..content.problems import ContentError, Problem
from ..content.schema import ID_RE, Venue
from ..content.validation import TYPE_WORDS
from . import sheet_stamp
from .columns import CONFIRM, CONFIRM_LABEL, DATUM, ID, Column, columns, fold_header, get, header_words, vocabularies
from .frontmatter import DELETE, VenueFile, edit, line, read_venues
from .scaffold import LATER_ONLY, new_venue_id, optional_lines
from .sheet_identity import Known, doubt
from .sheet_read import Sheet, SheetError, column_letter, read

SCRATCH_PREFIX = "leaguekit-sheet-"
TEMPORARY = ".{}.import"  # `apply` writes each file beside its target, then renames it
BACKUP = ".{}.before"  # and keeps the file it replaces under this name until all are written (as long as TEMPORARY)
NAME_MAX = 255  # bytes in a file name (ext4, NTFS, APFS) where the system cannot say
BOM = "\ufeff"
DATUM_NEEDED = "改了坐标，请在“坐标系”一列选择坐标从哪个地图取得（高德、腾讯选 GCJ-02，百度选 BD-09，天地图、手机 GPS 选 WGS-84）"
CONFLICT = "导出后文件中的这一格也改了（{when}）：现为 {now}，表中改为 {cell}；请与改动的人核对，再用 make export-sheet 重新导出、在新表中修改"
UNSTAMPED = "这份表格没有导出记录（不是 make export-sheet 导出的 .xlsx，或记录被删去），看不出导出后文件是否被别人改过：每一行修改都可能撤销别人后来的修改，请逐项核对"
UNKNOWN_BASE = "本仓库中找不到这份表格导出时的版本（{}），看不出导出后文件是否被别人改过：每一行修改都可能撤销别人后来的修改，请逐项核对"
NO_COMMIT = "这份表格导出时文件有未提交的修改（或不在 git 仓库中），看不出导出后文件是否被别人改过：每一行修改都可能撤销别人后来的修改，请逐项核对"
STORYLESS = "新增的 {} 个阵地还没有正文：页面暂按类型、服务项目和开放时间写一句介绍；写入后请在各文件末尾补写几句（make check 会逐个提醒）"
NO_ID = "{} 没有“id”列，无法确认每一行是哪个阵地（按名称对应，排序后会张冠李戴）：请用 make export-sheet 导出最新的台账，在导出的表格中修改后再导入；新增阵地在末尾添加一行、id 留空"


class ApplyError(Exception):
    """`apply` wrote nothing (or put back all it wrote); the message (Chinese) says why."""
LISTED = 20  # changed rows listed in a dry run unless asked for all
SHOWN = 40  # characters of a value shown in a change


@dataclass
class Change:
    """What one row does to one venue file."""

    row: int
    name: str
    rel: str  # the file after the import
    old_rel: str | None  # the file before (None: a new venue)
    fields: list[tuple[Column, Any, Any]]  # column, old value, new value
    text: str = ""
    unsure: bool = False  # no stamp to merge against: it may undo a later edit


@dataclass
class Plan:
    sheet: Sheet
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    same: int = 0
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # row, column, message
    warnings: list[tuple[int, int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unsure: str = ""  # why changes marked `unsure` may undo later edits

    @property
    def writes(self) -> list[Change]:
        return self.added + self.changed


class _Rows:
    """The sheet's rows as columns: each cell found by its column, messages worded by row and header."""

    def __init__(self, sheet: Sheet, cols: list[Column], plan: Plan):
        self.sheet = sheet
        words = header_words(cols)
        self.at: dict[str, list[int]] = {}
        ignored = []
        for index, text in sorted(sheet.headers.items()):
            col = words.get(fold_header(text))
            if col is None:
                ignored.append(f"“{text}”")
            else:
                self.at.setdefault(col.key, []).append(index)
        used = {i for indexes in self.at.values() for i in indexes}
        nameless = sorted({i for _, cells in sheet.rows for i, c in enumerate(cells) if c is not None and i not in used and i not in sheet.headers})
        if ignored:
            plan.notes.append(f"未导入的列：{'、'.join(ignored)}（不是台账的列名，见“字段说明”）")
        if nameless:
            plan.notes.append(f"第 {'、'.join(column_letter(i) for i in nameless)} 列没有列名，其中的内容未导入")
        for key, indexes in self.at.items():
            if len(indexes) > 1:
                plan.notes.append(f"“{next(c.label for c in cols if c.key == key)}”有 {len(indexes)} 列（{'、'.join(column_letter(i) for i in indexes)}），按一项读取")
        self.cols = [c for c in cols if c.key in self.at]
        self.by_key = {c.key: c for c in self.cols}
        self.ids: set[str] = set()  # the venue files' ids: a cell holding one is taken as it is

    def cell(self, cells: list[Any], col: Column) -> tuple[Any, str]:
        """The column's cell in a row: several columns under one header are joined (lists) or must agree."""
        indexes = self.at[col.key]
        if len(indexes) == 1:
            return cells[indexes[0]], ""
        values = [cells[i] for i in indexes if cells[i] is not None and str(cells[i]).strip()]
        if len(values) <= 1:
            return (values[0] if values else None), ""
        if col.kind in ("choices", "list"):
            return "、".join(str(v) for v in values), ""
        if len({str(v) for v in values}) > 1:
            return values[0], f"这几列的内容不一致（{'、'.join(str(v) for v in values)}），请只留一个"
        return values[0], ""

    def value(self, cells: list[Any], key: str) -> Any:
        """A column's value read from the row, or None when the sheet has no such column."""
        col = self.by_key.get(key)
        if col is None:
            return None
        cell = self.cell(cells, col)[0]
        return cell if isinstance(cell, str) and cell in self.ids else col.read(cell).value

    def where(self, row: int, col: Column | None) -> str:
        return f"{self.sheet.name} 第 {row} 行" + (f"“{col.label}”" if col else "")

    def order(self, col: Column | None) -> int:
        return self.cols.index(col) if col in self.cols else -1


class _Venues:
    """The venue files a row may name: by id (or an old id), each named once; a row without an id is new."""

    def __init__(self, venues: list[VenueFile]):
        self.by_id = {v.id: v for v in venues if v.id}
        self.by_alias = {a: v for v in venues if v.front for a in (v.front.get("aliases") or []) if isinstance(a, str)}
        self.taken = set(self.by_id) | set(self.by_alias)  # ids a new venue may not take
        self.seen: dict[str, int] = {}
        self.new_names: dict[tuple[str, str], int] = {}

    def match(self, row: int, ident: Any, name: Any, district: Any) -> tuple[VenueFile | None, str]:
        """The venue file a row names (None: a new venue), or why the row cannot be used."""
        if ident:
            target = self.by_id.get(ident) or self.by_alias.get(ident)
            if target is None:
                return None, f"“{ident}”不是已有阵地的 id；新增阵地请把 id 留空，导入时按名称生成"
            if target.id in self.seen:
                return None, f"与第 {self.seen[target.id]} 行是同一个阵地（{target.rel}），请删去一行"
            self.seen[str(target.id)] = row
            return target, ""
        key = _name_key(name, district)
        if key in self.new_names:
            return None, f"与第 {self.new_names[key]} 行的名称和县区相同，请删去一行"
        self.new_names[key] = row
        return None, ""


def plan(root: Path, path: Path) -> Plan:
    """Read the sheet and decide what each row does; validate the result with the kit's loader."""
    content = vocabularies(root)
    cols = columns(content)
    words = header_words(cols)
    sheet = read(path, lambda cell: fold_header(cell) in words)
    result = Plan(sheet)
    rows = _Rows(sheet, cols, result)
    if ID not in rows.by_key:
        raise SheetError(NO_ID.format(sheet.name))
    venues, read_problems = read_venues(root)
    known = _Venues(venues)
    rows.ids = set(known.by_id)
    places: Known | None = None  # built for the first new row
    stamp = sheet_stamp.read(sheet.stamp)
    exported = [rows.at.get(col.key, [None])[0] for col in cols]  # each export column's cell index

    def as_exported(cells: list[Any]) -> list[Any]:
        return [cells[i] if i is not None else None for i in exported]

    touched = {}  # id -> file at the export's commit, for rows changed since the export
    if stamp is not None:
        for _, cells in sheet.rows:
            ident = cells[rows.at[ID][0]]
            entry = stamp.rows.get(ident) if isinstance(ident, str) else None
            if entry and entry[1] != sheet_stamp.fingerprint(as_exported(cells)):
                touched[ident] = entry[0]
    bases = sheet_stamp.bases(root, stamp.commit, sorted(set(touched.values()))) if stamp else {}
    unstamped = UNSTAMPED if stamp is None else UNKNOWN_BASE.format(stamp.commit[:7]) if stamp.commit else NO_COMMIT
    marked: set[tuple[int, str]] = set()  # cells that already have a message

    def error(row: int, col: Column | None, text: str) -> None:
        marked.add((row, col.key if col else ""))
        result.errors.append((row, rows.order(col), f"{rows.where(row, col)}：{text}"))

    for row, cells in sheet.rows:
        ident = rows.value(cells, ID)
        name, district = (None, None) if ident else (rows.value(cells, "name"), rows.value(cells, "district"))
        target, problem = known.match(row, ident, name, district)
        if problem:
            error(row, rows.by_key.get(ID) if ident else rows.by_key.get("name"), problem)
            continue
        front = (target.front or {}) if target else {}
        entry = stamp.rows.get(str(ident)) if stamp is not None and target is not None else None
        if entry is not None and str(ident) not in touched:
            result.same += 1  # the row as exported: whatever the file says now stays
            continue
        base = bases.get(touched.get(str(ident), "")) if target is not None else None
        fields = []
        datum_given = False
        for col in rows.cols:
            if col.key in (ID, CONFIRM):
                continue
            old = get(front, col.key)
            value, problem = rows.cell(cells, col)
            if problem:
                error(row, col, problem)
            if col.key == DATUM:
                if value is None or not str(value).strip():
                    continue  # exported empty: the file's datum stays unless the coordinates change (below)
                datum_given = True
            exported_value = get(base, col.key) if base is not None else old
            if target is not None and col.shows(value, exported_value):
                continue  # the cell holds what the export wrote: nothing to read, the file's value stays
            cell = col.read(value, exported_value)
            if cell.problem and (row, col.key) not in marked:
                error(row, col, cell.problem)
            if base is not None and col.same(exported_value, cell.value):
                continue  # written differently, saying the same
            if base is not None and not col.same(exported_value, old) and not col.same(old, cell.value):
                when = sheet_stamp.changed_on(root, stamp.commit, target.rel) if stamp else ""
                error(row, col, CONFLICT.format(when=when, now=_masked(col.show(old)), cell=_masked(col.show(cell.value))))
                continue
            if target is None or not col.same(old, cell.value):
                fields.append((col, old, cell.value))
        keys = {col.key for col, _, value in fields if value is not None}
        if keys & {"location.lat", "location.lng"} and not datum_given:
            error(row, rows.by_key.get(DATUM) or rows.by_key.get("location.lat"), DATUM_NEEDED)
        after = {**front, **{k: v for k, v in _top_level(front, fields).items() if v is not DELETE}}
        confirmed = rows.value(cells, CONFIRM) is True
        relocated = "moved_on" in keys  # a move recorded in its own columns says the row is the same venue
        label = rows.by_key.get("name") or rows.by_key.get(ID)
        if target is not None and not confirmed and not relocated and (why := doubt(front, after)):
            error(row, label, f"是同一个阵地吗？与 {target.rel}（{front.get('name')}）相比，{why}；确是这个阵地（改名、搬迁）请在“{CONFIRM_LABEL}”一列填“是”，是另一个阵地请在末尾另起一行、id 留空")
        if target is None and not confirmed:
            places = places or Known.of(venues)
            if (same := places.duplicate(after)) is not None:
                other, why = same
                error(row, label, f"可能与已有阵地重复：{(other.front or {}).get('name')}（{other.rel}），{why}；确是另一个阵地请在“{CONFIRM_LABEL}”一列填“是”")
        if target is None:
            change = _new(content, row, str(name or ""), fields, known.taken)
            known.taken.add(Path(change.rel).stem)
            result.added.append(change)
        elif fields:
            result.changed.append(_changed(root, row, str(front.get("name") or ""), target, fields, set(content.orgs)))
            if base is None:
                result.changed[-1].unsure = True
                result.unsure = unstamped
        else:
            result.same += 1
    for change in result.writes:
        too_long = long_name(root, change.rel)
        if too_long:
            error(change.row, rows.by_key.get(ID) if change.old_rel else rows.by_key.get("name"), too_long)
    if result.writes:
        _validate(root, result, venues, read_problems, rows, marked)
    return result


def _name_key(name: Any, district: Any) -> tuple[str, str]:
    return (re.sub(r"\s+", "", str(name or "")), re.sub(r"\s+", "", str(district or "")))


def _top_level(front: dict[str, Any], fields: list[tuple[Column, Any, Any]]) -> dict[str, Any]:
    """The changed columns as top-level front-matter keys; a record (`location`) is rewritten whole."""
    changes: dict[str, Any] = {}
    for col, _, value in fields:
        top, _, sub = col.key.partition(".")
        empty = value is None or (value == col.default and not col.required)
        if not sub:
            changes[top] = DELETE if empty else value
            continue
        record = changes.get(top)
        if not isinstance(record, dict):
            record = dict(front.get(top) or {}) if isinstance(front.get(top), dict) else {}
        if empty:
            record.pop(sub, None)
        else:
            record[sub] = value
        changes[top] = record
    return changes


def _changed(root: Path, row: int, name: str, target: VenueFile, fields: list[tuple[Column, Any, Any]], orgs: set[str]) -> Change:
    """The file with the row's changes; its bytes as written (a BOM, CRLF line ends) stay."""
    front = target.front or {}
    text = (root / target.rel).read_bytes().decode("utf-8")
    bom = BOM if text.startswith(BOM) else ""
    changes = _top_level(front, fields)
    rel = target.rel
    new_org = changes.get("org")
    parts = Path(rel).parts
    if new_org in orgs and len(parts) == 3 and parts[1] == front.get("org"):
        rel = f"venues/{new_org}/{parts[2]}"  # the file follows its org's folder (a known org only: it becomes a path)
    return Change(row, name, rel, target.rel, fields, bom + edit(text.removeprefix(bom), changes))


def _new(content: Any, row: int, name: str, fields: list[tuple[Column, Any, Any]], taken: set[str]) -> Change:
    """A new venue file: the row's fields, then the other optional fields as commented examples."""
    values = _top_level({}, fields)
    values = {k: v for k, v in values.items() if v is not DELETE and v != {}}
    org = values.get("org") if isinstance(values.get("org"), str) and values.get("org") in content.orgs else ""
    vtype = content.venue_types.get(values.get("type")) if isinstance(values.get("type"), str) else None
    ident = new_venue_id(name, str(values.get("district") or ""), vtype.label if vtype else "", org, taken)
    lines = [
        "---",
        "# 由台账导入。以“# ”开头的行是可选字段的示例：删去行首的“# ”并改成实际内容即可启用。",
        "# 改完运行 make check；字段说明见网站“参与维护”页。",
        *(line(key, value) for key, value in values.items()),
        *optional_lines(Venue, set(values) | LATER_ONLY | (set() if vtype is None or vtype.grades else {"grade"}), content, org),
        "---",
        "",  # no story yet: a placeholder body would stop the file at make check (content.placeholders)
    ]
    return Change(row, name, f"venues/{org or 'unknown-org'}/{ident}.md", None, [f for f in fields if f[2] is not None], "\n".join(lines))


# --- validation by the kit's own loader ------------------------------------------------


def _validate(root: Path, plan: Plan, venues: list[VenueFile], read_problems: list[Problem], rows: _Rows, marked: set[tuple[int, str]]) -> None:
    """`make check`'s rules on the would-be content: the new and changed files are read by the
    loader's own reader from a scratch folder, the rest are the files as already read, and
    `content.load` runs on the lot."""
    by_key = rows.by_key
    replaced = {c.old_rel for c in plan.writes if c.old_rel}
    problems = [p for p in read_problems if p.path not in replaced]
    files = [v.read for v in venues if v.rel not in replaced]
    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX) as scratch:
        for change in plan.writes:
            path = inside(Path(scratch), change.rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(change.text.encode("utf-8"))
            files.append(read_entry(path, Path(scratch), Venue, problems))
    try:
        found = load(root, venues_as_read=(sorted(files, key=lambda f: f.rel), problems)).warnings
    except ContentError as exc:
        found = exc.problems
    by_rel = {c.rel: c for c in plan.writes}
    storyless = 0  # new venues without a body: one note for all, a sheet cannot hold a story
    for p in found:
        change = by_rel.get(p.path)
        if change is not None and p.field == "文件夹":
            continue  # the import picks the folder from 所属团组织, whose own check names an unknown org
        if change is not None and change.old_rel is None and p.field == "正文" and p.level == "warning":
            storyless += 1
            continue
        if change is None:
            if p.level == "error":
                plan.errors.append((0, 0, f"{p}（不在表格中的文件，请先改正）"))
            continue
        col = _column_for(p.field, by_key)
        if p.level == "error" and (change.row, col.key if col else "") in marked:
            continue
        text = _sheet_words(p, col, by_key, change)
        where = rows.where(change.row, col)
        if p.level == "error":
            marked.add((change.row, col.key if col else ""))
            plan.errors.append((change.row, rows.order(col), f"{where}：{text}"))
        else:
            plan.warnings.append((change.row, rows.order(col), f"{where}：{text}（提醒）"))
    if storyless:
        plan.notes.append(STORYLESS.format(storyless))


def _column_for(field_name: str, by_key: dict[str, Column]) -> Column | None:
    """The sheet column a loader problem is about: `services[1]` -> 服务项目, `location` -> 纬度, `文件名` -> id."""
    if field_name == "文件名":
        return by_key.get(ID) or by_key.get("name")
    key = re.sub(r"\[\d+\]", "", field_name)
    parts = key.split(".")
    while parts:
        if ".".join(parts) in by_key:
            return by_key[".".join(parts)]
        parts.pop()
    return next((c for k, c in by_key.items() if k.startswith(key + ".")), None)


def _sheet_words(p: Problem, col: Column | None, by_key: dict[str, Column], change: Change) -> str:
    """A loader problem in a sheet's words: the cell as typed, and hints naming columns, not YAML lines."""
    if col is None:
        subject = f"“{p.label}”（{p.field}）" if p.label else ""
        hint = p.hint
        if p.message == TYPE_WORDS["missing"]:
            hint = f"表中没有“{p.label or p.field}”这一列，请添加这一列并填写"
        return f"{subject} {p.message}".strip() + (f"；{hint}" if hint else "")
    # The cell as typed, unless the problem hides it (a personal mobile is shown masked).
    shown = next((_shown(col.show(new)) for c, _, new in change.fields if c is col), None) if p.value is not None else None
    value = f"{shown} " if shown and not p.message.startswith(shown) else ""
    hint = "请填写" if p.message == TYPE_WORDS["missing"] else _hint(p.hint, by_key)
    return f"{value}{p.message}" + (f"；{hint}" if hint else "")


def _hint(hint: str, by_key: dict[str, Column]) -> str:
    """`请添加一行 \\`closed_on: 2024-06-30\\`` -> 请在“关闭日期”一列填写 2024-06-30."""

    def label(key: str) -> str:
        col = by_key.get(key) or next((c for k, c in by_key.items() if k.endswith("." + key)), None)
        info = Venue.model_fields.get(key)
        return col.label if col else info.title if info is not None and info.title else key

    hint = re.sub(r"请(?:在[上下]一行)?添加一行 `(\w+): ([^`]*)`", lambda m: f"请在“{label(m[1])}”一列填写 {m[2]}", hint)
    hint = re.sub(r"请删除 (\w+) 这一行", lambda m: f"请清空“{label(m[1])}”", hint)
    hint = re.sub(r"加 (\w+): true", lambda m: f"在“{label(m[1])}”一列填“是”", hint)
    return re.sub(r"`(\w+): ([^`]*)`", lambda m: f"“{label(m[1])}”写 {m[2]}", hint)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    text = "、".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


# --- the report and the writing ------------------------------------------------------


def report(plan: Plan, *, everything: bool = False) -> list[str]:
    """What the import does, for a person: problems first, then 新增 / 修改 / 不变 and the changed fields."""
    sheet = plan.sheet
    lines = [f"读取 {sheet.name}：表头在第 {sheet.header_row} 行，{len(sheet.rows)} 行阵地。", *plan.notes]
    lines += [text for _, _, text in sorted(plan.errors)] + [text for _, _, text in sorted(plan.warnings)]
    lines.append(f"新增 {len(plan.added)} / 修改 {len(plan.changed)} / 不变 {plan.same}")
    unsure = sum(c.unsure for c in plan.changed)
    if unsure:
        lines.append(f"提醒：{plan.unsure}。以下标有“（可能撤销后来的修改）”的 {unsure} 行都是如此。")
    listed = plan.writes if everything else plan.writes[:LISTED]
    for change in sorted(listed, key=lambda c: c.row):
        if change.old_rel is None:
            lines.append(f"  第 {change.row} 行 新增 {change.rel}：{change.name}")
            continue
        moved = f"（移到 {change.rel}）" if change.rel != change.old_rel else ""
        diffs = "；".join(f"{col.label} {_masked(col.show(old))} → {_masked(col.show(new))}" for col, old, new in change.fields)
        lines.append(f"  第 {change.row} 行 修改 {change.old_rel}{moved}（{change.name}）：{diffs}" + ("（可能撤销后来的修改）" if change.unsure else ""))
    if len(listed) < len(plan.writes):
        lines.append(f"  …… 其余 {len(plan.writes) - len(listed)} 行未列出（加 --all 列出全部）")
    counts = Counter(col.label for change in plan.changed for col, _, _ in change.fields)
    if counts:
        lines.append("修改的列：" + "、".join(f"{label} {n} 行" for label, n in counts.most_common()))
    return [printable(text) for text in lines]


def _masked(value: Any) -> str:
    """A value in the change list as an error message would show it: a mobile or ID number masked."""
    shown = _shown(value)
    found = privacy.find(str(value)) if value is not None else []
    if found:
        return "含有" + "、".join(f"{f.label} {f.masked}" for f in found)
    return shown or "（空）"


def inside(base: Path, rel: str) -> Path:
    """`base/rel` for a venue file's path the import made: `venues/<org>/<id>.md`, each part an id.
    Anything else is a bug upstream, refused before it touches the disk."""
    parts = rel.split("/")
    if len(parts) != 3 or parts[0] != "venues" or not parts[2].endswith(".md") or not all(ID_RE.match(p) for p in (parts[1], parts[2][:-3])):
        raise ValueError(f"not a venue file path: {rel!r}")
    return base.joinpath(*parts)


def name_max(folder: Path) -> int:
    """The longest file name (bytes) the file system under `folder` takes."""
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return NAME_MAX


def long_name(root: Path, rel: str) -> str:
    """Why the file (or the temporary name it is written under) is too long for the disk, or ''."""
    name = TEMPORARY.format(Path(rel).name)
    limit = name_max(root / rel)
    size = len(name.encode("utf-8"))
    return f"文件名 {Path(rel).name} 太长（写入时的临时文件名 {size} 字节，上限 {limit}）；请缩短名称或 id" if size > limit else ""


def _targets(root: Path, plan: Plan) -> list[tuple[Change, Path, Path | None]]:
    """Every write's target (and the old place of a moved file), checked before the first write."""
    found, problems, seen = [], [], set()
    for change in plan.writes:
        target = inside(root, change.rel)
        old = inside(root, change.old_rel) if change.old_rel and change.old_rel != change.rel else None
        folder = target.parent
        while not folder.exists() and folder != root:
            folder = folder.parent
        if target in seen:
            problems.append(f"{change.rel} 在表中出现两次")
        elif target.is_dir() or not folder.is_dir():
            problems.append(f"{change.rel} 无法写入：同名的文件夹或文件已存在")
        elif long_name(root, change.rel):
            problems.append(long_name(root, change.rel))
        elif not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
            problems.append(f"{change.rel} 无法写入：没有写入权限")
        elif old is not None and not old.is_file():
            problems.append(f"{change.old_rel} 已不存在，无法移到 {change.rel}")
        seen.add(target)
        found.append((change, target, old))
    if problems:
        raise ApplyError("；".join(problems[:5]) + (f" 等 {len(problems)} 处" if len(problems) > 5 else "") + "。没有写入任何文件。")
    return found


def apply(root: Path, plan: Plan) -> None:
    """Write every new and changed file; a moved file leaves its old place. All targets are checked
    first. Each file is written under a temporary name, the file it replaces renamed aside, then
    the new one renamed into place; when the system still refuses a write, every step so far is
    undone by renames alone (which need no space) and `ApplyError` says so."""
    targets = _targets(root, plan)
    done: list[tuple[Path, Path | None]] = []  # a path now written or removed, and where its old content waits (None: it was new)
    made: list[Path] = []  # folders this run created
    temporary: Path | None = None
    current = ""
    try:
        for change, target, old in targets:
            current = change.rel
            missing = [f for f in (target.parent, *target.parent.parents) if not f.exists()]
            for folder in reversed(missing):
                folder.mkdir()
                made.append(folder)
            temporary = target.with_name(TEMPORARY.format(target.name))
            temporary.write_bytes(change.text.encode("utf-8"))
            done.append((target, _aside(target)))
            os.replace(temporary, target)
            temporary = None
            if old is not None:
                done.append((old, _aside(old)))
    except OSError as exc:
        kept = _undo(done, made, temporary)
        undone = "已撤销本次写入的全部文件，仓库保持导入前的样子" if not kept else f"以下文件未能恢复，请用 git checkout 恢复：{'、'.join(kept)}"
        raise ApplyError(f"写入 {current} 时被系统拒绝（{exc.strerror or exc}）；{undone}。") from None
    for _, aside in done:
        if aside is not None:
            aside.unlink(missing_ok=True)


def _aside(path: Path) -> Path | None:
    """Rename an existing file to its backup name beside it (None: there was none)."""
    if not path.exists():
        return None
    aside = path.with_name(BACKUP.format(path.name))
    os.replace(path, aside)
    return aside


def _undo(done: list[tuple[Path, Path | None]], made: list[Path], temporary: Path | None) -> list[str]:
    """Put every touched file back, newest step first; returns what could not be."""
    kept = []
    if temporary is not None:
        temporary.unlink(missing_ok=True)
    for path, aside in reversed(done):
        try:
            if aside is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(aside, path)
        except OSError:
            kept.append(path.name)
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError:
            kept.append(folder.name)
    return kept
