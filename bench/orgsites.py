"""`make bench`: what building every org's own site costs beside the one full build.

The sample tree (`python bench/orgsites.py`): on a copy of the sample where the orgs named in ORG_SETS
have a `site_url`, measures (CPU seconds of the process, user + system, which a shared machine disturbs
far less than wall time; fresh processes, `SOURCE_DATE_EPOCH` fixed, best of REPEATS; wall seconds beside them):
- the full build (`mkdocs build --strict`, the publisher's site, with its address as published),
- each org's site built alone (`SITE_ORG=<org> mkdocs build`), and their sum,
- `python -m leaguekit build-all`, which reads the content once and builds every such site,
taking turns (full, build-all, each alone; REPEATS rounds) so the ratio compares runs made under the same load;
beside the ratio of the bests, the median over the rounds of each round's ratio, which the machine's speed drifting
between rounds (a quarter on this one, within minutes) moves less.
The copy is built in memory (/dev/shm) where the machine has one: on a disk where the last round's sites were
just deleted, ext4 passes over the recently freed inodes each time it makes a file, which cost build-all (2.8×
the files of the full build) up to 0.9 s more system time in one round than in another, and the ratio swung
from 1.5× to 1.9× with no change to the kit. A CI runner's fresh disk has no such history; RAM has none either.
The target (issue 29): build-all of every org's site (the "every org" row) at most 1.5× the full build.
Writes bench/results/orgsites.json and orgsites.md.

A national tree (`python bench/orgsites.py --venues 69000 [--levels province,city]`): `bench/generate.py`'s
directory (31 provinces, their cities, ~2,800 district committees) where every generated org of the
given levels has a `site_url`; measures once the full build and build-all, each in wall and CPU seconds
and peak memory, and counts the sites and pages. Writes orgsites-<N>.json and orgsites-<N>.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from generate import write as generate_tree

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench/results"
SAMPLE = ("data", "docs", "venues", "brands", "activities", "mkdocs.yml", "macros.py")
ORG_SETS = {"太谷 + 太原": ("taigu", "taiyuan"), "every org": ("shanxi", "jinzhong", "taigu", "taiyuan")}
REPEATS = int(os.environ.get("BENCH_REPEATS", "2"))
# Python's bytecode cache on, as on a newcomer's machine (an environment that turns it off would compile the
# kit's modules afresh in every measured build).
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764115200"}
# The full build as the publisher's site is published: with its address (door posters need one, as each
# org's site has its `site_url`).
PUBLISHED = "https://publisher.example.org/"
RAM = Path("/dev/shm")


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


def once(command: list[str], cwd: Path, **env: str) -> tuple[float, float, int]:
    """CPU seconds, wall seconds and peak resident memory (bytes) of one run of `command`."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a long report must not block the build
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env={**ENV, **env}, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed in {cwd}:\n{errors.read().decode()[-3000:]}")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - started, usage.ru_maxrss * 1024


def interleaved(runs: dict[str, tuple[list[str], dict[str, str]]], cwd: Path) -> dict[str, list[tuple[float, float]]]:
    """(CPU, wall) seconds of each named run in each of REPEATS rounds. The runs take turns, so a change in the
    machine's load reaches all of them alike, not the last measured alone."""
    found: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for _ in range(REPEATS):
        for name, (command, env) in runs.items():
            found[name].append(once(command, cwd, **env)[:2])
    return found


def paired(together: list[tuple[float, float]], full: list[tuple[float, float]]) -> float:
    """The median over the rounds of build-all's CPU over the full build's in the same round: the machine's speed
    drifts from minute to minute, and a round's two runs meet the same speed where two bests may not."""
    return statistics.median(a[0] / b[0] for a, b in zip(together, full, strict=True))


