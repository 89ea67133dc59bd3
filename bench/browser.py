"""Chromium measurements for `make bench`: what a phone downloads, per page type.

Bytes are counted as a static host with gzip would send them: each response body
compressed at level 6 (text) or as is (already-compressed images and fonts).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests/browser"))
import search_quality  # noqa: E402 - the quality set's runner, shared with the test suite

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
COMPRESSED = (".png", ".jpg", ".jpeg", ".webp", ".woff", ".woff2", ".gz")
# First queries measured with the CPU slowed 4× (a cheap phone): a name, a common word, a
# service, a district plus a service, a full long name, pinyin, initials, an everyday word for a
# service, a typo (looked up twice: as typed, then one character off), a question about a venue's
# hours (a thin match followed by partial ones), an everyday need, and a query that finds nothing.
FIRST_QUERIES = (
    "北洸", "青年之家", "心理健康", "小店区 托管", "太谷区白塔文庙社区青年之家", "taigu", "qnzj", "心理咨询", "青年只家",
    "北洸乡青年之家几点开门", "孩子被欺负怎么办", "量子计算机",
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """`site` under /kit/ on 127.0.0.1 (a sub-path, as many hosts serve it)."""
    with tempfile.TemporaryDirectory(prefix="lk-www-") as root:
        (Path(root) / "kit").symlink_to(site.resolve())
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=root))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/kit/"
        finally:
            server.shutdown()


def wire_bytes(url: str, body: bytes) -> int:
    return len(body) if url.split("?")[0].endswith(COMPRESSED) else len(gzip.compress(body, 6))


def page_types(site: Path) -> dict[str, str]:
    """One page of each kind, picked from the build."""
    venue = min(p.parent.name for p in (site / "venues").glob("*/index.html"))
    district = min(p.parent.name for p in (site / "districts").glob("*/index.html"))
    return {"home": "", "finder": "nearby/", "venue": f"venues/{venue}/", "district": f"districts/{district}/", "all venues": "venues/", "type": "types/youth-home/", "brands": "brands/"}


def first_load(browser, base: str, url: str) -> int:
    """Bytes a first visit to `url` downloads until the network is idle (nothing cached)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    sizes: list[int] = []

    def record(response) -> None:
        try:
            sizes.append(wire_bytes(response.url, response.body()))
        except Exception:  # redirects and aborted requests have no body
            pass

    page.on("response", record)
    page.goto(base + url, wait_until="networkidle")
    context.close()
    return sum(sizes)


def first_query(browser, base: str, text: str, venue_url: str) -> search_quality.FirstQuery:
    """One visitor's first query from a venue page, nothing cached, CPU slowed 4×."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    try:
        return search_quality.first_query(page, base, text, venue_url)
    finally:
        context.close()


def quality(browser, base: str) -> str:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        results = search_quality.run(context.new_page(), base, search_quality.load())
    finally:
        context.close()
    return f"{sum(r.ok for r in results)}/{len(results)}"


def measure(site: Path, with_quality: bool = False) -> dict:
    types = page_types(site)
    with served(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        loads = {kind: first_load(browser, base, url) for kind, url in types.items()}
        queries = {text: first_query(browser, base, text, types["venue"]) for text in FIRST_QUERIES}
        found = quality(browser, base) if with_quality else None
        browser.close()
    row = {
        "first_load_kb": {kind: round(n / 1024, 1) for kind, n in loads.items()},
        "first_load_max_kb": round(max(loads.values()) / 1024, 1),
        "first_query": {text: {"kb": round(q.gzip_bytes / 1024, 1), "ms": round(q.seconds * 1000)} for text, q in queries.items()},
        "first_query_kb": round(max(q.gzip_bytes for q in queries.values()) / 1024, 1),
        "first_query_ms": round(max(q.seconds for q in queries.values()) * 1000),
        "search_before_opening": sorted({u for q in queries.values() for u in q.before_opening}),
    }
    if found is not None:
        row["quality"] = found
    return row
