"""One repository, a site per committee: the sample built as 太谷 and as 太原 (`make build-all`, one run)
and as the publisher, asserted on the files a visitor, a feed reader or a data user gets."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SAMPLE_BUILD_DAY, build_site, make_project, soup, venue_md, write
from content.test_subtree import set_orgs, with_a_provincial_brand
from mkdocs.structure.pages import Page
from PIL import Image, ImageChops, ImageDraw

from leaguekit.__main__ import main
from leaguekit.mkdocs import buildall
from leaguekit.output import share

EPOCH = str(int(SAMPLE_BUILD_DAY.timestamp()))
SITES = {
    "taigu": {"site_url": "https://taigu.example.org/", "site": {"title": "太谷青年阵地", "icp": "晋ICP备2020000001号-1", "feedback": "mailto:tgqtw@example.org"}},
    "taiyuan": {"site_url": "https://taiyuan.example.org/qn/"},
}
BRANDING = {
    "taigu": ("太谷共青团 · 太谷青年阵地", "共青团晋中市太谷区委员会"),
    "taiyuan": ("太原共青团 · 青年阵地", "共青团太原市委员会"),
}


def with_org_sites(root: Path) -> Path:
    """The sample's data/orgs.yml with each org of SITES given its address and settings."""
    path = root / "data/orgs.yml"
    orgs = yaml.safe_load(path.read_text(encoding="utf-8"))
    for org in orgs:
        org.update(SITES.get(org["id"], {}))
    path.write_text(yaml.safe_dump(orgs, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def org_project(tmp_path_factory) -> Path:
    return with_org_sites(make_project(tmp_path_factory.mktemp("orgsite")))


@pytest.fixture(scope="module")
def sites(org_project: Path) -> Path:
    """`build-all`: both org sites from one reading of the content, as of the sample's build day."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.chdir(org_project)
        assert main(["build-all"]) == 0
    return org_project / buildall.FOLDER


def own_ids(folder: str, org: str) -> set[str]:
    """Ids of the sample's files under venues/<org>/ or activities/<org>/."""
    return {p.stem for p in (REPO / folder / org).glob("*.md")}


def sample_brands(org: str) -> set[str]:
    return {p.stem for p in (REPO / "brands").glob("*.md") if yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1])["org"] == org}


@pytest.mark.parametrize("org", ["taigu", "taiyuan"])
def test_only_the_subtree_is_built(sites: Path, org: str):
    site = sites / org
    venues, activities, brands = own_ids("venues", org), own_ids("activities", org), sample_brands(org)
    assert {p.name for p in (site / "venues").iterdir() if p.is_dir()} == venues
    assert {p.name for p in (site / "brands").iterdir() if p.is_dir()} == brands
    every_activity = own_ids("activities", "taigu") | own_ids("activities", "taiyuan")
    assert {p.name for p in (site / "activities").iterdir()} & every_activity == activities
    assert {p.name for p in (site / "orgs").iterdir() if p.is_dir()} == {org}  # neither parent nor sibling
    districts = {p.name for p in (site / "districts").iterdir() if p.is_dir()}
    assert districts and all(d.startswith(f"{'jinzhong' if org == 'taigu' else 'taiyuan'}-") for d in districts)
    assert soup(site, "").select_one(".lk-hero strong").text == str(len(venues))  # 收录 N 个青年阵地
    # Open data: every row of every table.
    rows = list(csv.DictReader(io.StringIO((site / "data/venues.csv").read_text(encoding="utf-8-sig"))))
    assert {r["id"] for r in rows} == venues and {r["org"] for r in rows} == {org}
    assert {b["id"] for b in json.loads((site / "data/brands.json").read_text(encoding="utf-8"))["brands"]} == brands
    assert {a["id"] for a in json.loads((site / "data/activities.json").read_text(encoding="utf-8"))["activities"]} == activities
    # Finder records, search entries, feed items.
    finder = [r["i"] for cell in (site / "assets/finder/cells").glob("*.json") for r in json.loads(cell.read_text(encoding="utf-8"))]
    assert finder and set(finder) <= venues
    entries = [e[0] for shard in (site / "search/d").glob("*.json") for e in json.loads(shard.read_text(encoding="utf-8"))]
    other = "taiyuan" if org == "taigu" else "taigu"
    assert not [url for url in entries if other in url]
    assert {url.split("/")[1] for url in entries if url.startswith("venues/")} - {""} == venues
    feed = (site / "feeds/activities.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == len(activities) and f"/{other}-" not in feed
    assert not list((site / "feeds/venues").glob(f"{other}-*"))
    assert [p.name for p in (site / "feeds/orgs").iterdir()] == [f"{org}.xml"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert SITES[org]["site_url"] + f"venues/{sorted(venues)[0]}/" in sitemap and f"/{other}" not in sitemap


@pytest.mark.parametrize("org", ["taigu", "taiyuan"])
def test_every_page_carries_the_orgs_branding(sites: Path, org: str):
    site, (site_name, full_name) = sites / org, BRANDING[org]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if page.parent.name == "print":  # a door poster: its own layout, no site header
            assert f"发布：{full_name}" in html and "山西共青团" not in html, page
            continue
        header = html.split("<header", 1)[1].split("</header>", 1)[0]
        assert site_name in header and "山西共青团" not in header and "共青团山西省委员会" not in header, page
        assert "<title>" in html and f"{site_name}</title>" in html, page
        if page.name == "index.html":
            assert f"主办：{full_name}" in html, page
            if org == "taigu":
                assert "晋ICP备2020000001号-1" in html and "mailto:tgqtw@example.org" in html, page
    home = soup(site, "")
    assert home.find("meta", property="og:site_name")["content"] == site_name
    assert home.find("meta", property="og:image")["content"] == SITES[org]["site_url"] + "assets/share-card.png"
    org_page = soup(site, f"orgs/{org}/")
    ld = json.loads(org_page.find("script", type="application/ld+json").string)
    assert ld["url"] == SITES[org]["site_url"] + f"orgs/{org}/" and ld["name"] == full_name
    # The parent has no site of its own here: named, not linked.
    parent = ld["parentOrganization"]
    assert "url" not in parent
    row = next(r for r in org_page.select(".lk-facts__row") if r.dt.text == "上级组织")
    assert row.dd.find("a") is None and row.dd.text == parent["name"]


def drawn_name(card: Image.Image) -> Image.Image:
    """The white ink of the card's name band, cropped to what is drawn."""
    band = card.convert("RGB").crop((0, share.NAME_BOX[1] - 10, share.CARD_SIZE[0], share.NAME_BOX[3] + 10))
    ink = band.point(lambda v: 255 if v > 200 else 0).convert("L").point(lambda v: 255 if v == 255 else 0)
    assert ink.getbbox() is not None, "no name drawn"
    return ink.crop(ink.getbbox())


def name_set_alone(name: str) -> Image.Image:
    """`name` alone in the card's font and size, white on red, as ink cropped like `drawn_name`."""
    image = Image.new("RGB", share.CARD_SIZE, share.RED)
    box = share.NAME_BOX
    text, font = share.name_line(name)
    assert text == name  # the sample's names fit whole
    ImageDraw.Draw(image).text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), text, font=font, fill=share.WHITE, anchor="mm")
    return drawn_name(image)


