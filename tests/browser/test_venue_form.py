"""The venue form in Chromium, filled as a staff member would (through its labels), and `make check` on what it wrote.

Also: the browser's checks before a file is made, the hours builder against the shared case file,
YAML text that reads back exactly, the forge's new-file link, the page offline from file://, and the
form on a 390 px phone and with 200% text (reflow, axe, screenshots).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import REPO, SAMPLE, build_site, make_project, write
from content.test_subtree import with_a_provincial_brand

from leaguekit.content import load
from leaguekit.content.yamlsource import YamlSource

from .conftest import serve
from .test_accessibility import OVERFLOW_JS, TAGS

REPO_URL = "https://github.com/example/youth-venues"
CASES = json.loads((REPO / "tests/hours_builder_cases.json").read_text(encoding="utf-8"))
WORDS = json.loads((REPO / "tests/hours_words_cases.json").read_text(encoding="utf-8"))
READING = json.loads((REPO / "tests/staff_input_cases.json").read_text(encoding="utf-8"))["cases"]
PERSONAL = json.loads((REPO / "tests/privacy_form_cases.json").read_text(encoding="utf-8"))["cases"]
# The spot of test_datum: 明星镇 as 高德's coordinate picker shows it (lng first), and in WGS-84.
PICKED = "112.557542,37.422100"
WGS = (37.4216, 112.5513)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample built with a GitHub repository (the new-file button), served under /kit/."""
    project = make_project(tmp_path_factory.mktemp("form") / "project")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REPO_URL", REPO_URL)
        site = build_site(project)
    with serve(site, tmp_path_factory.mktemp("www-form")) as url:
        yield site, url + "contribute/new/"


@pytest.fixture
def form(page, built):
    page.goto(built[1])
    return page.locator("form.lk-vform__form")


def fill_venue(page, form) -> None:
    """Everything a new youth home has, typed and ticked through the labels on the page."""
    form.get_by_label("名称").fill("太谷区明星镇测试青年之家")
    form.get_by_label("阵地类型").select_option(label="青年之家")
    form.get_by_label("星级").select_option(label="示范型")
    form.get_by_label("所属团组织").select_option(label="太谷共青团")
    form.get_by_label("县区").fill("太谷区")
    # The file name the scaffold would give, proposed from the name and kept editable.
    assert form.get_by_label("文件名").input_value() == "taigu-mingxingzhenceshi"
    form.get_by_label("文件名").fill("taigu-mingxing-form")
    form.get_by_label("乡镇街道").fill("明星镇")
    form.get_by_label("地址").fill("山西省晋中市太谷区明星镇文化路 2 号")
    form.get_by_label("纬度").fill(PICKED)  # pasted as the picker shows it: split into the two fields
    assert (form.get_by_label("纬度").input_value(), form.get_by_label("经度").input_value()) == ("37.422100", "112.557542")
    form.get_by_label("高德地图、腾讯地图（GCJ-02）").check()
    first = form.locator(".lk-hb__row").nth(0)
    for day in ("周一", "周二", "周三", "周四", "周五"):
        first.get_by_label(day, exact=True).check()
    first.get_by_label("开始时间").fill("09:00")
    first.get_by_label("结束时间").fill("12:00")
    first.get_by_role("button", name="再加一段时间").click()
    afternoon = first.get_by_role("group", name="第 2 段")
    afternoon.get_by_label("开始时间").fill("14:30")
    afternoon.get_by_label("结束时间").fill("17:30")
    form.get_by_role("button", name="再加一组开放时间").click()
    second = form.locator(".lk-hb__row").nth(1)
    second.get_by_label("周六", exact=True).check()
    second.get_by_label("法定节假日", exact=True).check()
    second.get_by_label("开始时间").fill("09:00")
    second.get_by_label("结束时间").fill("12:00")
    assert form.locator(".lk-hb__preview").inner_text() == "文件中写作：Mo-Fr 09:00-12:00,14:30-17:30; Sa,PH 09:00-12:00"
    form.get_by_label("电话").fill("0354 623 9999")
    form.get_by_label("文化学习").check()
    form.get_by_label("志愿公益").check()
    form.get_by_label("七彩假期爱心托管班").check()
    form.get_by_label("建成时间").fill("2021年6月")  # written 2021-06, as the sheet and make check read it
    form.get_by_label("共建单位").fill("明星镇党群服务中心\n明星镇中心小学")
    form.get_by_label("面积（平方米）").fill("120平方米")
    form.get_by_label("正文").fill("明星镇的青年之家：周末有亲子阅读、书法课。\n\n## 怎么来\n\n- 乘 3 路公交到明星镇站。")


