"""The finder's map with a national directory: how long markers take to appear at each view, CPU slowed 4×.

The sample site is built with a 天地图 key, then its `assets/finder/` is replaced by the grid cells of
69,000 synthetic venues (`finder_payload.synthetic`, hours parsed by the kit as a build would), so
the map meets national-scale cells while the page stays the sample's. Tiles are answered locally
with a blank PNG. In Chromium with the CPU slowed 4× (a cheap phone) it opens the map, then moves
through views of a dense city centre and a county (zooming in and panning), and times each move
from setView until the cells in view are loaded, clustered and drawn. It also counts what each
view costs: cells fetched so far, venues known, markers drawn.

Each number is the median of BENCH_REPEATS (3) runs, each in a fresh page. Smooth means every move
once in the dense city (zooming in, panning: PANNING) runs no main-thread task of SMOOTH_MS or more
(the browser's long-task entries); arriving there from afar is reported apart. The closing lines of
map.md say whether it held; the load average at the end is recorded (a busy machine slows every
number), and the script exits 1 when panning was not smooth.

Run with `make bench` (or `python bench/map_markers.py [N]`); writes bench/results/map.json and .md.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from browser import ARGS, CHROMIUM, served
from finder_payload import DENSE, SPARSE, national
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench/results"
KEY = "0123456789abcdef0123456789abcdef"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
PROJECT_FILES = ("data", "docs", "venues", "brands", "activities", "mkdocs.yml", "macros.py")
# (label, [lat, lng], zoom): the whole country, a visitor in a city centre zooming in and panning, then a county town.
VIEWS = [
    ("all of China, zoom 5 (counts from the manifest)", (35.0, 105.0), 5),
    ("dense city, zoom 11", DENSE, 11),
    ("dense city, zoom 13", DENSE, 13),
    ("dense city, zoom 15", DENSE, 15),
    ("pan 1 km east", (DENSE[0], DENSE[1] + 0.0105), 15),
    ("pan 1 km north", (DENSE[0] + 0.009, DENSE[1] + 0.0105), 15),
    ("county town, zoom 12", SPARSE, 12),
    ("county town, zoom 14", SPARSE, 14),
]
# Smooth: no main-thread task of a move (setView to markers drawn) takes SMOOTH_MS or more (median of the
# runs); the browser's long-task entries (tasks over 50 ms) are what it counts. Panning: the moves once in
# the city (its cells loaded); arriving there from afar (ARRIVAL: 7 cells, 800 venues fetched, judged and
# clustered) is reported beside it.
ARRIVAL = "dense city, zoom 11"
PANNING = ("dense city, zoom 13", "dense city, zoom 15", "pan 1 km east", "pan 1 km north")
SMOOTH_MS = 100
LONG_TASKS = """window.__longTasks = [];
new PerformanceObserver(list => list.getEntries().forEach(e => window.__longTasks.push([e.startTime, e.duration]))).observe({ type: "longtask", buffered: true });"""
MOVE = """async ([lat, lng, zoom]) => {
  const view = leaguekit.map.view, started = performance.now();
  view.map.setView([lat, lng], zoom, { animate: false });
  await view.refresh();
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  await new Promise(done => setTimeout(done, 50));  /* the observer reports a task after it ends */
  const ms = performance.now() - started, tasks = window.__longTasks.filter(t => t[0] >= started).map(t => t[1]);
  return { ms, longest_task: Math.max(0, ...tasks), long_tasks_ms: tasks.reduce((a, b) => a + b, 0),
           venues: Object.keys(view.records).length, markers: Object.keys(view.drawn).length,
           pins: document.querySelectorAll(".lk-pin").length, clusters: document.querySelectorAll(".lk-cluster").length };
}"""


def build(root: Path, n: int) -> Path:
    """The sample with a key, its finder data replaced by `n` synthetic venues."""
    project = root / "project"
    for name in PROJECT_FILES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, project / name)
    site_yml = project / "data/site.yml"
    site_yml.write_text(re.sub(r"(?m)^  key:.*$", f"  key: {KEY}", site_yml.read_text(encoding="utf-8")), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=project, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    national(project / "site", n)
    return project / "site"


def measure(site: Path, repeats: int) -> list[dict]:
    """Each view's numbers, the median of `repeats` runs through VIEWS, each in a fresh page (nothing cached)."""
    runs = []
    with served(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for _ in range(repeats):
            page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN", timezone_id="Asia/Shanghai")
            page.route(re.compile(r"^https://t[0-7]\.tianditu\.gov\.cn/"), lambda route: route.fulfill(status=200, content_type="image/png", body=PNG))
            page.add_init_script(LONG_TASKS)
            page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
            page.goto(url + "nearby/")
            page.get_by_role("button", name="地图", exact=True).click()
            # Its first view (the sample's district) loaded and drawn, as a visitor has it before moving.
            page.wait_for_function("window.leaguekit.map && leaguekit.map.view && leaguekit.map.view.placed && leaguekit.map.view.loads > 0")
            page.wait_for_load_state("networkidle")
            runs.append([page.evaluate(MOVE, [lat, lng, zoom]) for _, (lat, lng), zoom in VIEWS])
            page.context.close()
        browser.close()
    return [{"view": label, **{key: statistics.median(run[i][key] for run in runs) for key in runs[0][i]}} for i, (label, _, _) in enumerate(VIEWS)]


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 69000
    repeats = int(os.environ.get("BENCH_REPEATS", "3"))
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lk-map-") as root:
        rows = measure(build(Path(root), n), repeats)
    smooth = all(r["longest_task"] < SMOOTH_MS for r in rows if r["view"] in PANNING)
    arrival = next(r for r in rows if r["view"] == ARRIVAL)
    load = os.getloadavg()
    (OUT / "map.json").write_text(json.dumps({"venues": n, "cpu_throttle": 4, "repeats": repeats, "smooth_below_ms": SMOOTH_MS, "smooth": smooth, "load": load, "views": rows},
                                             ensure_ascii=False, indent=1), encoding="utf-8")
    lines = [f"Map markers, {n:,} venues, CPU 4× slower (390 px phone), median of {repeats} runs; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", "",
             "| view | ms | longest task ms | long tasks ms | venues loaded | drawn (pins + clusters) |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    lines += [f"| {r['view']} | {r['ms']:.0f} | {r['longest_task']:.0f} | {r['long_tasks_ms']:.0f} | {r['venues']:,} | {r['markers']} ({r['pins']} + {r['clusters']}) |" for r in rows]
    lines += ["", f"Panning and zooming in the dense city {'stays smooth' if smooth else 'is NOT smooth'}: "
              f"every move's longest main-thread task {'is' if smooth else 'must be'} under {SMOOTH_MS} ms.",
              f"Arriving in it from afar ({arrival['venues']:,} venues fetched, judged and clustered): longest task {arrival['longest_task']:.0f} ms."]
    (OUT / "map.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0 if smooth else 1


if __name__ == "__main__":
    sys.exit(main())
