"""The map on /nearby/ is opt-in: without a 天地图 key no page carries map markup or a tile server;
with one, only the finder page carries the switch and the tile configuration (key, layers, 审图号)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO, build_site, soup, write
from mkdocs.exceptions import Abort

from leaguekit.content import load
from leaguekit.content.problems import ContentError
from leaguekit.generate import finder_map
from leaguekit.output.finder_data import MAX_PER_CELL

KEY = "0123456789abcdef0123456789abcdef"
SITE = """\
publisher: shanxi
title: 青年阵地
description: 测试站点。
"""
MAP = """\
map:
  provider: tianditu
  key: {key}
  review_number: GS（2024）0568号
"""


def with_map(project, key: str = KEY):
    write(project, "data/site.yml", SITE + MAP.format(key=key))
    return project


def pages_naming(site, word: str) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if word in p.read_text(encoding="utf-8"))


def test_without_a_key_no_page_has_a_map_or_names_tianditu(project):
    write(project, "data/site.yml", SITE + MAP.format(key=""))
    site = build_site(project)
    page = soup(site, "nearby/")
    assert page.select(".lk-view-switch, .lk-map, .lk-map-config, .lk-place__onmap") == []
    # (The staff guide names the 天地图 console; no page names a tile server or the map's files.)
    assert pages_naming(site, "{s}.tianditu") == [] and pages_naming(site, "javascripts/map.") == [] and pages_naming(site, "lk-map") == []


def test_with_a_key_only_the_finder_carries_the_switch_and_the_tiles(project):
    site = build_site(with_map(project))
    page = soup(site, "nearby/")
    assert [b.get_text() for b in page.select(".lk-view-switch button")] == ["列表", "地图"]
    assert page.select_one("section.lk-map")["aria-label"] == "阵地地图"
    assert [b.get_text() for b in page.select(".lk-districts .lk-place__onmap")] == ["在地图上看"]
    config = json.loads(page.select_one(".lk-map-config").get_text())
    layers = [url.split(".tianditu.gov.cn/")[1].split("/")[0] for url in config["vector"] + config["satellite"]]
    assert layers == ["vec_w", "cva_w", "img_w", "cia_w"]
    assert all(url.startswith("https://t{s}.tianditu.gov.cn/") and url.endswith(f"&tk={KEY}") for url in config["vector"] + config["satellite"])
    assert config["subdomains"] == "01234567" and config["review_number"] == "GS（2024）0568号"
    # The files it loads on demand exist, relative to the page; no page links them itself.
    for path in config["styles"] + config["scripts"]:
        assert (site / "nearby" / path).resolve().is_file(), path
    assert pages_naming(site, "{s}.tianditu") == ["nearby/index.html"]
    assert pages_naming(site, "leaflet") == ["nearby/index.html"]
    # The vendored library ships with its licence.
    assert (site / "assets/vendor/leaflet/LICENSE").is_file() and (site / "assets/vendor/supercluster/LICENSE").is_file()


def test_the_key_may_come_from_the_environment(project, monkeypatch):
    write(project, "data/site.yml", SITE + MAP.format(key=""))
    monkeypatch.setenv("TIANDITU_KEY", "fedcba9876543210fedcba9876543210")
    config = json.loads(soup(build_site(project), "nearby/").select_one(".lk-map-config").get_text())
    assert config["vector"][0].endswith("&tk=fedcba9876543210fedcba9876543210")


def test_a_malformed_key_from_the_environment_stops_the_build_in_chinese(project, monkeypatch, caplog):
    with_map(project)
    monkeypatch.setenv("TIANDITU_KEY", "abc def<script>")
    with pytest.raises(Abort):
        build_site(project)
    assert "环境变量 TIANDITU_KEY 不是天地图 Key" in caplog.text and not (project / "site/nearby").exists()


def test_no_map_block_means_no_map_even_with_the_environment_key():
    assert finder_map.map_config(None, "nearby/", {"TIANDITU_KEY": KEY}) is None


@pytest.mark.parametrize(
    ("key", "review", "expected"),
    [
        ("not a key!", "GS（2024）0568号", "map.key：不是天地图 Key"),
        (KEY, "2024-0568", "map.review_number：不是审图号"),
    ],
)
def test_malformed_map_settings_get_a_line_and_a_fix(project, key, review, expected):
    write(project, "data/site.yml", SITE + MAP.format(key=f'"{key}"').replace("GS（2024）0568号", review))
    with pytest.raises(ContentError) as info:
        load(project)
    message = str(info.value)
    assert "data/site.yml" in message and expected.split("：")[1] in message and expected.split("：")[0] in message


def test_the_staff_guide_and_readme_say_how_to_get_a_key_what_to_whitelist_and_what_the_quota_means(project):
    """Issue 27's "Done when": the key, the whitelist (preview domains, and this computer for make serve), the quota;
    the guide quotes the notice map.js shows when tiles fail, word for word."""
    site = build_site(project)
    heading = next(h for h in soup(site, "contribute/admin/").select("h2") if "天地图 Key" in h.get_text())
    section = []
    for node in heading.find_next_siblings():
        if node.name == "h2":
            break
        section.append(node)
    text = " ".join(node.get_text(" ") for node in section)
    links = [a["href"] for node in section for a in node.select("a[href]")]
    assert "https://console.tianditu.gov.cn/" in links and "浏览器端" in text
    for must in ("域名白名单", "正式域名", "预览网站的域名", "127.0.0.1", "localhost", "make serve", "TIANDITU_KEY", "审图号", "每日访问量", "额度用完"):
        assert must in text, must
    notice = re.search(r'"(地图底图暂时无法显示)（', (REPO / "leaguekit/theme/assets/javascripts/map.js").read_text(encoding="utf-8"))
    assert notice and notice.group(1) in text
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**The map (opt-in).**"):]
    section = section[:section.index("\n\n", section.index("whitelist"))]
    for must in ("whitelist the site's domain", "every preview domain", "`127.0.0.1` and `localhost` for `make serve`", "daily", "quota", "staff guide"):
        assert must in section, must


def test_the_maps_first_view_limit_is_one_finder_cell():
    """map.js opens close enough in to fetch at most one full cell (finder_data.MAX_PER_CELL) of new venues:
    the number the 60 KB budget was measured with (tests/browser/test_map_budget.py)."""
    source = (REPO / "leaguekit/theme/assets/javascripts/map.js").read_text(encoding="utf-8")
    assert int(re.search(r"var FIRST_VIEW_VENUES = (\d+);", source).group(1)) == MAX_PER_CELL
