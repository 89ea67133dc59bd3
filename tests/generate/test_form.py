"""The venue form page (/contribute/new/): drawn from the schema's JSON Schema, labelled with the field
reference's names, the vocabularies as choices; and the hours builder's case file, read by hours.py.

tests/browser/test_venue_form.py fills the form in Chromium and runs `make check` on what it writes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SAMPLE, brand_md, build_site, soup, write
from content.test_subtree import with_a_provincial_brand

from leaguekit.content import load
from leaguekit.content.hours import DAYS, HoursError, parse_hours
from leaguekit.content.schema import Venue
from leaguekit.generate import form
from leaguekit.generate.form_lookup import may_be_taken

CASES = json.loads((Path(__file__).parents[1] / "hours_builder_cases.json").read_text(encoding="utf-8"))
CONTENT = load(SAMPLE)


def minutes(text: str, end: bool) -> int:
    value = int(text[:2]) * 60 + int(text[3:])
    return 1440 if end and value == 0 else value


@pytest.mark.parametrize("case", [c for c in CASES["valid"] if c["hours"]], ids=lambda c: c["hours"])
def test_what_the_builder_writes_means_what_its_rows_say(case):
    """hours.py reads the builder's text as exactly the days and ranges ticked, every other weekday closed, and
    public holidays unstated unless the 法定节假日 row is ticked."""
    parsed = parse_hours(case["hours"])
    wanted: dict[str, list[tuple[int, int]]] = {}
    for row in case["rows"]:
        spans = sorted((minutes(a, False), minutes(b, True)) for a, b in row["ranges"] if a or b)
        wanted |= {day: spans for day in row["days"]}
    assert [list(r) for r in parsed.week] == [wanted.get(day, []) for day in DAYS]
    assert parsed.holiday == (tuple(wanted["PH"]) if "PH" in wanted else None)


@pytest.mark.parametrize("case", [c for c in CASES["errors"] if "osm" in c], ids=lambda c: c["osm"])
def test_the_builders_messages_are_the_parsers(case):
    with pytest.raises(HoursError) as info:
        parse_hours(case["osm"])
    assert str(info.value) == case["error"]


def test_the_page_asks_every_schema_field_but_the_skipped(sample_site):
    page = soup(sample_site, "contribute/new/")
    asked = {f["data-key"].split(".")[0] for f in page.select(".lk-field[data-key]")} - {"id", "body"}
    assert asked == set(Venue.model_fields) - form.SKIP
    # Labels are the field reference's Chinese names, in the order the issue lists them first.
    labels = [f["data-label"] for f in page.select(".lk-field[data-key]")]
    assert labels[:16] == ["名称", "阵地类型", "星级", "所属团组织", "文件名", "县区", "乡镇街道", "地址", "纬度", "经度", "坐标系", "开放时间", "电话", "服务项目", "承接品牌", "建成时间"]
    for key, info in Venue.model_fields.items():
        if key not in form.SKIP and key != "location":
            field = page.select_one(f'.lk-field[data-key="{key}"]')
            assert field.select_one("label, legend").get_text(" ", strip=True).split()[0] == info.title
    required = {f["data-key"] for f in page.select(".lk-field[data-required]")}
    assert required == {"name", "type", "org", "id", "address", "location.lat", "location.lng", "location.datum"}


def test_vocabularies_are_the_choices(sample_site):
    page = soup(sample_site, "contribute/new/")
    types = [(o["value"], o.get_text()) for o in page.select("#f-type option") if o["value"]]
    assert types == [(k, t.label) for k, t in CONTENT.venue_types.items()]
    assert [o["value"] for o in page.select("#f-grade option") if o["value"]] == list(CONTENT.grades)
    # Orgs grouped under their parent committee, by the label the sheet and the scaffold show.
    groups = {g["label"]: [o["value"] for o in g.select("option")] for g in page.select("#f-org optgroup")}
    assert groups == {"省级团组织": ["shanxi"], "山西共青团下属": ["jinzhong", "taiyuan"], "晋中共青团下属": ["taigu"]}
    assert {o["value"]: o.get_text() for o in page.select("#f-org option") if o["value"]} == CONTENT.vocabulary("orgs")
    services = [(i["value"], i.parent.get_text(strip=True)) for i in page.select('#f-services input[type="checkbox"]')]
    assert services == [(k, t.label) for k, t in CONTENT.services.items()]
    brands = {i["value"]: i.parent["data-org"] for i in page.select('#f-brands input[type="checkbox"]')}
    assert brands == {b.id: b.data.org for b in CONTENT.brands}
    datums = [(i["value"], i.parent.get_text(strip=True)) for i in page.select('#f-location-datum input[type="radio"]')]
    assert datums == [("wgs84", "天地图、手机 GPS 定位（WGS-84）"), ("gcj02", "高德地图、腾讯地图（GCJ-02）"), ("bd09", "百度地图（BD-09）")]
    assert page.select_one("#f-hours.lk-hb") is not None and page.select_one("#f-partners").name == "textarea"


def test_the_page_ships_the_schema_and_its_own_script(sample_site):
    page = soup(sample_site, "contribute/new/")
    data = json.loads(page.select_one(".lk-vform__data").string)
    assert data["schema"] == json.loads(json.dumps(Venue.model_json_schema(by_alias=True)))
    assert data["forge"] is None and not page.select(".lk-vform__open")  # no REPO_URL in this build
    assert data["gradedTypes"] == [k for k, t in CONTENT.venue_types.items() if t.grades]
    assert data["orgParents"] == {"shanxi": None, "jinzhong": "shanxi", "taigu": "jinzhong", "taiyuan": "shanxi"}
    script = page.select_one('script[src*="/venue-form."]')["src"]
    style = page.select_one('link[href*="/venue-form."]')["href"]
    assert (sample_site / "contribute/new" / script).resolve().is_file() and (sample_site / "contribute/new" / style).resolve().is_file()
    # Only this page loads them: a visitor's page costs nothing more.
    assert "venue-form" not in (sample_site / "index.html").read_text(encoding="utf-8")


def test_the_shipped_data_holds_no_code_point_html_forbids(sample_site):
    """The privacy guard's separators include U+0085; raw in the page, the W3C checker refuses it."""
    html = (sample_site / "contribute/new/index.html").read_text(encoding="utf-8")
    assert "\\u0085" in html
    assert not re.search("[\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]", html)
    data = json.loads(soup(sample_site, "contribute/new/").select_one(".lk-vform__data").string)
    assert "\x85" in json.dumps(data, ensure_ascii=False)  # the browser still reads the character itself


