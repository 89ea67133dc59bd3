"""Opening hours: the subset of OpenStreetMap `opening_hours` that venues use, public holidays and closures.

Grammar (rules separated by `;`, a later rule overrides earlier ones for the
days it names, as in OSM):

    rule      = "24/7" | selector " " (times | "off") | times
    selector  = day ["-" day] | "PH"  {"," …}
    times     = HH:MM "-" HH:MM {"," HH:MM "-" HH:MM}

Days are Mo Tu We Th Fr Sa Su; `PH` is a public holiday (法定节假日). A rule
without a selector applies to Mo-Su. `off` always names its days: a bare `off`
would close every day, which is what `status: closed` or `closures:` say better.

On a public holiday a venue keeps what its `PH` rule (or `24/7`) says; hours that
never mention PH leave holidays unknown (`UNSTATED`): never shown as open or closed.
The holiday table (`Calendar`) holds the State Council's notices and, for a year
without one, the statutory days the law fixes (`statutory`).
An adjusted working day (调休上班日, a Saturday or Sunday worked in exchange
for a holiday) takes the venue's ordinary weekday hours: the hours most of
Monday to Friday have (the earliest such weekday on a tie), and keeps what the
venue opens that weekend day anyway (a Saturday class still runs; `working_day`).

Only this module reads OSM text. The build ships each venue's parsed week
(`Hours.schedule`), the holiday table (`Calendar.to_json`) and its closures to
the browser, where `leaguekit/theme/assets/javascripts/hours.js` answers "open now?"
from them with the same rules as `open_state`; both run `tests/hours_cases.json`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from . import statutory

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_LABELS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
HOLIDAY_LABEL = "法定节假日"
# A venue whose hours say nothing about public holidays: what its week table and labels say for them.
UNSTATED_TIMES = "未说明，请先电话确认"
UNSTATED_LABEL = "节假日开放情况未说明，请先电话确认"
WORKDAY_LABEL = "调休上班日"
CHINA_TZ = ZoneInfo("Asia/Shanghai")
CLOSING_SOON_MINUTES = 30
# How far ahead "next opening" looks: a closure for renovation may last months.
HORIZON_DAYS = 366
PH = 7  # index of the public-holiday entry in a schedule; 8 and 9 are an adjusted working Saturday and Sunday

_SEL_RE = r"(?:PH|(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)"
_SELECTOR_RE = re.compile(rf"^{_SEL_RE}(?:,{_SEL_RE})*$")
_RANGE_RE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
_OFF = ("off", "closed")

Ranges = tuple[tuple[int, int], ...]
ALL_DAY: Ranges = ((0, 1440),)


# Messages the venue form's hours builder also gives (it ships these templates; tests/hours_builder_cases.json
# holds both to the same words).
NOT_AFTER_START = "“{range}”的结束时间不晚于开始时间；跨午夜请拆成两段"
OVERLAPPING = "“{ranges}”中的时间段相互重叠"


_LOOSE_RANGE_RE = re.compile(r"^(\d{1,2})(?:[:：.](\d{2}))?\s*[-–—~～至]\s*(\d{1,2})(?:[:：.](\d{2}))?$")


def time_range_suggestion(part: str) -> str | None:
    """The staffer's own time range written as OSM does (`9:00-17:00` -> `09:00-17:00`), None when unreadable."""
    m = _LOOSE_RANGE_RE.match(part.strip())
    if not m:
        return None
    h1, m1, h2, m2 = m.groups()
    return f"{int(h1):02d}:{m1 or '00'}-{int(h2):02d}:{m2 or '00'}"


def time_range_error(part: str) -> str:
    """Why `part` is not a time range, with the staffer's own times written the right way when they can be read."""
    suggestion = time_range_suggestion(part)
    return f"“{part}”不是时间段，应写成 {suggestion or '时:分-时:分'}（24 小时制，两位数字）"


class HoursError(ValueError):
    """A rule that is not in the supported subset; the message is Chinese."""


@dataclass(frozen=True)
class Hours:
    """Opening ranges per weekday (0 = Monday) and on public holidays, minutes since midnight."""

    source: str
    week: tuple[Ranges, ...]
    holiday: Ranges | None = None  # None: the hours say nothing about public holidays

    @cached_property
    def workday(self) -> Ranges:
        """Hours on an adjusted working day: those most of Monday to Friday have, the earliest on a tie."""
        weekdays = self.week[:5]
        counts = Counter(weekdays)
        return max(weekdays, key=lambda ranges: (counts[ranges], -weekdays.index(ranges)))

    def schedule(self) -> list[list[list[int]]]:
        """What the browser gets instead of OSM text: Monday … Sunday, public holiday (null when unstated), and an
        adjusted working day that falls on a Saturday, then on a Sunday (`working_day`)."""
        days = (*self.week, self.holiday, working_day(self, 5), working_day(self, 6))
        return [None if ranges is None else [list(r) for r in ranges] for ranges in days]

    def label(self) -> str:
        return self._label

    @cached_property
    def _label(self) -> str:
        """Drawn once: a venue's page, its card, its open-data record and each of its HSDS schedules print it."""
        return format_hours(self)


