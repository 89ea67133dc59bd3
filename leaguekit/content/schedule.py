"""Activities in time: their occurrences in China time, the labels people read, and where a page files them.

A static page is read days or weeks after it was built. The build files every activity
by the build date (the fallback without JavaScript); `leaguekit/theme/assets/javascripts/activities.js`
files it again by the reader's clock with the same rules (`status`), and the browser
tests compare the two. The build date comes from the environment or git, never the
clock, so two builds of one commit are identical.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from .schema import WEEKDAYS, Activity, Weekly, china_datetime

CHINA = ZoneInfo("Asia/Shanghai")
WEEKDAY_LABELS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

State = Literal["ongoing", "upcoming", "over"]
Section = Literal["this-week", "next-week", "later", "finished", "past"]
# What /activities/ lists, in order: on now and coming first, this week's finished ones last.
SECTIONS: tuple[tuple[Section, str], ...] = (("this-week", "本周"), ("next-week", "下周"), ("later", "以后"), ("finished", "本周已结束"))
STATE_LABELS = {"ongoing": "正在进行", "over": "已结束", "today": "今天"}


@dataclass(frozen=True)
class Occurrence:
    """One session, start and end as aware datetimes in China time."""

    start: datetime
    end: datetime

    @property
    def data(self) -> str:
        """`2026-12-03T19:00/2026-12-03T21:00`: the form activities.js reads (China time, no offset)."""
        return f"{self.start:%Y-%m-%dT%H:%M}/{self.end:%Y-%m-%dT%H:%M}"


@dataclass(frozen=True)
class ActivityEntry:
    """A validated activity with where it came from and every session it has."""

    id: str
    source: str
    data: Activity
    body: str
    occurrences: tuple[Occurrence, ...]
    body_line: int = 1

    @property
    def first(self) -> Occurrence:
        return self.occurrences[0]

    @property
    def last(self) -> Occurrence:
        return self.occurrences[-1]

    @property
    def recurring(self) -> bool:
        return self.data.weekly is not None


def _aware(naive: datetime) -> datetime:
    return naive.replace(tzinfo=CHINA)


def occurrences_of(activity: Activity) -> tuple[Occurrence, ...]:
    """Every session: the one of `start`/`end`, or each listed weekday from start_date to end_date but the skipped dates.

    A weekly rule whose dates are all skipped has none (`content` reports that).
    """
    if activity.weekly is None:
        assert activity.start is not None and activity.end is not None
        return (Occurrence(_aware(china_datetime(activity.start)), _aware(china_datetime(activity.end))),)
    return tuple(Occurrence(_aware(start), _aware(end)) for start, end in weekly_sessions(activity.weekly))


def weekly_sessions(weekly: Weekly) -> Iterable[tuple[datetime, datetime]]:
    begin, finish = weekly.time.split("-")
    first, last = date.fromisoformat(weekly.start_date), date.fromisoformat(weekly.end_date)
    days = {WEEKDAYS.index(d) for d in weekly.days}
    skipped = {date.fromisoformat(d) for d in weekly.except_dates}
    day = first
    while day <= last:
        if day.weekday() in days and day not in skipped:
            yield china_datetime(f"{day} {begin}"), china_datetime(f"{day} {finish}")
        day += timedelta(days=1)


def build_date(dates: Mapping[str, str], environ: Mapping[str, str] = os.environ) -> date:
    """The day the no-JS pages are filed by: SOURCE_DATE_EPOCH, else the newest commit, else today.

    Only a build outside git (no dates) reads the clock.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), CHINA).date()
    if dates:
        return date.fromisoformat(max(dates.values()))
    return datetime.now(CHINA).date()


def start_of_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=CHINA)


def week_start(now: datetime) -> datetime:
    """Monday 00:00 of the week `now` falls in, China time."""
    local = now.astimezone(CHINA)
    return start_of_day(local.date() - timedelta(days=local.weekday()))


@dataclass(frozen=True)
class Status:
    """Where an activity stands at a moment: the session that matters (current, next or last) and its section."""

    state: State
    section: Section
    occurrence: Occurrence

    def badge(self, now: datetime) -> str:
        if self.state != "upcoming":
            return STATE_LABELS[self.state]
        return STATE_LABELS["today"] if self.occurrence.start.astimezone(CHINA).date() == now.astimezone(CHINA).date() else ""


