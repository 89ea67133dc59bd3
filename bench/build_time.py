"""How long `mkdocs build` takes and how many pages it writes: sample content and 1,000 venues.

Writes bench/results/build.json. The 1,000-venue site reuses check_speed's
generator (copies of the sample venues with new ids and jittered coordinates).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from check_speed import RESULTS, ROOT, generated

SITE_FILES = ("mkdocs.yml", "hooks.py", "macros.py", "overrides", "leaguekit")


def timed_build(project: Path) -> dict[str, float | int]:
    site = project / ".bench-site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"build of {project} failed:\n{done.stderr}")
    seconds = time.perf_counter() - started
    pages = sum(1 for _ in site.rglob("index.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    shutil.rmtree(site)
    return {"seconds": round(seconds, 2), "pages": pages, "site_mb": round(size / 1e6, 1)}


def main() -> None:
    results = {"sample": {"venues": len(list((ROOT / "venues").rglob("*.md")))} | timed_build(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        project = generated(Path(tmp), 1000)
        for name in SITE_FILES:
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, project / name)
        results["generated_1000"] = {"venues": 1000} | timed_build(project)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "build.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name, r in results.items():
        print(f"mkdocs build, {name}: {r['venues']} venues, {r['seconds']} s, {r['pages']} pages, {r['site_mb']} MB")


if __name__ == "__main__":
    main()
