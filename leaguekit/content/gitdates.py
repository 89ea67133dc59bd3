"""When each file last changed, from git history: one `git log` for the whole tree.

Dates come from commits, never from the clock, so two builds of the same
commit are identical. Outside a git checkout (or without git) there are no
dates and pages simply omit them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

MARK = "\x01"


def last_changed(root: Path | str) -> dict[str, str]:
    """Map each path (relative to `root`, POSIX) to its last commit date, YYYY-MM-DD."""
    try:
        out = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", f"--format={MARK}%cs", "--name-only", "--relative", "--no-renames", "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in out.splitlines():
        if line.startswith(MARK):
            date = line[1:]
        elif line and line not in dates:
            dates[line] = date  # newest commit comes first
    return dates


def newest(dates: dict[str, str], prefixes: tuple[str, ...]) -> str:
    """The latest date among files under any of `prefixes` ('' when none)."""
    return max((d for path, d in dates.items() if path.startswith(prefixes)), default="")