def a_station_of_taigu(page, site: Path):
    """The form of `site` opened, with a new 青春驿站 of 太谷 named: what each test then adds is its own."""
    page.goto((site / "contribute/new/index.html").as_uri())
    form = page.locator("form.lk-vform__form")
    form.get_by_label("名称").fill("测试二青年之家")
    form.get_by_label("阵地类型").select_option("youth-station")
    form.get_by_label("所属团组织").select_option("taigu")
    return form


def place_at(form, address: str, lat: str = "37.43", lng: str = "112.56") -> None:
    """The address and a WGS-84 point, as staff copy them from 天地图."""
    form.get_by_label("地址").fill(address)
    form.get_by_label("纬度").fill(lat)
    form.get_by_label("经度").fill(lng)
    form.get_by_label("天地图、手机 GPS 定位（WGS-84）").check()


def make_file(page) -> str:
    page.get_by_role("button", name="生成文件").click()
    page.locator(".lk-vform__result").wait_for()
    return page.locator(".lk-vform__text").input_value()


def make_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-s", "check", f"VENV={REPO / '.venv'}"], cwd=project, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600
    )


def test_the_file_the_form_writes_passes_make_check(page, form, built, tmp_path):
    fill_venue(page, form)
    text = make_file(page)
    assert page.locator(".lk-vform__path").inner_text() == "venues/taigu/taigu-mingxing-form.md"
    assert "location: {lat: 37.422100, lng: 112.557542, datum: gcj02}" in text

    project = make_project(tmp_path / "project")
    write(project, "venues/taigu/taigu-mingxing-form.md", text)
    checked = make_check(project)
    assert checked.returncode == 0, checked.stderr
    assert "内容检查通过：35 个阵地" in checked.stdout
    v = load(project).venue["taigu-mingxing-form"]
    d = v.data
    assert (d.name, d.type, d.grade, d.org, d.district, d.town) == ("太谷区明星镇测试青年之家", "youth-home", "demonstration", "taigu", "太谷区", "明星镇")
    assert (round(d.location.lat, 4), round(d.location.lng, 4)) == WGS and not d.sample
    assert v.hours.label() == "周一至周五 09:00–12:00、14:30–17:30；周六 09:00–12:00；周日 休息；法定节假日 09:00–12:00"
    assert (d.phone, d.services, d.brands, d.established, d.partners, d.area_m2) == (
        "03546239999", ["study", "volunteer"], ["taigu-qicai-jiaqi"], "2021-06", ["明星镇党群服务中心", "明星镇中心小学"], 120
    )
    assert v.body.startswith("明星镇的青年之家") and "- 乘 3 路公交到明星镇站。" in v.body

    # GitHub's new-file page in the org's folder, with the name and the whole text.
    href = page.get_by_role("link", name="在 GitHub 上新建这个文件").get_attribute("href")
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO_URL}/new/main/venues/taigu"
    assert parse_qs(parts.query) == {"filename": ["taigu-mingxing-form.md"], "value": [text]}
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.url.split("/kit/")[0])
    page.get_by_role("button", name="复制文件内容").click()
    page.locator(".lk-vform__status", has_text="已复制文件内容。").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == text
    assert page.watch.errors == [] and page.watch.foreign == []


