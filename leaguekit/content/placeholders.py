"""What the scaffold (`make new-venue`, `new-brand`, `new-activity`) writes where staff must fill in,
and the check that none of it reaches the public site.

A scaffolded file passes `make check` as written because it says `sample: true` (its page shows
示例数据). Once that line is gone, every placeholder left in it is an error saying what to fill in:
text marked 待补充 (in any field or the body), the example phone from the schema, and coordinates
that are still the point the scaffold put there. The scaffold takes its placeholders from here,
so the two cannot drift apart.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel

from .files import front_line, front_matter
from .model import Content, VenueEntry
from .problems import Problem
from .schema import Venue
from .validation import label

MARK = "待补充"
# Uncommented as written, the schema's example phone would publish a number nobody answers.
EXAMPLE_PHONE = Venue.model_fields["phone"].examples[0]
# The first venue of a new site, or an activity of an org without venues, needs a point somewhere until
# staff give the real one: the geodetic origin of China (大地原点, 泾阳), the same for every site.
FALLBACK_POINT = (34.5408, 108.9239)

BODIES = {
    "venue": f"（{MARK}：这个阵地做什么、青年来了能做什么。用 Markdown 书写，不用 HTML。）",
    "brand": f"（{MARK}：项目的由来、内容、成效。用 Markdown 书写，不用 HTML。）",
    "activity": f"（{MARK}：活动内容、流程、需要带什么。用 Markdown 书写，不用 HTML。）",
}
ACTIVITY_SUMMARY = f"（{MARK}）一两句话说明活动内容。"
PLACE_NAME = f"（{MARK}）活动地点"
AUDIENCE = f"（{MARK}）面向哪些青少年"

# What to write instead, by field; other fields get "请填写实际的<label>".
FILL_IN = {
    "address": "请写实际地址，写到门牌号和楼层",
    "summary": "请用一两句话写清内容",
    "place.name": "请写活动地点的名称，例如“某某中学报告厅”",
    "place.address": "请写活动地点的实际地址，写到门牌号",
    "audience.who": "请写谁可以参加，例如“本区 8–14 岁少年儿童及家长”",
}
BODY_FILL_IN = {
    "venue": "请写这个阵地做什么、青年来了能做什么",
    "brand": "请写项目的由来、内容和成效",
    "activity": "请写活动内容、流程、需要带什么",
}
KEEP_SAMPLE = "；核实之前请保留 sample: true（页面显示“示例数据”）"
INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]")
# Characters NFKC turns into other ideographs: CJK radicals, Kangxi radicals, compatibility ideographs.
COMPATIBLE = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


def address(region: str) -> str:
    return f"{region}（详细地址{MARK}）"


def point(venues: Sequence[VenueEntry]) -> tuple[float, float]:
    """Where the scaffold puts a new venue until staff give its coordinates: the centre of `venues`
    (the org's open venues), to 4 decimals."""
    if not venues:
        return FALLBACK_POINT
    return (
        round(sum(v.data.location.lat for v in venues) / len(venues), 4),
        round(sum(v.data.location.lng for v in venues) / len(venues), 4),
    )


def venues_near(content: Content, org: str, besides: str = "") -> list[VenueEntry]:
    """The venues a new file of `org` takes its placeholder point from: the org's own open venues (and its
    sub-orgs'), else all open venues; `besides` is left out (the venue being checked)."""
    return [v for v in content.venues_of_org(org) if v.id != besides] or [v for v in content.open_venues if v.id != besides]


def marked(text: str) -> bool:
    """Whether a reader would see 待补充 in `text`, however it was spaced or typed (compatibility
    ideographs, zero-width characters). Most texts have no 补 and no compatibility character: those are
    answered without normalising them (69,000 venues hold about a million texts)."""
    if text.isascii() or ("补" not in text and not COMPATIBLE.search(text)):
        return False
    return MARK in INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def _has_placeholder(record: BaseModel) -> bool:
    """Whether any text of `record` needs a closer look: the quick pass, before paths and lines are worked out."""
    stack: list[Any] = list(record.__dict__.values())
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is str:
            if value == EXAMPLE_PHONE or marked(value):
                return True
        elif kind is list:
            stack.extend(value)
        elif isinstance(value, BaseModel):
            stack.extend(value.__dict__.values())
    return False


@functools.cache
def _keys(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    return tuple((name, info.alias or name) for name, info in model.model_fields.items())


def texts(record: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text value of a validated record, with the YAML path it was read from."""
    values = record.__dict__
    for name, key in _keys(type(record)):
        yield from _texts_in(values[name], loc + (key,))


def _texts_in(value: Any, loc: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        yield from texts(value, loc)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts_in(item, loc + (index,))


def check(content: Content) -> list[Problem]:
    """Placeholders left in files that no longer say `sample: true`."""
    problems: list[Problem] = []
    entries: list[tuple[str, Any]] = [("venue", v) for v in content.venues] + [("brand", b) for b in content.brands] + [("activity", a) for a in content.activities]
    for kind, entry in entries:
        if entry.data.sample:
            continue
        for loc, text in texts(entry.data) if _has_placeholder(entry.data) else ():
            if marked(text):
                problems.append(_problem(content, entry.source, loc, type(entry.data), "还是模板的占位文字", FILL_IN.get(_key(loc), f"请填写实际的{label(type(entry.data), loc)}"), text))
            elif text == EXAMPLE_PHONE and loc[-1] == "phone":
                problems.append(_problem(content, entry.source, loc, type(entry.data), "还是模板中的示例电话", "请写阵地的办公座机或服务热线；没有就删除这一行", text))
        if marked(entry.body):
            offset = next((n for n, line in enumerate(entry.body.splitlines()) if marked(line)), 0)
            problems.append(Problem(entry.source, entry.body_line + offset, "正文", "还是模板的占位文字", BODY_FILL_IN[kind] + KEEP_SAMPLE))
        where = _location_of(kind, entry)
        if where is not None and _at_placeholder(content, kind, entry, where[0], *where[1]):
            problems.append(
                _problem(
                    content,
                    entry.source,
                    where[0],
                    type(entry.data),
                    "还是模板的占位坐标（本团组织各阵地的中心点）",
                    "请在地图上找到实际位置，复制经纬度；从高德、腾讯地图复制的加 datum: gcj02，从百度地图复制的加 datum: bd09",
                    None,
                )
            )
    return problems


def _key(loc: tuple) -> str:
    return ".".join(str(part) for part in loc if not isinstance(part, int))


def _problem(content: Content, source: str, loc: tuple, model: type[BaseModel], message: str, hint: str, value: str | None) -> Problem:
    shown = value if value is None or len(value) <= 60 else value[:57] + "…"
    return Problem(source, front_line(content.root, source, loc), _key(loc), message, hint + KEEP_SAMPLE, label=label(model, loc), value=shown)


def _location_of(kind: str, entry: Any) -> tuple[tuple, tuple[float, float]] | None:
    if kind == "venue":
        return ("location",), (entry.data.location.lat, entry.data.location.lng)
    if kind == "activity" and entry.data.place is not None:
        return ("place", "location"), (entry.data.place.location.lat, entry.data.place.location.lng)
    return None


def _at_placeholder(content: Content, kind: str, entry: Any, loc: tuple, lat: float, lng: float) -> bool:
    """Whether (lat, lng) is the point the scaffold would have written for this file: the centre of the
    org's other open venues, in WGS-84 as written (the scaffold writes no datum). A venue added to the
    org since the file was made moves the centre, and then the check misses it."""
    if (lat, lng) != (round(lat, 4), round(lng, 4)):
        return False  # copied from a map (six decimals): not the scaffold's point, no centre to work out
    if (lat, lng) != point(venues_near(content, entry.data.org, entry.id if kind == "venue" else "")):
        return False
    return front_matter(content.root, entry.source).value(loc + ("datum",)) in (None, "wgs84")
