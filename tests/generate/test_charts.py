"""Inline SVG charts: geometry computed in Python, accessible markup, data table beside the picture."""

from __future__ import annotations

from conftest import SAMPLE, soup

from leaguekit.content import load
from leaguekit.generate import stats
from leaguekit.generate.charts import BAR_SPACE, WIDTH, Datum, bar_chart, line_chart


def test_bars_are_proportional_and_the_longest_fills_the_plot():
    chart = bar_chart("c", "阵地", [Datum("青年之家", 104, "104家"), Datum("青春驿站", 65, "65家"), Datum("空", 0, "0个")])
    widths = [b.width for b in chart.bars]
    assert widths[0] == WIDTH - BAR_SPACE
    assert widths[1] == round((WIDTH - BAR_SPACE) * 65 / 104, 1)
    assert widths[2] == 0
    assert chart.description == "阵地：青年之家 104家；青春驿站 65家；空 0个。"


def test_line_points_are_placed_by_year_not_by_index():
    chart = line_chart("l", "累计", [Datum("2019", 1, "1个"), Datum("2020", 2, "2个"), Datum("2023", 4, "4个")])
    xs = [p.x for p in chart.points]
    assert (xs[1] - xs[0]) * 3 == (xs[2] - xs[1])
    ys = [p.y for p in chart.points]
    assert ys[0] > ys[1] > ys[2]
    assert chart.polyline.count(",") == 3


def test_cumulative_year_counts_match_content():
    content = load(SAMPLE)
    years = stats.venues_by_year(content)
    dated = [v for v in content.venues if v.data.established]
    assert years[-1].value == len(dated)
    assert [c.value for c in years] == sorted(c.value for c in years)


def test_built_charts_have_title_text_alternative_and_table(sample_site):
    page = soup(sample_site, "orgs/taiyuan/figures/")
    charts = page.select("figure.lk-chart")
    assert {c["id"] for c in charts} == {"chart-taiyuan-venues", "chart-taiyuan-venues-by-type", "chart-taiyuan-venues-by-year"}
    bars = page.select_one("#chart-taiyuan-venues")
    svg = bars.svg
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "chart-taiyuan-venues-t chart-taiyuan-venues-d"
    assert svg.title.get_text() == "太原市团属阵地（报告数）"
    assert svg.desc.get_text() == "太原市团属阵地（报告数）：全市“青年之家” 104家；建立“青春驿站” 65家；双一流高校学子归巢工作站 42所；初步建成“青年人才驿站” 2个。"
    assert len(svg.select("rect.lk-chart__bar")) == 4
    rows = [[c.get_text() for c in tr.select("th, td")] for tr in bars.select("table tbody tr")]
    assert rows[0] == ["全市“青年之家”", "104家"]
    assert not page.select("article script")


def test_computed_count_chart_matches_venue_files(sample_site):
    content = load(SAMPLE)
    expected = {vt.plural: sum(v.data.type == vt.key for v in content.venues_of_org("taigu")) for vt in content.venue_types.values()}
    table = soup(sample_site, "orgs/taigu/figures/").select_one("#chart-taigu-venues-by-type table")
    shown = {tr.th.get_text(): tr.td.get_text() for tr in table.select("tbody tr")}
    assert shown == {label: f"{n}个" for label, n in expected.items() if n}
