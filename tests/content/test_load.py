"""Validation: every rule names file, line and field, and all problems come at once."""

from __future__ import annotations

import pytest
from conftest import VALID_VENUE, write

from leaguekit.content import load
from leaguekit.content.problems import ContentError

VENUE = "venues/taigu/test-venue.md"


def problems_of(project) -> str:
    with pytest.raises(ContentError) as info:
        load(project)
    return str(info.value)


def replace_line(project, old: str, new: str, rel: str = VENUE) -> None:
    text = VALID_VENUE.replace(old, new)
    assert text != VALID_VENUE, old
    write(project, rel, text)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_valid_project_loads(project):
    content = load(project)
    assert [v.id for v in content.venues] == ["test-venue"]
    assert content.venue["test-venue"].hours.label() == "周一至周五 09:00–17:30；周六 09:00–12:00；周日 休息；法定节假日 未说明，请先电话确认"
    assert [v.id for v in content.venues_hosting("test-brand")] == ["test-venue"]


def test_yaml_syntax_error_names_line(project):
    replace_line(project, "town: 明星镇", "town: [明星镇")
    text = problems_of(project)
    assert f"{VENUE}:7 YAML 语法错误" in text or f"{VENUE}:8 YAML 语法错误" in text


def test_missing_required_field(project):
    replace_line(project, "name: 测试社区青年之家\n", "")
    assert f"{VENUE}:2 name（名称） 缺少必填字段；请添加一行 `name: …`" in problems_of(project)


def test_wrong_type(project):
    replace_line(project, "sample: true", "sample: true\narea_m2: 很大")
    assert f"{VENUE}:18 area_m2（面积（平方米））= 很大 应为数字" in problems_of(project)


def test_unknown_key_suggests_nearest(project):
    replace_line(project, "address:", "adress:")
    text = problems_of(project)
    assert f"{VENUE}:8 adress= 山西省晋中市太谷区测试路 1 号 是不认识的字段；是否想写 “address”？" in text
    assert f"{VENUE}:2 address（地址） 缺少必填字段" in text


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("type: youth-home", "type: youth-hom", "3 type（阵地类型）= youth-hom 是未知的阵地类型；是否想写 “youth-home”？"),
        ("type: youth-home", "type: 青年之家", "3 type（阵地类型）= 青年之家 是未知的阵地类型；“青年之家”对应的键是 “youth-home”"),
        ("grade: standard", "grade: gold", "4 grade（星级）= gold 是未知的星级"),
        ("org: taigu", "org: taigou", "5 org（所属团组织）= taigou 是未知的团组织；是否想写 “taigu”？"),
        ("services: [study, volunteer]", "services: [study, volunter]", "15 services[1]（服务项目）= volunter 是未知的服务项目；是否想写 “volunteer”？"),
        ("brands: [test-brand]", "brands: [no-such-brand]", "16 brands[0]（承接品牌）= no-such-brand 是未知的品牌"),
    ],
)
def test_unknown_references(project, old, new, expected):
    replace_line(project, old, new)
    assert f"{VENUE}:{expected}" in problems_of(project)


def test_grade_only_for_graded_types(project):
    replace_line(project, "type: youth-home", "type: youth-station")
    assert f"{VENUE}:4 grade（星级）= standard 只适用于分星级的阵地，青春驿站不分星级" in problems_of(project)


def test_duplicate_ids_across_folders(project):
    write(project, "venues/taiyuan/test-venue.md", VALID_VENUE)
    text = problems_of(project)
    assert "test-venue”与 venues/taigu/test-venue.md 重名" in text
    assert "venues/taiyuan/test-venue.md:1 文件名" in text


def test_file_name_must_be_url_safe(project):
    write(project, "venues/taigu/白塔.md", VALID_VENUE)
    assert "venues/taigu/白塔.md:1 文件名 “白塔”不能作网址" in problems_of(project)


def test_coordinates_swapped(project):
    replace_line(project, "  lat: 37.42\n  lng: 112.55", "  lat: 112.55\n  lng: 37.42")
    assert f"{VENUE}:10 location.lat（纬度）= 112.55 不在中国范围内；经纬度是否写反了？" in problems_of(project)


def test_coordinates_outside_china(project):
    replace_line(project, "lng: 112.55", "lng: 2.35")
    assert f"{VENUE}:11 location.lng（经度）= 2.35 不在中国范围内；经度应在 73.5–135.1 之间" in problems_of(project)


