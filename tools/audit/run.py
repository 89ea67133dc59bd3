"""`make audit`: Lighthouse (mobile) and the W3C Nu HTML checker over a fresh build.

The site is built with SITE_URL set to the local server under a sub-path (as a deployment would be:
canonical links, sharing cards and posters present) and served there with gzip (gzip_server.py).
Lighthouse runs RUNS times on each page and the median of each score is reported: the machine is
shared, so performance varies between runs. Beside first contentful paint it counts the page's
render-blocking files three ways: Lighthouse's render-blocking-resources audit (which lists only those
costing 50 ms or more), its render-blocking insight (every one the browser waited for) and the page's
HTML (blocking.py: every stylesheet and every script without defer or async), and says which pages
miss the budget (BUDGET: issue 28's first paint). vnu checks every built HTML file; its errors are split into
Material's markup (KNOWN_MATERIAL, each with why no override removes it) and the kit's own,
and the run fails on any error of the kit's own.

Writes audit/results/{lighthouse.json, vnu.json, summary.md} and prints the summary.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import gzip_server
from blocking import render_blocking

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / ".audit" / "node_modules"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
SUB_PATH = "/kit/"
BUDGET = {"fcp": 1200, "blocking": 2}  # first contentful paint (ms, median) and render-blocking files, per page
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"fcp": "first-contentful-paint", "lcp": "largest-contentful-paint", "tbt": "total-blocking-time", "cls": "cumulative-layout-shift"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync"

# vnu errors that come from Material's own templates, matched by message and markup, and why
# they stay: each sits in a template the kit does not copy.
KNOWN_MATERIAL = [
    (
        "Attribute “autocomplete” is only allowed when the input type is",
        'class="md-toggle"',
        "autocomplete=\"off\" on the drawer and search checkboxes: written by Material's base.html outside any "
        "block (overriding means copying all of base.html); it stops Firefox restoring an open drawer after reload.",
    ),
]


def build(site: Path, site_url: str, root: Path) -> None:
    """The site of `root` (this checkout, or another one's kit and sample with --root) into `site`."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=root, env=env, check=True)


def pages(root: Path) -> list[tuple[str, str]]:
    """(label, URL path) of the pages the issue measures: home, the finder, a venue page and the activities."""
    sys.path.insert(0, str(ROOT))
    from leaguekit.content import load
    from leaguekit.urls import venue

    first = load(root).open_venues[0]
    return [("home", ""), ("nearby", "nearby/"), (f"venue ({first.id})", venue(first.id)), ("activities", "activities/")]


def lighthouse(url: str, out: Path) -> dict:
    cmd = [
        "node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
    ]
    subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    for key, audit in METRICS.items():
        scores[key] = report["audits"][audit]["numericValue"]
    for key, audit in (("blocking", "render-blocking-resources"), ("blocking_all", "render-blocking-insight")):
        scores[key] = [item["url"] for item in report["audits"][audit].get("details", {}).get("items", [])]
    scores["failed"] = sorted(  # what keeps a category other than performance below 100
        f"{c}:{ref['id']}"
        for c in CATEGORIES[1:]
        for ref in report["categories"][c]["auditRefs"]
        if ref["weight"] and report["audits"][ref["id"]]["score"] is not None and report["audits"][ref["id"]]["score"] < 1
    )
    return scores


def vnu(site: Path) -> list[dict]:
    cmd = ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    for m in messages:
        m["url"] = m["url"].split(str(site), 1)[-1]
        m["source"] = "kit"
        for message, markup, _why in KNOWN_MATERIAL:
            if m["message"].startswith(message) and markup in m.get("extract", ""):
                m["source"] = "material"
    return messages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "audit" / "results")
    parser.add_argument("--no-vnu", action="store_true", help="Lighthouse only (the HTML checker takes minutes)")
    parser.add_argument("--root", type=Path, default=ROOT, help="audit another checkout, e.g. `git archive` of the commit before a change")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="audit-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        httpd = gzip_server.server(site, prefix=SUB_PATH)
        base = f"http://127.0.0.1:{httpd.server_address[1]}{SUB_PATH}"
        build(site, base, args.root)
        measured = pages(args.root)
        in_html = {label: render_blocking((site / path / "index.html").read_text(encoding="utf-8")) for label, path in measured}
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            runs = {label: [lighthouse(base + path, Path(tmp) / "lh.json") for _ in range(args.runs)] for label, path in measured}
        finally:
            httpd.shutdown()
        messages = [] if args.no_vnu else vnu(site)
        html_files = sum(1 for _ in site.rglob("*.html"))
    load_after = os.getloadavg()

    lines = [f"Lighthouse mobile, median of {args.runs} runs (served with gzip under {SUB_PATH}){'' if args.root == ROOT else f' of {args.root}'}; "
             f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after", ""]
    lines.append(f"| page | {' | '.join(CATEGORIES)} | FCP ms | LCP ms | TBT ms | CLS | render-blocking (audit / insight / HTML) | performance per run |")
    lines.append("|---" * (len(CATEGORIES) + 7) + "|")
    for label, results in runs.items():
        medians = [statistics.median(r[c] for r in results) for c in CATEGORIES]
        fcp, lcp, tbt, cls = (statistics.median(r[m] for r in results) for m in METRICS)
        lh_blocking = "{:g} / {:g}".format(*(statistics.median(len(r[k]) for r in results) for k in ("blocking", "blocking_all")))
        each = " ".join(str(r["performance"]) for r in results)
        lines.append(f"| {label} | {' | '.join(f'{m:g}' for m in medians)} | {fcp:.0f} | {lcp:.0f} | {tbt:.0f} | {cls:.3f} | {lh_blocking} / {len(in_html[label])} | {each} |")
    missed = [label for label, results in runs.items() if statistics.median(r["fcp"] for r in results) > BUDGET["fcp"] or len(in_html[label]) > BUDGET["blocking"]]
    lines += ["", f"Budget (FCP ≤ {BUDGET['fcp']} ms, ≤ {BUDGET['blocking']} render-blocking files): " + (f"missed on {', '.join(missed)}" if missed else "met on every page")]
    lines += ["", "Render-blocking in the HTML:"]
    lines += [f"  {label}: {', '.join(found) or 'none'}" for label, found in in_html.items()]
    failed = sorted({f for results in runs.values() for r in results for f in r["failed"]})
    if failed:
        lines += ["", "Audits below 100 outside performance: " + ", ".join(failed)]
    kit = [m for m in messages if m["source"] == "kit"]
    material = [m for m in messages if m["source"] == "material"]
    if not args.no_vnu:
        lines += ["", f"vnu over {html_files} HTML files: {len(kit)} errors in the kit's own markup, {len(material)} in Material's"]
    for m in kit[:20]:
        lines.append(f"  kit {m['url']}:{m.get('lastLine', '?')} {m['message']}")
    for message, _markup, why in KNOWN_MATERIAL:
        n = sum(1 for m in material if m["message"].startswith(message))
        if n:
            lines.append(f"  Material, {n}×: {why}")
    summary = "\n".join(lines)
    (args.out / "lighthouse.json").write_text(json.dumps({"render_blocking_html": in_html, "runs": runs}, indent=1), encoding="utf-8")
    if not args.no_vnu:
        (args.out / "vnu.json").write_text(json.dumps(messages, ensure_ascii=False, indent=1), encoding="utf-8")
    (args.out / "summary.md").write_text(summary + "\n", encoding="utf-8")
    print(summary)
    return 1 if kit else 0


if __name__ == "__main__":
    sys.exit(main())
