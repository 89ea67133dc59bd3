"""Opening hours as staff write them (周一至周五 9:00-17:00，周末休息) turned into OpenStreetMap text.

The sheet, the form and `make check` read staff's hours through this one converter; `hours.py`
stays the only reader of OSM text. The text is read as a row of tokens: days (周一至周五, 工作日,
每天, 周末, 除周一外, 节假日, Mo-Fr, PH), time ranges (9:00-17:00, 上午9点-12点, 下午2:00-5:30,
全天), 休息 and 照常开放. Days gather until a time or 休息 follows; times after times add a range
to the same days; a later statement overrides an earlier one for the days it names, as in OSM.
A time with no days before it is refused (which days?), and so is anything not in that vocabulary,
named as written.

`leaguekit/theme/assets/javascripts/staff-input.js` is the same converter for the venue form; both run
`tests/hours_words_cases.json`, and the messages below reach the browser with the page's data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .hours import DAYS, NOT_AFTER_START, OVERLAPPING, PH, HoursError, parse_hours

MESSAGES = {
    "unknown": "开放时间中的“{part}”看不懂：请用 周一至周五、每天、周末、节假日 这样的日子，加 9:00-17:00 这样的时间段或 休息",
    "noDays": "“{part}”没有写哪几天：请在前面写上日子，例如 每天、工作日 或 周一至周五",
    "noTimes": "“{part}”没有写开放时间：请在后面写时间段（如 {example}）或 休息",
    "badTime": "“{part}”的时刻不存在：小时应为 0–24，分钟应为 0–59",
    "timeAndOff": "“{part}”前面已经写了时间，又写休息：请分开写，例如 周一至周五 9:00-17:00，周末休息",
    "usualUnknown": "“{part}”：没有写平时的开放时间，照常是几点？请写明时间段",
    "usualDiffers": "“{part}”：平时各天的开放时间不同，照常是哪一段？请写明时间段",
    "empty": "开放时间为空",
    "never": "按这样写，阵地任何时候都不开放：请写开放的日子和时间",
    "notAfterStart": NOT_AFTER_START,
    "overlapping": OVERLAPPING,
}

_DAY_CHARS = "一二三四五六日天七1234567"
_DAY = rf"(?:周|星期|礼拜)[{_DAY_CHARS}]"
_DAY_OR_BARE = rf"(?:{_DAY}|[一二三四五六日])"
_DAY_RANGE = rf"{_DAY}(?:\s*[-至到]\s*{_DAY_OR_BARE})?"
_DAY_LIST = rf"{_DAY_RANGE}(?:\s*[、,和及与]\s*{_DAY_OR_BARE}(?:\s*[-至到]\s*{_DAY_OR_BARE})?)*"
_OSM_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_PERIOD = r"上午|早上|早晨|中午|下午|傍晚|晚上"
_TIME = rf"(?:({_PERIOD})\s*)?([0-9]{{1,2}})(?:[:.]([0-9]{{2}})|点(?:([0-9]{{1,2}})分?|(半))?|时(?:([0-9]{{1,2}})分?)?)"

# (kind, pattern), tried in this order at each position; the first that matches is taken.
TOKENS = (
    ("skip", r"[\s,;。、/|]+"),
    ("always", r"24/7"),
    ("allDay", r"全天(?:开放)?|24\s*小时(?:开放)?"),
    ("time", rf"{_TIME}\s*[-至到]\s*{_TIME}"),
    ("except", rf"除了?\s*({_DAY_LIST})\s*(?:以外|之外|外)?"),
    ("exceptAfter", rf"\(?\s*({_DAY_LIST})\s*除外\s*\)?"),
    ("days", _DAY_LIST),
    ("days", rf"{_OSM_DAY}(?:-{_OSM_DAY})?"),
    ("days", r"全年无休|工作日|每天|每日|天天|全周|周末|双休日|法定节假日|法定假日|节假日|节日|PH"),
    ("off", r"不对外开放|不开放|休息|闭馆|休馆|关闭|闭门|off|closed"),
    ("usual", r"照常开放|正常开放|照常|正常"),
    ("filler", r"开放时间|营业时间|办公时间|服务时间|开放|营业|办公|时间|对外|均|全年|期间|每|以及|及|和|与|为|:|\(|\)"),
)
_TOKEN_RES = tuple((kind, re.compile(pattern)) for kind, pattern in TOKENS)
DASHES = "—–―‐‑~〜～"
_DASHES = str.maketrans({c: "-" for c in DASHES})
_LIST_SPLIT = r"\s*[、,和及与]\s*"
_RANGE_SPLIT = r"\s*[-至到]\s*"
_DAY_INDEX = {c: i for i, c in enumerate("一二三四五六")} | {"日": 6, "天": 6, "七": 6} | {str(n): n - 1 for n in range(1, 8)}
_WORD_DAYS = {
    "全年无休": (*range(7), PH), "工作日": range(5), "每天": range(7), "每日": range(7), "天天": range(7), "全周": range(7),
    "周末": (5, 6), "双休日": (5, 6), "法定节假日": (PH,), "法定假日": (PH,), "节假日": (PH,), "节日": (PH,), "PH": (PH,),
}
_EVENING = ("下午", "傍晚", "晚上")
WEEK = frozenset(range(7))


def osm_hint(text: str, error: HoursError) -> str:
    """What `make check` says of hours that are not OSM text: the exact OSM text to write when the
    converter reads them, else what went wrong (the converter's words for Chinese, hours.py's for OSM)."""
    try:
        return f"请改为 hours: {to_osm(text)}"
    except HoursError as words_error:
        return str(words_error) if re.search(r"[\u3400-\u9fff\uff00-\uffef]", text) else str(error)


def browser_data() -> dict:
    """What staff-input.js needs to read hours exactly as `to_osm` does: the token patterns (written
    in the syntax both Python and JavaScript regular expressions share), the day words, the messages."""
    return {
        "tokens": [list(t) for t in TOKENS],
        "dashes": DASHES,
        "listSplit": _LIST_SPLIT,
        "rangeSplit": _RANGE_SPLIT,
        "dayIndex": _DAY_INDEX,
        "wordDays": {word: list(days) for word, days in _WORD_DAYS.items()},
        "osmDays": list(DAYS),
        "evening": list(_EVENING),
        "messages": MESSAGES,
    }


class HoursWordsError(HoursError):
    """Hours in words the converter cannot turn into OSM; the message names the part."""


def prepare(text: str) -> str:
    """Full-width forms folded (９：００，) and every dash a hyphen."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES).strip()