@pytest.mark.parametrize(
    ("written", "datum"),
    [
        ("  lat: 37.4216\n  lng: 112.5513\n  datum: wgs84", "wgs84"),
        ("  lat: 37.422100\n  lng: 112.557542\n  datum: gcj02", "gcj02"),  # copied from 高德's coordinate picker
        ("  lat: 37.428430\n  lng: 112.563915\n  datum: bd09", "bd09"),  # copied from 百度's
    ],
)
def test_coordinates_in_any_map_datum_load_as_wgs84(project, written, datum):
    """GCJ-02 and BD-09 are converted once, at load: everything downstream sees WGS-84 (within a metre)."""
    replace_line(project, "  lat: 37.42\n  lng: 112.55\n  datum: wgs84", written)
    location = load(project).venue["test-venue"].data.location
    assert (location.datum, round(location.lat, 5), round(location.lng, 5)) == ("wgs84", 37.4216, 112.5513), datum


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("高德", "高德地图、腾讯地图的坐标请写 gcj02"),
        ("腾讯地图", "高德地图、腾讯地图的坐标请写 gcj02"),
        ("GCJ-02", "请写 gcj02（小写字母和数字，不带连字符）"),
        ("百度", "百度地图的坐标请写 bd09"),
        ("WGS-84", "请写 wgs84（小写字母和数字，不带连字符）"),
        ("天地图", "天地图和手机 GPS 的坐标请写 wgs84"),
        ("mars", "写 gcj02（高德地图、腾讯地图）、bd09（百度地图）或 wgs84（天地图、手机 GPS）"),
    ],
)
def test_unknown_datum_says_what_to_write(project, written, hint):
    """Staff write the map they copied from, or the datum's printed name: the hint gives the key for it."""
    replace_line(project, "  datum: wgs84", f"  datum: {written}")
    assert f"{VENUE}:12 location.datum（坐标系）= {written} 不是坐标系的写法；{hint}" in problems_of(project)


def test_a_location_without_its_datum_is_refused(project):
    """Which map a coordinate came from moves it by up to 1.3 km: every written location says so."""
    replace_line(project, "  datum: wgs84\n", "")
    assert f"{VENUE}:9 location.datum（坐标系） 缺少必填字段；坐标从哪个地图取得就写哪个：在 location 中写 datum: wgs84（天地图、手机 GPS）、gcj02（高德、腾讯地图）或 bd09（百度地图），例如 {{lat: 37.42, lng: 112.55, datum: wgs84}}" in problems_of(project)


@pytest.mark.parametrize(
    ("hours", "why"),
    [
        ("Mo-Fri 09:00-17:00", "“Mo-Fri”不是星期写法"),
        # What the converter of staff wording reads, the check says in OSM, exactly; else it names what it could not read.
        ("Mo-Fr 9:00-17:00", "开放时间写法不对；请改为 hours: Mo-Fr 09:00-17:00"),
        ("周一至周五 上午9:00-12:00 下午2:00-5:30，节假日休息", "开放时间写法不对；请改为 hours: Mo-Fr 09:00-12:00,14:00-17:30; PH off"),
        ("每天 9：00—17：00（周一除外）", "开放时间写法不对；请改为 hours: Tu-Su 09:00-17:00"),
        ("9:00-17:00", "开放时间写法不对；“9:00-17:00”不是时间段，应写成 09:00-17:00（24 小时制，两位数字）"),
        ("上午9:00-12:00", "开放时间写法不对；“上午9:00-12:00”没有写哪几天：请在前面写上日子，例如 每天、工作日 或 周一至周五"),
        ("周一至周五 9:00-17:00 寒暑假另行通知", "开放时间中的“寒暑假另行通知”看不懂"),
        ("Mo-Fr 18:00-09:00", "结束时间不晚于开始时间"),
        ("Mo-Fr 09:00-12:00,11:00-14:00", "相互重叠"),
        ("Mo-Fr 25:00-26:00", "时刻不存在"),
        # A bare `off` closed every day in Python while hours.js gave up: now it is refused, with what to write instead.
        ("off", "临时闭馆（如装修）请写 closures，长期停用请写 status: closed"),
        ("Mo-Fr 09:00-17:00; off", "“off”没有写哪几天休息，会让每天都不开放；请写明星期，例如 Sa,Su off 或 PH off"),
        ("PH off", "任何时候都不开放"),
    ],
)
def test_invalid_hours(project, hours, why):
    replace_line(project, "hours: Mo-Fr 09:00-17:30; Sa 09:00-12:00", f'hours: "{hours}"')
    text = problems_of(project)
    assert f"{VENUE}:13 hours（开放时间）= {hours} 开放时间写法不对；" in text
    assert why in text


