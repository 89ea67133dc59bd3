"""Chinese site search in Chromium: a venue is found by its name, district or a service."""

from __future__ import annotations

import pytest

from conftest import REPO
from leaguekit.content import load

CONTENT = load(REPO)


def search(page, base: str, query: str) -> list[str]:
    page.goto(base)
    page.locator("label.md-header__button[for='__search']").click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    titles = page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
    return [t.replace("\u200b", "").strip() for t in titles]


def test_finds_venue_by_name(page, served_site):
    assert "太谷区白塔文庙社区青年之家" in search(page, served_site, "白塔文庙")
    assert page.watch.errors == [] and page.watch.foreign == []


@pytest.mark.parametrize(("query", "venue_id"), [("小店区", "taiyuan-xiaodian-qinxian-youth-home"), ("托管", "taigu-baita-wenmiao-youth-home")])
def test_finds_venue_by_district_or_service(page, served_site, query, venue_id):
    assert CONTENT.venue[venue_id].data.name in search(page, served_site, query)