def test_the_browser_says_what_is_missing_or_wrong_before_making_a_file(page, form):
    page.get_by_role("button", name="生成文件").click()
    problems = page.locator(".lk-vform__problems")
    assert problems.evaluate("e => e === document.activeElement")
    assert problems.locator("h2").inner_text() == "还有 8 处需要修改"
    assert problems.locator("li").all_inner_texts() == ["请填写名称", "请选择阵地类型", "请选择所属团组织", "请填写文件名", "请填写地址", "请填写纬度", "请填写经度", "请选择坐标系"]
    assert page.locator(".lk-vform__result").is_hidden()

    form.get_by_label("名称").fill("家")
    form.get_by_label("所属团组织").select_option("taigu")
    form.get_by_label("文件名").fill("Taigu_家")
    form.get_by_label("纬度").fill("112.55")
    form.get_by_label("经度").fill("abc")
    form.get_by_label("电话").fill("13912345")
    form.get_by_label("网址").fill("www.example.cn")
    form.get_by_label("建成时间").fill("去年六月")
    row = form.locator(".lk-hb__row").nth(0)
    row.get_by_label("周一", exact=True).check()
    row.get_by_label("开始时间").fill("18:00")
    row.get_by_label("结束时间").fill("09:00")
    page.get_by_role("button", name="生成文件").click()
    found = problems.locator("li").all_inner_texts()
    assert found == [
        "名称至少要写 2 个字",
        "请选择阵地类型",
        "文件名只用小写英文字母、数字和连字符（不以连字符开头或结尾），例如 mouqu-xinhua-youth-home",
        "请填写地址",
        "纬度应在 3.8 至 53.6 之间（中国境内）；纬度和经度是否写反了？",
        "经度应为数字（十进制）：“abc”读不出数字",
        "请选择坐标系",
        "“18:00-09:00”的结束时间不晚于开始时间；跨午夜请拆成两段",
        "电话写法不对：座机写成 区号-号码，例如 010-12345678；服务热线如 12355",
        "建成时间写法不对：请写成 2019、2019-05 或 2019-05-04，月、日须真实存在",
        "网址写法不对：请写完整网址，例如 https://www.example.cn/",
    ]
    # Each message sits by its field, which says it is invalid and is described by it; the link takes you there.
    name = form.get_by_label("名称")
    assert name.get_attribute("aria-invalid") == "true"
    assert "f-name-error" in name.get_attribute("aria-describedby").split()
    assert form.locator("#f-name-error").inner_text() == "名称至少要写 2 个字"
    problems.get_by_role("link", name="请选择阵地类型").click()
    assert page.evaluate("document.activeElement.id") == "f-type"
    # A type without grades hides 星级; the org's brands are the ones offered.
    form.get_by_label("阵地类型").select_option(label="青春驿站")
    assert form.locator('.lk-field[data-key="grade"]').is_hidden()
    offered = form.locator('#f-brands label:not([hidden])').all_inner_texts()
    assert "七彩假期爱心托管班" in [t.strip() for t in offered]
    assert page.watch.errors == []


@pytest.mark.parametrize(
    ("name", "district", "kind"),
    [("太谷区北洸乡二号青年之家", "太谷区", "青年之家"), ("小店区坞城街道青春驿站", "小店区", "青春驿站"), ("Youth 空间 2 号", "太谷区", "青年之家")],
)
def test_the_file_name_is_the_scaffolds_and_a_used_one_is_refused(page, form, name, district, kind):
    from leaguekit.staff.scaffold import new_venue_id

    content = load(SAMPLE)
    form.get_by_label("名称").fill(name)
    form.get_by_label("阵地类型").select_option(label=kind)
    form.get_by_label("所属团组织").select_option("taigu")
    form.get_by_label("县区").fill(district)
    assert form.get_by_label("文件名").input_value() == new_venue_id(name, district, kind, "taigu", set(content.venue) | set(content.aliases))
    used = next(iter(content.venue))
    form.get_by_label("文件名").fill(used)
    page.get_by_role("button", name="生成文件").click()
    assert f"“{used}”已被使用（文件名或旧网址），请换一个，例如 {used}-2" in page.locator(".lk-vform__problems li").all_inner_texts()


