"""When each file last changed, and which org's folder first held a venue id, from git history.

Git history is input like a content file: a commit may claim any date (year 10000 included) and
any order. Commits are read parent before child (`--topo-order`), never by their dates; a date
only dates a page ("最后更新", the sitemap), read as the build's day when it claims to be later,
and left out when it claims to be older than git itself. Outside a git checkout (or without git)
there are no dates and pages simply omit them.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

MARK = "\x01"
CHINA = ZoneInfo("Asia/Shanghai")
# Git's own first commit: no commit of a real repository is older.
EARLIEST = date(2005, 4, 7)


def _log(root: Path | str, fmt: str, path: str, *, oldest_first: bool = False) -> str:
    """`git log` with the paths each commit touched, under `path` (relative to `root`); empty outside git."""
    order = ["--topo-order", "--reverse"] if oldest_first else ["--topo-order"]
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", *order, f"--format={fmt}", "--name-only", "--relative", "--no-renames", "--", path],
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


def _day(stamp: str, today: date) -> str:
    """A commit's Unix time as a China date in [EARLIEST, today]: later is today, earlier is no date."""
    if not stamp.lstrip("-").isdigit():
        return ""
    seconds = int(stamp)
    end = datetime(today.year, today.month, today.day, tzinfo=CHINA) + timedelta(days=1)
    if seconds >= end.timestamp():
        return today.isoformat()
    if seconds < datetime(EARLIEST.year, EARLIEST.month, EARLIEST.day, tzinfo=CHINA).timestamp():
        return ""
    return datetime.fromtimestamp(seconds, CHINA).date().isoformat()


def last_changed(root: Path | str, today: date) -> dict[str, str]:
    """Map each path (relative to `root`, POSIX) to the date of the last commit that changed it, YYYY-MM-DD."""
    dates: dict[str, str] = {}
    day = ""
    for line in _log(root, f"{MARK}%ct", ".").splitlines():
        if line.startswith(MARK):
            day = _day(line[1:], today)
        elif line and line not in dates:
            dates[line] = day  # the newest commit comes first
    return {path: day for path, day in dates.items() if day}


def first_owners(root: Path | str, folder: str) -> dict[str, set[str]]:
    """Id -> the org folder(s) of the first commit that added `folder/<org>/<id>.md` in this branch's history.

    The first holder owns the id (its URL, its printed QR codes) for good: a later commit of another
    org, even one deleted again before the pull request ends, never takes it over."""
    owners: dict[str, set[str]] = {}
    commit = 0
    first: dict[str, int] = {}
    for line in _log(root, f"{MARK}%H", folder, oldest_first=True).splitlines():
        if line.startswith(MARK):
            commit += 1
            continue
        parts = line.split("/")
        if len(parts) == 3 and parts[2].endswith(".md"):
            ident = parts[2][:-3]
            if first.setdefault(ident, commit) == commit:
                owners.setdefault(ident, set()).add(parts[1])
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
