"""Figures page and charts in Chromium on a phone: readable, in the site palette, no overflow."""

from __future__ import annotations


def test_figures_page_charts_fit_a_phone(page, served_site):
    page.goto(served_site + "orgs/taiyuan/figures/")
    page.wait_for_selector("#chart-taiyuan-venues svg")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    bar = page.locator("#chart-taiyuan-venues rect.lk-chart__bar").first
    assert bar.evaluate("e => getComputedStyle(e).fill") == "rgb(176, 23, 31)"
    svg_box = page.locator("#chart-taiyuan-venues svg").bounding_box()
    assert 300 <= svg_box["width"] <= 390
    label_height = page.locator("#chart-taiyuan-venues text.lk-chart__label").first.bounding_box()["height"]
    assert label_height >= 12, "chart labels must stay legible at phone width"
    year_points = page.locator("#chart-taiyuan-venues-by-year circle.lk-chart__dot").count()
    assert year_points == page.locator("#chart-taiyuan-venues-by-year tbody tr").count() > 0
    assert page.watch.errors == []
    assert page.watch.foreign == []


def test_footnote_link_leads_to_the_cited_row(page, served_site):
    page.goto(served_site + "orgs/taiyuan/report/")
    value = page.locator('data[data-fig="taiyuan.transferred_members"]')
    assert value.inner_text() == "58026人"
    page.locator('data[data-fig="taiyuan.transferred_members"] + sup a').click()
    page.wait_for_url("**/orgs/taiyuan/figures/#fig-transferred-members")
    row = page.locator("#fig-transferred-members")
    row.wait_for()
    assert row.locator("data").inner_text() == "58026人"
    assert page.watch.errors == []
