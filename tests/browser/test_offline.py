"""In Chromium, served under /kit/: no request leaves 127.0.0.1 and every request succeeds, search included."""

from __future__ import annotations

import pytest

from leaguekit.generate.render import render

MAIN_PAGES = [
    "",
    "venues/",
    "districts/",
    "brands/",
    "orgs/",
    "types/youth-home/",
    "venues/taigu-baita-wenmiao-youth-home/",
    "brands/taigu-qicai-jiaqi/",
    "orgs/taigu/",
    "contribute/",
    "contribute/fields/",
]


class Traffic:
    """Every request of the browser context (pages and their workers) and every failed response."""

    def __init__(self, context):
        self.urls: list[str] = []
        self.failed: list[str] = []
        context.on("request", lambda r: self.urls.append(r.url))
        context.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        context.on("requestfailed", lambda r: self.failed.append(f"failed {r.url}"))

    def foreign(self) -> list[str]:
        return [u for u in self.urls if not u.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))]


@pytest.mark.parametrize("url", MAIN_PAGES)
def test_page_stays_on_127_0_0_1_under_sub_path(page, served_site, url):
    traffic = Traffic(page.context)
    response = page.goto(served_site + url)
    page.wait_for_load_state("networkidle")
    assert response.status == 200
    assert traffic.foreign() == [] and page.watch.foreign == []
    assert traffic.failed == []
    assert page.watch.errors == []
    assert all(u.startswith(served_site) for u in traffic.urls if u.startswith("http://127.0.0.1")), traffic.urls


def test_search_index_is_fetched_under_sub_path(page, served_site):
    traffic = Traffic(page.context)
    page.goto(served_site + "venues/taigu-baita-wenmiao-youth-home/")
    page.locator("[data-lk-search-open]").click()
    box = page.locator("#lk-search-input")
    box.fill("青年之家")
    page.locator("#lk-search-list [role=option]").first.wait_for()
    fetched = [u for u in traffic.urls if "/search/" in u]
    assert served_site + "search/manifest.json" in fetched
    assert any(u.startswith(served_site + "search/t/") for u in fetched) and any(u.startswith(served_site + "search/d/") for u in fetched)
    assert all(u.startswith(served_site + "search/") for u in fetched)
    assert traffic.foreign() == [] and traffic.failed == []


def test_old_id_redirects_in_the_browser(page, served_site):
    """The redirect page written for an alias (the sample has none, so it is served by route) lands on the venue."""
    html = render("redirect.html", target="../taigu-baita-wenmiao-youth-home/", title="太谷区白塔文庙社区青年之家")
    page.route(served_site + "venues/old-baita/", lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto(served_site + "venues/old-baita/")
    page.wait_for_url(served_site + "venues/taigu-baita-wenmiao-youth-home/")
    assert page.locator("article h1").inner_text() == "太谷区白塔文庙社区青年之家"