def test_hours_builder_passes_the_shared_case_file(page, form):
    """What hours.py is checked against in tests/generate/test_form.py, the builder is checked against here."""
    got = page.evaluate("cases => cases.map(c => leaguekit.venueForm.buildHours(c.rows))", CASES["valid"] + CASES["errors"])
    expected = [{"hours": c["hours"]} for c in CASES["valid"]] + [{"error": c["error"]} for c in CASES["errors"]]
    assert got == expected


def test_hours_in_words_pass_the_shared_case_file(page, form):
    """What hours_words.py is checked against in tests/content/test_hours_words.py, the form's converter is checked against here."""
    got = page.evaluate("cases => cases.map(c => leaguekit.staffInput.hoursToOsm(c.text))", WORDS["valid"] + WORDS["errors"])
    expected = [{"hours": c["hours"]} for c in WORDS["valid"]] + [{"error": c["error"]} for c in WORDS["errors"]]
    assert got == expected


def test_staff_input_is_read_as_the_shared_case_file_says(page, form):
    """What staff_input.py is checked against in tests/content/test_staff_input.py, the form is checked against here."""
    got = page.evaluate("cases => cases.map(c => leaguekit.staffInput[c.fn](...c.args))", READING)
    assert got == [c["result"] for c in READING]


def test_personal_numbers_are_found_as_make_check_finds_them(page, form):
    """privacy.py's answers (tests/privacy_form_cases.json) from the form's port, and the form refusing them in any field and the body."""
    got = page.evaluate("cases => cases.map(c => leaguekit.staffInput.personal(c.text, c.rendered))", PERSONAL)
    assert got == [c["found"] for c in PERSONAL]
    form.get_by_label("地址").fill("明星镇文化路 2 号（联系 139 1234 5678）")
    form.get_by_label("共建单位").fill("明星镇中心小学\n负责人身份证 11010519491231002X")
    form.get_by_label("正文").fill("青年之家。\n\n报名请打幺三九一二三四五六七八。")
    page.get_by_role("button", name="生成文件").click()
    found = page.locator(".lk-vform__problems li").all_inner_texts()
    hint = "不得公开个人手机号和身份证号；请写办公座机或服务热线，人员写岗位不写姓名"
    assert f"地址含有个人手机号 139****5678；{hint}" in found
    assert f"共建单位含有居民身份证号 110105********002X；{hint}" in found
    assert f"正文第 3 行含有个人手机号 139****5678；{hint}" in found
    assert form.locator("#f-body-error").inner_text() == f"正文第 3 行含有个人手机号 139****5678；{hint}"
    assert "139" not in "".join(found).replace("139****5678", "")