# Day names staff write instead of OSM's two letters (Mon, friday, SA): the hint then gives their selector in OSM.
_DAY_NAMES = {name: day for day in DAYS for name in (day.lower(), {"Mo": "mon", "Tu": "tue", "We": "wed", "Th": "thu", "Fr": "fri", "Sa": "sat", "Su": "sun"}[day])}
_DAY_NAMES |= {"tues": "Tu", "thur": "Th", "thurs": "Th", "monday": "Mo", "tuesday": "Tu", "wednesday": "We", "thursday": "Th", "friday": "Fr", "saturday": "Sa", "sunday": "Su", "ph": "PH"}


def selector_suggestion(text: str) -> str | None:
    """The staffer's own days as OSM writes them (`Mon-Fri` -> `Mo-Fr`), None when a part is not a day name."""
    parts = re.split(r"([,-])", text)
    written = [p if p in ",-" else _DAY_NAMES.get(p.strip().lower()) for p in parts]
    if any(w is None for w in written):
        return None
    suggestion = "".join(w for w in written if w is not None)
    return suggestion if _SELECTOR_RE.match(suggestion) else None


def _parse_selector(text: str) -> list[int]:
    if not _SELECTOR_RE.match(text):
        suggestion = selector_suggestion(text)
        if suggestion:
            raise HoursError(f"“{text}”不是星期写法，应写成 {suggestion}（星期用两个字母：Mo Tu We Th Fr Sa Su，法定节假日写 PH）")
        raise HoursError(f"“{text}”不是星期写法：星期用两个字母 Mo Tu We Th Fr Sa Su，法定节假日写 PH，连续几天用 - 连起来，几段用逗号隔开")
    days: list[int] = []
    for part in text.split(","):
        if part == "PH":
            days.append(PH)
            continue
        first, _, last = part.partition("-")
        a = DAYS.index(first)
        b = DAYS.index(last) if last else a
        if b < a:
            raise HoursError(f"“{part}”的星期范围倒了，应从周一往周日写，例如 Mo-Fr")
        days.extend(range(a, b + 1))
    return days


def _parse_times(text: str) -> Ranges:
    ranges = []
    for part in text.split(","):
        m = _RANGE_RE.match(part.strip())
        if not m:
            raise HoursError(time_range_error(part))
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2 != 0):
            raise HoursError(f"“{part}”的时刻不存在，小时应为 00–24，分钟应为 00–59")
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end <= start:
            raise HoursError(NOT_AFTER_START.format(range=part))
        ranges.append((start, end))
    ranges.sort()
    for (_, end), (start, _) in zip(ranges, ranges[1:]):
        if start < end:
            raise HoursError(OVERLAPPING.format(ranges=text))
    return tuple(ranges)


@functools.lru_cache(maxsize=4096)
def parse_hours(text: str) -> Hours:
    """Parse `text`, raising HoursError with a Chinese explanation (cached: a directory
    repeats a few dozen opening-hours texts across thousands of venues)."""
    source = " ".join(text.split())
    if not source:
        raise HoursError("开放时间为空；不知道时请删除 hours 这一行")
    if source in _OFF:
        raise HoursError(f"“{source}”表示每天都不开放；临时闭馆（如装修）请写 closures，长期停用请写 status: closed，不知道开放时间请删除 hours 这一行")
    days: list[Ranges] = [() for _ in range(PH + 1)]
    holiday_stated = False
    for raw_rule in source.split(";"):
        rule = raw_rule.strip()
        if not rule:
            continue
        if rule == "24/7":
            days = [((0, 1440),) for _ in days]
            holiday_stated = True
            continue
        if rule in _OFF:
            raise HoursError(f"“{rule}”没有写哪几天休息，会让每天都不开放；请写明星期，例如 Sa,Su off 或 PH off")
        head, _, rest = rule.partition(" ")
        if head[:1].isdigit():
            selected, spec = list(range(7)), rule
        else:
            selected, spec = _parse_selector(head), rest.strip()
        if not spec:
            raise HoursError(f"“{rule}”只有星期没有时间，请在后面写时间段（时:分-时:分）或 off")
        ranges = () if spec in _OFF else _parse_times(spec)
        for day in selected:
            days[day] = ranges
        holiday_stated = holiday_stated or PH in selected
    if not any(days):
        raise HoursError("按这样写，阵地任何时候都不开放；临时闭馆请写 closures，长期停用请写 status: closed")
    return Hours(source=source, week=tuple(days[:PH]), holiday=days[PH] if holiday_stated else None)


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _times(ranges: Ranges | None) -> str:
    if ranges is None:
        return UNSTATED_TIMES
    return "、".join(f"{_hm(a)}–{_hm(b)}" for a, b in ranges) if ranges else "休息"


