"""Chromium measurements for `make bench`: what a phone downloads, per page type.

Bytes are counted as a static host with gzip would send them: each response body
compressed at level 6 (text) or as is (already-compressed images and fonts).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
COMPRESSED = (".png", ".jpg", ".jpeg", ".webp", ".woff", ".woff2", ".gz")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """`site` under /kit/ on 127.0.0.1 (a sub-path, as many hosts serve it)."""
    root = site.parent / "_www"
    root.mkdir(exist_ok=True)
    link = root / "kit"
    if not link.exists():
        link.symlink_to(site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
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


def measure(site: Path, with_quality: bool = False) -> dict:
    with served(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        loads = {kind: first_load(browser, base, url) for kind, url in page_types(site).items()}
        browser.close()
    return {
        "first_load_kb": {kind: round(n / 1024, 1) for kind, n in loads.items()},
        "first_load_max_kb": round(max(loads.values()) / 1024, 1),
    }
