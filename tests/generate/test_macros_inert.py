"""What macros print from data/ into hand-written pages stays text (issue 18). MkDocs runs those
pages through Markdown with attr_list and md_in_html after the macros: a value must not close a
code fence, become a link or emphasis, or add an attribute. One probe page per macro, one build;
`make check` accepts the values (data/ is the maintainers', its values are only text)."""

from __future__ import annotations

import pytest
from conftest import build_site, make_project, write

from leaguekit import build

# Markdown a value could smuggle: a fence, a javascript: link with an attribute list, emphasis and HTML.
HOSTILE = "```\n[点我](javascript:alert(1)){: onmouseover=alert(1) } *强调* <b>粗</b> ~~"
SEEN = "[点我](javascript:alert(1)){: onmouseover=alert(1) } *强调* <b>粗</b>"


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def poison(project) -> None:
    """Put HOSTILE (with a tag saying where it came from) in every data/ value a macro prints."""

    def edit(rel: str, *pairs: tuple[str, str]) -> None:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, (rel, old)
            text = text.replace(old, new, -1 if old.startswith("unit:") else 1)  # a chart's bars share one unit
        path.write_text(text, encoding="utf-8")

    def value(tag: str) -> str:
        return quoted(f"{tag}{HOSTILE}")

    edit("data/venue_types.yml", ("  label: 青年之家\n  plural: 青年之家\n", f"  label: {value('类型')}\n  plural: {value('复数')}\n"))
    edit("data/grades.yml", ("label: 标准型", f"label: {value('星级')}"))
    edit("data/services.yml", ("label: 文化学习", f"label: {value('服务')}"))
    edit("data/brand_categories.yml", ("label: 思想引领", f"label: {value('类别')}"))
    edit("data/orgs.yml", ("short_name: 山西共青团", f"short_name: {value('山西')}"), ("short_name: 太谷共青团", f"short_name: {value('太谷')}"), ("name: 共青团晋中市太谷区委员会", f"name: {value('全称')}"))
    edit("data/site.yml", ("description: 共青团", f"description: {value('简介')} # "))
    edit(
        "data/figures/taigu.yml",
        ("label: 主题教育宣讲参与青少年\n", f"label: {value('数据')}\n"),
        ("unit: 人次\n", f"unit: {value('单位')}\n"),
        ("label: 青春铸魂领航工程", f"label: {value('分组')}"),
        ("    publisher: 共青团晋中市太谷区委\n", f"    publisher: {value('来源')}\n"),
        ("section: 抓实常态学习（主题教育、党史学习教育宣讲）", f"section: {value('段落')}"),
        ("title: 太谷区团属阵地建设（报告数）", f"title: {value('图表')}"),
    )


# macro call -> the tag of the value it must show as text, and how many code blocks the page has
# (each probe page calls its macro twice: inside a paragraph and on a line of its own).
PROBES = {
    "type_tiles": ("{{ type_tiles() }}", "复数", 0),
    "fig": ('{{ fig("lecture_participants") }}', "单位", 0),
    "fig_table": ('{{ fig_table("soul") }}', "分组", 0),
    "fig_list": ("{{ fig_list() }}", "来源", 0),
    "fig_chart": ('{{ fig_chart("venues") }}', "图表", 0),
    "count_chart": ('{{ count_chart("venues_by_type", org="taigu") }}', "太谷", 0),
    "reported_vs_listed": ('{{ reported_vs_listed("youth_homes") }}', "复数", 0),
    "headline_figures": ("{{ headline_figures() }}", "数据", 0),
    "field_reference": ('{{ field_reference("venue") }}', "星级", 0),
    "venue_template": ("{{ venue_template() }}", "类型", 2),
    "brand_template": ("{{ brand_template() }}", "类别", 2),
    "activity_template": ("{{ activity_template() }}", "全称", 2),
    "publisher": ("{{ publisher.short_name }}", "山西", 0),
    "settings": ("{{ settings.description }}", "简介", 0),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("inert") / "project")
    poison(project)
    build.load(project)  # make check accepts the values: text, however it looks
    for name, (call, _, _) in PROBES.items():  # not_in_nav: under contribute/
        write(project, f"docs/contribute/probe-{name}.md", f"---\norg: taigu\n---\n# 探针\n\n前文 {call} 后文\n\n{call}\n")
    return build_site(project)


@pytest.mark.parametrize("macro", PROBES)
def test_a_macro_prints_data_as_inert_text(site, macro):
    from conftest import soup

    _, tag, code_blocks = PROBES[macro]
    article = soup(site, f"contribute/probe-{macro}/").select_one("article")
    assert not article.select('[href^="javascript"], [src^="javascript"]')
    assert not [el for el in article.find_all(True) if any(name.startswith("on") for name in el.attrs)]
    assert not [el for el in article.select("em, strong, b, del, s") if "强调" in el.get_text() or "粗" in el.get_text()]
    assert len(article.select("pre")) == code_blocks
    assert f"{tag}```" in article.get_text() or f"{tag}```" in str(article), macro  # the fence is text, not a code block
    assert SEEN in article.get_text() or SEEN in " ".join(el.get("title", "") for el in article.select("[title]")), macro
