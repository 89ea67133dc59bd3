"""The 404 page, served for a missing path at any depth under /kit/ without SITE_URL: styled,
nothing missing, links to the site root."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from browser.conftest import SUB_PATH


class NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages or OSS: a missing path gets the site's 404.html with status 404."""

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / SUB_PATH.strip("/") / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def host(sample_site, tmp_path_factory):
    root = tmp_path_factory.mktemp("www404")
    (root / SUB_PATH.strip("/")).symlink_to(sample_site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(NotFoundHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("missing", ["404.html", "venues/old-renamed-id/", "brands/x/y/z/", "no-such-page/"])
def test_404_under_a_sub_path_loads_nothing_missing_and_links_home(page, host, missing):
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document" and failed.append(r.url))
    response = page.goto(f"{host}{SUB_PATH}{missing}")
    assert response.status in (200, 404)
    assert page.locator("h1").inner_text() == "没有找到这个页面"
    assert failed == []
    home = page.get_by_role("link", name="返回首页")
    expected = f"{host}{SUB_PATH}"
    assert home.evaluate("a => a.href") == expected
    assert page.get_by_role("link", name="查看全部阵地").evaluate("a => a.href") == expected + "venues/"
    header = page.locator("header").evaluate("h => getComputedStyle(h).backgroundColor")
    assert header == "rgb(176, 23, 31)"
    assert [e for e in page.watch.errors if "status of 404" not in e] == []  # the page itself is a 404
    assert page.watch.foreign == []


@pytest.mark.parametrize("address", [
    "//other-host/venues/x",
    "//other-host/kit/venues/x/",
    "/\\other-host/venues/x",
    "/kit//other-host/venues/x",
    "/%2F%2Fother-host/venues/x",
    "///other-host//venues//x",
])
def test_no_address_makes_the_404_page_link_off_site(page, host, address):
    """A crafted address (issue 18) must not turn the 404 page's links into links to another host."""
    page.goto(host + address)
    assert page.locator("h1").inner_text() == "没有找到这个页面"
    hrefs = page.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) == 4
    for href in hrefs:
        assert href.startswith(host + "/") and not href.startswith(host + "//"), (address, href)
        assert page.evaluate("h => new URL(h).origin", href) == host
    assert page.watch.foreign == []