def _day_span(first: int, last: int) -> str:
    if first == last:
        return DAY_LABELS[first]
    if last == first + 1:
        return f"{DAY_LABELS[first]}、{DAY_LABELS[last]}"
    return f"{DAY_LABELS[first]}至{DAY_LABELS[last]}"


def table_rows(hours: Hours) -> list[tuple[str, str, str]]:
    """(key, label, times) for the week table of a venue page: 0–6 (Monday …), "ph", "workday".

    hours.js marks today's row by the same keys.
    """
    rows = [(str(i), DAY_LABELS[i], _times(ranges)) for i, ranges in enumerate(hours.week)]
    weekend = [working_day(hours, day) for day in (5, 6)]
    if all(ranges == hours.workday for ranges in weekend):
        workday = _times(hours.workday)
    elif not hours.workday:
        workday = "同当天周六、周日开放时间"
    else:
        workday = f"{_times(hours.workday)}，另加当天周六、周日原有时段"
    return rows + [("ph", HOLIDAY_LABEL, _times(hours.holiday)), ("workday", WORKDAY_LABEL, workday)]


def format_hours(hours: Hours) -> str:
    """Chinese label, e.g. `周一至周五 09:00–17:30；周六 09:00–12:00；周日 休息；法定节假日 休息`."""
    if all(day == ALL_DAY for day in hours.week):
        parts = ["全天开放（24 小时）"]
    else:
        groups: list[tuple[int, int, Ranges]] = []
        for index, ranges in enumerate(hours.week):
            if groups and groups[-1][2] == ranges and groups[-1][1] == index - 1:
                groups[-1] = (groups[-1][0], index, ranges)
            else:
                groups.append((index, index, ranges))
        parts = [f"{_day_span(first, last)} {_times(ranges)}" for first, last, ranges in groups]
    if not (hours.holiday == ALL_DAY and parts[0].startswith("全天")):
        parts.append(f"{HOLIDAY_LABEL} {_times(hours.holiday)}")
    return "；".join(parts)


# --- the holiday table and closures ------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Days from `first` to `last` inclusive: a public holiday or a venue's closure, and why."""

    first: date
    last: date
    name: str

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class Calendar:
    """Public holidays and adjusted working days: the State Council's notices in data/holidays.yml
    (`years`), and for any other year the statutory days alone (`statutory`), whose bridge days and
    adjusted working days wait for that year's notice."""

    holidays: tuple[Period, ...] = ()
    workdays: tuple[tuple[date, str], ...] = ()
    years: frozenset[int] = field(default_factory=frozenset)

    @cached_property
    def _holiday(self) -> dict[date, str]:
        return {p.first + timedelta(days=n): p.name for p in self.holidays for n in range((p.last - p.first).days + 1)}

    def holiday(self, day: date) -> str | None:
        name = self._holiday.get(day)
        if name is None and self.provisional(day.year) and day.year >= statutory.FIRST_YEAR:
            return statutory.days(day.year).get(day)
        return name

    @cached_property
    def _workday(self) -> dict[date, str]:
        return dict(self.workdays)

    def workday(self, day: date) -> str | None:
        return self._workday.get(day)

    def provisional(self, year: int) -> bool:
        """True while `year`'s notice is not in the table: only its statutory days are known."""
        return year not in self.years

    def to_json(self, today: date) -> dict:
        """For the browser, the years a page built on `today` may be read in (this one and the next):
        {"h": [[from, to, name] …], "w": [[date, name] …], "p": [years known from the law alone]} with ISO dates.
        A notice's periods come first: a notice's 元旦 break may begin in a December with no notice."""
        provisional = [year for year in (today.year, today.year + 1) if self.provisional(year)]
        computed = [Period(first, last, name) for year in provisional for first, last, name in statutory.periods(year)]
        notice = [p for p in self.holidays if p.last.year >= today.year]
        return {
            "h": [[p.first.isoformat(), p.last.isoformat(), p.name] for p in (*notice, *computed)],
            "w": [[d.isoformat(), name] for d, name in self.workdays if d.year >= today.year],
            "p": provisional,
        }