def test_url_must_be_http(project):
    replace_line(project, "sample: true", "sample: true\nwebsite: ftp://example.cn/x")
    assert f"{VENUE}:18 website（网址）= ftp://example.cn/x 不是以 http:// 或 https:// 开头的网址" in problems_of(project)


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        # Hints give the staffer's own value the way the check accepts it, never a fixed example to copy.
        ('"0354-6230000"', '"１.３８E+10"', "phone（电话）= １.３８E+10 不是电话号码；“1.38E+10”是表格把号码改成的科学计数法，后几位已经丢失"),
        ('"0354-6230000"', '"０３５４—６２３００００"', "phone（电话）= ０３５４—６２３００００ 不是电话号码；应写成 0354-6230000"),
        ("sample: true", "sample: true\nestablished: 2019年5月", "established（建成时间）= 2019年5月 不是日期；应写成 2019-05"),
        ("sample: true", "sample: true\narea_m2: 120平方米", "area_m2（面积（平方米））= 120平方米 应为数字；请写成 120（只写数字）"),
        ("  lat: 37.42", "  lat: 37°25'21\"", "location.lat（纬度）= 37°25'21\" 应为数字；请写成 37.4225（只写数字）"),
    ],
)
def test_hints_use_the_staffers_own_value(project, old, new, said):
    replace_line(project, old, new)
    assert said in problems_of(project)


def test_phone_must_be_a_number(project):
    replace_line(project, '"0354-6230000"', '"找王老师"')
    assert f"{VENUE}:14 phone（电话）= 找王老师 不是电话号码" in problems_of(project)


def test_raw_html_in_body_is_rejected(project):
    replace_line(project, "测试阵地的正文。", "第一段。\n\n<script>alert(1)</script>\n\n`<b>` 在代码里可以。")
    text = problems_of(project)
    assert f"{VENUE}:21 正文 含有 HTML 标签“<script…”，会原样显示为文字" in text
    assert "“<b…”" not in text and "内容检查：2 个错误" in text


def test_missing_photo_file(project):
    replace_line(project, "sample: true", "sample: true\nphotos:\n  - src: assets/photos/none.jpg\n    alt: 阵地外景")
    assert f"{VENUE}:19 photos[0].src（图片路径）= assets/photos/none.jpg 找不到这张图片" in problems_of(project)


def test_duplicate_key(project):
    replace_line(project, "town: 明星镇", "town: 明星镇\ntown: 胡村镇")
    assert f"{VENUE}:8 town 重复出现" in problems_of(project)


def test_data_file_problems_have_lines(project):
    orgs = project / "data/orgs.yml"
    orgs.write_text(orgs.read_text(encoding="utf-8").replace("parent: jinzhong", "parent: jinzong"), encoding="utf-8")
    text = problems_of(project)
    line = line_of(orgs.read_text(encoding="utf-8"), "parent: jinzong")
    assert f"data/orgs.yml:{line} [2].parent（上级组织）= jinzong 是未知的上级组织；是否想写 “jinzhong”？" in text


def test_all_problems_reported_at_once(project):
    replace_line(project, "lat: 37.42", "lat: 137.42")
    write(project, "venues/taiyuan/other.md", VALID_VENUE.replace("org: taigu", "org: nowhere").replace("name: 测试社区青年之家\n", ""))
    write(project, "brands/broken.md", "---\nname: 坏品牌\norg: taigu\ncategory: x\n---\n")
    text = problems_of(project)
    assert f"{VENUE}:10 location.lat" in text
    assert "venues/taiyuan/other.md:2 name（名称） 缺少必填字段" in text
    assert "venues/taiyuan/other.md:4 org（所属团组织）= nowhere" not in text  # no cross-check on an invalid record
    assert "brands/broken.md:2 summary（简介） 缺少必填字段" in text
    assert "内容检查：3 个错误" in text


def test_non_markdown_file_is_reported(project):
    write(project, "venues/taigu/notes.txt", "草稿")
    assert "venues/taigu/notes.txt:1 文件名 venues/ 中只能放 .md 文件" in problems_of(project)


def test_brand_references(project):
    write(project, "brands/test-brand.md", "---\nname: 测试品牌\norg: taigu\ncategory: cares\nsummary: 用于测试的品牌项目。\nwebsite: www.example.cn\n---\n")
    text = problems_of(project)
    assert "brands/test-brand.md:6 website（网址）= www.example.cn 不是以 http:// 或 https:// 开头的网址" in text


