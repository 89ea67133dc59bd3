"""data/holidays.yml: validated like every data file, and `make check` reminds staff of a missing year."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import SAMPLE

from leaguekit.__main__ import main
from leaguekit.content import load
from leaguekit.content.problems import ContentError

HOLIDAYS = "data/holidays.yml"


def edit(project, old: str, new: str) -> str:
    """Replace the first `old` in the project's holidays.yml; returns the new text."""
    path = project / HOLIDAYS
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def problems_of(project) -> str:
    with pytest.raises(ContentError) as info:
        load(project)
    return str(info.value)


def test_published_table_loads_with_its_sources():
    table = load(SAMPLE).calendar
    assert table.years == {2025, 2026}  # the 2027 notice was not out when the table was written
    national_day = next(p for p in table.holidays if p.name == "国庆节")
    assert (national_day.first, national_day.last) == (date(2026, 10, 1), date(2026, 10, 7))
    assert table.holiday(date(2026, 10, 1)) == "国庆节" and table.holiday(date(2026, 10, 8)) is None
    assert table.workday(date(2026, 10, 10)) == "国庆节" and date(2026, 10, 10).weekday() == 5
    assert all(day.weekday() >= 5 for day, _ in table.workdays)
    text = (SAMPLE / HOLIDAYS).read_text(encoding="utf-8")
    assert text.count("https://www.gov.cn/zhengce/content/") == 2


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("to: 2026-10-07", "to: 2026-09-30", "holidays[6].to（放假最后一天）= 2026-09-30 结束日期早于开始日期；from 写第一天，to 写最后一天（含当天）"),
        ("from: 2026-02-15", "from: 2026-02-30", "holidays[1].from（放假第一天）= 2026-02-30 不是日期；请写成 2026-10-01，月、日须真实存在"),
        ("date: 2026-10-10", "date: 2026-10-09", "workdays[5].date（调休上班日）= 2026-10-09 是周五；调休上班日是本该休息的周六或周日；请核对通知原文"),
        ("2026-10-10        # Saturday\n      for: 国庆节", "2026-10-10\n      for: 国庆", "workdays[5].for（为哪个节日调休）= 国庆 不是本年放假安排中的节日；是否想写 “国庆节”？"),
        ("to: 2026-01-03", "to: 2027-01-03", "holidays[0].to（放假最后一天）= 2027-01-03 不在 2026 年；这一项是 2026 年的通知；日期请照通知原文抄写"),
        ("to: 2026-09-27", "to: 2026-10-02", "holidays[6].from（放假第一天）= 2026-10-01 与中秋节（2026-09-25至2026-10-02）重叠；请核对通知原文"),
        ("date: 2026-10-10", "date: 2026-10-03", "workdays[5].date（调休上班日）= 2026-10-03 在国庆节假期之内；调休上班日不会落在放假期间；请核对通知原文"),
        ("- year: 2026", "- year: 2025", "year（年份）= 2025 2025 年写了两次；每年只写一项；请合并或删除重复的一项"),
    ],
)
def test_mistakes_are_named_with_file_line_and_fix(project, old, new, expected):
    """Each mistake gives exactly one problem (no cascade), on the line to change."""
    text = edit(project, old, new)
    found = problems_of(project).splitlines()
    assert found[-1].startswith("内容检查：1 个错误"), found
    path, line, rest = re.match(r"^(\S+):(\d+) (.*)$", found[0]).groups()
    assert (path, rest) == (HOLIDAYS, expected)
    value = expected.split("= ", 1)[1].split(" ")[0]
    assert value in text.splitlines()[int(line) - 1]


@pytest.mark.parametrize(
    ("today", "warning"),
    [
        (date(2026, 11, 30), None),
        (date(2026, 12, 1), "data/holidays.yml:1 year 还没有 2027 年的节假日安排"),
        (date(2026, 12, 31), "data/holidays.yml:1 year 还没有 2027 年的节假日安排"),
        (date(2027, 1, 4), "data/holidays.yml:1 year 没有 2027 年的节假日安排"),
    ],
)
def test_check_warns_from_1_december_when_next_year_is_missing(project, capsys, today, warning):
    assert main(["check", str(project)], today=lambda: today) == 0  # a reminder, never an error
    out = capsys.readouterr().out
    if warning is None:
        assert "节假日安排" not in out
    else:
        assert warning in out and "（提醒）" in out


NOTICE_2027 = """
- year: 2027
  source:
    title: 国务院办公厅关于2027年部分节假日安排的通知
    url: https://www.gov.cn/zhengce/content/example.htm
    issued: 2026-11-10
  holidays:
    - name: 元旦
      from: 2027-01-01
      to: 2027-01-01
    - name: 春节
      from: 2027-02-05
      to: 2027-02-11
    - name: 清明节
      from: 2027-04-03
      to: 2027-04-05
    - name: 劳动节
      from: 2027-05-01
      to: 2027-05-05
    - name: 端午节
      from: 2027-06-09
      to: 2027-06-11
    - name: 中秋节
      from: 2027-09-15
      to: 2027-09-17
    - name: 国庆节
      from: 2027-10-01
      to: 2027-10-07
"""


def test_no_warning_once_next_year_is_added(project, capsys):
    path = project / HOLIDAYS
    path.write_text(path.read_text(encoding="utf-8") + NOTICE_2027, encoding="utf-8")
    assert main(["check", str(project)], today=lambda: date(2026, 12, 15)) == 0
    assert "节假日安排" not in capsys.readouterr().out


def test_a_notice_year_must_give_every_statutory_day(project):
    """Copying a notice and leaving out 除夕 (or the whole 中秋节) is refused, on the year's holidays line."""
    path = project / HOLIDAYS
    path.write_text(path.read_text(encoding="utf-8") + NOTICE_2027.replace("from: 2027-02-05", "from: 2027-02-06").replace(
        "    - name: 中秋节\n      from: 2027-09-15\n      to: 2027-09-17\n", ""), encoding="utf-8")
    found = problems_of(project).splitlines()
    assert found[-1].startswith("内容检查：1 个错误"), found
    path_line, rest = found[0].split(" ", 1)
    assert rest == "holidays（放假安排） 漏了法定假日：春节 2027-02-05、中秋节 2027-09-15；《全国年节及纪念日放假办法》规定的假日每年都放；请照通知原文补上含这些日期的放假安排"
    assert path.read_text(encoding="utf-8").splitlines()[int(path_line.split(":")[1]) - 1].strip() == "holidays:"


def test_a_year_without_a_notice_has_the_statutory_days_only():
    table = load(SAMPLE).calendar
    assert table.provisional(2027) and not table.provisional(2026)
    assert table.holiday(date(2027, 1, 1)) == "元旦" and table.holiday(date(2027, 2, 8)) == "春节"
    assert table.holiday(date(2027, 2, 9)) is None and table.workday(date(2027, 2, 20)) is None  # bridge days wait for the notice
    shipped = table.to_json(date(2026, 12, 6))
    assert ["2027-02-05", "2027-02-08", "春节"] in shipped["h"] and shipped["p"] == [2027]
    assert all(h[1] >= "2026" for h in shipped["h"])  # 2025's notice is of no use to a page read from 2026 on
