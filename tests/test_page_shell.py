"""The page shell (leaguekit.mkdocs.shell): before its first paint a page waits for two files, Material's
stylesheet and the kit's one; it loads only the kit scripts of the parts it shows, all deferred; every kit
file is published under a name carrying its content's hash, and every file a page names exists in site/."""

from __future__ import annotations

import hashlib
import importlib.util
import posixpath
import re

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, activity_md, build_site, make_project, soup, write
from mkdocs.exceptions import Abort

from leaguekit.generate import scripts
from leaguekit.mkdocs.shell import STYLESHEETS, THEME_DIR

_spec = importlib.util.spec_from_file_location("blocking", REPO / "tools/audit/blocking.py")
blocking = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(blocking)

HASHED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{8})\.(?P<suffix>js|css)$")
MATERIAL_CSS = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")
KIT_CSS = re.compile(r"assets/stylesheets/leaguekit\.[0-9a-f]{8}\.css")
KIT_SCRIPT = re.compile(r"assets/javascripts/(?P<name>hours|nearby|activities|search)\.[0-9a-f]{8}\.js$")

# page -> the kit scripts it loads. search.js (the header's box) is on every page; nothing else unasked.
PAGES = {
    "": ["activities", "search"],  # home: 近期活动, drawn by a macro
    "nearby/": ["hours", "nearby", "search"],  # the finder: open now, distances, the map switch
    "venues/test-venue/": ["hours", "nearby", "activities", "search"],  # open now, 导航, 近期活动
    "activities/": ["activities", "search"],
    "brands/test-brand/": ["search"],  # no activity of its own
    "contribute/": ["search"],  # a hand-written page (the staff guide)
}


