"""The staff guide's field reference and template come from the schema and vocabularies, never by hand."""

from __future__ import annotations

from conftest import SAMPLE, build_site, soup, venue_md, write

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
    content = load(SAMPLE)
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
    assert venues["location"]["示例"] == "{lat: 37.4216, lng: 112.5513, datum: wgs84}"
    brands = table(page, "品牌项目（brands/）")
    assert list(brands) == list(Brand.model_fields)
    assert "care 关爱帮扶" in brands["category"]["可选值"]


def test_reference_says_each_fields_size_from_the_schema(project):
    """The maximums `make check` enforces (issue 25), in the staff's words, under each field's name."""
    page = soup(build_site(project), "contribute/fields/")
    venues, activities = table(page, "阵地（venues/）"), table(page, "活动（activities/）")
    assert venues["name"]["中文名"].endswith("最多 60 字")
    assert venues["district"]["中文名"].endswith("最多 20 字")
    assert venues["partners"]["中文名"].endswith("最多 20 项，每项最多 60 字")
    assert venues["also_known_as"]["中文名"].endswith("最多 20 项，每项最多 40 字")
    assert activities["title"]["中文名"].endswith("最多 60 字")
    assert not venues["location.lat"]["中文名"].endswith("字")


def test_new_vocabulary_entry_appears_in_reference(project):
    services = (project / "data/services.yml").read_text(encoding="utf-8")
    write(project, "data/services.yml", services + "- key: reading\n  label: 读书会\n")
    page = soup(build_site(project), "contribute/fields/")
    assert "reading 读书会" in table(page, "阵地（venues/）")["services"]["可选值"]


def test_guide_template_is_what_scaffolding_writes_and_it_validates(sample_site, project):
    content = load(SAMPLE)
    codes = [c.get_text() for c in soup(sample_site, "contribute/admin/").select("pre code")]
    assert example_venue(content).text.strip() in [c.strip() for c in codes]
    assert example_brand(content).text.strip() in [c.strip() for c in codes]
    small = load(project)
    write(project, example_venue(small).path, example_venue(small).text)
    write(project, example_brand(small).path, example_brand(small).text)
    loaded = load(project)
    assert "taigu-example" in loaded.venue and "taigu-example" in loaded.brand


def test_guide_covers_what_must_never_be_published(sample_site):
    filler, reviewer, admin = (soup(sample_site, f"contribute/{page}").select_one("article").get_text() for page in ("", "review/", "admin/"))
    for must in ("个人手机号码、身份证号码", "不写“联系人 张三”", "第二十八条", "第三十一条", "监护人", "签到表"):
        assert must in filler, must
    for jargon in ("YAML", "front matter", "OpenStreetMap", "commit", "Git", "合并请求"):  # the filler's page speaks without them
        assert jargon not in filler, jargon
    for must in ("个人姓名只能识别一部分", "要等前面的改好才会出现", "CODEOWNERS"):
        assert must in reviewer, must
    for must in ("status: closed", "aliases", "make check", "SITE_URL", "只有配置了持续集成发布的仓库，合并后网站才会自动更新"):
        assert must in admin, must


def test_the_guide_takes_its_examples_from_the_site(sample_site, project):
    """The sample's guide names a sample venue; a site with one venue of its own names that one, never the sample's."""
    assert "venues/taigu/" in soup(sample_site, "contribute/admin/").select_one("article").get_text()
    write(project, "venues/taigu/test-venue.md", venue_md(name="测试区某某社区青年之家", district="测试区"))
    admin = soup(build_site(project), "contribute/admin/").select_one("article").get_text()
    assert "make new-venue NAME=测试区某某街道青年之家 TYPE=youth-home ORG=taigu DISTRICT=测试区" in admin
    assert "venues/taigu/test-venue.md" in admin and "北洸" not in admin and "白塔" not in admin


def test_activity_reference_and_template(sample_site, project):
    page = soup(sample_site, "contribute/fields/")
    activities = table(page, "活动（activities/）")
    assert list(activities) == [r.key for r in rows(Activity, load(SAMPLE))]
    assert {"weekly.except_dates", "join.walk_in", "contact.role", "place.location.lat"} <= set(activities)
    assert activities["fee"]["类型"] == "free 或金额（元）" and activities["start"]["类型"] == "日期和时刻"
    assert activities["venue"]["可选值"] == f"共 {len(load(SAMPLE).venues)} 个，见 venues/ 文件夹"
    codes = [c.get_text().strip() for c in soup(sample_site, "contribute/admin/").select("pre code")]
    assert example_activity(load(SAMPLE)).text.strip() in codes
    small = load(project)
    write(project, example_activity(small).path, example_activity(small).text)
    assert load(project).activity["taigu-example"].data.venue == "test-venue"


def test_guide_shows_the_ways_of_writing_hours_as_the_converter_reads_them(sample_site):
    rows = [[c.get_text() for c in tr.select("td")] for tr in soup(sample_site, "contribute/admin/").select("table.lk-hours-words tr") if tr.select("td")]
    assert len(rows) >= 10
    assert rows[0] == ["周一至周五 9:00-17:00", "Mo-Fr 09:00-17:00", "周一至周五 09:00–17:00；周六、周日 休息；法定节假日 未说明，请先电话确认"]
    assert ["每天 9:00-17:00，节假日休息", "Mo-Su 09:00-17:00; PH off", "周一至周日 09:00–17:00；法定节假日 休息"] in rows
