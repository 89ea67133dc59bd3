"""What `build-all`'s org sites share (leaguekit.mkdocs.sharing) gives each site what its own build would."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

import jinja2
import pytest
from conftest import write
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from leaguekit.mkdocs import sharing


def config_of(root: Path, theme: str = "mkdocs"):
    write(root, "mkdocs.yml", f"site_name: x\ntheme:\n  name: {theme}\nmarkdown_extensions: [toc, attr_list]\n")
    (root / "docs").mkdir(exist_ok=True)
    return load_config(str(root / "mkdocs.yml"))


def files_of(config, *paths: str, directory_urls: bool = True) -> Files:
    return Files([File(p, config.docs_dir, config.site_dir, directory_urls) for p in paths])


def rendered(memo: sharing.MarkdownMemo, config, files: Files, markdown: str, path: str = "guide/a.md") -> Page:
    page = Page(None, files.get_file_from_path(path), config)
    page.markdown = markdown
    memo.render(page, config, files)
    return page


def converted(config, files: Files, markdown: str, path: str = "guide/a.md") -> Page:
    """The page as MkDocs converts it without the memo."""
    page = Page(None, files.get_file_from_path(path), config)
    page.markdown = markdown
    page.render(config, files)
    return page


TEXT = "# 标题\n\n见[字段](b.md#fields)与[首页](../index.md)。\n\n## 第二节 {#second}\n"


def test_a_page_converted_on_one_site_is_reused_on_the_next_when_its_links_find_the_same_files(tmp_path: Path):
    config = config_of(tmp_path)
    memo = sharing.MarkdownMemo()
    first = rendered(memo, config, files_of(config, "guide/a.md", "guide/b.md", "index.md"), TEXT)
    site = files_of(config, "guide/a.md", "guide/b.md", "index.md", "other.md")
    again = rendered(memo, config, site, TEXT)
    fresh = converted(config, site, TEXT)
    assert memo.hits == 1
    assert again.content == fresh.content == first.content
    assert 'href="../b/#fields"' in again.content and 'href="../../"' in again.content
    assert again.title == fresh.title == "标题"
    assert again.present_anchor_ids == fresh.present_anchor_ids == {"_1", "second"}
    assert [(f.src_uri, links) for f, links in again.links_to_anchors.items()] == [("guide/b.md", {"fields": "b.md#fields"})]
    assert next(iter(again.links_to_anchors)) is site.get_file_from_path("guide/b.md")


def test_a_link_that_finds_another_address_on_the_next_site_is_converted_again(tmp_path: Path):
    config = config_of(tmp_path)
    memo = sharing.MarkdownMemo()
    rendered(memo, config, files_of(config, "guide/a.md", "guide/b.md", "index.md"), TEXT)
    site = Files([*files_of(config, "guide/a.md", "index.md"), *files_of(config, "guide/b.md", directory_urls=False)])
    again = rendered(memo, config, site, TEXT)
    assert memo.hits == 0
    assert 'href="../b.html#fields"' in again.content
    assert again.content == converted(config, site, TEXT).content


def test_other_text_or_another_page_is_converted_again(tmp_path: Path):
    config = config_of(tmp_path)
    memo = sharing.MarkdownMemo()
    site = files_of(config, "guide/a.md", "guide/b.md", "guide/c.md", "index.md")
    rendered(memo, config, site, TEXT)
    other = rendered(memo, config, site, TEXT.replace("标题", "另一个标题"))
    beside = rendered(memo, config, site, TEXT, path="guide/c.md")
    assert memo.hits == 0
    assert other.title == "另一个标题"
    assert beside.content == converted(config, site, TEXT, path="guide/c.md").content


def test_a_conversion_that_warned_warns_again_on_every_site(tmp_path: Path, caplog):
    config = config_of(tmp_path)
    memo = sharing.MarkdownMemo()
    site = files_of(config, "guide/a.md", "index.md")
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        for _ in range(2):
            rendered(memo, config, site, TEXT)
    assert memo.hits == 0 and memo.rendered == {}
    assert [r.getMessage() for r in caplog.records].count("Doc file 'guide/a.md' contains a link 'b.md#fields', but the target 'guide/b.md' is not found among documentation files.") == 2


def theme_files(config) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted((f.src_uri, f.abs_src_path) for f in files)


def test_the_theme_listed_once_gives_every_site_the_theme_files_mkdocs_lists(tmp_path: Path):
    own = tmp_path / "own"
    write(own, "assets/extra.css", "a {}")
    write(own, ".hidden/x.css", "a {}")
    project = config_of(tmp_path, "material")
    project.theme.dirs.insert(0, str(own))
    expected = theme_files(project)
    listings: dict[str, list[str]] = {}
    for _ in range(2):
        config = config_of(tmp_path, "material")
        config.theme.dirs.insert(0, str(own))
        sharing.list_theme_once(config.theme, tmp_path, listings)
        assert theme_files(config) == expected
    assert ("assets/extra.css", str(own / "assets/extra.css")) in expected
    assert len(listings) == 2 and str(own) not in listings  # Material's two folders; the project's own each time
    assert not any(name.startswith(".") for names in listings.values() for name in names)


def test_mkdocs_macros_asks_git_once_for_every_site_of_a_run(tmp_path: Path, monkeypatch):
    from mkdocs_macros import context

    asked: list[list[str]] = []

    def git(command, **kwargs):
        asked.append(command)
        return "abc1234\n"

    monkeypatch.setattr(context.subprocess, "check_output", git)
    original = context.get_git_info
    with sharing.git_asked_once():
        first, second = context.get_git_info(), context.get_git_info()
    assert first == second and first["short_commit"] == "abc1234" and first is not second
    assert len(asked) == 12
    assert context.get_git_info is original
    context.get_git_info()
    assert len(asked) == 24  # outside build-all, each build asks


def test_the_memo_keeps_the_conversions_used_most_recently(tmp_path: Path, monkeypatch):
    config = config_of(tmp_path)
    memo = sharing.MarkdownMemo()
    monkeypatch.setattr(memo, "KEPT", 2)
    site = files_of(config, "guide/a.md", "guide/b.md", "index.md")
    shared, *per_site = (TEXT.replace("标题", title) for title in ("员工指南", "太谷", "太原"))
    rendered(memo, config, site, shared)
    for text in per_site:
        rendered(memo, config, site, shared)  # on every site: used last, kept
        rendered(memo, config, site, text)
    assert memo.hits == 2
    assert [key[0] for key in memo.rendered] == [shared, per_site[-1]]


def memo_compiling(memo: sharing.MarkdownMemo, env: jinja2.Environment, counted: list[str]) -> jinja2.Environment:
    """`env` compiling through `memo`, as mkdocs-macros' environment does in a build-all site (on_config)."""
    compile_text = env.compile

    def counting(source, *args):
        counted.append(source)
        return compile_text(source, *args)

    env.compile = partial(memo.compile, env, counting)
    return env


