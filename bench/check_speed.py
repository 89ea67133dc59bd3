"""How long `make check` takes: on the sample content and on 1,000 generated venues.

Writes bench/results/check.json and prints a summary. Generated venues are
copies of the sample venues with new ids and jittered coordinates, so every
rule (hours, phone, references) runs on realistic text.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench/results"
RUNS = 5


def timed_check(project: Path) -> dict[str, float]:
    """Median wall time of `python -m leaguekit check` (a fresh interpreter each run, as `make check`)."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "leaguekit", "check", str(project)], cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3), "runs": RUNS}


def generated(dest: Path, count: int) -> Path:
    shutil.copytree(ROOT / "data", dest / "data")
    shutil.copytree(ROOT / "docs", dest / "docs")  # figures name their report pages there
    shutil.copytree(ROOT / "brands", dest / "brands")
    samples = sorted((ROOT / "venues").rglob("*.md"))
    rng = random.Random(5)
    for n in range(count):
        src = samples[n % len(samples)]
        text = src.read_text(encoding="utf-8")
        text = re.sub(r"lat: ([\d.]+)", lambda m: f"lat: {float(m.group(1)) + rng.uniform(-0.2, 0.2):.4f}", text)
        text = re.sub(r'name: "?([^"\n]+)"?', lambda m: f'name: "{m.group(1)}{n}"', text, count=1)
        out = dest / "venues" / src.parent.name / f"gen-{n:04d}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return dest


def main() -> None:
    results = {"sample": {"venues": len(list((ROOT / "venues").rglob("*.md")))} | timed_check(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        project = generated(Path(tmp), 1000)
        results["generated_1000"] = {"venues": 1000} | timed_check(project)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "check.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name, r in results.items():
        print(f"make check, {name}: {r['venues']} venues, median {r['median_s']} s (min {r['min_s']} s, {r['runs']} runs)")


if __name__ == "__main__":
    main()
