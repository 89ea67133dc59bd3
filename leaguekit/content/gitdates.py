"""When each file last changed, and which org's folder held a venue id, from git history.

Dates come from commits, never from the clock, so two builds of the same
commit are identical. Outside a git checkout (or without git) there are no
dates and pages simply omit them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

MARK = "\x01"


def _log(root: Path | str, fmt: str, path: str) -> str:
    """`git log` with the paths each commit touched, under `path` (relative to `root`); empty outside git."""
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", f"--format={fmt}", "--name-only", "--relative", "--no-renames", "--", path],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def last_changed(root: Path | str) -> dict[str, str]:
    """Map each path (relative to `root`, POSIX) to its last commit date, YYYY-MM-DD."""
    out = _log(root, f"{MARK}%cs", ".")
    dates: dict[str, str] = {}
    date = ""
    for line in out.splitlines():
        if line.startswith(MARK):
            date = line[1:]
        elif line and line not in dates:
            dates[line] = date  # newest commit comes first
    return dates


def former_owners(root: Path | str, folder: str) -> dict[str, set[str]]:
    """Id -> the org folders that ever held `folder/<org>/<id>.md` in this branch's history."""
    owners: dict[str, set[str]] = {}
    for line in _log(root, "", folder).splitlines():
        parts = line.split("/")
        if len(parts) == 3 and parts[2].endswith(".md"):
            owners.setdefault(parts[2][:-3], set()).add(parts[1])
    return owners


def newest(dates: dict[str, str], prefixes: tuple[str, ...]) -> str:
    """The latest date among files under any of `prefixes` ('' when none)."""
    return max((d for path, d in dates.items() if path.startswith(prefixes)), default="")


def added_at(root: Path | str, path: str) -> float:
    """When `path` first entered the history (Unix seconds); infinity for a file git does not know yet
    (new in the working tree), or outside a checkout, so an established file always counts as older."""
    try:
        out = subprocess.run(
            ["git", "log", "--diff-filter=A", "--format=%ct", "--", path], cwd=root, capture_output=True, text=True, check=True, timeout=60
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return float("inf")
    return float(out[-1]) if out else float("inf")