def closures_json(closures: Sequence[Period]) -> list[list[str]]:
    return [[c.first.isoformat(), c.last.isoformat(), c.name] for c in closures]


def working_day(hours: Hours, weekday: int) -> Ranges:
    """An adjusted working day's ranges: the weekday hours and that weekend day's own, merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((*hours.workday, *hours.week[weekday])):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


@dataclass(frozen=True)
class DayPlan:
    ranges: Ranges
    why: str  # "closure" | "holiday" | "unstated" (a holiday the hours say nothing about) | "workday" | ""
    name: str = ""


def day_plan(hours: Hours, day: date, calendar: Calendar, closures: Sequence[Period] = ()) -> DayPlan:
    """A venue's opening ranges on one date: a closure beats a public holiday, which beats the week."""
    for closure in closures:
        if day in closure:
            return DayPlan((), "closure", closure.name)
    if (name := calendar.holiday(day)) is not None:
        return DayPlan((), "unstated", name) if hours.holiday is None else DayPlan(hours.holiday, "holiday", name)
    if (name := calendar.workday(day)) is not None:
        return DayPlan(working_day(hours, day.weekday()), "workday", name)
    return DayPlan(hours.week[day.weekday()], "")


@dataclass(frozen=True)
class OpenState:
    state: str  # "open" | "closing" | "closed" | "holiday" | "closure" | "unstated"
    label: str
    next_open: datetime | None


def open_state(hours: Hours, when: datetime, calendar: Calendar, closures: Sequence[Period] = ()) -> OpenState:
    """Whether the venue is open at `when`, judged in China time, and if not, when it opens next.

    On a holiday its hours say nothing about, neither: the visitor is asked to call. So is a
    closed venue whose next opening would come after such a holiday."""
    now = when.astimezone(CHINA_TZ)
    today = now.date()
    minute = now.hour * 60 + now.minute
    plan = day_plan(hours, today, calendar, closures)
    if plan.why == "unstated":
        return OpenState("unstated", f"节假日开放情况未说明（{plan.name}），请先电话确认", None)
    for start, end in plan.ranges:
        if start <= minute < end:
            closes = _closing_minute(hours, today, end, calendar, closures)
            if closes - minute <= CLOSING_SOON_MINUTES:
                return OpenState("closing", f"即将关门 · {_hm(closes % 1440)} 关门", None)
            return OpenState("open", f"开放中 · {_hm(closes % 1440)} 关门" if closes < 1440 * 7 else "开放中", None)
    nxt, unstated = _next_opening(hours, today, minute, calendar, closures)
    if plan.why == "closure":
        state, label = "closure", f"暂停开放（{plan.name}）"
    elif plan.why == "holiday" and not plan.ranges:
        state, label = "holiday", f"节假日休息（{plan.name}）"
    else:
        state, label = "closed", "休息中"
    if nxt is not None:
        label += f" · {_when(nxt, today)} 开门"
    elif unstated:
        label += f" · {unstated}假期开放情况未说明，请先电话确认"
    return OpenState(state, label, nxt)


def _when(moment: datetime, today: date) -> str:
    days = (moment.date() - today).days
    if days == 0:
        day = "今天"
    elif days == 1:
        day = "明天"
    elif days < 7:
        day = DAY_LABELS[moment.weekday()]
    else:
        day = f"{moment.month}月{moment.day}日"
    return f"{day} {moment:%H:%M}"


def _closing_minute(hours: Hours, today: date, end: int, calendar: Calendar, closures: Sequence[Period]) -> int:
    """Minutes from the start of `today` until closing, following ranges across midnight."""
    total = end
    for offset in range(1, 8):
        if total % 1440 != 0:
            break
        following = day_plan(hours, today + timedelta(days=offset), calendar, closures).ranges
        if not following or following[0][0] != 0:
            break
        total = offset * 1440 + following[0][1]
    return total


def _next_opening(hours: Hours, today: date, minute: int, calendar: Calendar, closures: Sequence[Period]) -> tuple[datetime | None, str]:
    """The next opening, or (None, holiday) when a holiday the hours say nothing about comes first."""
    midnight = datetime(today.year, today.month, today.day, tzinfo=CHINA_TZ)
    for offset in range(HORIZON_DAYS + 1):
        plan = day_plan(hours, today + timedelta(days=offset), calendar, closures)
        if plan.why == "unstated":
            return None, plan.name
        for start, _ in plan.ranges:
            if offset == 0 and start <= minute:
                continue
            return midnight + timedelta(days=offset, minutes=start), ""
    return None, ""
