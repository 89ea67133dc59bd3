"""Figures from data/figures/: validation, pages that show them, and one value shown everywhere."""

from __future__ import annotations

import logging
import re

import pytest
import yaml
from conftest import SAMPLE, build_site, soup, write

from leaguekit.content import figures as figures_module
from leaguekit.content import load
from leaguekit.content.problems import ContentError
from leaguekit.content.readers import figures as figure_files

# Numbers a report page may type because they are names or dates, not figures.
NOT_FIGURES = ("“12345”", "12345", "12355", "2020年", "2021年", "5年来", "QQ")


def repo_book():
    return figure_files.load(SAMPLE, load(SAMPLE))


def test_both_reports_are_in_data_with_period_and_source():
    book = repo_book()
    assert set(book.orgs) == {"taigu", "taiyuan"}
    assert len(book.all) >= 60
    for f in book.all.values():
        assert re.fullmatch(r"\d{4}(–\d{4})?", f.period), f.ref
        assert f.data.section and f.source.title, f.ref
    assert book.get("taiyuan.transferred_members").text == "58026人"
    assert book.get("taiyuan.youth_homes").text == "104家"
    assert book.get("taiyuan.lecture_reach").text == "500余万人次"
    assert book.get("taigu.lecture_participants").text == "10万余人次"
    assert book.get("taigu.media_followers").text == "超2.8万人"
    assert book.get("taigu.school_to_community_rate").text == "90%以上"
    assert book.get("taiyuan.school_to_community_rate").text == "95%"


@pytest.mark.parametrize("org", ["taigu", "taiyuan"])
def test_report_prose_types_no_figure_digits(org):
    """Every number on a work page comes from a macro; digits left in the prose are a drift risk."""
    text = (SAMPLE / f"docs/orgs/{org}/report.md").read_text(encoding="utf-8").split("---", 2)[2]
    prose = re.sub(r"\{\{.*?\}\}", "", text)
    for allowed in NOT_FIGURES:
        prose = prose.replace(allowed, "")
    assert re.findall(r".{0,10}\d.{0,10}", prose) == []


@pytest.mark.parametrize("org", ["taigu", "taiyuan"])
def test_every_figure_appears_on_its_report_page(sample_site, org):
    page = soup(sample_site, f"orgs/{org}/report/")
    shown = {d["data-fig"]: d.get_text() for d in page.select("article data.lk-fig")}
    book = repo_book()
    assert set(shown) == {f.ref for f in book.orgs[org].figures.values()}
    for ref, text in shown.items():
        assert text == book.all[ref].text


def test_figure_links_to_its_row_on_the_figures_page(sample_site):
    report = soup(sample_site, "orgs/taiyuan/report/")
    value = report.select_one('data[data-fig="taiyuan.transferred_members"]')
    link = value.find_next_sibling("sup").a
    assert link.get_text() == "2020"
    assert link["href"] == "../figures/#fig-transferred-members"
    assert "共青团太原市委" in link["title"] and "团的基层组织进一步夯实" in link["title"]
    row = soup(sample_site, "orgs/taiyuan/figures/").select_one("tr#fig-transferred-members")
    cells = [c.get_text(strip=True) for c in row.select("th, td")]
    assert cells == ["接转团员", "58026人", "2020年", "团的基层组织进一步夯实"]


def test_figures_page_lists_every_figure_once_with_its_source(sample_site):
    page = soup(sample_site, "orgs/taigu/figures/")
    rows = page.select("table.lk-figtable tbody tr")
    assert len(rows) == len(repo_book().orgs["taigu"].figures)
    assert len({r["id"] for r in rows}) == len(rows)
    assert [c.get_text() for c in page.select("table.lk-figtable caption")] == ["青春铸魂领航工程", "党建带团建强基工程", "青春建功赋能工程", "青年暖心服务工程", "品牌阵地提升工程"]
    sources = page.select_one(".lk-sources").get_text()
    assert "报告未注明日期" in sources and "2020–2024" in sources


def test_org_page_shows_reported_and_listed_counts(sample_site):
    content = load(SAMPLE)
    listed = sum(v.data.type == "youth-home" for v in content.venues_of_org("taiyuan"))
    page = soup(sample_site, "orgs/taiyuan/")
    work = page.select_one("#work").find_next("dl").get_text(" ", strip=True)
    assert f"青年之家 报告数 104家（2020年），本站已收录 {listed} 个" in work
    links = {a.get_text(): a["href"] for a in page.select(".lk-work-links a")}
    assert links == {"工作报告": "report/", "报告数据与来源": "figures/"}
    report = soup(sample_site, "orgs/taiyuan/report/").get_text()
    assert f"本站已收录 {listed} 个" in report


def test_changing_a_value_changes_every_page(project):
    """Build, edit one value in YAML, build again: report, figures page and home page all follow."""
    pages = ("orgs/taigu/report/", "orgs/taigu/figures/", "")
    selector = '[data-fig="taigu.lecture_participants"]'
    site = build_site(project)
    assert [soup(site, url).select_one(selector).get_text() for url in pages] == ["10万余人次"] * 3

    path = project / "data/figures/taigu.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 100000\n", "value: 120000\n", 1), encoding="utf-8")
    site = build_site(project)
    for url in pages:
        page = soup(site, url)
        assert page.select_one(selector).get_text() == "12万余人次", url
        assert "10万余人次" not in page.get_text(), url


