"""`make bench`: what building every org's own site costs beside the one full build, for the sample tree.

On a copy of the sample where the orgs named in ORG_SETS have a `site_url`, measures (CPU seconds of
the process, user + system, which a shared machine disturbs far less than wall time; fresh processes,
`SOURCE_DATE_EPOCH` fixed, best of REPEATS; wall seconds beside them):
- the full build (`mkdocs build --strict`, the publisher's site),
- each org's site built alone (`SITE_ORG=<org> mkdocs build`), and their sum,
- `python -m leaguekit build-all`, which reads the content once and builds every such site.
The target (issue 29): build-all of the district and city sites at most 1.5× the full build.
Writes bench/results/orgsites.json and orgsites.md.
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

import yaml

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench/results"
SAMPLE = ("data", "docs", "venues", "brands", "activities", "mkdocs.yml", "macros.py")
ORG_SETS = {"太谷 + 太原": ("taigu", "taiyuan"), "every org": ("shanxi", "jinzhong", "taigu", "taiyuan")}
REPEATS = int(os.environ.get("BENCH_REPEATS", "2"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764115200"}


def copy_sample(dest: Path, orgs: tuple[str, ...]) -> Path:
    for name in SAMPLE:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, dest / name)
    path = dest / "data/orgs.yml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    for org in records:
        if org["id"] in orgs:
            org["site_url"] = f"https://{org['id']}.example.org/"
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def seconds(command: list[str], cwd: Path, **env: str) -> tuple[float, float]:
    """(CPU, wall) seconds of the run with the least CPU time among REPEATS."""
    runs = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env={**ENV, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{' '.join(command)} failed in {cwd}")
        runs.append((usage.ru_utime + usage.ru_stime, time.perf_counter() - started))
    return min(runs)


def main() -> None:
    results: dict = {"repeats": REPEATS, "sets": {}}
    with tempfile.TemporaryDirectory() as tmp:
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir"]
        for label, orgs in ORG_SETS.items():
            project = copy_sample(Path(tmp) / label.replace(" ", ""), orgs)
            full = results.get("full") or seconds([*mkdocs, "site"], project)
            results["full"] = full
            alone = {org: seconds([*mkdocs, f"alone-{org}"], project, SITE_ORG=org) for org in orgs}
            together = seconds([sys.executable, "-m", "leaguekit", "build-all"], project)
            results["sets"][label] = {"orgs": orgs, "alone": alone, "alone_sum": sum(a[0] for a in alone.values()), "build_all": together, "ratio": together[0] / full[0]}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "orgsites.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = [
        f"# Every org's site against one full build (sample tree, CPU seconds, best of {REPEATS}; wall in brackets)",
        "",
        f"Full build (publisher): {results['full'][0]:.1f} s ({results['full'][1]:.1f} s)",
        "",
        "| orgs with a site_url | each alone (SITE_ORG) | sum alone | build-all (one run) | build-all ÷ full |",
        "|---|---|---|---|---|",
    ]
    for label, r in results["sets"].items():
        each = ", ".join(f"{o} {cpu:.1f} s" for o, (cpu, _) in r["alone"].items())
        lines.append(f"| {label} | {each} | {r['alone_sum']:.1f} s | {r['build_all'][0]:.1f} s ({r['build_all'][1]:.1f} s) | {r['ratio']:.2f}× |")
    (RESULTS / "orgsites.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
