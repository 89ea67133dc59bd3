"""A careless or hostile pull request, class by class (issues 9 and 18): each input gets its exact
Chinese message with file and line from `make check`, and the build refuses it with the same words;
what is accepted renders inert."""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import REPO, VALID_BRAND, activity_md, build_site, soup, venue_md, write
from mkdocs.exceptions import Abort, PluginError

from leaguekit import build
from leaguekit.content import load
from leaguekit.content.problems import ContentError
from leaguekit.content.yamlsource import YamlSource

VENUE = "venues/taigu/test-venue.md"
BODY_LINE = 22  # first body line of venue_md()


def edit(old: str, new: str):
    """Change one line of a repository file (data/ files are long)."""

    def apply(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return apply


ACTIVITY = "activities/taigu/test-activity.md"


def bomb(levels: int = 7) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "---\n" + "\n".join(lines) + "\nname: 炸弹\n---\n"


# (case, files, messages). A value of bytes is written as is; str as UTF-8.
CASES = [
    # Script from a venue or brand body
    ("html-escaped-backticks", {VENUE: venue_md("\\`<img src=x onerror=alert(1)>\\`")}, [f"{VENUE}:{BODY_LINE} 正文 含有 HTML 标签“<img…”，会原样显示为文字"]),
    ("html-script", {VENUE: venue_md("正文\n\n<script>alert(1)</script>")}, [f"{VENUE}:{BODY_LINE + 2} 正文 含有 HTML 标签“<script…”"]),
    ("html-comment", {VENUE: venue_md("<!-- <script>x</script> -->")}, [f"{VENUE}:{BODY_LINE} 正文 含有 HTML 标签“<!--…”"]),
    ("attr-list-onfocus", {VENUE: venue_md("## 标题\n{: autofocus onfocus=alert(1) }")}, [f"{VENUE}:{BODY_LINE + 1} 正文 “{{: autofocus onfocus=alert(1) }}”是属性写法，本站不支持，会原样显示"]),
    ("attr-list-inline", {VENUE: venue_md("[链接](https://example.org){ onmouseover=alert(1) }")}, [f"{VENUE}:{BODY_LINE} 正文 “{{ onmouseover=alert(1) }}”是属性写法"]),
    ("javascript-inline", {VENUE: venue_md("[点我](javascript:alert(1))")}, [f"{VENUE}:{BODY_LINE} 正文 链接地址“javascript:alert(1)”不安全，已去掉"]),
    ("javascript-reference", {VENUE: venue_md("[点我][x]\n\n[x]: JaVaScRiPt:alert(1)")}, [f"{VENUE}:{BODY_LINE + 2} 正文 链接地址“JaVaScRiPt:alert(1)”不安全"]),
    ("javascript-entity", {VENUE: venue_md("[点我](&#106;avascript:alert(1))")}, [f"{VENUE}:{BODY_LINE} 正文 链接地址“javascript:alert(1)”不安全"]),
    ("data-image", {VENUE: venue_md("![图](data:image/svg+xml;base64,PHN2Zz4=)")}, [f"{VENUE}:{BODY_LINE} 正文 链接地址“data:image/svg+xml;base64,PHN2Zz4=”不安全"]),
    ("vbscript", {"brands/test-brand.md": VALID_BRAND.replace("测试品牌的正文。", "[x](vbscript:msgbox)")}, ["brands/test-brand.md:7 正文 链接地址“vbscript:msgbox”不安全"]),
    ("autolink-javascript", {VENUE: venue_md("<javascript:alert(1)>")}, [f"{VENUE}:{BODY_LINE} 正文 链接地址“javascript:alert(1)”不安全，已去掉"]),
    # Stalling CI
    ("alias-bomb", {VENUE: bomb()}, [f"{VENUE}:2 YAML 用了锚点或别名（& 或 *）"]),
    ("nesting", {VENUE: "---\nname: " + "[" * 3000 + "\n---\n"}, [f"{VENUE}:2 YAML 语法错误：嵌套太深"]),
    ("deep-block-nesting", {VENUE: "---\n" + "".join("  " * i + f"k{i}:\n" for i in range(12)) + "---\n"}, [f"{VENUE}:9 YAML 嵌套超过 8 层"]),
    ("huge-body", {VENUE: venue_md("青年" * 7_000_000)}, [f"{VENUE}:1 文件 太大（42.0 MB），上限 200 KB"]),
    ("long-body", {VENUE: venue_md("青年之家。" * 5000)}, [f"{VENUE}:{BODY_LINE} 正文 有 25001 个字符，超过 20000 字"]),
    # Tracebacks instead of messages
    ("gbk", {VENUE: venue_md("正文").encode("gb18030")}, [f"{VENUE}:2 文件 不是 UTF-8 编码（像是 GBK/GB18030，Windows 记事本的“ANSI”）；请在编辑器中选择“另存为 UTF-8”后再提交"]),
    ("impossible-date", {VENUE: venue_md(status="closed", closed_on="2024-13-45").replace("'2024-13-45'", "2024-13-45")}, [f"{VENUE}:22 closed_on（关闭日期）= 2024-13-45 不是日期；请写成 2019、2019-05 或 2019-05-04，月、日须真实存在"]),
    ("python-tag", {VENUE: venue_md().replace("sample: true", "sample: !!python/object/apply:os.system ['id']")}, [f"{VENUE}:20 YAML 语法错误：用了不支持的标记（以 ! 开头）"]),
    ("nul-bytes", {VENUE: venue_md("正文\x00")}, [f"{VENUE}:{BODY_LINE} 文件 含有空字符（\\0），不是文本文件"]),
    ("empty-site-settings", {"data/site.yml": ""}, ["data/site.yml:1 文件是空的；请填写publisher、title、description"]),
    ("figure-inf", {"data/figures/taigu.yml": edit("value: 100000\n", "value: .inf\n")}, ["data/figures/taigu.yml:31 figures[0].value（数值）= inf 应为有限的数字"]),
    ("huge-data-file", {"data/orgs.yml": lambda text: text + "#" * 6_000_000}, ["data/orgs.yml:1 文件 太大（6.0 MB），上限 5 MB；请删去不用的内容，或拆分成几个文件", "有误，venues/、brands/ 和 activities/ 尚未检查"]),
    ("figure-huge", {"data/figures/taigu.yml": edit("value: 100000\n", "value: 1e308\n")}, ["data/figures/taigu.yml:31 figures[0].value（数值）= 1e308 应不大于 1000000000000\n"]),
    # Check passes, build fails
    ("missing-body-image", {VENUE: venue_md("![活动室](assets/photos/none.jpg)")}, [f"{VENUE}:{BODY_LINE} 正文 找不到链接的文件或页面“assets/photos/none.jpg”"]),
    ("missing-relative-link", {VENUE: venue_md("[章程](files/zhangcheng.pdf)")}, [f"{VENUE}:{BODY_LINE} 正文 找不到链接的文件或页面“files/zhangcheng.pdf”"]),
    ("absolute-link", {VENUE: venue_md("[首页](/index.html)")}, [f"{VENUE}:{BODY_LINE} 正文 链接“/index.html”以 / 开头，网站放在子路径下时会失效"]),
    # Silent takeover
    ("venue-index", {"venues/taigu/index.md": venue_md()}, ["venues/taigu/index.md:1 文件名 “index”是保留名，会占用网站自动生成的页面"]),
    ("brand-index", {"brands/index.md": VALID_BRAND}, ["brands/index.md:1 文件名 “index”是保留名"]),
    ("org-index", {"data/orgs.yml": edit("- id: taiyuan\n", "- id: index\n")}, ["data/orgs.yml:32 id “index”是保留名，会占用网站自动生成的页面"]),
    ("photo-outside", {VENUE: venue_md(photos=[{"src": "/etc/hostname", "alt": "x"}, {"src": "../../../etc/passwd", "alt": "y"}])}, [
        f"{VENUE}:22 photos[0].src（图片路径）= /etc/hostname 找不到这张图片；照片放在场馆文件旁的 photos/ 文件夹",
        f"{VENUE}:24 photos[1].src（图片路径）= ../../../etc/passwd 找不到这张图片",
    ]),
    # Personal data
    ("mobile-field", {VENUE: venue_md(phone="13812345678")}, [f"{VENUE}:14 phone 含有个人手机号 138****5678；写座机或服务热线；如确为对外服务手机，加 public_mobile: true"]),
    ("mobile-body", {VENUE: venue_md("联系王老师：138 1234 5678")}, [f"{VENUE}:{BODY_LINE} 正文 含有个人手机号 138****5678"]),
    ("resident-id", {VENUE: venue_md("负责人身份证 11010519491231002X")}, [f"{VENUE}:{BODY_LINE} 正文 含有居民身份证号 110105********002X"]),
    ("mobile-partner", {VENUE: venue_md(partners=["王老师 13912345678"])}, [f"{VENUE}:22 partners[0] 含有个人手机号 139****5678"]),
    ("public-mobile-on-landline", {VENUE: venue_md(public_mobile=True)}, [f"{VENUE}:21 public_mobile（公开服务手机）= True 只在电话是手机号时写"]),
    # Personal data in disguise (issue 18): checked as a reader sees it
    ("mobile-after-chinese", {VENUE: venue_md("咨询电话13912340001。")}, [f"{VENUE}:{BODY_LINE} 正文 含有个人手机号 139****0001；不得公开个人手机号和身份证号"]),
    ("mobile-split-by-markup", {VENUE: venue_md("电话 **139**1234`00`01")}, [f"{VENUE}:{BODY_LINE} 正文 含有个人手机号 139****0001"]),
    ("mobile-escapes-and-entities", {VENUE: venue_md("电话 &#49;39\\-1234\\-0001")}, [f"{VENUE}:{BODY_LINE} 正文 含有个人手机号 139****0001"]),
    ("mobile-dots-and-zero-width", {VENUE: venue_md("第一段。\n\n电话 139.1234\u200b.0001")}, [f"{VENUE}:{BODY_LINE + 2} 正文 含有个人手机号 139****0001"]),
    ("mobile-line-breaks", {VENUE: venue_md("电话 139\n1234\n0001")}, [f"{VENUE}:{BODY_LINE} 正文 含有个人手机号 139****0001"]),
    ("mobile-full-width-field", {VENUE: venue_md(partners=["联系人１３９ １２３４ ０００１"])}, [f"{VENUE}:22 partners[0] 含有个人手机号 139****0001"]),
    ("mobile-image-alt", {VENUE: venue_md("![联系13912340001](assets/favicon.svg)")}, [f"{VENUE}:{BODY_LINE} 正文 含有个人手机号 139****0001"]),
    ("mobile-link-title", {VENUE: venue_md('[官网](https://example.org "电话 139 1234 0001")')}, [f"{VENUE}:{BODY_LINE} 正文 链接提示文字含有个人手机号 139****0001"]),
    ("mobile-tel-link", {VENUE: venue_md("[打电话](tel:+86-139-1234-0001)")}, [f"{VENUE}:{BODY_LINE} 正文 链接地址含有个人手机号 139****0001"]),
    ("resident-id-grouped", {VENUE: venue_md("身份证 110105 19491231 002X")}, [f"{VENUE}:{BODY_LINE} 正文 含有居民身份证号 110105********002X"]),
    ("mobile-file-name", {"venues/taigu/tel-13912340001.md": venue_md()}, ["venues/taigu/tel-13912340001.md:1 文件名 含有个人手机号 139****0001；文件名会成为网址"]),
    ("mobile-figure-label", {"data/figures/taigu.yml": edit("label: 主题教育宣讲参与青少年\n", "label: 宣讲联系人13912340001\n")}, ["data/figures/taigu.yml:30 figures[0].label 含有个人手机号 139****0001"]),
    ("mobile-figure-printed", {"data/figures/taigu.yml": edit("value: 100000\n    unit: 人次\n    qualifier: 余\n", "value: 13912340001\n    unit: 人次\n    style: plain\n")}, [
        "data/figures/taigu.yml:31 figures[0].value 显示为“13912340001人次”，含有个人手机号 139****0001",
    ]),
    ("mobile-org-contact", {"data/orgs.yml": edit('phone: "12355"\n', 'phone: "139 1234 0001"\n')}, ["data/orgs.yml:11 [0].contacts[0].phone 含有个人手机号 139****0001"]),
    ("mobile-other-data-file", {"data/notes.txt": "值班：13912340001\n"}, ["data/notes.txt:1 含有个人手机号 139****0001"]),
    # Cost linear in size: brackets that took Python-Markdown minutes
    ("nested-brackets", {VENUE: venue_md("[" * 9000 + "]" * 9000 + "\n\n电话13912340001")}, [f"{VENUE}:{BODY_LINE + 2} 正文 含有个人手机号 139****0001"]),
    # Dates outside 2000–2100 are messages, not crashes of the check or the build
    ("activity-year-9999", {ACTIVITY: activity_md(start="start: 9999-12-31 09:00", end="end: 9999-12-31 11:30")}, [
        f"{ACTIVITY}:6 start（开始时间）= 9999-12-31 09:00 年份 9999 不在 2000–2100 之间；请写实际的日期，例如 2026-12-05 09:00",
        f"{ACTIVITY}:7 end（结束时间）= 9999-12-31 11:30 年份 9999 不在 2000–2100 之间",
    ]),
    ("weekly-year-9999", {ACTIVITY: activity_md(start="", end="weekly:\n  days: [Fr]\n  time: '19:00-21:00'\n  start_date: 9999-12-01\n  end_date: 9999-12-31")}, [
        f"{ACTIVITY}:9 weekly.start_date（首次日期）= 9999-12-01 年份 9999 不在 2000–2100 之间；请写实际的日期，例如 2026-10-01",
    ]),
    ("closure-year-0001", {VENUE: venue_md(closures=[{"from": "0001-01-01", "to": "2026-01-01", "reason": "装修"}])}, [f"{VENUE}:22 closures[0].from（开始日期）= 0001-01-01 年份 1 不在 2000–2100 之间"]),
    ("established-year-1000", {VENUE: venue_md(established="1000")}, [f"{VENUE}:21 established（建成时间）= 1000 年份 1000 不在 1900–2100 之间"]),
    # Ownership: the folder names the org (CODEOWNERS gives each org its folder)
    ("venue-in-other-org-folder", {"venues/taiyuan/taken.md": venue_md()}, ["venues/taiyuan/taken.md:5 org（所属团组织）= taigu 与所在文件夹 venues/taiyuan/ 不符；文件夹决定由哪个团组织审核"]),
    ("venue-in-unknown-folder", {"venues/nowhere/other.md": venue_md()}, ["venues/nowhere/other.md:1 文件夹 “nowhere”不是 data/orgs.yml 中的团组织"]),
    ("venue-without-folder", {"venues/loose.md": venue_md()}, ["venues/loose.md:1 文件夹 没有放在团组织的文件夹中；请移到 venues/taigu/loose.md"]),
    ("activity-in-other-org-folder", {"activities/taiyuan/test-activity.md": activity_md()}, ["activities/taiyuan/test-activity.md:3 org（主办团组织）= taigu 与所在文件夹 activities/taiyuan/ 不符"]),
    # Exports: characters no feed or spreadsheet may carry, names Windows cannot check out
    ("control-character", {VENUE: venue_md(name="测试\x01青年之家")}, [f"{VENUE}:2 name 含有控制字符 U+0001，订阅源和下载文件会因此无法读取；请删除这个看不见的字符"]),
    ("noncharacter-in-title", {ACTIVITY: activity_md(title='title: "测试\\uFFFE活动"')}, [f"{ACTIVITY}:2 title 含有无效字符 U+FFFE"]),
    ("bidi-in-name", {VENUE: venue_md(name="测试\u202e家之年青")}, [f"{VENUE}:2 name 含有文字方向控制字符 U+202E，会让文字显示得与实际不同"]),
    ("bidi-in-body", {VENUE: venue_md("正文\n\n电话 \u2066123\u2069")}, [f"{VENUE}:{BODY_LINE + 2} 正文 含有文字方向控制字符 U+2066"]),
    # Beyond U+FFFF only the noncharacters are refused, after any number of emoji
    ("astral-noncharacter-after-emoji", {VENUE: venue_md("欢迎😀\n\n表情😀🎉后\U0010ffff")}, [f"{VENUE}:{BODY_LINE + 2} 正文 含有无效字符 U+10FFFF"]),
    ("astral-noncharacter-in-name", {VENUE: venue_md(name="测试🎉\U0001fffe青年之家")}, [f"{VENUE}:2 name 含有无效字符 U+1FFFE"]),
    ("windows-reserved-file", {"venues/taigu/con.md": venue_md()}, ["venues/taigu/con.md:1 文件名 “con”是 Windows 的设备保留名，这样命名的文件在 Windows 电脑上无法检出"]),
    ("windows-reserved-folder", {"venues/aux/other.md": venue_md()}, ["venues/aux/other.md:1 文件名 “aux”是 Windows 的设备保留名"]),
    ("windows-reserved-data-file", {"data/figures/nul.yml": "org: taigu\n"}, ["data/figures/nul.yml:1 文件名 “nul”是 Windows 的设备保留名"]),
    ("windows-reserved-alias", {VENUE: venue_md(aliases=["aux"])}, [f"{VENUE}:22 aliases[0]（旧网址）= aux “aux”是 Windows 的设备保留名"]),
    ("windows-reserved-org", {"data/orgs.yml": edit("- id: taiyuan\n", "- id: com1\n")}, ["data/orgs.yml:32 id “com1”是 Windows 的设备保留名"]),
    # Odd input gets one-line messages
    ("newline-in-file-name", {"venues/taigu/a\nb.md": venue_md()}, ["venues/taigu/a\\nb.md:1 文件名 含有换行符或控制字符 U+000A；文件名只用小写英文字母、数字和连字符"]),
    ("escape-in-file-name", {"venues/taigu/x\x1b[31m.md": venue_md()}, ["venues/taigu/x\\x1b[31m.md:1 文件名 含有换行符或控制字符 U+001B"]),
    ("malformed-email-autolink", {VENUE: venue_md("来信 <tgqtw@@example.cn>")}, [f"{VENUE}:{BODY_LINE} 正文 “<tgqtw@@example.cn>”不是有效的邮箱链接，会原样显示；邮箱写成 <tgqtw@example.cn>"]),
    ("malformed-mailto", {VENUE: venue_md("[写信](mailto:tgqtw@example&amp;cn)")}, [f"{VENUE}:{BODY_LINE} 正文 邮箱链接“mailto:tgqtw@example&cn”写法不对，已去掉"]),
    # Every field has a size (issue 25): a 60,000-character name made /nearby/ 769 KB gzip
    ("long-name", {VENUE: venue_md(name="青" * 20000)}, [f"{VENUE}:2 name（名称）= {'青' * 57}… 太长（20000 个字，最多 60 个字）；请精简到 60 个字以内"]),
    ("long-district-town-address", {VENUE: venue_md(district="区" * 40000, town="镇" * 30, address="路" * 101)}, [
        f"{VENUE}:6 district（县区）= {'区' * 57}… 太长（40000 个字，最多 20 个字）；请精简到 20 个字以内",
        f"{VENUE}:7 town（乡镇街道）= {'镇' * 30} 太长（30 个字，最多 20 个字）",
        f"{VENUE}:8 address（地址）= {'路' * 57}… 太长（101 个字，最多 100 个字）；请精简到 100 个字以内",
    ]),
    ("many-old-ids-and-other-names", {VENUE: venue_md(aliases=[f"old-{i}" for i in range(12000)], also_known_as=[f"别名{i}" for i in range(1500)])}, [
        f"{VENUE}:21 aliases（旧网址） 项数太多（12000 项，最多 20 项）；请只保留最常用的 20 项",
        f"{VENUE}:12022 also_known_as（简称或俗称） 项数太多（1500 项，最多 20 项）；请只保留最常用的 20 项",
    ]),
    ("long-partner", {VENUE: venue_md(partners=["单" * 61])}, [f"{VENUE}:22 partners[0]（共建单位）= {'单' * 57}… 太长（61 个字，最多 60 个字）"]),
    ("long-activity-title", {ACTIVITY: activity_md(title="title: " + "活" * 61, summary="summary: " + "简" * 201)}, [
        f"{ACTIVITY}:2 title（活动名称）= {'活' * 57}… 太长（61 个字，最多 60 个字）；请精简到 60 个字以内",
        f"{ACTIVITY}:4 summary（简介）= {'简' * 57}… 太长（201 个字，最多 200 个字）",
    ]),
    ("long-brand-name", {"brands/test-brand.md": VALID_BRAND.replace("name: 测试品牌", "name: " + "品" * 61)}, ["brands/test-brand.md:2 name（名称）= " + "品" * 57 + "… 太长（61 个字，最多 60 个字）"]),
    ("long-file-name", {"venues/taigu/" + "a" * 65 + ".md": venue_md()}, ["venues/taigu/" + "a" * 65 + ".md:1 文件名 太长（65 个字符，最多 64 个）；文件名会成为网址"]),
    ("path-past-windows-limit", {"venues/taigu/" + "c" * 150 + ".md": venue_md()}, [
        "venues/taigu/" + "c" * 150 + ".md:1 文件名 路径太长（166 个字符，最多 160 个），在 Windows 电脑上无法检出；请换一个短些的文件名",
    ]),
    # The guard reads what a reader reads (issue 25): HTML collapses white space, a row reads across its cells
    ("mobile-space-and-nbsp-runs", {VENUE: venue_md("电话 139" + "&nbsp;" * 8 + "1234" + " " * 12 + "0001")}, [f"{VENUE}:{BODY_LINE} 正文 含有个人手机号 139****0001"]),
    ("mobile-table-cells", {VENUE: venue_md("| 咨询 | 139 | 1234 | 0001 |\n| --- | --- | --- | --- |")}, [f"{VENUE}:{BODY_LINE} 正文 含有个人手机号 139****0001"]),
    ("mobile-wave-dash-and-letter-o", {VENUE: venue_md(partners=["联系 139〜1234〜OOO1"])}, [f"{VENUE}:22 partners[0] 含有个人手机号 139****0001"]),
    ("mobile-radio-digits", {VENUE: venue_md("值班电话：幺三勾 幺两三四 洞洞洞幺")}, [f"{VENUE}:{BODY_LINE} 正文 含有个人手机号 139****0001"]),
    ("resident-id-shortened-by-excel", {VENUE: venue_md("负责人身份证 110105194912310000")}, [f"{VENUE}:{BODY_LINE} 正文 含有居民身份证号 110105********0000"]),
    ("long-old-id", {VENUE: venue_md(aliases=["a" * 65])}, [f"{VENUE}:22 aliases[0]（旧网址）= {'a' * 57}… 太长（65 个字符，最多 64 个）；旧网址只写改名前的旧文件名（去掉 .md）"]),
]


def _fill(project, files: dict) -> None:
    for rel, text in files.items():
        path = project / rel
        if callable(text):
            text = text(path.read_text(encoding="utf-8"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("case", "files", "messages"), CASES, ids=[c[0] for c in CASES])
def test_check_and_build_give_the_same_message(project, case, files, messages):
    _fill(project, files)
    with pytest.raises(ContentError) as checked:
        build.load(project)  # what `make check` runs
    report = str(checked.value)
    for message in messages:
        assert message in report
    assert "Traceback" not in report
    assert all(line.isprintable() for line in report.splitlines()), report  # one line per problem, whatever the input
    with pytest.raises(Abort) as built:
        build_site(project)
    error = built.value.__context__
    assert isinstance(error, PluginError)
    for message in messages:
        assert message in str(error)
    assert not (project / "site").exists()


def test_a_file_name_that_is_not_utf8_gets_one_printable_line(project):
    (project / "venues/taigu").mkdir(parents=True, exist_ok=True)
    with open(os.path.join(os.fsencode(project / "venues/taigu"), b"caf\xe9.md"), "wb") as handle:
        handle.write(venue_md().encode())
    with pytest.raises(ContentError) as checked:
        build.load(project)
    assert "venues/taigu/caf\\xe9.md:1 文件名 不是 UTF-8 编码的文件名；文件名只用小写英文字母、数字和连字符" in str(checked.value)
    str(checked.value).encode("utf-8")  # no lone surrogate left: prints to any terminal or CI log
    assert all(line.isprintable() for line in str(checked.value).splitlines())
    with pytest.raises(Abort):
        build_site(project)


def test_corpus_covers_every_class():
    assert len(CASES) >= 87


def national_orgs(count: int) -> str:
    """District committees under the sample's city, as many as a national directory has (~2,800 counties)."""
    return "".join(
        f"- id: d{n:04d}\n  name: 共青团测试{n}区委员会\n  short_name: 测试{n}区共青团\n  parent: jinzhong\n  region: 山西省晋中市测试{n}区\n  level: district\n"
        for n in range(count)
    )


def test_a_national_orgs_file_is_read_and_a_broken_one_is_reported_once(project):
    """data/ files are the maintainers' and may be large; when one is broken, content is not checked
    against it (every venue would repeat the same error)."""
    orgs = project / "data/orgs.yml"
    text = orgs.read_text(encoding="utf-8") + national_orgs(3300)
    orgs.write_text(text, encoding="utf-8")
    assert orgs.stat().st_size > 200_000
    assert len(build.load(project)[0].orgs) > 3300
    orgs.write_text(text.replace("- id: taigu\n", "- id: taigu\n  bad: [\n", 1), encoding="utf-8")
    with pytest.raises(ContentError) as checked:
        build.load(project)
    report = str(checked.value)
    assert "data/orgs.yml" in report and "尚未检查" in report
    assert "venues/" not in report.replace("venues/、", "")


def test_site_settings_and_names_reach_every_page_escaped(project):
    """data/site.yml and data/orgs.yml are printed by Material's own templates: all escaped."""
    settings = project / "data/site.yml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("title: 青年阵地", "title: '青年阵地</title><script>window.__x=1</script>'")
    text = text.replace("description: ", "description: '\"><img src=x onerror=alert(1)>' # ", 1)
    settings.write_text(text, encoding="utf-8")
    orgs = project / "data/orgs.yml"
    orgs.write_text(orgs.read_text(encoding="utf-8").replace("short_name: 山西共青团", "short_name: '山西<svg onload=alert(1)>'"), encoding="utf-8")
    site = build_site(project)
    for url in ("", "venues/test-venue/", "venues/", "nearby/", "contribute/"):
        page = soup(site, url)
        assert not page.select("script:not([src])") or all("__x" not in s.get_text() for s in page.select("script"))
        assert not page.select("[onerror], [onload]"), url
        assert "山西<svg onload=alert(1)>" in page.title.get_text(), url
    home = soup(site, "")
    assert home.select_one('meta[name="description"]')["content"] == '"><img src=x onerror=alert(1)>'


def test_contributor_jinja_and_html_in_code_stay_text(project):
    write(project, VENUE, venue_md("看看 {{ cycler.__init__.__globals__.os.getcwd() }} 和 `<b>代码</b>`\n\n    <script>缩进代码</script>"))
    site = build_site(project)
    article = soup(site, "venues/test-venue/").select_one("article")
    assert "cycler" in article.get_text() and str(project) not in article.get_text()
    assert article.select_one("code").get_text() == "<b>代码</b>"
    assert not article.select("b, script:not([type='application/json'])")


def test_districts_with_one_name_in_two_cities_get_two_pages(project):
    write(project, VENUE, venue_md(district="城区"))
    write(project, "venues/taiyuan/other.md", venue_md(name="太原城区青年之家", org="taiyuan", district="城区", location={"lat": 37.87, "lng": 112.55}))
    site = build_site(project)
    pages = sorted(p.parent.name for p in (site / "districts").glob("*/index.html"))
    assert pages == ["jinzhong-chengqu", "taiyuan-chengqu"]
    assert soup(site, "districts/jinzhong-chengqu/").h1.get_text() == "晋中市城区"
    assert soup(site, "districts/taiyuan-chengqu/").h1.get_text() == "太原市城区"


def test_symlinks_in_content_folders_are_refused(project, tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_text(venue_md("服务器上的秘密"), encoding="utf-8")
    (project / "venues/taigu/linked.md").symlink_to(outside)
    (project / "venues/elsewhere").symlink_to(tmp_path)
    with pytest.raises(ContentError) as info:
        load(project)
    assert "venues/taigu/linked.md:1 文件名 是符号链接，不允许；请放入文件本身，不要用链接" in str(info.value)
    assert "venues/elsewhere:1 文件名 是符号链接，不允许" in str(info.value)


def test_emoji_and_other_characters_beyond_u_ffff_are_accepted(project):
    write(project, VENUE, venue_md("欢迎😀，𠀀字和🎉都可以\n\n最后一个 \U0010fffd", name="测试😀青年之家"))
    venue = load(project).venue["test-venue"]
    assert venue.data.name == "测试😀青年之家"
    assert "\U0010fffd" in venue.body


def test_public_mobile_is_accepted_when_declared(project):
    write(project, VENUE, venue_md(phone="13812345678", public_mobile=True))
    assert load(project).venue["test-venue"].data.phone == "13812345678"


def test_make_new_venue_never_runs_a_name(project):
    marker = project / "pwned"  # `touch pwned` runs in the project, if anything runs: the name stays within 60 characters
    name = "明星镇`touch pwned`'\"青年之家"
    env = {**os.environ, "VENV": str(REPO / ".venv")}
    done = subprocess.run(
        ["make", "-s", "new-venue", f"NAME={name}", "TYPE=youth-home", "ORG=taigu", "DISTRICT=太谷区", "ID=taigu-quoted", f"VENV={REPO / '.venv'}"],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    assert load(project).venue["taigu-quoted"].data.name == name


def test_dates_at_the_edges_of_the_window_pass_check_and_build(project):
    """check ≡ build for dates: whatever `make check` accepts, every page, calendar and feed computes."""
    write(project, VENUE, venue_md(established="1900", closures=[{"from": "2100-12-31", "to": "2100-12-31", "reason": "年终盘点"}]))
    write(project, ACTIVITY, activity_md(start="start: 2100-12-31 22:00", end="end: 2100-12-31 23:30"))
    write(project, "activities/taigu/first.md", activity_md(start="start: 2000-01-01 00:00", end="end: 2000-01-01 01:00"))
    write(project, "activities/taigu/weekly.md", activity_md(start="", end="weekly:\n  days: [Fr]\n  time: '19:00-21:00'\n  start_date: 2100-01-01\n  end_date: 2100-12-31"))
    content, _ = build.load(project)
    assert len(content.activity["weekly"].occurrences) == 53
    site = build_site(project)
    assert soup(site, "activities/test-activity/").h1.get_text() == "测试活动"
    assert (site / "activities/months/2100-12/index.html").exists() and (site / "activities/months/2000-01/index.html").exists()
    assert b"DTSTART;TZID=Asia/Shanghai:21001231T220000" in (site / "feeds/activities/test-activity.ics").read_bytes()


def test_leading_zero_numbers_are_read_in_base_10_never_octal(project):
    """YAML 1.1 reads 0120 as 80 (octal) and lat: 045 as 37; the kit reads every number in base 10,
    and what is not a plain decimal (0120, 0x10, 1:20) stays text as written."""
    write(project, VENUE, venue_md().replace("lat: 37.42", "lat: 045").replace("sample: true", "sample: true\narea_m2: 0120"))
    content, _ = build.load(project)
    venue = content.venue["test-venue"].data
    assert (venue.location.lat, venue.area_m2) == (45.0, 120.0)
    src = YamlSource("x.yml", "a: 0120\nb: 0x10\nc: 1:20\nd: 1:20.5\ne: 045.5\nf: 1_000\ng: .inf\n", 1, [])
    assert src.data == {"a": "0120", "b": "0x10", "c": "1:20", "d": "1:20.5", "e": 45.5, "f": 1000, "g": float("inf")}
    write(project, ACTIVITY, activity_md(fee="fee: 020"))
    with pytest.raises(ContentError) as checked:
        build.load(project)
    assert f"{ACTIVITY}:10 fee（费用）= 020 不是费用写法；免费写 free，收费写金额（元），例如 fee: 20" in str(checked.value)


def test_honest_numbers_pass_check_and_build(project):
    """An organisation's QQ groups numbered in brackets and a point in 海南 written as two decimals are no personal data."""
    text = "欢迎加入团员 QQ 群 1356789012（1群）、1356789013（2群）。\n\n活动地点坐标：18.252847 109.511909（三亚）。"
    write(project, VENUE, venue_md(text, partners=["团员交流群 1356789012（1群）"]))
    build.load(project)
    page = soup(build_site(project), "venues/test-venue/").get_text()
    assert "1356789012（1群）" in page and "18.252847 109.511909" in page