def test_a_page_text_mkdocs_macros_compiled_for_one_site_is_not_compiled_again_for_the_next():
    memo, counted = sharing.MarkdownMemo(), []
    text = "{{ name }} 共有 {{ count }} 个阵地"
    first = memo_compiling(memo, jinja2.Environment(), counted).from_string(text).render(name="太谷", count=21)
    again = memo_compiling(memo, jinja2.Environment(), counted).from_string(text).render(name="太原", count=13)
    assert (first, again) == ("太谷 共有 21 个阵地", "太原 共有 13 个阵地")
    assert counted == [text]


def test_a_text_is_compiled_again_where_the_environment_would_compile_it_otherwise():
    """Another syntax, a filter the last site lacked, or escaping turned on: the code is not the last site's."""
    memo, counted = sharing.MarkdownMemo(), []
    text = "{{ name|shout }} <% name %>"
    plain = jinja2.Environment()
    plain.filters["shout"] = str.upper
    assert memo_compiling(memo, plain, counted).from_string(text).render(name="<太谷>") == "<太谷> <% name %>"
    other_syntax = jinja2.Environment(variable_start_string="<%", variable_end_string="%>")
    other_syntax.filters["shout"] = str.upper
    assert memo_compiling(memo, other_syntax, counted).from_string(text).render(name="<太谷>") == "{{ name|shout }} <太谷>"
    escaping = jinja2.Environment(autoescape=True)
    escaping.filters["shout"] = str.upper
    assert memo_compiling(memo, escaping, counted).from_string(text).render(name="<太谷>") == "&lt;太谷&gt; <% name %>"
    without_filter = memo_compiling(memo, jinja2.Environment(), counted)
    with pytest.raises(jinja2.TemplateAssertionError, match="shout"):
        without_filter.from_string(text)
    assert counted == [text] * 4