def status(occurrences: tuple[Occurrence, ...], now: datetime) -> Status:
    """On now → this week; else by the next session's week; over → finished if it ended this week, else past."""
    monday = week_start(now)
    for occ in occurrences:
        if occ.start <= now < occ.end:
            return Status("ongoing", "this-week", occ)
        if occ.start > now:
            if occ.start < monday + timedelta(days=7):
                section: Section = "this-week"
            elif occ.start < monday + timedelta(days=14):
                section = "next-week"
            else:
                section = "later"
            return Status("upcoming", section, occ)
    last = occurrences[-1]
    return Status("over", "finished" if last.end > monday else "past", last)


def sort_key(entry_status: tuple[ActivityEntry, Status]) -> tuple[bool, datetime, str]:
    """Within a section: what is on or coming first, by time; what is over last."""
    entry, st = entry_status
    return (st.state == "over", st.occurrence.start, entry.id)


def day_label(day: date, *, year: bool = False) -> str:
    text = f"{day.month}月{day.day}日 {WEEKDAY_LABELS[day.weekday()]}"
    return f"{day.year}年{text}" if year else text


def when_label(occ: Occurrence, *, year: bool = False) -> str:
    """`12月3日 周四 19:00–21:00`, or `7月20日 周一 09:00 至 7月24日 周五 16:00` across days."""
    start, end = occ.start.astimezone(CHINA), occ.end.astimezone(CHINA)
    if start.date() == end.date():
        return f"{day_label(start.date(), year=year)} {start:%H:%M}–{end:%H:%M}"
    return f"{day_label(start.date(), year=year)} {start:%H:%M} 至 {day_label(end.date(), year=year and end.year != start.year)} {end:%H:%M}"


def rule_label(weekly: Weekly) -> str:
    """`每周二、周四 19:00–21:00`."""
    days = "、".join(WEEKDAY_LABELS[WEEKDAYS.index(d)] for d in sorted(weekly.days, key=WEEKDAYS.index))
    return f"每{days} {weekly.time.replace('-', '–')}"


def schedule_text(entry: ActivityEntry) -> str:
    """The whole schedule in one sentence, for the activity page and the calendar description."""
    weekly = entry.data.weekly
    if weekly is None:
        return when_label(entry.first, year=True)
    first, last = date.fromisoformat(weekly.start_date), date.fromisoformat(weekly.end_date)
    text = f"{first.year}年{first.month}月{first.day}日至{last.year}年{last.month}月{last.day}日，{rule_label(weekly)}，共 {len(entry.occurrences)} 次"
    if weekly.except_dates:
        skipped = "、".join(f"{d.month}月{d.day}日" for d in sorted(date.fromisoformat(x) for x in weekly.except_dates))
        text += f"（{skipped}停办）"
    return text


def month_key(occ: Occurrence) -> str:
    return f"{occ.start.astimezone(CHINA):%Y-%m}"


def month_title(key: str) -> str:
    year, month = key.split("-")
    return f"{year}年{int(month)}月"


def by_month(entries: Iterable[ActivityEntry]) -> dict[str, list[tuple[ActivityEntry, tuple[Occurrence, ...]]]]:
    """Month (`2026-10`) → the activities with a session starting in it, each with those sessions; months in order."""
    found: dict[str, list[tuple[ActivityEntry, tuple[Occurrence, ...]]]] = defaultdict(list)
    for entry in entries:
        sessions: dict[str, list[Occurrence]] = defaultdict(list)
        for occ in entry.occurrences:
            sessions[month_key(occ)].append(occ)
        for key, occs in sessions.items():
            found[key].append((entry, tuple(occs)))
    return {key: sorted(found[key], key=lambda item: (item[1][0].start, item[0].id)) for key in sorted(found)}


def fee_label(fee: float | str) -> str:
    return "免费" if fee == "free" else f"{fee:g} 元"


def ages_label(min_age: int | None, max_age: int | None) -> str:
    if min_age is not None and max_age is not None:
        return f"{min_age}–{max_age} 岁"
    if min_age is not None:
        return f"{min_age} 岁以上"
    if max_age is not None:
        return f"{max_age} 岁以下"
    return ""
