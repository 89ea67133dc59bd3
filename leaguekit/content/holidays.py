"""`data/holidays.yml`: public holidays (法定节假日) and adjusted working days (调休上班日).

One entry per year, copied from the State Council's annual notice (国务院办公厅关于某年
部分节假日安排的通知), which is published in November or December for the next year.
A year is listed only once its notice is out, and must give every statutory day the law
fixes (`statutory`); until then pages use the statutory days alone. `missing_years` is the
`make check` reminder (a warning) when this year is missing, or from 1 December next year.
"""

from __future__ import annotations

from datetime import date

from . import statutory
from .hours import DAY_LABELS, Calendar, Period
from .problems import Problem, did_you_mean
from .schema import HolidayYear
from .validation import label, validate
from .yamlsource import Loc, YamlSource, dotted

PATH = "data/holidays.yml"
# From this month on, next year's notice is expected (the 2026 notice came out on 2025-11-04).
NEXT_YEAR_FROM_MONTH = 12


def _in_year(day: date, year: int) -> bool:
    """A notice covers its year, and its 元旦 break may start in the December before (2019's did)."""
    return day.year == year or (day.year == year - 1 and day.month == 12)


def calendar(src: YamlSource, problems: list[Problem]) -> Calendar:
    """The validated table; every problem is added to `problems` with its line."""
    path = src.path

    def problem(loc: Loc, message: str, hint: str, value: object = None) -> None:
        problems.append(Problem(path, src.line(loc), dotted(loc[1:]), message, hint, label=label(HolidayYear, loc[1:]), value=None if value is None else str(value)))

    if not isinstance(src.data, list):
        problems.append(Problem(path, 1, "", "应为列表", "每年一项，以“- year: 2026”开头"))
        return Calendar()
    years: dict[int, int] = {}
    holidays: list[tuple[Period, Loc]] = []
    workdays: list[tuple[date, str, Loc]] = []
    for index, item in enumerate(src.data):
        entry = validate(HolidayYear, item, src, (index,), problems)
        if entry is None:
            continue
        if entry.year in years:
            problem((index, "year"), f"{entry.year} 年写了两次", "每年只写一项；请合并或删除重复的一项", entry.year)
            continue
        years[entry.year] = index
        names = [h.name for h in entry.holidays]
        periods = [Period(h.first, h.last, h.name) for h in entry.holidays]
        required = statutory.days(entry.year) if entry.year >= statutory.FIRST_YEAR else {}
        left_out = [(day, name) for day, name in required.items() if not any(day in p for p in periods)]
        if left_out:
            days = "、".join(f"{name} {day}" for day, name in left_out)
            problem((index, "holidays"), f"漏了法定假日：{days}", "《全国年节及纪念日放假办法》规定的假日每年都放；请照通知原文补上含这些日期的放假安排")
        for i, h in enumerate(entry.holidays):
            wrong = [(key, day) for key, day in (("from", h.first), ("to", h.last)) if not _in_year(day, entry.year)]
            for key, day in wrong:
                problem((index, "holidays", i, key), f"不在 {entry.year} 年", f"这一项是 {entry.year} 年的通知；日期请照通知原文抄写", day)
            if not wrong:  # a mistyped year would otherwise clash with every other date
                holidays.append((Period(h.first, h.last, h.name), (index, "holidays", i, "from")))
        for i, w in enumerate(entry.workdays):
            loc = (index, "workdays", i, "date")
            if not _in_year(w.date, entry.year):
                problem(loc, f"不在 {entry.year} 年", f"这一项是 {entry.year} 年的通知；日期请照通知原文抄写", w.date)
            if w.date.weekday() < 5:
                problem(loc, f"是{DAY_LABELS[w.date.weekday()]}", "调休上班日是本该休息的周六或周日；请核对通知原文", w.date)
            if w.holiday not in names:
                problem((index, "workdays", i, "for"), "不是本年放假安排中的节日", did_you_mean(w.holiday, names), w.holiday)
            workdays.append((w.date, w.holiday, loc))
    holidays.sort(key=lambda item: item[0].first)
    for (before, _), (after, loc) in zip(holidays, holidays[1:]):
        if after.first <= before.last:
            problem(loc, f"与{before.name}（{before.first}至{before.last}）重叠", "请核对通知原文", after.first)
    for day, _, loc in workdays:
        clash = next((p for p, _ in holidays if day in p), None)
        if clash is not None:
            problem(loc, f"在{clash.name}假期之内", "调休上班日不会落在放假期间；请核对通知原文", day)
    return Calendar(
        holidays=tuple(p for p, _ in holidays),
        workdays=tuple(sorted((day, name) for day, name, _ in workdays)),
        years=frozenset(years),
    )


def missing_years(table: Calendar, today: date) -> list[Problem]:
    """Warnings when this year's notice is missing, and from 1 December when next year's is."""
    found = []
    if today.year not in table.years:
        found.append(Problem(PATH, 1, "year", f"没有 {today.year} 年的节假日安排", "请按国务院办公厅当年的节假日安排通知补上；补上之前，页面只按法定假日显示，并说明调休以通知为准", level="warning"))
    if today.month >= NEXT_YEAR_FROM_MONTH and today.year + 1 not in table.years:
        found.append(
            Problem(
                PATH,
                1,
                "year",
                f"还没有 {today.year + 1} 年的节假日安排",
                f"国务院办公厅通常在年底前发布《关于{today.year + 1}年部分节假日安排的通知》；发布后请照原文补上放假和调休上班日期",
                level="warning",
            )
        )
    return found