def test_hours_written_in_words_reach_the_file_as_osm(page, form):
    hours = form.get_by_role("group", name="开放时间")
    words = hours.get_by_label("或者照平时的说法写")
    words.fill("周一至周五 上午9:00-12:00 下午2:00-5:30")
    # Hours that say nothing of holidays are not written until the holiday question is answered.
    holidays = hours.get_by_role("group", name="法定节假日（元旦、春节、国庆等）开不开放？")
    page.get_by_role("button", name="生成文件").click()
    assert "请回答法定节假日（元旦、春节、国庆等）开不开放：休息、照常开放或另有时间" in page.locator(".lk-vform__problems li").all_inner_texts()
    holidays.get_by_label("休息").check()
    assert form.locator(".lk-hb__preview").inner_text() == "文件中写作：Mo-Fr 09:00-12:00,14:00-17:30; PH off"
    holidays.get_by_label("照常开放（与平日相同）").check()
    assert form.locator(".lk-hb__preview").inner_text() == "文件中写作：Mo-Fr,PH 09:00-12:00,14:00-17:30"
    words.fill("周一至周五 9:00-17:00，周六 9:00-12:00")
    page.get_by_role("button", name="生成文件").click()
    assert "平日各天的开放时间不同，“照常开放”是哪一段？请选“另有时间”，在上面某一组勾选“法定节假日”" in page.locator(".lk-vform__problems li").all_inner_texts()
    holidays.get_by_label("另有时间（在上面某一组勾选“法定节假日”）").check()
    page.get_by_role("button", name="生成文件").click()
    assert "选了“另有时间”：请在上面某一组勾选“法定节假日”并填时间" in page.locator(".lk-vform__problems li").all_inner_texts()
    words.fill("9:00-17:00")
    page.get_by_role("button", name="生成文件").click()
    message = "“9:00-17:00”没有写哪几天：请在前面写上日子，例如 每天、工作日 或 周一至周五"
    assert message in page.locator(".lk-vform__problems li").all_inner_texts()
    assert form.locator("#f-hours-error").inner_text() == message
    form.get_by_label("电话").fill("1.38E+10")
    page.get_by_role("button", name="生成文件").click()
    assert "“1.38E+10”是表格把号码改成的科学计数法，后几位已经丢失：请把这一列设为“文本”，重新输入完整号码" in page.locator(".lk-vform__problems li").all_inner_texts()
    form.get_by_label("电话").fill("（0354）6231234")
    words.fill("周二至周日 9:00-17:00，节假日照常开放")
    form.get_by_label("名称").fill("太谷区写法测试青年之家")
    form.get_by_label("阵地类型").select_option(label="青年之家")
    form.get_by_label("所属团组织").select_option(label="太谷共青团")
    form.get_by_label("文件名").fill("taigu-words-form")
    form.get_by_label("地址").fill("山西省晋中市太谷区明星镇文化路 3 号")
    form.get_by_label("纬度").fill("北纬37°25'21\"")
    form.get_by_label("经度").fill("112°33'27\"")
    form.get_by_label("天地图、手机 GPS 定位（WGS-84）").check()
    text = make_file(page)
    assert '\nhours: "Tu-Su,PH 09:00-17:00"\n' in text and '\nphone: "0354-6231234"\n' in text
    assert "location: {lat: 37.4225, lng: 112.5575, datum: wgs84}" in text
    assert page.watch.errors == []


TRICKY = [
    "太谷区明星镇青年之家",
    "山西省晋中市太谷区文庙街 1 号",
    "名称: 带冒号",
    "#开头像注释",
    "带 # 号",
    "- 像列表",
    "yes",
    "off",
    "null",
    "2019-05",
    "0354-6231234",
    "12355",
    "1e3",
    "'单引号'",
    '"双引号"',
    "反斜杠\\n不是换行",
    "制表\t符",
    "{花括号}",
    "[方括号]",
    "& 锚点 *别名",
    "!标记",
    "%百分号",
    "@at `反引号`",
    "| 竖线 >",
    "零宽\u200b空格",
    "控制\u0007字符\u0085下一行\u009f",
    "行分隔\u2028段分隔\u2029",
    "\ufeff字节序",
    "表情😀",
    "中文：全角冒号，没问题",
    "尾随空格 ",
    "双  空格",
    "taigu-youth-home",
]


def test_yaml_text_reads_back_exactly(page, form):
    """Whatever a staff member types, the kit's YAML reader gets it back as typed: never structure, never another type."""
    scalars = page.evaluate("texts => texts.map(leaguekit.venueForm.yamlScalar)", TRICKY)
    for text, scalar in zip(TRICKY, scalars):
        source = YamlSource("x.md", f"name: {scalar}\n", 2, problems := [])
        assert problems == [] and source.data == {"name": text}, (text, scalar)
    assert scalars[0] == "太谷区明星镇青年之家" and scalars[-1] == "taigu-youth-home"  # plain where nothing could go wrong


