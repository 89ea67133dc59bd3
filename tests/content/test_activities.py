"""Activities: validation worded for staff, and sessions in China time (`content.readers.activities`, `content.schedule`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import SAMPLE, SAMPLE_BUILD_DAY, VALID_VENUE, write

from leaguekit.content import audience, load
from leaguekit.content import schedule as acts
from leaguekit.content.problems import ContentError
from leaguekit.content.schema import Audience, looks_like_person
from leaguekit.generate import Site

CHINA = ZoneInfo("Asia/Shanghai")
FILE = "activities/taigu/test-course.md"
VALID_ACTIVITY = """\
---
title: 测试夜校课程
org: taigu
summary: 用于测试的每周课程。
venue: test-venue
brand: test-brand
weekly:
  days: [Tu, Th]
  time: "19:00-21:00"
  start_date: 2026-09-01
  end_date: 2026-10-31
  except_dates: [2026-10-01, 2026-10-06]
audience:
  who: 18–40 岁青年
  min_age: 18
  max_age: 40
fee: free
join:
  phone: "0354-6230000"
capacity: 30
contact:
  role: 团区委办公室
  phone: "0354-6230000"
sample: true
---
测试课程的正文。
"""
CONTENT = load(SAMPLE)
BUILT = Site(CONTENT, today=SAMPLE_BUILD_DAY.date())


def problems_of(project) -> str:
    with pytest.raises(ContentError) as info:
        load(project)
    return str(info.value)


def with_activity(project, old: str = "", new: str = "", rel: str = FILE) -> None:
    text = VALID_ACTIVITY.replace(old, new)
    assert text != VALID_ACTIVITY or not old, old
    write(project, rel, text)


# --- validation ---------------------------------------------------------------------


def test_valid_weekly_activity_skips_the_holiday(project):
    with_activity(project)
    entry = load(project).activity["test-course"]
    starts = [o.start for o in entry.occurrences]
    assert len(starts) == 16  # 9 Tuesdays and 9 Thursdays, less 2026-10-01 (Thu) and 2026-10-06 (Tue)
    assert datetime(2026, 9, 29, 19, tzinfo=CHINA) in starts and datetime(2026, 10, 8, 19, tzinfo=CHINA) in starts
    assert {d.date() for d in starts}.isdisjoint({date(2026, 10, 1), date(2026, 10, 6)})
    assert all(o.end - o.start == timedelta(hours=2) for o in entry.occurrences)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("org: taigu", "org: taigou", "3 org（主办团组织）= taigou 是未知的团组织；是否想写 “taigu”？"),
        ("venue: test-venue", "venue: test-venu", "5 venue（阵地）= test-venu 是未知的阵地；是否想写 “test-venue”？"),
        ("brand: test-brand", "brand: test-bran", "6 brand（所属品牌）= test-bran 是未知的品牌；是否想写 “test-brand”？"),
        ("days: [Tu, Th]", "days: [Tu, Thu]", "8 weekly.days[1]（星期）= Thu 不是星期写法；应写成 Th（Mo Tu We Th Fr Sa Su 之一）"),
        ('time: "19:00-21:00"', 'time: "19:00-18:00"', "9 weekly.time（时间段）= 19:00-18:00 时刻不存在或结束不晚于开始"),
        ("end_date: 2026-10-31", "end_date: 2026-08-31", "11 weekly.end_date（末次日期）= 2026-08-31 早于首次日期"),
        ("end_date: 2026-10-31", "end_date: 2027-10-31", "11 weekly.end_date（末次日期）= 2027-10-31 与首次日期相距超过一年；请按学期或年度分成几个活动文件"),
        ("2026-10-06]", "2026-10-07]", "12 weekly.except_dates[1]（停办日期）= 2026-10-07 这一天本来就不举办；2026-10-07 是星期三，不在 days 中"),
        ("2026-10-06]", "2026-11-06]", "12 weekly.except_dates[1]（停办日期）= 2026-11-06 不在首次日期与末次日期之间"),
        ("2026-10-06]", "2026-10-32]", "12 weekly.except_dates[1]（停办日期）= 2026-10-32 不是日期；请写成 2026-10-01，月、日须真实存在"),
        ("max_age: 40", "max_age: 12", "16 audience.max_age（最大年龄）= 12 小于最小年龄"),
        ("fee: free", "fee: 免费吧", "17 fee（费用）= 免费吧 不是费用写法；免费写 free，收费写金额（元），例如 fee: 20"),
        ('  phone: "0354-6230000"\ncapacity', "  note: 请报名\ncapacity", "18 join（参加方式） 没有写怎样参加；写 walk_in: true（到场即可）"),
        ('  phone: "0354-6230000"\ncapacity', '  url: www.example.cn\ncapacity', "19 join.url（报名链接）= www.example.cn 不是以 http:// 或 https:// 开头的网址"),
        ("capacity: 30", "capacity: 0", "20 capacity（名额）= 0 应大于 0"),
        ("role: 团区委办公室", "role: 王老师", "22 contact.role（岗位）= 王老师 像是个人姓名；联系人写岗位或部门"),
        ('role: 团区委办公室\n  phone: "0354-6230000"', 'role: 团区委办公室\n  phone: "13912345678"', "23 contact.phone 含有个人手机号 139****5678；不得公开个人手机号"),
        ("venue: test-venue\n", "", "2 venue（阵地） 没有写在哪里举办；在本站阵地举办写 venue: 阵地文件名；在别处举办写 place"),
        ("sample: true", "sample: true\nstart: 2026-12-05 09:00", "7 weekly（每周举办） 单次时间和每周举办只能写一种"),
        ("title: 测试夜校课程", "titel: 测试夜校课程", "2 titel= 测试夜校课程 是不认识的字段；是否想写 “title”？"),
    ],
)
def test_broken_activity_is_named_with_line_field_and_fix(project, old, new, expected):
    with_activity(project, old, new)
    assert f"{FILE}:{expected}" in problems_of(project)


def test_single_activity_times(project):
    single = VALID_ACTIVITY.split("weekly:")[0] + "start: 2026-12-05 09:00\nend: 2026-12-05 08:30\naudience:" + VALID_ACTIVITY.split("audience:")[1]
    write(project, FILE, single)
    assert f"{FILE}:8 end（结束时间）= 2026-12-05 08:30 不晚于开始时间；结束时间应晚于开始时间" in problems_of(project)
    write(project, FILE, single.replace("end: 2026-12-05 08:30", "end: 2026-12-05 11:30").replace("start: 2026-12-05 09:00", "start: 2026-12-5 9:00"))
    assert f"{FILE}:7 start（开始时间）= 2026-12-5 9:00 不是日期和时刻；请写成 2026-12-05 09:00（北京时间，24 小时制）" in problems_of(project)
    write(project, FILE, single.replace("end: 2026-12-05 08:30\n", ""))
    assert f"{FILE}:7 start（开始时间）= 2026-12-05 09:00 只有开始时间，缺少结束时间；单次活动须同时写 start 和 end" in problems_of(project)
    write(project, FILE, single.replace("end: 2026-12-05 08:30", "end: 2026-12-07 11:30"))
    entry = load(project).activity["test-course"]
    assert [(o.start.day, o.end.day) for o in entry.occurrences] == [(5, 7)]


def test_every_broken_activity_file_at_once_with_other_content(project):
    with_activity(project, "fee: free", "fee: -3")
    with_activity(project, "role: 团区委办公室", "role: 张三", rel="activities/taiyuan/second.md")
    with_activity(project, rel="activities/taigu/months.md")
    write(project, "venues/taigu/test-venue.md", VALID_VENUE.replace("lat: 37.42", "lat: 137.42"))
    text = problems_of(project)
    assert f"{FILE}:17 fee（费用）= -3 不是费用写法" in text
    assert "activities/taiyuan/second.md:22 contact.role（岗位）= 张三 像是个人姓名" in text
    assert "activities/taigu/months.md:1 文件名 “months”是保留名" in text
    assert "venues/taigu/test-venue.md:10 location.lat" in text
    assert "内容检查：4 个错误" in text


def test_place_instead_of_a_venue_and_closed_venues(project):
    place = "place:\n  name: 某中学报告厅\n  address: 山西省晋中市太谷区某路 1 号\n  district: 太谷区\n  location: {lat: 112.55, lng: 37.42, datum: wgs84}\n"
    with_activity(project, "venue: test-venue\n", place)
    assert f"{FILE}:9 place.location.lat（纬度）= 112.55 不在中国范围内；经纬度是否写反了？" in problems_of(project)
    with_activity(project, "venue: test-venue\n", place.replace("lat: 112.55, lng: 37.42", "lat: 37.42, lng: 112.55"))
    assert load(project).activity["test-course"].data.place.district == "太谷区"

    with_activity(project)
    write(project, "venues/taigu/test-venue.md", VALID_VENUE.replace("sample: true", "sample: true\nstatus: closed\nclosed_on: 2026-09-15"))
    assert f"{FILE}:5 venue（阵地）= test-venue 已于 2026-09-15 关闭；请改在开放的阵地举办，或用 place 写实际地点" in problems_of(project)


def test_body_goes_through_the_same_checks_as_venues(project):
    with_activity(project, "测试课程的正文。", "正文。\n\n<script>alert(1)</script>\n\n联系 13912345678")
    text = problems_of(project)
    assert f"{FILE}:28 正文 含有 HTML 标签“<script…”" in text
    assert f"{FILE}:30 正文 含有个人手机号 139****5678" in text


@pytest.mark.parametrize(("role", "person"), [("张三", True), ("王小明", True), ("李主任", True), ("刘德华同志", True), ("办公室", False), ("团区委学少部", False), ("12355 青少年服务台", False), ("高校团委", False), ("宣传", False)])
def test_contact_roles_not_names(role, person):
    assert looks_like_person(role) is person


# --- time ------------------------------------------------------------------------------


def occ(start: str, end: str) -> acts.Occurrence:
    return acts.Occurrence(datetime.fromisoformat(start).replace(tzinfo=CHINA), datetime.fromisoformat(end).replace(tzinfo=CHINA))


@pytest.mark.parametrize(
    ("sessions", "now", "state", "section"),
    [
        ([("2026-12-03 14:30", "2026-12-03 16:30")], "2026-12-02 10:00", "upcoming", "this-week"),
        ([("2026-12-03 14:30", "2026-12-03 16:30")], "2026-12-03 15:00", "ongoing", "this-week"),
        ([("2026-12-01 09:30", "2026-12-01 11:00")], "2026-12-02 10:00", "over", "finished"),
        ([("2026-12-01 09:30", "2026-12-01 11:00")], "2026-12-06 23:59", "over", "finished"),
        ([("2026-12-01 09:30", "2026-12-01 11:00")], "2026-12-07 00:00", "over", "past"),
        ([("2026-11-27 15:00", "2026-11-27 17:00")], "2026-12-02 10:00", "over", "past"),
        ([("2026-12-07 00:00", "2026-12-07 01:00")], "2026-12-06 23:59", "upcoming", "next-week"),
        ([("2026-12-14 09:00", "2026-12-14 10:00")], "2026-12-02 10:00", "upcoming", "later"),
        ([("2026-11-20 09:00", "2026-11-20 10:00"), ("2026-12-11 09:00", "2026-12-11 10:00")], "2026-12-02 10:00", "upcoming", "next-week"),
        ([("2026-07-20 09:00", "2026-12-24 16:00")], "2026-12-02 10:00", "ongoing", "this-week"),
    ],
)
def test_status_in_china_time(sessions, now, state, section):
    at = datetime.fromisoformat(now).replace(tzinfo=CHINA)
    found = acts.status(tuple(occ(*s) for s in sessions), at)
    assert (found.state, found.section) == (state, section)
    # A phone elsewhere reads the same instant: the rule does not depend on the reader's zone.
    assert acts.status(tuple(occ(*s) for s in sessions), at.astimezone(ZoneInfo("America/Los_Angeles"))) == found


def test_labels():
    assert acts.when_label(occ("2026-12-03 19:00", "2026-12-03 21:00")) == "12月3日 周四 19:00–21:00"
    assert acts.when_label(occ("2026-07-20 09:00", "2026-07-24 16:00")) == "7月20日 周一 09:00 至 7月24日 周五 16:00"
    wudao = CONTENT.activity["taigu-yexiao-wudao-2026-autumn"]
    assert acts.schedule_text(wudao) == "2026年9月1日至2027年1月14日，每周二、周四 19:00–21:00，共 38 次（10月1日、10月6日停办）"


def test_build_date_is_source_date_epoch_or_the_clock_never_a_commit():
    epoch = str(int(datetime(2026, 12, 1, 23, 30, tzinfo=CHINA).timestamp()))
    assert acts.build_date(environ={"SOURCE_DATE_EPOCH": epoch}) == date(2026, 12, 1)
    clock = datetime.now(CHINA).date()
    for nonsense in ("", "soon", "-1", "253402300000", "9" * 40, str(int(datetime(2150, 1, 1, tzinfo=CHINA).timestamp()))):
        assert acts.build_date(environ={"SOURCE_DATE_EPOCH": nonsense}) in (clock, datetime.now(CHINA).date())


# --- the sample ----------------------------------------------------------------------------


def test_sample_has_enough_real_programmes():
    assert len(CONTENT.activities) >= 20
    assert {a.data.org for a in CONTENT.activities} == {"taigu", "taiyuan"}
    assert sum(a.recurring for a in CONTENT.activities) >= 3
    assert any(a.data.place for a in CONTENT.activities)
    titles = " ".join(a.data.title for a in CONTENT.activities)
    for programme in ("七彩假期爱心托管班", "青年夜校", "青联大讲堂", "红领巾暑期社会实践营", "青春兴晋", "宣讲", "招聘会"):
        assert programme in titles, programme
    at_build = [acts.status(a.occurrences, BUILT.now).section for a in CONTENT.activities]
    assert {"this-week", "next-week", "later", "past"} <= set(at_build)


# --- who an activity is for ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "ages", "groups"),
    [
        ("太谷区 9–13 岁少先队员", (9, 13), ("children",)),  # one shared year (13) does not make it a 青少年 activity
        ("青年志愿者和 12 岁以上青少年", (12, None), ("teens", "youth")),  # nor 12 a 少儿 one
        ("12 岁少年", (12, 12), ("children",)),  # all of it inside 少儿
        ("11–14 岁", (11, 14), ("children", "teens")),
        ("8–12 岁少年儿童，家长陪同", (8, 12), ("children", "family")),
        ("太谷区青年", (16, None), ("teens", "youth")),
        ("社区老年人", (60, None), ()),  # given ages rule: no group, so no filter shows it by mistake
        ("华东师范大学山西籍学生", (None, None), ("youth",)),
        ("受助学生及家长（凭通知参加）", (None, None), ("children", "teens", "family")),
        ("小学生和家长", (None, None), ("children", "family")),
        ("求职青年和应届毕业生", (None, None), ("youth",)),
        ("书法爱好者", (None, None), ("children", "teens", "youth")),  # says nothing of age: in every age group
    ],
)
def test_audience_groups_from_ages_else_words(who, ages, groups):
    assert audience.groups(Audience(who=who, min_age=ages[0], max_age=ages[1])) == groups
