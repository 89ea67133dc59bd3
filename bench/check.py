"""`make check` alone on a generated national directory (issue 28: under 10 s at 69,000 venues).

    python bench/check.py [N]        # N venues (default 69000; BENCH_CHECK_N too), BENCH_REPEATS runs (3)

Generates a fresh tree (`generate.py`, as `bench/orgsites.py --venues N` does), then runs
`python -m leaguekit check` on it as `make check` does, each run a fresh interpreter with nothing kept
from the one before (the kit has no cache for `check`; the files are in the system's page cache, as
after a checkout): wall seconds, CPU seconds (the process and the workers it waited for), peak
memory, with the load average before and after each run and `uptime` at the end (a shared machine's
wall time counts other people's work). One more run in-process splits the CPU seconds between the
`check` process and its worker: the process's own are the critical path, about the wall time on an idle
2-core machine (the worker reads its half meanwhile). Writes bench/results/check-<N>.json and check-<N>.md.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import generate
from run import ROOT, timed

RESULTS = ROOT / "bench/results"
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
TARGET_S = 10.0
# `make check` in this interpreter, then its own CPU seconds and its workers'.
SPLIT = """
import resource, sys
from leaguekit.__main__ import main
status = main(["check", sys.argv[1]])
own, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime, status)
"""


def measure(n: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="lk-check-") as tmp:
        project = generate.write(Path(tmp) / "kit", n)
        runs = []
        for _ in range(REPEATS):
            before = os.getloadavg()[0]
            wall, cpu, peak = timed([sys.executable, "-m", "leaguekit", "check", str(project)], ROOT)
            runs.append({"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "peak_mb": round(peak / 1e6), "load_before": round(before, 2), "load_after": round(os.getloadavg()[0], 2)})
        split = subprocess.run([sys.executable, "-c", SPLIT, str(project)], cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()[-1].split()
    return {
        "check_process_cpu_s": round(float(split[0]), 2),
        "worker_cpu_s": round(float(split[1]), 2),
        "venues": n,
        "cores": os.cpu_count(),
        "runs": runs,
        "median_wall_s": statistics.median(r["wall_s"] for r in runs),
        "median_cpu_s": statistics.median(r["cpu_s"] for r in runs),
        "target_wall_s": TARGET_S,
        "uptime": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
    }


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("BENCH_CHECK_N", "69000"))
    row = measure(n)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"check-{n}.json").write_text(json.dumps(row, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"# `make check` on a generated tree of {n:,} venues ({row['cores']} cores)",
        "",
        "| run | wall | CPU | peak memory | load before, after |",
        "|---:|---:|---:|---:|---|",
        *(f"| {i} | {r['wall_s']} s | {r['cpu_s']} s | {r['peak_mb']} MB | {r['load_before']}, {r['load_after']} |" for i, r in enumerate(row["runs"], 1)),
        "",
        f"Median: {row['median_wall_s']} s wall, {row['median_cpu_s']} CPU s (target: under {TARGET_S:.0f} s wall). `uptime`: {row['uptime']}",
        "",
        f"CPU seconds of one more run: the `check` process {row['check_process_cpu_s']} s (the critical path: about the wall time on an idle 2-core machine), its worker {row['worker_cpu_s']} s.",
    ]
    (RESULTS / f"check-{n}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