def shell(site, url: str) -> tuple[list[str], list[str], list[str], BeautifulSoup]:
    """The page's stylesheets and scripts (site paths) and what of them blocks its first paint."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")

    def site_path(ref: str) -> str:
        return posixpath.normpath(posixpath.join(url, ref))

    styles = [site_path(link["href"]) for link in page.select("link[rel=stylesheet]")]
    found = [site_path(s["src"]) for s in page.select("script[src]")]
    return styles, found, [site_path(ref) for ref in blocking.render_blocking(html)], page


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("shell") / "project", sample_content=False)
    write(project, "activities/taigu/test-activity.md", activity_md(start="start: 2099-05-01 09:00", end="end: 2099-05-01 11:30"))
    return build_site(project)


@pytest.mark.parametrize("url", PAGES)
def test_each_page_waits_for_two_stylesheets_and_loads_only_its_parts_scripts_deferred(small_site, url):
    styles, found, blocked, page = shell(small_site, url)
    assert len(styles) == 2 and MATERIAL_CSS.fullmatch(styles[0]) and KIT_CSS.fullmatch(styles[1])
    assert blocked == styles  # no script waits: Material's bundle and the kit's are deferred
    assert all(s.has_attr("defer") for s in page.select("script[src]"))
    assert [m["name"] for m in map(KIT_SCRIPT.search, found) if m] == PAGES[url]
    assert "palette" not in " ".join(styles)  # the sample's palette (custom colours) needs none of Material's palette CSS
    for path in styles + found:
        assert (small_site / path).is_file(), path


def test_the_hooks_a_page_carries_have_their_scripts_on_every_page_of_the_sample(sample_site):
    """Every page of the sample: a part drawn without its script would sit dead; a script without its part is waste."""
    hooks = {"hours": "[data-lk-hours], [data-lk-finder]", "nearby": "[data-lk-finder], details.lk-nav", "activities": "[data-lk-activities], [data-lk-recent], [data-lk-activity]"}
    checked = 0
    for path in sample_site.rglob("index.html"):
        url = path.parent.relative_to(sample_site).as_posix().removeprefix(".")
        _styles, found, blocked, page = shell(sample_site, url)
        if page.select_one("[data-md-component=header]") is None:
            continue  # redirects, posters: not drawn by the theme
        loaded = {m["name"] for m in map(KIT_SCRIPT.search, found) if m}
        for name, selector in hooks.items():
            assert (name in loaded) == bool(page.select(selector)), (url, name)
        assert "search" in loaded, url
        # The staff's venue form brings its own stylesheet (leaguekit.generate.form): a third, on that page only.
        assert blocked[:2] == _styles[:2] and len(blocked) <= (3 if url == "contribute/new" else 2), url
        checked += 1
    assert checked > 50


def test_kit_files_carry_their_hash_and_the_stylesheet_joins_the_kits(small_site):
    _styles, found, _blocked, page = shell(small_site, "venues/test-venue/")
    for path in [p for p in found if KIT_SCRIPT.search(p)]:
        match = HASHED.match(path.rpartition("/")[2])
        source = THEME_DIR / path.replace(f".{match['digest']}.", ".")
        assert (small_site / path).read_bytes() == source.read_bytes()
        assert match["digest"] == hashlib.sha256(source.read_bytes()).hexdigest()[:8]
    stylesheet = _styles[1]
    joined = b"\n".join((THEME_DIR / path).read_bytes() for path in STYLESHEETS)
    assert (small_site / stylesheet).read_bytes() == joined
    assert HASHED.match(stylesheet.rpartition("/")[2])["digest"] == hashlib.sha256(joined).hexdigest()[:8]
    # No unhashed or separate copy of a kit file is left to be served stale.
    assert not (small_site / "assets/javascripts/search.js").exists() and not (small_site / "assets/stylesheets/leaguekit.css").exists()
    assert not list((small_site / "assets/stylesheets").glob("nearby.*.css"))
    # The map's and the form's files keep their own hashed names for the pages that load them.
    form = soup(small_site, "contribute/new/")
    assert HASHED.match(form.select_one('script[src*="/venue-form."]')["src"].rpartition("/")[2])
    assert list((small_site / "assets/stylesheets").glob("map.*.css")) and list((small_site / "assets/javascripts").glob("map.*.js"))


def test_materials_own_search_is_published_only_with_its_plugin(small_site, project):
    """The kit's header has its own search; Material's worker and lunr files (about 1 MB) are not copied."""
    assert list((small_site / "assets/javascripts").glob("bundle.*.min.js"))
    assert not (small_site / "assets/javascripts/workers").exists() and not (small_site / "assets/javascripts/lunr").exists()

    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    write(project, "mkdocs.yml", config.replace("plugins:\n  - leaguekit\n", "plugins:\n  - search\n  - leaguekit\n"))
    site = build_site(project)
    assert list((site / "assets/javascripts/workers").glob("search.*.min.js"))
    assert (site / "assets/javascripts/lunr/min/lunr.zh.min.js").is_file()


def test_a_material_colour_folds_its_palette_css_in_and_the_sites_own_files_come_after_the_kits(project):
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("    primary: custom\n", "    primary: indigo\n") + "extra_css:\n  - own.css\nextra_javascript:\n  - own.js\n"
    write(project, "mkdocs.yml", config)
    write(project, "docs/own.css", ".own { color: red; }\n")
    write(project, "docs/own.js", "window.own = true;\n")
    site = build_site(project)
    styles, found, blocked, page = shell(site, "brands/test-brand/")
    assert styles[2:] == ["own.css"] and blocked == styles  # a site's own stylesheet may restyle the kit
    palette = next((site / "assets/stylesheets").glob("palette.*.min.css")).read_bytes()
    assert (site / styles[1]).read_bytes().startswith(palette + b"\n")
    assert page.body["data-md-color-primary"] == "indigo"
    assert found.index("own.js") < found.index(next(p for p in found if KIT_SCRIPT.search(p)))
    assert all(s.has_attr("defer") for s in page.select("script[src]"))


def test_a_hand_written_page_names_the_parts_its_own_html_shows(project, caplog):
    write(project, "docs/contribute/finder-help.md", "---\nparts: [finder]\n---\n# 找阵地的说明\n\n正文。\n")
    site = build_site(project)
    _styles, found, _blocked, _page = shell(site, "contribute/finder-help/")
    assert [m["name"] for m in map(KIT_SCRIPT.search, found) if m] == ["hours", "nearby", "search"]

    write(project, "docs/contribute/finder-help.md", "---\nparts: [map]\n---\n# 找阵地的说明\n")
    with pytest.raises(Abort):
        build_site(project)
    assert "contribute/finder-help.md：parts 中“map”不是可用的页面部件（可用：search、hours、directions、finder、activities）" in caplog.text


def test_every_part_has_its_scripts_in_the_kit():
    for name, paths in scripts.PARTS.items():
        assert paths and all((THEME_DIR / p).is_file() for p in paths), name
    assert set(scripts.ORDER) == {p for paths in scripts.PARTS.values() for p in paths}