def _day_set(text: str) -> set[int]:
    """周一至周五、周日 / Mo-Fr / 工作日 … as day indexes (7 = PH)."""
    if text in _WORD_DAYS:
        return set(_WORD_DAYS[text])
    if text[:2] in DAYS:
        first, _, last = text.partition("-")
        return _span(DAYS.index(first), DAYS.index(last or first))
    days: set[int] = set()
    for part in re.split(_LIST_SPLIT, text):
        ends = [_DAY_INDEX[m[-1]] for m in re.split(_RANGE_SPLIT, part)]
        days |= _span(ends[0], ends[-1])
    return days


def _span(first: int, last: int) -> set[int]:
    """first … last, wrapping past Sunday (周五至周一)."""
    return {(first + n) % 7 for n in range((last - first) % 7 + 1)}


def _minute(period: str | None, hour: str, *minutes: str | None) -> int | None:
    h = int(hour)
    m = 30 if minutes[2] else int(next((x for x in (minutes[0], minutes[1], minutes[3]) if x), "0"))
    if period in _EVENING and h < 12 or period == "中午" and h < 6:
        h += 12
    if h > 24 or m > 59 or (h == 24 and m):
        return None
    return h * 60 + m


def _range(match: re.Match[str]) -> tuple[int, int] | None:
    g = match.groups()
    start = _minute(g[0], g[1], *g[2:6])
    end = _minute(g[6] or g[0], g[7], *g[8:12])
    if start is None or end is None:
        return None
    return start, 1440 if end == 0 else end


@dataclass
class _Group:
    days: set[int]
    ranges: list[tuple[int, int]] | None  # None: closed
    usual: str = ""  # the words of 照常开放: the ranges come from the open weekdays


@dataclass
class _State:
    groups: list[_Group] = field(default_factory=list)
    days: set[int] = field(default_factory=set)
    exclude: set[int] = field(default_factory=set)
    words: str = ""  # the text of the days gathered, for messages
    attached: bool = False  # the last days have a time or 休息

    def fresh(self) -> None:
        if self.attached:
            self.days, self.exclude, self.words, self.attached = set(), set(), "", False

    def take(self, part: str) -> set[int]:
        """The days gathered so far, for a time or 休息 written as `part`."""
        if not self.days and not self.exclude:
            raise HoursWordsError(MESSAGES["noDays"].format(part=part))
        return (self.days or set(WEEK)) - self.exclude


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _tokens(text: str):
    i = 0
    while i < len(text):
        for kind, regex in _TOKEN_RES:
            match = regex.match(text, i)
            if match and match.end() > i:
                yield kind, match
                i = match.end()
                break
        else:
            j = i + 1
            while j < len(text) and j - i < 20 and not any(kind != "filler" and r.match(text, j) for kind, r in _TOKEN_RES):
                j += 1
            raise HoursWordsError(MESSAGES["unknown"].format(part=text[i:j].strip()))


