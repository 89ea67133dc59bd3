"""The export's stamp: which commit a sheet was made from and what each row said, for a three-way merge.

Sheets travel for days; a colleague may change a venue meanwhile. The export writes a hidden sheet
(导出记录, kept by LibreOffice, Excel and WPS) holding the commit that last touched venues/ and, per
row, the venue's id, file and a fingerprint of the row's cells. The import then knows, per cell,
what the staffer changed (the cell against the file at that commit, `git show <commit>:<path>`,
read for all changed rows through one `git cat-file --batch`) and what changed in the file since.
A row whose fingerprint still matches was not touched at all and is skipped unread.

The stamp is input like any cell: a commit must look like one, a path like a venue file's, or the
entry is ignored (the row is then imported with the warning a sheet without a stamp gets).
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..content.schema import ID_RE
from ..content.yamlsource import FRONT_MATTER

MARK = "leaguekit-export"
COMMIT_RE = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
REL_RE = re.compile(r"venues/[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*\.md")
FINGERPRINT_RE = re.compile(r"[0-9a-f]{16}")
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Stamp:
    commit: str  # '' when the export was not made in a git checkout
    rows: dict[str, tuple[str, str]]  # id -> (file at the commit, fingerprint)


def fingerprint(values: list[Any]) -> str:
    """A row's cells as one short hash; a number a program read back as 160.0 counts as 160."""
    norm = [None if v is None or v == "" else int(v) if isinstance(v, float) and v.is_integer() else v for v in values]
    return hashlib.sha256(json.dumps(norm, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()[:16]


def commit_of(root: Path) -> str:
    """The last commit that touched venues/ (any later commit has the same venue files); '' outside a
    git checkout or when venues/ has uncommitted edits."""
    try:
        out = subprocess.run(["git", "rev-list", "-1", "HEAD", "--", "venues"], cwd=root, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    commit = out.stdout.strip()
    if out.returncode != 0 or not COMMIT_RE.fullmatch(commit):
        return ""
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "venues"], cwd=root, capture_output=True, text=True, timeout=60, check=False)
    return commit if dirty.returncode == 0 and not dirty.stdout.strip() else ""  # uncommitted edits: the commit is not what was exported


def table(commit: str, rows: list[tuple[str, str, list[Any]]]) -> list[list[str]]:
    """The stamp sheet's cells: a heading row, then id, file and fingerprint per exported row."""
    return [[MARK, commit, "导出记录：请勿修改或删除，导入时据此判断哪些格子在导出后被改过"], *([ident, rel, fingerprint(values)] for ident, rel, values in rows)]


def read(grid: list[list[Any]] | None) -> Stamp | None:
    """The stamp in the stamp sheet's cells, or None when there is none (or it is not the export's)."""
    if not grid or not grid[0] or grid[0][0] != MARK:
        return None
    commit = grid[0][1] if len(grid[0]) > 1 and isinstance(grid[0][1], str) and COMMIT_RE.fullmatch(grid[0][1]) else ""
    rows = {}
    for row in grid[1:]:
        ident, rel, mark = ([*row, None, None, None])[:3]
        if isinstance(ident, str) and ID_RE.match(ident) and isinstance(rel, str) and REL_RE.fullmatch(rel) and isinstance(mark, str) and FINGERPRINT_RE.fullmatch(mark):
            rows[ident] = (rel, mark)
    return Stamp(commit, rows)


def bases(root: Path, commit: str, rels: list[str]) -> dict[str, dict[str, Any]]:
    """Each file's front matter at `commit` (files missing there, or unreadable, are left out)."""
    if not commit or not rels:
        return {}
    try:
        out = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="".join(f"{commit}:{rel}\n" for rel in rels).encode("utf-8"), capture_output=True, timeout=600, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, dict[str, Any]] = {}
    data, at = out.stdout, 0
    for rel in rels:
        end = data.find(b"\n", at)
        if end < 0:
            break
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        text = data[at : at + size].decode("utf-8", "replace").removeprefix("\ufeff")
        at += size + 1
        match = FRONT_MATTER.match(text)
        try:
            front = yaml.load(match.group(1), Loader=_Loader) if match else None
        except yaml.YAMLError:
            front = None
        if isinstance(front, dict):
            found[rel] = front
    return found


def changed_on(root: Path, commit: str, rel: str) -> str:
    """When the file last changed after `commit`: a commit's date, or that the change is not committed yet."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", f"{commit}..HEAD", "--", rel], cwd=root, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return "导出之后"
    day = out.stdout.strip()
    return f"{day} 提交" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else "导出之后，尚未提交"