def sample_tree() -> None:
    results: dict = {"repeats": REPEATS, "sets": {}, "load": os.getloadavg()}
    results["in_memory"] = RAM.is_dir()
    with tempfile.TemporaryDirectory(dir=RAM if RAM.is_dir() else None) as tmp:
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir"]
        for label, orgs in ORG_SETS.items():
            project = copy_sample(Path(tmp) / label.replace(" ", ""), orgs)
            runs = {"full": ([*mkdocs, "site"], {"SITE_URL": PUBLISHED}), "build-all": ([sys.executable, "-m", "leaguekit", "build-all"], {})}
            runs |= {org: ([*mkdocs, f"alone-{org}"], {"SITE_ORG": org}) for org in orgs}
            rounds = interleaved(runs, project)
            times = {name: min(found) for name, found in rounds.items()}
            full, together = times["full"], times["build-all"]
            results["full"] = min(results.get("full", full), full)
            alone = {org: times[org] for org in orgs}
            results["sets"][label] = {"orgs": orgs, "full": full, "alone": alone, "alone_sum": sum(a[0] for a in alone.values()), "build_all": together, "ratio": together[0] / full[0], "paired": paired(rounds["build-all"], rounds["full"])}
    results["load"] += os.getloadavg()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "orgsites.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = [
        f"# Every org's site against one full build (sample tree, CPU seconds, best of {REPEATS}; wall in brackets; built {'in /dev/shm' if results['in_memory'] else 'on disk'})",
        "",
        f"Full build (publisher), best of all its runs: {results['full'][0]:.2f} s ({results['full'][1]:.1f} s)",
        "",
        "| orgs with a site_url | full build, same turns | each alone (SITE_ORG) | sum alone | build-all (one run) | build-all ÷ full | median of each round's ÷ |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, r in results["sets"].items():
        each = ", ".join(f"{o} {cpu:.2f} s" for o, (cpu, _) in r["alone"].items())
        lines.append(f"| {label} | {r['full'][0]:.2f} s | {each} | {r['alone_sum']:.2f} s | {r['build_all'][0]:.2f} s ({r['build_all'][1]:.1f} s) | {r['ratio']:.2f}× | {r['paired']:.2f}× |")
    lines += ["", "Load average (1, 5, 15 min) at the start and at the end: " + ", ".join(f"{x:.2f}" for x in results["load"])]
    (RESULTS / "orgsites.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def with_sites(project: Path, levels: set[str]) -> list[str]:
    """Give every generated org (under bench/generate.py's root) of `levels` a `site_url`; their ids."""
    path = project / "data/orgs.yml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    generated = {"root"}
    for org in records:  # parents come before their children in generate.orgs
        if org.get("parent") in generated:
            generated.add(org["id"])
            if org["level"] in levels:
                org["site_url"] = f"https://{org['id']}.example.org/"
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return [o["id"] for o in records if "site_url" in o]


def national_tree(venues: int, levels: set[str]) -> None:
    """Build-all on a generated national tree beside its one full build: wall, CPU, peak memory."""
    with tempfile.TemporaryDirectory(prefix="lk-orgsites-") as tmp:
        project = generate_tree(Path(tmp) / "kit", venues)
        sites = with_sites(project, levels)
        full = once([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"], project, SITE_URL=PUBLISHED)
        full_pages = sum(1 for _ in (project / "site").rglob("*.html"))
        shutil.rmtree(project / "site")
        together = once([sys.executable, "-m", "leaguekit", "build-all"], project)
        pages = sum(1 for _ in (project / "site-all").rglob("*.html"))
    row = {
        "venues": venues,
        "levels": sorted(levels),
        "sites": len(sites),
        "full": {"cpu_s": round(full[0], 1), "wall_s": round(full[1], 1), "peak_mb": round(full[2] / 1e6), "pages": full_pages},
        "build_all": {"cpu_s": round(together[0], 1), "wall_s": round(together[1], 1), "peak_mb": round(together[2] / 1e6), "pages": pages},
        "cpu_ratio": round(together[0] / full[0], 2),
        "load": os.getloadavg(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"orgsites-{venues}.json").write_text(json.dumps(row, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = [
        f"# build-all on a generated national tree: {venues:,} venues, {len(sites)} sites ({', '.join(sorted(levels))})",
        "",
        "| build | wall | CPU | peak memory | pages |",
        "|---|---:|---:|---:|---:|",
        *(f"| {label} | {r['wall_s']} s | {r['cpu_s']} s | {r['peak_mb']} MB | {r['pages']:,} |" for label, r in (("full (publisher)", row["full"]), ("build-all", row["build_all"]))),
        "",
        f"build-all ÷ full (CPU): {row['cpu_ratio']}×; load average at the end: {', '.join(f'{x:.2f}' for x in row['load'])}",
    ]
    (RESULTS / f"orgsites-{venues}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--venues", type=int, help="a generated national tree of this many venues instead of the sample")
    parser.add_argument("--levels", default="province,city", help="which generated orgs get a site_url: province, city, district (comma-separated)")
    args = parser.parse_args()
    if args.venues:
        national_tree(args.venues, set(args.levels.split(",")))
    else:
        sample_tree()


if __name__ == "__main__":
    main()
