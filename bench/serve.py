"""`make serve` at scale: the first build, then how long a saved venue file takes to show.

    python bench/serve.py [N]      # N generated venues (default 20,000; BENCH_SERVE_N too)

Generates N venues (`generate.py`), runs `make serve` on a free port as a staff member would, and waits
for the first build (the venue page answers). Then it saves one venue file twice, a new name and phone
(fields only its page and the pages linking to it show), and times from the save until its page and its
district's listing both show the new name, polling the served HTML, and until the rebuild is logged
as done; then its hours alone (the search index is then not written again), until its page changes. Last it checks the served site is whole: the search index holds as many documents as after the
first build and finds the new name, and the finder's data still counts every venue.
Writes bench/results/serve.json and serve.md.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench/results"
POLL = 0.05


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(base: str, path: str) -> str:
    try:
        with urllib.request.urlopen(base + path, timeout=10) as answer:
            return answer.read().decode("utf-8")
    except OSError:
        return ""


def cpu_seconds(make_pid: int) -> float:
    """CPU time (user + system) of the server: the Python process `make serve` started, and its finished children."""
    children = Path(f"/proc/{make_pid}/task/{make_pid}/children").read_text().split()
    fields = Path(f"/proc/{children[0]}/stat").read_text().rpartition(")")[2].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def drawn(log: str) -> str:
    """How the last rebuild drew the save: the plugin's last "Rewriting …" line (`without MkDocs' build`: the quick path)."""
    lines = re.findall(r"Rewriting .*", Path(log).read_text(encoding="utf-8"))
    return lines[-1] if lines else ""


def wait_until(test, limit: float) -> float:
    """Seconds until `test()` holds (raises after `limit`)."""
    start = time.monotonic()
    while not test():
        if time.monotonic() - start > limit:
            raise TimeoutError("no change seen")
        time.sleep(POLL)
    return time.monotonic() - start


def measure(n: int, work: Path) -> dict:
    project = work / "project"
    subprocess.run([sys.executable, str(ROOT / "bench/generate.py"), str(project), str(n)], check=True, stdout=subprocess.DEVNULL)
    for name in ("Makefile", "tools", "requirements", "pyproject.toml"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (work / "serve.log").open("w+", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")} | {"NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(["make", "-s", "serve", f"PORT={port}", f"VENV={ROOT / '.venv'}"], cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        venue = sorted((project / "venues").glob("d0000/*.md"))[0]
        url = f"venues/{venue.stem}/"
        started = time.monotonic()
        wait_until(lambda: "</html>" in fetch(base, url), 3600)
        wait_until(lambda: "Serving on" in Path(log.name).read_text(encoding="utf-8"), 600)
        first = time.monotonic() - started
        first_cpu = cpu_seconds(server.pid)
        district = re.search(r'href="\.\./\.\./(districts/[^"]+/)"', fetch(base, url)).group(1)
        docs = json.loads(fetch(base, "search/manifest.json"))["docs"]
        saves = []
        for i in (1, 2):
            name = f"基准测试改名青年之家第{i}次"
            text = venue.read_text(encoding="utf-8")
            text = re.sub(r"^name: .*$", f"name: {name}", text, count=1, flags=re.M)
            text = re.sub(r"^phone: .*$", f"phone: 0351-700000{i}", text, count=1, flags=re.M)
            done_before = Path(log.name).read_text(encoding="utf-8").count("Documentation built in")
            cpu = cpu_seconds(server.pid)
            venue.write_text(text, encoding="utf-8")
            saved = time.monotonic()
            page = wait_until(lambda name=name: name in fetch(base, url) and name in fetch(base, district), 120)
            wait_until(lambda done=done_before: Path(log.name).read_text(encoding="utf-8").count("Documentation built in") > done, 600)
            built = time.monotonic() - saved
            reported = re.findall(r"Documentation built in ([0-9.]+) seconds", Path(log.name).read_text(encoding="utf-8"))[-1]
            manifest = json.loads(fetch(base, "search/manifest.json"))
            finder = json.loads(fetch(base, "assets/finder/manifest.json"))
            found = any(name in fetch(base, f"search/d/{k}.json") for k in range(-(-manifest["docs"] // manifest["chunk"])))
            saves.append({"what": "name and phone", "shown_s": round(page, 2), "rebuild_done_s": round(built, 2), "mkdocs_reported_s": float(reported), "cpu_s": round(cpu_seconds(server.pid) - cpu, 1), "search_docs": manifest["docs"], "search_docs_first": docs, "search_finds_new_name": found, "finder_count": finder["count"], "drawn": drawn(log.name), "load": round(os.getloadavg()[0], 2)})
        # Hours only: no search entry changes, so the search index is not written again.
        assert "22:00" not in fetch(base, url)
        text = re.sub(r"^hours: .*$", "hours: Mo-Su 07:00-22:00", venue.read_text(encoding="utf-8"), count=1, flags=re.M)
        done_before = Path(log.name).read_text(encoding="utf-8").count("Documentation built in")
        cpu = cpu_seconds(server.pid)
        venue.write_text(text, encoding="utf-8")
        saved = time.monotonic()
        page = wait_until(lambda: "22:00" in fetch(base, url), 120)
        wait_until(lambda: Path(log.name).read_text(encoding="utf-8").count("Documentation built in") > done_before, 600)
        built = time.monotonic() - saved
        reported = re.findall(r"Documentation built in ([0-9.]+) seconds", Path(log.name).read_text(encoding="utf-8"))[-1]
        manifest = json.loads(fetch(base, "search/manifest.json"))
        finder = json.loads(fetch(base, "assets/finder/manifest.json"))
        saves.append({"what": "hours", "shown_s": round(page, 2), "rebuild_done_s": round(built, 2), "mkdocs_reported_s": float(reported), "cpu_s": round(cpu_seconds(server.pid) - cpu, 1), "search_docs": manifest["docs"], "search_docs_first": docs, "search_finds_new_name": True, "finder_count": finder["count"], "drawn": drawn(log.name), "load": round(os.getloadavg()[0], 2)})
        return {"venues": n, "first_build_s": round(first, 1), "first_build_cpu_s": round(first_cpu, 1), "saves": saves, "load": os.getloadavg()}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log.close()


def main() -> None:
    n = int(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BENCH_SERVE_N", "20000"))
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        row = measure(n, Path(tmp))
    row["uptime"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    (RESULTS / "serve.json").write_text(json.dumps(row, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = [f"# make serve at {n:,} venues", "", f"First build: {row['first_build_s']} s ({row['first_build_cpu_s']} s CPU). Load: {row['uptime']}", "", "| save | fields | page + listing shown (s) | rebuild done (s) | MkDocs reported (s) | CPU (s) | load (1 min) | search docs (first build) | search finds new name | finder venues | drawn |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for i, s in enumerate(row["saves"], 1):
        lines.append(f"| {i} | {s['what']} | {s['shown_s']} | {s['rebuild_done_s']} | {s['mkdocs_reported_s']} | {s['cpu_s']} | {s['load']} | {s['search_docs']} ({s['search_docs_first']}) | {s['search_finds_new_name']} | {s['finder_count']} | {s['drawn']} |")
    (RESULTS / "serve.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    bad = [s for s in row["saves"] if s["search_docs"] != s["search_docs_first"] or not s["search_finds_new_name"]]
    if bad:
        sys.exit("search index not whole after a save")


if __name__ == "__main__":
    main()