def test_new_file_links_for_each_forge(page, form):
    link = "(args) => leaguekit.venueForm.newFileLink(...args)"
    gitee = page.evaluate(link, [{"kind": "gitee", "newFile": "https://gitee.com/league/venues/new/master/venues"}, "taigu", "x.md", "---\n"])
    assert gitee == {"href": "https://gitee.com/league/venues/new/master/venues/taigu", "whole": False}
    gitlab = page.evaluate(link, [{"kind": "gitlab", "newFile": "https://gitlab.com/league/venues/-/new/main/venues"}, "taigu", "x.md", "---\n"])
    assert gitlab == {"href": "https://gitlab.com/league/venues/-/new/main/venues/taigu?file_name=x.md", "whole": False}
    # Gitea and Forgejo take the name and the text, as GitHub does.
    gitea = page.evaluate(link, [{"kind": "gitea", "newFile": "https://gitea.example.cn/league/venues/_new/main/venues"}, "taigu", "x.md", "---\nname: 测试\n---\n"])
    assert gitea == {"href": "https://gitea.example.cn/league/venues/_new/main/venues/taigu?filename=x.md&value=---%0Aname%3A%20%E6%B5%8B%E8%AF%95%0A---%0A", "whole": True}
    forgejo = page.evaluate(link, [{"kind": "forgejo", "newFile": "https://codeberg.org/league/venues/_new/main/venues"}, "taigu", "x.md", "青年" * 2000])
    assert forgejo == {"href": "https://codeberg.org/league/venues/_new/main/venues/taigu?filename=x.md", "whole": False}
    # A body too long for a link: GitHub gets the name only, and the page says to paste.
    long = page.evaluate(link, [{"kind": "github", "newFile": f"{REPO_URL}/new/main/venues"}, "taigu", "x.md", "青年" * 2000])
    assert long == {"href": f"{REPO_URL}/new/main/venues/taigu?filename=x.md", "whole": False}


def test_the_form_works_offline_from_the_files_alone(browser, built):
    """No server, no network: the page opened from site/ on disk still makes the file."""
    site, _ = built
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", offline=True)
    try:
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((site / "contribute/new/index.html").as_uri())
        form = page.locator("form.lk-vform__form")
        form.get_by_label("名称").fill("离线测试青年之家")
        form.get_by_label("阵地类型").select_option("youth-station")
        form.get_by_label("所属团组织").select_option("taigu")
        form.get_by_label("文件名").fill("taigu-offline")
        place_at(form, "山西省晋中市太谷区测试路 3 号", "37.4216", "112.5513")
        text = make_file(page)
        assert text.startswith("---\nname: 离线测试青年之家\ntype: youth-station\norg: taigu\n")
        assert all(u.startswith("file://") for u in requests) and errors == []
    finally:
        context.close()


