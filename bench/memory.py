"""Peak memory of the full build (issue 28: at most 600 MB at 20,000 venues, 1 GB at 69,000).

    python bench/memory.py              # 5,000 and 20,000 generated venues
    python bench/memory.py 69000        # the national target (8-10 minutes, about 1 GB)

For each size it generates a national tree (`generate.py`) and runs `mkdocs build --strict` as `make build`
does, with SITE_URL set as a published site has it (so the door posters are made too), and records the
largest resident set of any of its processes (ru_maxrss of the build and the workers it waited for: the
build itself, its content readers, the two forks of `leaguekit/mkdocs/background.py` and the process
drawing pages beside MkDocs, `leaguekit/mkdocs/drawing.py`), wall and CPU
seconds and the load average. Writes bench/results/memory.json and memory.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate

RESULTS = Path(__file__).resolve().parents[1] / "bench/results"
PUBLISHED = "https://publisher.example.org/"  # as bench/orgsites.py publishes the national tree


def once(command: list[str], cwd: Path, **env: str) -> tuple[float, float, int]:
    """CPU seconds, wall seconds and peak resident memory (bytes, the largest process) of one run of `command`."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a long report must not block the build
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed in {cwd}:\n{errors.read().decode()[-3000:]}")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - started, usage.ru_maxrss * 1024


def measure(n: int, work: Path) -> dict:
    project = generate.write(work / f"kit-{n}", n)
    load_before = os.getloadavg()[0]
    cpu, wall, peak = once([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"], project, SITE_URL=PUBLISHED)
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    return {
        "venues": n, "pages": pages, "peak_mb": round(peak / 1e6), "kb_per_venue": round(peak / n / 1e3, 1),
        "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def main() -> None:
    sizes = [int(x) for x in sys.argv[1:]] or [5000, 20000]
    rows = []
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lk-memory-") as tmp:
        for n in sizes:
            rows.append(measure(n, Path(tmp)))
            lines = ["| venues | files written | peak memory | per venue | wall | CPU | load (before, after) |", "|---:|---:|---:|---:|---:|---:|---:|"]
            lines += [f"| {r['venues']:,} | {r['pages']:,} | {r['peak_mb']} MB | {r['kb_per_venue']} KB | {r['wall_s']} s | {r['cpu_s']} s | {r['load'][0]}, {r['load'][1]} |" for r in rows]
            (RESULTS / "memory.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
            (RESULTS / "memory.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(lines[-1], flush=True)


if __name__ == "__main__":
    main()