def test_each_sites_share_card_names_its_org(sites: Path, dated_site: Path):
    """The card a chat app shows for a link: 太谷's site names 太谷's committee, 太原's 太原's, the whole site the province."""
    names = {org: full_name for org, (_, full_name) in BRANDING.items()}
    cards = {org: Image.open(sites / org / share.CARD) for org in names} | {"shanxi": Image.open(dated_site / share.CARD)}
    names["shanxi"] = "共青团山西省委员会"
    for org, card in cards.items():
        assert card.size == share.CARD_SIZE and card.getpixel((20, 20)) == share.RED
        drawn = drawn_name(card)
        for other, name in names.items():
            expected = name_set_alone(name)
            same = drawn.size == expected.size and ImageChops.difference(drawn, expected).getbbox() is None
            assert same == (other == org), (org, name)
    assert len({(sites / org / share.CARD).read_bytes() for org in BRANDING}) == 2


def files_of(site: Path) -> dict[Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def assert_same_files(built: Path, expected: Path) -> None:
    ours, theirs = files_of(built), files_of(expected)
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_the_publishers_build_is_unchanged(org_project: Path, dated_site: Path):
    """Org settings in data/orgs.yml change nothing in the publisher's own site: every file is the sample's."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.delenv("SITE_ORG", raising=False)
        assert_same_files(build_site(org_project), dated_site)


@pytest.mark.parametrize("org", ["taigu", "taiyuan"])
def test_build_all_gives_each_org_the_site_its_own_build_gives(org_project: Path, sites: Path, org: str):
    """What build-all shares between the sites (the content, compiled templates, the form's tables, the theme's
    file listing, hand-written pages' Markdown, search tokens) changes no byte."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.setenv("SITE_ORG", org)
        assert_same_files(build_site(org_project), sites / org)


def test_a_site_built_after_its_parents_in_build_all_is_the_site_its_own_build_gives(tmp_path: Path):
    """晋中 then 太谷 in one run: 太谷's site reuses what 晋中's made (its search tokens, its Markdown) and no byte differs.
    The field page's tables differ between the two sites (their orgs and brands), its Markdown does not: it is
    converted once (`held`)."""
    project = make_project(tmp_path / "family")
    set_orgs(project, jinzhong={"site_url": "https://jinzhong.example.org/"}, taigu={"site_url": "https://taigu.example.org/"})
    converted: list[str] = []
    convert = Page.render
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Page, "render", lambda page, *args: converted.append(page.file.src_uri) or convert(page, *args))
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.chdir(project)
        assert main(["build-all"]) == 0
        assert converted.count("contribute/fields.md") == 1
        assert converted.count("index.md") == 2  # the home page counts each site's own venues
        mp.setenv("SITE_ORG", "taigu")
        assert_same_files(build_site(project), project / buildall.FOLDER / "taigu")


def test_the_root_orgs_site_is_the_whole_site(tmp_path: Path, dated_site: Path):
    """Through the subtree step (SITE_ORG = the top of the tree) the build is byte for byte the plain one."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.setenv("SITE_ORG", "shanxi")
        assert_same_files(build_site(make_project(tmp_path / "root")), dated_site)


def test_an_unknown_org_is_refused_and_nothing_is_built(project: Path):
    (project / "site").mkdir()
    (project / "site/index.html").write_text("旧网站", encoding="utf-8")
    env = {**os.environ, "SITE_ORG": "taigu-x", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "leaguekit", "build"], cwd=project, env=env, capture_output=True, text=True)
    expected = (
        "SITE_ORG=“taigu-x”不是 data/orgs.yml 中的团组织。可用的团组织：\n"
        "  shanxi：共青团山西省委员会\n"
        "  jinzhong：共青团晋中市委员会\n"
        "  taigu：共青团晋中市太谷区委员会\n"
        "  taiyuan：共青团太原市委员会"
    )
    assert done.returncode != 0 and f"未生成网站：{expected}" in done.stderr
    assert (project / "site/index.html").read_text(encoding="utf-8") == "旧网站" and not list(project.glob(".site-*"))
    checked = subprocess.run([sys.executable, "-m", "leaguekit", "check"], cwd=project, env=env, capture_output=True, text=True)
    assert checked.returncode == 2 and checked.stderr.strip() == expected


ACTIVITY = """\
---
title: 全省品牌太原专场
org: taigu
summary: 太谷共青团组织青年到太原的阵地参加全省品牌活动。
venue: city-venue
brand: province-brand
start: 2026-12-18 15:00
end: 2026-12-18 17:00
audience:
  who: 太谷区青年
fee: free
join:
  walk_in: true
contact:
  role: 太谷共青团 12355 青少年服务台
  phone: '12355'
sample: true
---
活动正文。
"""


def test_links_that_leave_the_subtree_go_to_the_site_that_has_the_page(project: Path, monkeypatch):
    with_a_provincial_brand(project)
    set_orgs(project, shanxi={"site_url": "https://sx.example.org/"})
    write(project, "activities/taigu/trip.md", ACTIVITY)
    write(project, "venues/taigu/closed-venue.md", venue_md(name="太谷已关闭青年之家", status="closed", closed_on="2025-06-30", brands=[], location={"lat": 37.43, "lng": 112.56}))
    monkeypatch.setenv("SITE_ORG", "taigu")
    site = build_site(project)
    # A closed venue points to the open venues nearby on this site only (the full site would name the 太原 one too).
    closed = soup(site, "venues/closed-venue/").select_one(".lk-closed")
    assert "附近开放的" in closed.text and [a["href"] for a in closed.find_all("a")] == ["../test-venue/"]
    assert not (site / "venues/city-venue").exists() and not (site / "brands/province-brand").exists()
    hosted = next(r for r in soup(site, "venues/test-venue/").select(".lk-facts__row") if r.dt.text == "承接品牌")
    assert [(a["href"], a.text) for a in hosted.dd.find_all("a")] == [("../../brands/test-brand/", "测试品牌"), ("https://sx.example.org/brands/province-brand/", "全省品牌")]
    facts = {r.dt.text: r.dd for r in soup(site, "activities/trip/").select(".lk-facts__row")}
    assert facts["地点"].a["href"] == "https://sx.example.org/venues/city-venue/" and facts["地点"].text == "太原测试青年之家"
    assert facts["品牌项目"].a["href"] == "https://sx.example.org/brands/province-brand/"
    assert facts["县区"].text == "太原市小店区"
    parent = next(r for r in soup(site, "orgs/taigu/").select(".lk-facts__row") if r.dt.text == "上级组织")
    assert parent.dd.a["href"] == "https://sx.example.org/orgs/jinzhong/"


def test_build_all_without_any_org_site_builds_nothing_and_says_so(project: Path, capsys):
    assert main(["build-all", "--root", str(project)]) == 0
    assert "data/orgs.yml 中没有团组织写了 site_url，没有要单独生成的网站" in capsys.readouterr().out
    assert not (project / buildall.FOLDER).exists()


def test_the_site_of_an_org_with_no_venue_yet_names_its_examples_after_it(project: Path, monkeypatch):
    """太原 has no venue here and its parent is not on its site: the staff guide's examples still come from its region."""
    monkeypatch.setenv("SITE_ORG", "taiyuan")
    site = build_site(project)
    guide = soup(site, "contribute/").get_text()
    assert "例如“太原市某某路 1 号党群服务中心二楼”" in guide and "太谷" not in guide