def test_unknown_figure_key_fails_build_naming_key_and_near_match(project, caplog):
    report = project / "docs/orgs/taigu/report.md"
    text = report.read_text(encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if '"lecture_participants"' in t)
    report.write_text(text.replace('fig("lecture_participants")', 'fig("lecture_participant")'), encoding="utf-8")
    with caplog.at_level(logging.WARNING), pytest.raises(SystemExit):
        build_site(project)
    assert f"docs/orgs/taigu/report.md:{line} 找不到数据项 “lecture_participant”（团组织 taigu）；是否想写 “lecture_participants”？（见 data/figures/taigu.yml）" in caplog.text


BAD = {
    "org": "taigo",
    "figures": [
        {"key": "a_b", "label": "甲乙", "value": 95, "unit": "%", "group": "soul", "section": "某段"},
        {"key": "a_b", "label": "重复", "value": 1, "group": "soul", "section": "某段"},
        {"key": "c", "label": "丙丙", "value": 1, "group": "sol", "section": "某段", "counts": "youth-hom"},
        {"key": "d", "label": "丁丁", "value": 1, "group": "soul", "section": "某段", "period": "2024-2020"},
        {"key": "e", "label": "戊戊", "value": 1, "group": "soul", "section": "某段", "qualifer": "余"},
    ],
}


def test_bad_figures_file_lists_every_problem_with_line(project):
    data = yaml.safe_load((project / "data/figures/taigu.yml").read_text(encoding="utf-8"))
    data.update(BAD)
    write(project, "data/figures/taigu.yml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    lines = (project / "data/figures/taigu.yml").read_text(encoding="utf-8").splitlines()

    def line_of(needle: str, after: int = 0) -> int:
        return next(n for n, t in enumerate(lines, 1) if n > after and needle in t)

    with pytest.raises(ContentError) as caught:
        figure_files.load(project, load(project))
    text = str(caught.value)
    assert f"data/figures/taigu.yml:{line_of('period: 2024-2020')} figures[3].period（时期）= 2024-2020 不是年份或年份区间" in text
    assert f"data/figures/taigu.yml:{line_of('qualifer')} figures[4].qualifer= 余 是不认识的字段；是否想写 “qualifier”？" in text
    assert "内容检查：2 个错误" in text

    data["figures"] = BAD["figures"][:3]
    write(project, "data/figures/taigu.yml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    lines = (project / "data/figures/taigu.yml").read_text(encoding="utf-8").splitlines()
    with pytest.raises(ContentError) as caught:
        figure_files.load(project, load(project))
    text = str(caught.value)
    assert f"data/figures/taigu.yml:{line_of('org: taigo')} org= taigo 是未知的团组织；是否想写 “taigu”？" in text
    assert "figures[0].value（数值）= 95 百分数应写成小数；95% 写 0.95；这里是否想写 0.95？" in text
    second = line_of("key: a_b", line_of("key: a_b"))
    assert f"data/figures/taigu.yml:{second} figures[1].key= a_b “a_b”重复" in text
    assert f"data/figures/taigu.yml:{line_of('group: sol')} figures[2].group= sol 是未知的分组；是否想写 “soul”？" in text
    assert f"data/figures/taigu.yml:{line_of('counts: youth-hom')} figures[2].counts= youth-hom 是未知的阵地类型；是否想写 “youth-home”？" in text


def test_missing_work_page_is_reported(project):
    (project / "docs/orgs/taiyuan/report.md").unlink()
    with pytest.raises(ContentError) as caught:
        figure_files.load(project, load(project))
    assert "data/figures/taiyuan.yml:5 report_page（工作报告页）= orgs/taiyuan/report.md 找不到这个页面；请创建 docs/orgs/taiyuan/report.md" in str(caught.value)


def test_group_table_and_computed_counts_on_a_hand_written_page(project):
    write(project, "docs/orgs/taigu/care.md", """\
        ---
        title: 暖心服务
        org: taigu
        ---
        {{ fig_table("care") }}

        {{ count_chart("hosts_by_brand") }}

        本站收录 {{ venue_count(org="taigu") }} 个阵地。
        """)
    site = build_site(project)
    page = soup(site, "orgs/taigu/care/")
    care = [f for f in repo_book().orgs["taigu"].figures.values() if f.group.key == "care"]
    table = page.select_one('table[data-group="care"]')
    assert [d.get_text() for d in table.select("data")] == [f.text for f in care]
    assert not table.select("tr[id]"), "only the figures page carries the row anchors"
    hosts = page.select_one("#chart-taigu-hosts-by-brand table")
    assert [[c.get_text() for c in tr.select("th, td")] for tr in hosts.select("tbody tr")] == [["测试品牌", "1个"]]
    assert "本站收录 1 个阵地。" in page.get_text()


def test_figures_older_than_three_years_warn_once_per_file():
    book = figure_files.load(SAMPLE, load(SAMPLE))
    warnings = [str(w) for w in figures_module.stale_figures(book, 2026)]
    assert len(warnings) == 1
    assert warnings[0].startswith("data/figures/taiyuan.yml:")
    old = sum(int(f.period[-4:]) < 2023 for f in book.orgs["taiyuan"].figures.values())
    assert old > 60
    assert f"有 {old} 项数据的时期早于 2023 年（最晚 2020 年）" in warnings[0] and warnings[0].endswith("（提醒）")
    assert figures_module.stale_figures(book, 2023) == []