def test_an_org_sites_form_offers_the_brands_above_it_and_knows_every_id_taken(project, monkeypatch):
    """On 太谷's own site a venue may still host a 山西 or 晋中 programme, as `make check` accepts; 太原's is not
    offered, and an id another org's venue holds is still taken."""
    with_a_provincial_brand(project)
    write(project, "brands/city-brand.md", brand_md("晋中品牌", org="jinzhong"))
    write(project, "brands/taiyuan-brand.md", brand_md("太原品牌", org="taiyuan"))
    monkeypatch.setenv("SITE_ORG", "taigu")
    page = soup(build_site(project), "contribute/new/")
    brands = {i["value"]: (i.parent["data-org"], i.parent.get_text(strip=True)) for i in page.select('#f-brands input[type="checkbox"]')}
    assert brands == {"test-brand": ("taigu", "测试品牌"), "province-brand": ("shanxi", "全省品牌"), "city-brand": ("jinzhong", "晋中品牌")}
    data = json.loads(page.select_one(".lk-vform__data").string)
    # The chain the script climbs from the chosen org reaches the province, though only 太谷 is on this site.
    assert data["orgParents"] == {"taigu": "jinzhong", "jinzhong": "shanxi", "shanxi": None}
    assert [o["value"] for o in page.select("#f-org option") if o["value"]] == ["taigu"]
    assert may_be_taken(data["taken"], "city-venue") and may_be_taken(data["taken"], "test-venue")


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "kind", "new_file"),
    [
        ("https://github.com/league/venues", "edit/main/docs/", "github", "https://github.com/league/venues/new/main/venues"),
        ("https://gitee.com/league/venues.git", "edit/master/docs/", "gitee", "https://gitee.com/league/venues/new/master/venues"),
        ("https://gitlab.com/league/venues/", "-/edit/main/docs/", "gitlab", "https://gitlab.com/league/venues/-/new/main/venues"),
        ("https://gitlab.youth.example.cn/taigu/venues", "-/edit/trunk/docs/", "gitlab", "https://gitlab.youth.example.cn/taigu/venues/-/new/trunk/venues"),
        ("https://gitea.youth.example.cn/taigu/venues", "_edit/main/docs/", "gitea", "https://gitea.youth.example.cn/taigu/venues/_new/main/venues"),
        ("https://codeberg.org/league/venues", "_edit/trunk/docs/", "forgejo", "https://codeberg.org/league/venues/_new/trunk/venues"),
    ],
)
def test_forge_new_file_page(repo_url, edit_uri, kind, new_file):
    found = form.forge(repo_url, edit_uri)
    assert (found.kind, found.new_file("venues")) == (kind, new_file)


def test_no_forge_no_button():
    assert form.forge("", "edit/main/docs/") is None
    assert form.forge("https://code.example.org/league/venues", "edit/main/docs/") is None
