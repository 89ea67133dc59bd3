"""`make bench`: what the kit costs as the directory grows, beside a bare MkDocs + Material build.

For each size (BENCH_N, default 1000,5000,20000; add 69000 for a national run) it generates
a varied directory (`generate.py`), then measures in the same run:

- `make check` (median of 3 fresh interpreters),
- the kit's build and a bare MkDocs + Material build of the same bodies as plain pages, its search
  segmenting Chinese with jieba as Material does when jieba is installed (the yardstick of issue 28;
  `bare_jieba` says whether it was): wall time, CPU time (the process and the workers it waited for),
  peak memory (the largest resident set among them) and the machine's load average before and after,
- the built site: page count, largest HTML page, /nearby/ HTML, the search index (files, MB, gzip MB),
- in Chromium (`browser.py`): first-load bytes of each page type and the first search
  query (gzip, as a static host serves them), time to results with 4× CPU throttling,
  and the search quality set with the sample among the generated venues,
- the venue ledger (`sheet.py`): `export-sheet`, and `import-sheet` of the exported sheet with
  one row in a hundred edited and 100 new rows, as a dry run and applied.

Writes bench/results/bench.json and bench.md and prints the table.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate
import sheet

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench/results"
# Python's bytecode cache on, as on a newcomer's machine, for the kit and the bare build alike (an environment
# that turns it off would compile the kit's modules afresh in every measured build).
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}
# Material's search segments Chinese with jieba when it is importable (the test group installs it).
JIEBA = importlib.util.find_spec("jieba") is not None
# Each build this many times, kit and bare in turns, the fastest of each kept (BENCH_REPEATS; 1 by default):
# on a shared machine one run may fall on a moment when others are busy.
REPEATS = max(1, int(os.environ.get("BENCH_REPEATS", "1")))


def timed(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (the process and the workers it waited for) and peak resident memory
    (bytes) of one process. Both times: on a shared machine the wall time also counts other people's work."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a long report must not block the process
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed in {cwd}:\n{errors.read().decode()[-3000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def check_seconds(project: Path) -> float:
    return statistics.median(timed([sys.executable, "-m", "leaguekit", "check", str(project)], ROOT)[0] for _ in range(3))


def site_stats(site: Path) -> dict:
    pages = list(site.rglob("*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    nearby = (site / "nearby/index.html").read_bytes()
    search = [p for p in (site / "search").rglob("*.json")]
    return {
        "search_files": len(search),
        "search_mb": round(sum(p.stat().st_size for p in search) / 1e6, 1),
        "search_gzip_mb": round(sum(len(gzip.compress(p.read_bytes(), 6)) for p in search) / 1e6, 1),
        "pages": len(pages),
        "site_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6, 1),
        "largest_page": largest.relative_to(site).as_posix(),
        "largest_page_kb": round(largest.stat().st_size / 1024, 1),
        "nearby_kb": round(len(nearby) / 1024, 1),
        "nearby_gzip_kb": round(len(gzip.compress(nearby, 9)) / 1024, 1),
    }


def measure(n: int, work: Path) -> dict:
    project = generate.write(work / f"kit-{n}", n)
    bare = generate.bare(project, work / f"bare-{n}")
    row: dict = {"venues": n}
    row["check_s"] = round(check_seconds(project), 2)
    row["load_before"] = round(os.getloadavg()[0], 2)
    kit_runs, bare_runs = [], []
    for _ in range(REPEATS):  # taken in turns, each from an empty site/, so both see the same disturbances
        shutil.rmtree(project / "site", ignore_errors=True)
        kit_runs.append(timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"], project))
        shutil.rmtree(bare / "site", ignore_errors=True)
        bare_runs.append(timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], bare))
    (kit_s, kit_cpu, _), (bare_s, bare_cpu, _) = min(kit_runs), min(bare_runs)
    kit_mem, bare_mem = max(r[2] for r in kit_runs), max(r[2] for r in bare_runs)
    row["load_after"] = round(os.getloadavg()[0], 2)
    row["build_repeats"] = REPEATS
    row |= {"kit_s": round(kit_s, 1), "bare_s": round(bare_s, 1), "ratio": round(kit_s / bare_s, 2), "kit_ms_per_venue": round(kit_s / n * 1000, 2)}
    row |= {"kit_cpu_s": round(kit_cpu, 1), "bare_cpu_s": round(bare_cpu, 1), "bare_jieba": JIEBA}
    row |= {"kit_peak_mb": round(kit_mem / 1e6), "bare_peak_mb": round(bare_mem / 1e6)}
    row |= site_stats(project / "site")
    try:
        import browser
    except ImportError as exc:  # the test group (Playwright) is not installed
        print(f"browser measurements skipped: {exc}", file=sys.stderr)
    else:
        row |= browser.measure(project / "site", with_quality=n >= 20000)
    shutil.rmtree(bare)
    row |= sheet.measure(project, work)  # last: the applied import edits the directory
    return row


COLUMNS = [
    ("venues", "venues", "{:,}"),
    ("kit build", "kit_s", "{} s"),
    ("bare build", "bare_s", "{} s"),
    ("ratio", "ratio", "{}×"),
    ("kit / bare CPU", "cpu", "{}"),
    ("load (before, after)", "load", "{}"),
    ("ms / venue", "kit_ms_per_venue", "{}"),
    ("kit peak memory", "kit_peak_mb", "{} MB"),
    ("bare peak memory", "bare_peak_mb", "{} MB"),
    ("largest page", "largest_page_kb", "{} KB"),
    ("/nearby/ HTML", "nearby_kb", "{} KB"),
    ("first load (max, gzip)", "first_load_max_kb", "{} KB"),
    ("first query (gzip)", "first_query_kb", "{} KB"),
    ("results shown (4× CPU)", "first_query_ms", "{} ms"),
    ("search quality", "quality", "{}"),
    ("`make check`", "check_s", "{} s"),
    ("`import-sheet` dry run", "import_dry_s", "{} s"),
    ("`import-sheet` applied", "import_apply_s", "{} s"),
]


def table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(c[0] for c in COLUMNS) + " |", "|" + " ---: |" * len(COLUMNS)]
    for row in rows:
        if "kit_cpu_s" in row:
            row = {**row, "cpu": f"{row['kit_cpu_s']} s / {row['bare_cpu_s']} s", "load": f"{row['load_before']}, {row['load_after']}"}
        lines.append("| " + " | ".join(fmt.format(row[key]) if key in row else "–" for _, key, fmt in COLUMNS) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    sizes = [int(x) for x in os.environ.get("BENCH_N", "1000,5000,20000").split(",")]
    if not JIEBA:
        print("jieba is not installed: the bare build's search will not segment Chinese, a lighter yardstick than issue 28's (make .venv/.test installs it)", file=sys.stderr)
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="lk-bench-") as tmp:
        for n in sizes:
            rows.append(measure(n, Path(tmp)))
            print(table(rows[-1:]), flush=True)
            write_results(rows)  # after each size: a national run takes an hour
            shutil.rmtree(Path(tmp) / f"kit-{n}")
    print(table(rows))


def write_results(rows: list[dict]) -> None:
    (RESULTS / "bench.json").write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    yardstick = "jieba" if JIEBA else "no jieba (lighter than issue 28's yardstick)"
    (RESULTS / "bench.md").write_text(table(rows) + f"\nBare build: MkDocs + Material, search with {yardstick}. CPU: the process and the workers it waited for.\n", encoding="utf-8")


if __name__ == "__main__":
    main()
