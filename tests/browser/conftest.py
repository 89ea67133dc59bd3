"""Browser fixtures: Debian's Chromium driven by Playwright against a local static server.

The built site is served from 127.0.0.1 under a sub-path (/kit/) so every
browser test also proves the site works when not hosted at the domain root.
Without Chromium the tests are skipped with the install command, except
under CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SUB_PATH = "/kit/"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError("CI=true but /usr/bin/chromium is missing: apt-get install chromium fonts-noto-cjk")
    marker = pytest.mark.skipif(True, reason="needs Chromium: sudo apt-get install chromium fonts-noto-cjk")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(marker)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass


@contextlib.contextmanager
def serve(site: Path, root: Path) -> Iterator[str]:
    """Base URL of `site` served under SUB_PATH on 127.0.0.1 from a copy in `root`."""
    shutil.copytree(site, root / SUB_PATH.strip("/"))
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served_site(sample_site, tmp_path_factory) -> Iterator[str]:
    """Base URL of the sample site served under a sub-path on 127.0.0.1."""
    with serve(sample_site, tmp_path_factory.mktemp("www")) as url:
        yield url


@pytest.fixture(scope="session")
def served_dated_site(dated_site, tmp_path_factory) -> Iterator[str]:
    """The sample built as of a fixed day (conftest.SAMPLE_BUILD_DAY), served like served_site."""
    with serve(dated_site, tmp_path_factory.mktemp("www-dated")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


class PageWatch:
    """Records console errors and any request that leaves 127.0.0.1."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("request", self._request)

    def _request(self, request):
        url = request.url
        if not url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            self.foreign.append(url)


@pytest.fixture
def page(browser):
    """A phone-sized page in China time whose console errors and foreign requests are recorded."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
    )
    page = context.new_page()
    page.watch = PageWatch(page)
    yield page
    context.close()