@pytest.mark.parametrize(("mode", "width", "font"), [("phone", 390, 0), ("text-200", 390, 32), ("narrow", 320, 0)])
def test_the_filled_form_on_a_phone_reflows_and_axe_finds_nothing(browser, built, mode, width, font):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="zh-CN", timezone_id="Asia/Shanghai", device_scale_factor=2)
    try:
        page = context.new_page()
        if font:
            cdp = context.new_cdp_session(page)
            cdp.send("Page.enable")
            cdp.send("Page.setFontSizes", {"fontSizes": {"standard": font, "fixed": font * 13 // 16}})
        page.goto(built[1])
        form = page.locator("form.lk-vform__form")
        page.get_by_role("button", name="生成文件").click()  # the problems shown
        assert page.evaluate(OVERFLOW_JS) == []
        assert _violations(page) == []
        fill_venue(page, form)
        make_file(page)
        assert page.evaluate(OVERFLOW_JS) == []
        assert _violations(page) == []
    finally:
        context.close()


def _violations(page) -> list[str]:
    # Material fades the back-to-top button in after a scroll: judge the colours it ends with, not a frame of the fade.
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    return [f"{v['id']}: " + "; ".join(str(n["target"]) for n in v["nodes"][:4]) for v in result.response["violations"]]


def test_without_a_repository_the_page_says_where_the_file_goes(browser, tmp_path):
    """No REPO_URL: no button, and the steps name the folder and file to create."""
    site = build_site(make_project(tmp_path / "plain", sample_content=False))
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    try:
        page = context.new_page()
        form = a_station_of_taigu(page, site)
        form.get_by_label("文件名").fill("taigu-two")
        place_at(form, "山西省晋中市太谷区测试路 4 号")
        make_file(page)
        assert page.locator(".lk-vform__open").count() == 0
        assert page.locator(".lk-vform__steps li").nth(1).inner_text().startswith("在仓库的 venues/taigu/ 文件夹里新建文件 taigu-two.md")
    finally:
        context.close()


def test_on_an_org_site_a_venue_may_host_the_brands_of_the_orgs_above(browser, tmp_path):
    """太谷's own site (SITE_ORG): choosing 太谷 offers the province's programme beside 太谷's own, and the file
    that names it passes the kit's check."""
    project = make_project(tmp_path / "taigu", sample_content=False)
    with_a_provincial_brand(project)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_ORG", "taigu")
        site = build_site(project)
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        form = a_station_of_taigu(page, site)
        brands = form.locator("#f-brands label:visible")
        assert brands.all_inner_texts() == ["测试品牌", "全省品牌"]
        form.get_by_label("全省品牌").check()
        form.get_by_label("文件名").fill("taigu-two")
        place_at(form, "山西省晋中市太谷区测试路 4 号")
        write(project, "venues/taigu/taigu-two.md", make_file(page))
    finally:
        context.close()
    assert load(project).venue["taigu-two"].data.brands == ["province-brand"]


def test_a_gitea_site_opens_giteas_new_file_page_with_the_file_or_says_to_paste(browser, tmp_path):
    project = make_project(tmp_path / "gitea", sample_content=False)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REPO_URL", "https://gitea.youth.example.cn/league/venues")
        site = build_site(project)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto((site / "contribute/new/index.html").as_uri())
        form = page.locator("form.lk-vform__form")
        form.get_by_label("名称").fill("太谷区测试九青年之家")
        form.get_by_label("阵地类型").select_option("youth-home")
        form.get_by_label("所属团组织").select_option("taigu")
        form.get_by_label("县区").fill("太谷区")
        place_at(form, "山西省晋中市太谷区测试路 9 号")
        text = make_file(page)
        href = page.get_by_role("link", name="在 Gitea 上新建这个文件").get_attribute("href")
        parts = urlsplit(href)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://gitea.youth.example.cn/league/venues/_new/main/venues/taigu"
        assert parse_qs(parts.query) == {"filename": ["taigu-ceshijiu.md"], "value": [text]}
        assert page.locator(".lk-vform__long").is_hidden()
        assert "文件名和内容都已填好" in page.locator(".lk-vform__steps li").nth(0).inner_text()

        form.get_by_label("正文").fill("青年之家的活动。" * 600)  # longer than an address carries
        make_file(page)
        href = page.get_by_role("link", name="在 Gitea 上新建这个文件").get_attribute("href")
        assert parse_qs(urlsplit(href).query) == {"filename": ["taigu-ceshijiu.md"]}
        assert page.locator(".lk-vform__long").inner_text() == "（这份文件较长，网址装不下，只填好了文件名：请把已复制的内容粘贴到编辑框）"
    finally:
        context.close()