def to_osm(text: str) -> str:
    """The OSM text for `text`, or HoursWordsError naming what could not be read."""
    source = prepare(text)
    if not source:
        raise HoursWordsError(MESSAGES["empty"])
    state = _State()
    for kind, match in _tokens(source):
        part = match.group(0).strip()
        if kind in ("skip", "filler"):
            continue
        if kind == "days":
            state.fresh()
            state.days |= _day_set(part)
            state.words = f"{state.words}{part}" if state.words else part
        elif kind == "except":
            state.fresh()
            state.exclude |= _day_set(match.group(1))
            state.words += part
        elif kind == "exceptAfter":
            if state.attached:
                state.groups[-1].days -= _day_set(match.group(1))
            else:
                state.exclude |= _day_set(match.group(1))
        elif kind in ("time", "allDay", "always"):
            span = (0, 1440) if kind != "time" else _range(match)
            if span is None:
                raise HoursWordsError(MESSAGES["badTime"].format(part=part))
            if kind == "always":
                state.fresh()
                state.days, state.words = set(WEEK) | {PH}, part
            if state.attached and state.groups[-1].ranges is not None and not state.groups[-1].usual:
                state.groups[-1].ranges.append(span)
            elif state.attached:
                raise HoursWordsError(MESSAGES["timeAndOff"].format(part=part))
            else:
                state.groups.append(_Group(state.take(part), [span]))
                state.attached = True
        elif kind in ("off", "usual"):
            if state.attached:
                raise HoursWordsError(MESSAGES["timeAndOff"].format(part=f"{state.words}…{part}"))
            state.groups.append(_Group(state.take(part), None if kind == "off" else [], usual=state.words + part if kind == "usual" else ""))
            state.attached = True
    if not state.attached and (state.days or state.exclude):
        raise HoursWordsError(MESSAGES["noTimes"].format(part=state.words, example="9:00-17:00"))
    return _osm(state.groups)


def _osm(groups: list[_Group]) -> str:
    table: dict[int, tuple[tuple[int, int], ...] | None] = {}
    # 照常开放 takes the week's hours once all of them are known, wherever it was written.
    for group in sorted(groups, key=lambda g: bool(g.usual)):
        ranges = _usual(table, group.usual) if group.usual else tuple(sorted(group.ranges)) if group.ranges is not None else None
        if ranges and not group.usual:
            _check(ranges)
        for day in group.days:
            table[day] = ranges
    if all(table.get(day) == ((0, 1440),) for day in (*WEEK, PH)):
        return "24/7"
    rules: list[tuple[str, tuple[tuple[int, int], ...]]] = []
    seen: list[tuple[tuple[int, int], ...]] = []
    for day in sorted(table):
        ranges = table[day]
        if ranges and ranges not in seen:
            seen.append(ranges)
            rules.append((_selector([d for d in sorted(table) if table[d] == ranges]), ranges))
    if not rules:
        raise HoursWordsError(MESSAGES["never"])
    text = "; ".join(f"{sel} {','.join(f'{_hm(a)}-{_hm(b)}' for a, b in ranges)}" for sel, ranges in rules)
    if PH in table and table[PH] is None:
        text += "; PH off"
    parse_hours(text)  # what the converter writes must be OSM the kit reads; its message otherwise
    return text


def _usual(table: dict[int, tuple[tuple[int, int], ...] | None], words: str) -> tuple[tuple[int, int], ...]:
    kinds = {table[d] for d in range(7) if table.get(d)}
    if not kinds:
        raise HoursWordsError(MESSAGES["usualUnknown"].format(part=words))
    if len(kinds) > 1:
        raise HoursWordsError(MESSAGES["usualDiffers"].format(part=words))
    return kinds.pop()  # type: ignore[return-value]


def _check(ranges: tuple[tuple[int, int], ...]) -> None:
    for start, end in ranges:
        if end <= start:
            raise HoursWordsError(NOT_AFTER_START.format(range=f"{_hm(start)}-{_hm(end)}"))
    for (_, end), (start, _) in zip(ranges, ranges[1:]):
        if start < end:
            raise HoursWordsError(OVERLAPPING.format(ranges=",".join(f"{_hm(a)}-{_hm(b)}" for a, b in ranges)))


def _selector(days: list[int]) -> str:
    """Mo-Fr, Sa,Su, Mo,We, Mo-Su,PH: three days or more in a row as a range (as the form's builder writes)."""
    week = [d for d in days if d < 7]
    parts: list[str] = []
    i = 0
    while i < len(week):
        j = i
        while j + 1 < len(week) and week[j + 1] == week[j] + 1:
            j += 1
        parts += [f"{DAYS[week[i]]}-{DAYS[week[j]]}"] if j - i >= 2 else [DAYS[d] for d in week[i : j + 1]]
        i = j + 1
    return ",".join(parts + (["PH"] if PH in days else []))