def test_reading_on_every_core_finds_the_same_content_and_problems(project, monkeypatch):
    """Large directories are read by a process pool; the result must not depend on it."""
    from leaguekit.content import files as content_module

    for n in range(6):
        write(project, f"venues/taiyuan/pool-{n}.md", VALID_VENUE.replace("测试社区青年之家", f"并行青年之家{n}").replace("org: taigu", "org: taiyuan"))
    write(project, "venues/taiyuan/pool-bad.md", VALID_VENUE.replace("lat: 37.42", "lat: 137.42"))
    serial = problems_of(project)
    monkeypatch.setattr(content_module, "PARALLEL_MIN", 3)
    assert problems_of(project) == serial and "venues/taiyuan/pool-bad.md:10 location.lat" in serial
    (project / "venues/taiyuan/pool-bad.md").unlink()
    assert [v.id for v in load(project).venues] == sorted(["test-venue", *(f"pool-{n}" for n in range(6))])


def test_reading_beside_other_threads_starts_workers_from_a_clean_process(project, monkeypatch):
    """`make serve` has a file-watcher thread: its workers must not be forked from a threaded process."""
    import threading
    import warnings

    from leaguekit.content import files as content_module

    monkeypatch.setattr(content_module, "PARALLEL_MIN", 1)
    write(project, "venues/taigu/second.md", VALID_VENUE.replace("测试社区青年之家", "第二个青年之家"))  # two chunks: one for a worker
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)
    watcher.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # Python 3.12+: DeprecationWarning on fork() with threads
            assert [v.id for v in load(project).venues] == ["second", "test-venue"]
            assert content_module._worker_context().get_start_method() == "forkserver"
    finally:
        stop.set()
        watcher.join()


@pytest.mark.parametrize(
    ("closure", "where", "message"),
    [
        ("{from: 2026-12-31, to: 2026-12-01, reason: 装修}", "closures[0].to（结束日期）= 2026-12-01", "结束日期早于开始日期；from 写第一天，to 写最后一天（含当天）"),
        ("{from: 2026-02-30, to: 2026-03-01, reason: 装修}", "closures[0].from（开始日期）= 2026-02-30", "不是日期；请写成 2026-10-01，月、日须真实存在"),
        ("{from: 20261201, to: 2026-12-31, reason: 装修}", "closures[0].from（开始日期）= 20261201", "不是日期"),
        ("{from: 2026-12-01, to: 2026-12-31}", "closures[0].reason（原因）", "缺少必填字段"),
        ("{from: 2026-12-01, until: 2026-12-31, reason: 装修}", "closures[0].until= 2026-12-31", "是不认识的字段；可选值：from、reason、to"),
    ],
)
def test_closures_need_real_dates_in_order(project, closure, where, message):
    replace_line(project, "sample: true", f"sample: true\nclosures:\n  - {closure}")
    assert f"{VENUE}:19 {where} {message}" in problems_of(project)


def test_closures_load_as_periods(project):
    replace_line(project, "sample: true", "sample: true\nclosures:\n  - from: 2026-12-01\n    to: 2026-12-31\n    reason: 装修")
    venue = load(project).venue["test-venue"]
    assert [(c.first.isoformat(), c.last.isoformat(), c.name) for c in venue.closures] == [("2026-12-01", "2026-12-31", "装修")]


def test_unquoted_off_is_read_by_yaml_as_false_and_explained(project):
    replace_line(project, "hours: Mo-Fr 09:00-17:30; Sa 09:00-12:00", "hours: off")
    assert f"{VENUE}:13 hours（开放时间）= False 开放时间写法不对；“off”表示每天都不开放" in problems_of(project)


def test_what_people_call_a_venue_is_a_list_of_real_names(project):
    replace_line(project, "sample: true", "sample: true\nalso_known_as: [测试之家, 家]")
    assert f"{VENUE}:18 also_known_as[1]（简称或俗称）= 家 太短" in problems_of(project)
    replace_line(project, "sample: true", "sample: true\nalso_known_as: [测试之家]")
    assert load(project).venue["test-venue"].data.also_known_as == ["测试之家"]


def test_front_matter_as_parsed_is_kept_for_staff_tools_only(project, monkeypatch):
    """Checks and builds never read a file's front matter as parsed: on a national directory, kept and sent back
    by the readers on other cores, it was 2.5 KB a venue of the build's memory. Staff tools (the sheet) ask for it."""
    from leaguekit.content import files as content_module
    from leaguekit.content.readers import venues
    from leaguekit.staff import frontmatter

    monkeypatch.setattr(content_module, "PARALLEL_MIN", 1)  # two chunks: one read on another core
    write(project, "venues/taigu/second.md", VALID_VENUE.replace("测试社区青年之家", "第二个青年之家"))
    read = venues.read(project, [])
    assert [f.record.name for f in read] == ["第二个青年之家", "测试社区青年之家"] and all(f.raw is None for f in read)
    staff, problems = frontmatter.read_venues(project)
    assert [f.front["name"] for f in staff] == ["第二个青年之家", "测试社区青年之家"] and not problems
