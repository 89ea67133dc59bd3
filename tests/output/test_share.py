"""Sharing cards and structured data: every page describes itself to chat apps and search engines."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE, build_site, make_project, soup

from leaguekit.content import load

CONTENT = load(SAMPLE)
SITE_URL = "https://example.org/kit/"


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_URL", SITE_URL)
        return build_site(make_project(tmp_path_factory.mktemp("public") / "project"))


def meta(page, name: str) -> str:
    tag = page.select_one(f'meta[property="{name}"], meta[name="{name}"]')
    return tag["content"] if tag else ""


@pytest.mark.parametrize("url", ["", "nearby/", "venues/", "districts/jinzhong-taiguqu/", "venues/taigu-beiguang-youth-home/", "brands/taigu-qicai-jiaqi/", "orgs/taigu/", "orgs/taigu/report/", "contribute/"])
def test_every_page_type_has_open_graph_and_twitter_tags(public_site, url):
    page = soup(public_site, url)
    title = page.title.get_text().rsplit(" - ", 1)[0]
    assert meta(page, "og:title") == meta(page, "twitter:title") == (title if url else "山西共青团 · 青年阵地")
    assert meta(page, "og:description") == page.select_one('meta[name="description"]')["content"]
    assert meta(page, "og:url") == SITE_URL + url
    assert meta(page, "og:image") == meta(page, "twitter:image") == SITE_URL + "assets/share-card.png"
    assert meta(page, "twitter:card") == "summary_large_image" and meta(page, "og:locale") == "zh_CN"


def test_share_card_is_a_png_of_the_advertised_size(public_site):
    from PIL import Image

    with Image.open(public_site / "assets/share-card.png") as card:
        assert card.format == "PNG" and card.size == (1200, 630)
        assert card.getpixel((20, 20)) == (176, 23, 31)


def test_venue_json_ld_is_a_place_with_address_geo_phone_and_hours(public_site):
    venue = CONTENT.venue["taigu-beiguang-youth-home"]
    page = soup(public_site, "venues/taigu-beiguang-youth-home/")
    (script,) = page.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@context"] == "https://schema.org" and data["@type"] == "CivicStructure"
    assert data["name"] == venue.data.name and data["url"] == SITE_URL + "venues/taigu-beiguang-youth-home/"
    assert (data["geo"]["latitude"], data["geo"]["longitude"]) == (venue.data.location.lat, venue.data.location.lng)
    assert data["address"]["streetAddress"] == venue.data.address and data["address"]["addressCountry"] == "CN"
    assert data["telephone"] == venue.data.phone
    spec = {(tuple(d.rsplit("/", 1)[1] for d in s["dayOfWeek"]), s["opens"], s["closes"]) for s in data["openingHoursSpecification"]}
    assert (("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"), "09:00", "12:00") in spec
    assert (("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"), "14:30", "17:30") in spec


def test_org_json_ld_names_its_parent(public_site):
    data = json.loads(soup(public_site, "orgs/taigu/").select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Organization" and data["name"] == "共青团晋中市太谷区委员会"
    assert data["parentOrganization"] == {"@type": "Organization", "name": "共青团晋中市委员会", "url": SITE_URL + "orgs/jinzhong/"}


def test_json_ld_cannot_close_its_script(project):
    (project / "venues/taigu/test-venue.md").write_text(
        (project / "venues/taigu/test-venue.md").read_text(encoding="utf-8").replace("name: 测试社区青年之家", "name: '</script><script>alert(1)</script>'"),
        encoding="utf-8",
    )
    page = soup(build_site(project), "venues/test-venue/")
    (script,) = page.select('script[type="application/ld+json"]')
    assert json.loads(script.string)["name"] == "</script><script>alert(1)</script>"
    assert json.loads(script.string)["url"] == "./"  # no SITE_URL: relative to the page



def test_without_a_chinese_font_the_card_is_drawn_without_the_name_and_says_why(monkeypatch, caplog):
    from io import BytesIO

    from PIL import Image

    from leaguekit.output import share

    named = Image.open(BytesIO(share.card_png("共青团晋中市太谷区委员会")))
    share.chinese_font.cache_clear()
    monkeypatch.setattr(share.shutil, "which", lambda name: None)
    monkeypatch.setattr(share, "KNOWN_FONTS", ())
    try:
        with caplog.at_level("INFO", logger="mkdocs.plugins.leaguekit"):
            plain = Image.open(BytesIO(share.card_png("共青团晋中市太谷区委员会")))
    finally:
        share.chinese_font.cache_clear()
    band = (0, share.NAME_BOX[1], share.CARD_SIZE[0], share.NAME_BOX[3])
    assert plain.size == share.CARD_SIZE and [c for _, c in plain.convert("RGB").crop(band).getcolors()] == [share.RED]
    assert share.WHITE in [c for _, c in named.convert("RGB").crop(band).getcolors(1 << 16)]
    assert "未找到中文字体，分享图片上不写团组织名称" in caplog.text


@pytest.mark.parametrize("length", [12, 28, 40, 5000])
def test_a_long_org_name_fits_the_card_in_linear_time(length):
    from leaguekit.output import share

    name = ("共青团" + "呼伦贝尔市鄂温克族自治旗" * length)[:length]
    text, font = share.name_line(name)
    assert font.getlength(text) <= share.NAME_BOX[2] - share.NAME_BOX[0] and font.size >= share.NAME_MIN
    assert text == name if length <= 28 else (text.endswith("…") and name.startswith(text[:-1]) and len(text) > 20)
    assert share.card_png(name).startswith(b"\x89PNG")
