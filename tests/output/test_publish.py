"""`site/` for any static host: reproducible, self-contained, working from a sub-path, with sitemap, robots and 404."""

from __future__ import annotations

import filecmp
import gzip
import json
import posixpath
import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import SAMPLE_BUILD_DAY, build_site, make_project, soup
from gitrepo import commit_all, git
from mkdocs.config import load_config

from leaguekit.content import load
from leaguekit.content.gitdates import last_changed
from leaguekit.content.schema import Venue
from leaguekit.output import publish
from leaguekit.output.opendata import LICENSES

SITE_URL = "https://example.org/taigu/"
EPOCH = str(int(SAMPLE_BUILD_DAY.timestamp()))
# Links that only leave the site when clicked (never fetched by a page): map apps, the ICP registry.
# Map apps, the ICP registry, and the coordinate pickers the venue form (/contribute/new/) links to.
# The staff guide links to the 天地图 console and home page (where a key and the 审图号 come from).
LINK_ONLY = {"uri.amap.com", "api.map.baidu.com", "apis.map.qq.com", "maps.apple.com", "beian.miit.gov.cn", "lbs.amap.com", "console.tianditu.gov.cn", "www.tianditu.gov.cn"}
# Hosts named in the theme's own JavaScript, and why no page of ours requests them.
THEME_JS_DORMANT = {
    "unpkg.com": "Material loads a ResizeObserver polyfill only in browsers without ResizeObserver, and Mermaid only for mermaid diagrams (no such fence is configured)",
    "api.github.com": "repository facts, fetched only by the header source widget, which leaguekit/theme/partials/source.html removes",
    "bit.ly": "text of a console warning in Material's search worker, which this site never starts (its own search is search.js)",
    "github.com": "text of error messages in the Thai word-cut library of Material's search worker, never started",
    "leafletjs.com": "the vendored Leaflet's own attribution link, which map.js replaces with 天地图's; the map fetches tiles from 天地图 only, once opened",
}
COMMENT = re.compile(r"/\*.*?\*/|<!--.*?-->|(?<![:\\\w\"'`])//[^\n]*", re.S)
DATA_URI = re.compile(r"url\(\s*[\"']?data:[^)]*\)", re.S)
XML_NAMESPACE = re.compile(r"https?://www\.w3\.org/[\w/.#-]*")
ABSOLUTE = re.compile(r"(?:https?:)?//([a-z0-9][a-z0-9.-]*\.[a-z]{2,})(?=[/:\"'\s?#)`]|$)", re.I)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The sample content in a git checkout, built with a public URL set (as CI does)."""
    project = make_project(tmp_path_factory.mktemp("published") / "project")
    commit_all(project, "sample", date="2025-03-04T10:00:00+08:00")
    (project / "venues/taigu/taigu-baita-wenmiao-youth-home.md").write_text(
        (project / "venues/taigu/taigu-baita-wenmiao-youth-home.md").read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8"
    )
    commit_all(project, "edit one venue", date="2025-06-07T10:00:00+08:00")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_URL", SITE_URL)
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build_site(project)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def url_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


# --- reproducible ------------------------------------------------------------------


def test_two_builds_are_byte_identical(published, tmp_path):
    """A second checkout of the same commit, in another directory, builds the same bytes (on one build day)."""
    clone = tmp_path / "clone"
    git(published.parent, "clone", "-q", str(published.parent), str(clone))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_URL", SITE_URL)
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        again = build_site(clone)
    first = sorted(p.relative_to(published).as_posix() for p in published.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    assert first == second
    _, mismatch, errors = filecmp.cmpfiles(published, again, first, shallow=False)
    assert mismatch == [] and errors == []


def test_sitemap_dates_come_from_git_and_gz_has_no_clock(published):
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    entries = dict(re.findall(r"<loc>(.*?)</loc>\s*<lastmod>(.*?)</lastmod>", sitemap))
    assert entries[f"{SITE_URL}venues/taigu-baita-wenmiao-youth-home/"] == "2025-06-07"
    assert entries[f"{SITE_URL}venues/taigu-beiguang-youth-home/"] == "2025-03-04"
    assert entries[f"{SITE_URL}venues/"] == "2025-06-07"  # a listing changes with any venue
    # Every page of the site's own has its date; the staff guide comes with the kit, not from this repository's history.
    undated = set(re.findall(r"<loc>(.*?)</loc>", sitemap)) - set(entries)
    assert undated == {f"{SITE_URL}contribute/{page}" for page in ("", "review/", "admin/", "fields/")}
    raw = (published / "sitemap.xml.gz").read_bytes()
    assert raw[4:8] == b"\0\0\0\0"  # gzip header mtime
    assert gzip.decompress(raw).decode("utf-8") == sitemap


def test_dates_are_omitted_outside_git(project):
    site = build_site(project)
    assert soup(site, "venues/test-venue/").select_one(".lk-updated") is None
    assert "<lastmod>" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_git_dates_one_call_newest_first(tmp_path):
    (tmp_path / "venues").mkdir()
    (tmp_path / "venues/a.md").write_text("1")
    (tmp_path / "venues/b 名.md").write_text("1")
    commit_all(tmp_path, "one", date="2024-01-01T12:00:00+08:00")
    (tmp_path / "venues/a.md").write_text("2")
    commit_all(tmp_path, "two", date="2024-02-02T12:00:00+08:00")
    today = date(2026, 11, 26)
    assert last_changed(tmp_path, today) == {"venues/a.md": "2024-02-02", "venues/b 名.md": "2024-01-01"}
    assert last_changed(tmp_path / "venues", today) == {"a.md": "2024-02-02", "b 名.md": "2024-01-01"}
    assert last_changed(tmp_path.parent / "not-a-checkout-at-all", today) == {}


# --- robots, 404, descriptions ------------------------------------------------------------


def test_robots_names_the_sitemap(published, project):
    assert (published / "robots.txt").read_text(encoding="utf-8") == f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"
    assert (build_site(project) / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"


def test_404_is_chinese_self_contained_and_links_under_the_site_path(published):
    page = BeautifulSoup((published / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("h1").get_text() == "没有找到这个页面"
    links = {a.get_text(): a["href"] for a in page.select("main a")}
    assert links == {"返回首页": "/taigu/", "找离我最近的阵地": "/taigu/nearby/", "查看全部阵地": "/taigu/venues/", "按县区找阵地": "/taigu/districts/"}
    loads = [tag.get("href") or tag.get("src") for tag in page.select("link[href], script[src], img[src]")]
    assert all(url.startswith("data:") for url in loads), "served at any depth: nothing it loads may be missing"


def test_every_page_has_its_own_meta_description(published):
    seen = {}
    for path in html_pages(published):
        meta = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one('meta[name="description"]')
        assert meta is not None and len(meta["content"]) >= 8, path
        seen[url_of(published, path)] = meta["content"]
    content = load(published.parent)
    for venue in content.venues:
        assert seen[f"venues/{venue.id}/"].startswith(venue.data.name), venue.id
    assert seen["contribute/"] != seen[""]


def test_no_generator_link_and_no_repository_widget(published):
    home = soup(published, "")
    assert home.select(".md-source") == []
    assert "squidfunk" not in str(home) and "Made with" not in home.get_text()


# --- zero third-party requests ------------------------------------------------------------------


def allowed_link_hosts(site: Path) -> set[str]:
    content = load(site.parent)
    websites = {urlsplit(x.data.website).hostname for x in [*content.venues, *content.brands] if x.data.website}
    websites |= {urlsplit(a.data.join.url).hostname for a in content.activities if a.data.join.url}
    repository = urlsplit(load_config(str(site.parent / "mkdocs.yml")).repo_url).hostname
    licence = {urlsplit(LICENSES[content.settings.data_license][2]).hostname} if content.settings.data_license else set()
    return {"example.org", repository} | LINK_ONLY | websites | licence  # the configured site, repository and data licence


def hosts_in(text: str) -> set[str]:
    text = XML_NAMESPACE.sub("", DATA_URI.sub("", COMMENT.sub("", text)))
    return {m.group(1).lower() for m in ABSOLUTE.finditer(text)}


SCHEMA_HOSTS = hosts_in(json.dumps(Venue.model_json_schema(by_alias=True), ensure_ascii=False))


def test_html_fetches_nothing_from_other_hosts_and_links_only_to_allowed_ones(published):
    links_ok = allowed_link_hosts(published)
    for path in html_pages(published):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for node in page.find_all(True):
            for attr in ("src", "href", "srcset", "poster", "data", "action", "formaction"):
                value = node.get(attr)
                if not value:
                    continue
                host = urlsplit(value.strip().split()[0]).hostname
                if host is None:
                    continue
                if node.name == "a" or (node.name == "link" and node.get("rel") == ["canonical"]):
                    assert host in links_ok, (path, value)
                else:
                    assert host == "example.org", (path, node.name, value)
        for script in page.select("script:not([src]):not([type='application/ld+json'])"):  # JSON-LD names schema.org but fetches nothing
            # The venue form's data is the schema, whose examples and hints name web addresses as text.
            named = SCHEMA_HOSTS if script.get("type") == "application/json" else set()
            assert hosts_in(script.get_text()) <= {"example.org"} | named, path
        for style in page.select("style"):
            assert hosts_in(style.get_text()) == set(), path
        for node in page.select("[style]"):
            assert hosts_in(node["style"]) == set(), path


def test_css_and_js_name_no_other_hosts(published):
    css = [p for p in published.rglob("*.css")]
    js = [p for p in published.rglob("*.js")]
    assert css and js
    for path in css:
        assert hosts_in(path.read_text(encoding="utf-8")) == set(), path
    found: dict[str, set[str]] = {}
    for path in js:
        for host in hosts_in(path.read_text(encoding="utf-8")):
            if host in LINK_ONLY and path.name.startswith("nearby."):
                continue  # the finder builds the venue pages' map-app links: hrefs, never fetched
            found.setdefault(host, set()).add(path.name)
    assert set(found) <= set(THEME_JS_DORMANT), found
    assert all(re.match(r"(bundle|search|wordcut|leaflet)\.", name) for names in found.values() for name in names), found


# --- sub-path ------------------------------------------------------------------------------


def resolve(site: Path, page_url: str, link: str) -> Path | None:
    """The file a relative link from `page_url` reaches, or None when it leaves the site root."""
    path = unquote(urlsplit(link).path)
    target = posixpath.normpath(posixpath.join("/kit/" + page_url, path))
    if not (target + "/").startswith("/kit/"):
        return None
    file = site / target.removeprefix("/kit").lstrip("/")
    return file / "index.html" if file.is_dir() else file


def test_every_internal_link_and_asset_resolves_under_a_sub_path(sample_site):
    """Served from /kit/, every href and src of every page must land on a file inside the site."""
    checked = 0
    for path in html_pages(sample_site):
        if path.name == "404.html":  # served for any path, so it links from site_url (tested above)
            continue
        page_url = url_of(sample_site, path)
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for node in page.select("[href], [src]"):
            link = node.get("href") or node.get("src")
            if re.match(r"^([a-z][a-z0-9+.-]*:|//|#)", link):
                continue
            assert not link.startswith("/"), (path, link)
            target = resolve(sample_site, page_url, link)
            assert target is not None and target.is_file(), (page_url, link)
            checked += 1
        config = page.select_one("script#__config")
        if config is not None:
            settings = json.loads(config.get_text())
            assert resolve(sample_site, page_url, settings["base"] + "/search/manifest.json").is_file(), page_url
    assert checked > 1000


def test_sitemap_splits_above_fifty_thousand_urls():
    url = b"<url>\n<loc>https://example.org/venues/v%d/</loc>\n</url>"
    xml = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + b"".join(url % i for i in range(120_001)) + b"</urlset>"
    files = publish.split_sitemap(xml, "https://example.org/kit/")
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = files["sitemap.xml"].decode()
    assert "<sitemapindex" in index and "<loc>https://example.org/kit/sitemap-3.xml</loc>" in index
    counts = [files[f"sitemap-{n}.xml"].count(b"<url>") for n in (1, 2, 3)]
    assert counts == [50_000, 50_000, 20_001]
    assert publish.split_sitemap(b"<urlset><url><loc>x</loc></url></urlset>", None) == {"sitemap.xml": b"<urlset><url><loc>x</loc></url></urlset>"}
