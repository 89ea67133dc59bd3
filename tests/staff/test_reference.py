"""The staff guide's field reference and template come from the schema and vocabularies, never by hand."""

from __future__ import annotations

from conftest import REPO, build_site, soup, write

from leaguekit.content import load
from leaguekit.content.schema import Activity, Brand, Venue
from leaguekit.staff.reference import rows
from leaguekit.staff.scaffold import example_activity, example_brand, example_venue


def table(page, heading: str) -> dict[str, dict[str, str]]:
    """Rows of the field table after `heading`, keyed by field, cells by their column label."""
    node = page.find("h2", string=heading).find_next("table")
    return {
        tr.select_one("td").get_text(strip=True): {td["data-label"]: td.get_text(" ", strip=True) for td in tr.select("td")}
        for tr in node.select("tbody tr")
    }


def test_reference_has_every_field_with_label_required_and_allowed_values(sample_site):
    page = soup(sample_site, "contribute/fields/")
    venues = table(page, "阵地（venues/）")
    content = load(REPO)
    assert list(venues) == [r.key for r in rows(Venue, content)]
    assert {"location.lat", "photos[].alt", "status", "closed_on", "aliases"} <= set(venues)
    for key, info in Venue.model_fields.items():
        assert venues[key]["中文名"].startswith(info.title), key
        assert venues[key]["必填"] == ("必填" if info.is_required() else "可选"), key
    assert venues["type"]["可选值"].split(" ")[0::2][: len(content.venue_types)] == list(content.venue_types)
    assert "youth-home 青年之家" in venues["type"]["可选值"]
    assert venues["status"]["可选值"] == "open 开放 closed 已关闭"
    assert venues["location.datum"]["可选值"] == "wgs84 天地图、手机 GPS 定位（WGS-84） gcj02 高德地图、腾讯地图（GCJ-02） bd09 百度地图（BD-09）"
    assert venues["hours"]["类型"] == "开放时间" and venues["established"]["类型"] == "日期"
    assert venues["location"]["示例"] == "{lat: 37.4216, lng: 112.5513}"
    brands = table(page, "品牌项目（brands/）")
    assert list(brands) == list(Brand.model_fields)
    assert "care 关爱帮扶" in brands["category"]["可选值"]


def test_new_vocabulary_entry_appears_in_reference(project):
    services = (project / "data/services.yml").read_text(encoding="utf-8")
    write(project, "data/services.yml", services + "- key: reading\n  label: 读书会\n")
    page = soup(build_site(project), "contribute/fields/")
    assert "reading 读书会" in table(page, "阵地（venues/）")["services"]["可选值"]


def test_guide_template_is_what_scaffolding_writes_and_it_validates(sample_site, project):
    content = load(REPO)
    codes = [c.get_text() for c in soup(sample_site, "contribute/").select("pre code")]
    assert example_venue(content).text.strip() in [c.strip() for c in codes]
    assert example_brand(content).text.strip() in [c.strip() for c in codes]
    small = load(project)
    write(project, example_venue(small).path, example_venue(small).text)
    write(project, example_brand(small).path, example_brand(small).text)
    loaded = load(project)
    assert "taigu-example" in loaded.venue and "taigu-example" in loaded.brand


def test_guide_covers_what_must_never_be_published(sample_site):
    text = soup(sample_site, "contribute/").select_one("article").get_text()
    for must in ("个人手机号码、身份证号码", "不写“联系人 张三”", "第二十八条", "第三十一条", "监护人", "status: closed", "aliases", "make check", "审核人检查什么"):
        assert must in text, must


def test_activity_reference_and_template(sample_site, project):
    page = soup(sample_site, "contribute/fields/")
    activities = table(page, "活动（activities/）")
    assert list(activities) == [r.key for r in rows(Activity, load(REPO))]
    assert {"weekly.except_dates", "join.walk_in", "contact.role", "place.location.lat"} <= set(activities)
    assert activities["fee"]["类型"] == "free 或金额（元）" and activities["start"]["类型"] == "日期和时刻"
    assert activities["venue"]["可选值"] == f"共 {len(load(REPO).venues)} 个，见 venues/ 文件夹"
    codes = [c.get_text().strip() for c in soup(sample_site, "contribute/").select("pre code")]
    assert example_activity(load(REPO)).text.strip() in codes
    small = load(project)
    write(project, example_activity(small).path, example_activity(small).text)
    assert load(project).activity["taigu-example"].data.venue == "test-venue"


def test_guide_shows_the_ways_of_writing_hours_as_the_converter_reads_them(sample_site):
    rows = [[c.get_text() for c in tr.select("td")] for tr in soup(sample_site, "contribute/").select("table.lk-hours-words tr") if tr.select("td")]
    assert len(rows) >= 10
    assert rows[0] == ["周一至周五 9:00-17:00", "Mo-Fr 09:00-17:00", "周一至周五 09:00–17:00；周六、周日 休息；法定节假日 休息"]
    assert ["每天 9:00-17:00，节假日休息", "Mo-Su 09:00-17:00; PH off", "周一至周日 09:00–17:00；法定节假日 休息"] in rows
