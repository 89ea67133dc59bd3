"""Opening hours: the subset of OpenStreetMap `opening_hours` that venues use.

Grammar (rules separated by `;`, a later rule overrides earlier ones for the
days it names, as in OSM):

    rule      = "24/7" | [days " "] (times | "off")
    days      = day ["-" day] {"," day ["-" day]}
    times     = HH:MM "-" HH:MM {"," HH:MM "-" HH:MM}

Days are Mo Tu We Th Fr Sa Su. The same rules are implemented in
`overrides/assets/javascripts/hours.js`; both are tested against
`tests/hours_cases.json` so the browser and the build cannot disagree.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_LABELS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
CHINA_TZ = ZoneInfo("Asia/Shanghai")
CLOSING_SOON_MINUTES = 30

_DAY_RE = "(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAYS_RE = re.compile(rf"^{_DAY_RE}(?:-{_DAY_RE})?(?:,{_DAY_RE}(?:-{_DAY_RE})?)*$")
_RANGE_RE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


class HoursError(ValueError):
    """A rule that is not in the supported subset; the message is Chinese."""


@dataclass(frozen=True)
class Hours:
    """Opening ranges per weekday (0 = Monday), minutes since midnight."""

    source: str
    week: tuple[tuple[tuple[int, int], ...], ...]

    def label(self) -> str:
        return format_hours(self)


def _parse_days(text: str) -> list[int]:
    if not _DAYS_RE.match(text):
        raise HoursError(f"“{text}”不是星期写法，应写 Mo Tu We Th Fr Sa Su，例如 Mo-Fr 或 Sa,Su")
    days: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        a = DAYS.index(first)
        b = DAYS.index(last) if last else a
        if b < a:
            raise HoursError(f"“{part}”的星期范围倒了，应从周一往周日写，例如 Mo-Fr")
        days.extend(range(a, b + 1))
    return days


def _parse_times(text: str) -> list[tuple[int, int]]:
    ranges = []
    for part in text.split(","):
        m = _RANGE_RE.match(part.strip())
        if not m:
            raise HoursError(f"“{part}”不是时间段，应写成 09:00-17:30（24 小时制，两位数字）")
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2 != 0):
            raise HoursError(f"“{part}”的时刻不存在，小时应为 00–24，分钟应为 00–59")
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end <= start:
            raise HoursError(f"“{part}”的结束时间不晚于开始时间；跨午夜请拆成两段")
        ranges.append((start, end))
    ranges.sort()
    for (_, end), (start, _) in zip(ranges, ranges[1:]):
        if start < end:
            raise HoursError(f"“{text}”中的时间段相互重叠")
    return ranges


@functools.lru_cache(maxsize=4096)
def parse_hours(text: str) -> Hours:
    """Parse `text`, raising HoursError with a Chinese explanation (cached: a directory
    repeats a few dozen opening-hours texts across thousands of venues)."""
    source = " ".join(text.split())
    if not source:
        raise HoursError("开放时间为空；不知道时请删除 hours 这一行")
    week: list[list[tuple[int, int]]] = [[] for _ in DAYS]
    for raw_rule in source.split(";"):
        rule = raw_rule.strip()
        if not rule:
            continue
        if rule == "24/7":
            week = [[(0, 24 * 60)] for _ in DAYS]
            continue
        if rule in ("off", "closed"):
            week = [[] for _ in DAYS]
            continue
        head, _, rest = rule.partition(" ")
        if _DAYS_RE.match(head):
            days, spec = _parse_days(head), rest.strip()
        elif head[:1].isdigit():
            days, spec = list(range(7)), rule
        else:
            _parse_days(head)
        if not spec:
            raise HoursError(f"“{rule}”只有星期没有时间，请写时间段（如 09:00-17:30）或 off")
        ranges = [] if spec in ("off", "closed") else _parse_times(spec)
        for day in days:
            week[day] = list(ranges)
    return Hours(source=source, week=tuple(tuple(day) for day in week))


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _day_span(first: int, last: int) -> str:
    if first == last:
        return DAY_LABELS[first]
    if last == first + 1:
        return f"{DAY_LABELS[first]}、{DAY_LABELS[last]}"
    return f"{DAY_LABELS[first]}至{DAY_LABELS[last]}"


def format_hours(hours: Hours) -> str:
    """Chinese label, e.g. `周一至周五 09:00–17:30；周六 09:00–12:00；周日休息`."""
    if all(day == ((0, 1440),) for day in hours.week):
        return "全天开放（24 小时）"
    groups: list[tuple[int, int, tuple[tuple[int, int], ...]]] = []
    for index, ranges in enumerate(hours.week):
        if groups and groups[-1][2] == ranges and groups[-1][1] == index - 1:
            groups[-1] = (groups[-1][0], index, ranges)
        else:
            groups.append((index, index, ranges))
    parts = []
    for first, last, ranges in groups:
        times = "、".join(f"{_hm(a)}–{_hm(b)}" for a, b in ranges) if ranges else "休息"
        parts.append(f"{_day_span(first, last)} {times}")
    return "；".join(parts)


@dataclass(frozen=True)
class OpenState:
    state: str  # "open" | "closing" | "closed"
    label: str
    next_open: datetime | None


def open_state(hours: Hours, when: datetime) -> OpenState:
    """Whether the venue is open at `when`, judged in China time."""
    now = when.astimezone(CHINA_TZ)
    minute = now.hour * 60 + now.minute
    for start, end in hours.week[now.weekday()]:
        if start <= minute < end:
            closes = _closing_minute(hours, now.weekday(), end)
            if closes - minute <= CLOSING_SOON_MINUTES:
                return OpenState("closing", f"即将关门（{_hm(closes % 1440)} 关门）", None)
            return OpenState("open", f"开放中（{_hm(closes % 1440)} 关门）" if closes < 1440 * 7 else "开放中", None)
    nxt = _next_opening(hours, now)
    if nxt is None:
        return OpenState("closed", "已关闭", None)
    if nxt.date() == now.date():
        when_label = f"今天 {nxt:%H:%M}"
    elif nxt.date() == (now + timedelta(days=1)).date():
        when_label = f"明天 {nxt:%H:%M}"
    else:
        when_label = f"{DAY_LABELS[nxt.weekday()]} {nxt:%H:%M}"
    return OpenState("closed", f"已关闭（{when_label} 开放）", nxt)


def _closing_minute(hours: Hours, day: int, end: int) -> int:
    """Minutes from the start of `day` until closing, following ranges across midnight."""
    total = end
    for offset in range(1, 8):
        if total % 1440 != 0:
            break
        following = hours.week[(day + offset) % 7]
        if not following or following[0][0] != 0:
            break
        total = offset * 1440 + following[0][1]
    return total


def _next_opening(hours: Hours, now: datetime) -> datetime | None:
    minute = now.hour * 60 + now.minute
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    for offset in range(0, 8):
        for start, _ in hours.week[(now.weekday() + offset) % 7]:
            if offset == 0 and start <= minute:
                continue
            return midnight + timedelta(days=offset, minutes=start)
    return None
