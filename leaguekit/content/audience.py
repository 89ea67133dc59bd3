"""Who an activity is for, in the groups a parent or a teenager looks for: 少儿, 青少年, 青年, 亲子.

Computed once at build from the activity file's `audience` (ages first; without ages, the words of
`who`); the pages carry the groups and activities.js only filters by them (`/activities/?audience=`).
An activity without ages whose words name no group is in every age group: a filter should not hide
what may well be open to all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .schema import Audience


@dataclass(frozen=True)
class Group:
    key: str
    label: str  # in the filter
    ages: tuple[int, int] | None  # inclusive; None: not an age group


GROUPS = (
    Group("children", "少儿（12 岁及以下）", (0, 12)),
    Group("teens", "青少年（13–17 岁）", (13, 17)),
    Group("youth", "青年（18–35 岁）", (18, 35)),
    Group("family", "亲子（家长带孩子）", None),
)
AGE_GROUPS = tuple(g.key for g in GROUPS if g.ages)

# Words in `who` and the groups they name; the first match of a pattern removes its words, so 大学生 is not read as 学生.
WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"(?:大学|高校)[^，、；和及与]*?学生|大学生?|高校|毕业生|职工|创业者|骑手|快递员|新兴领域", ("youth",)),
    (r"中小学生?", ("children", "teens")),
    (r"少先队员?|儿童|少儿|小学生?|孩子|小朋友|幼儿", ("children",)),
    (r"初中|高中|中学生?", ("teens",)),
    (r"青少年|少年|学生", ("children", "teens")),
    (r"团员", ("teens", "youth")),
    (r"青年", ("youth",)),
    (r"居民|市民|群众|公众|所有人|不限", AGE_GROUPS),
)
FAMILY = re.compile(r"家长|亲子|家庭|父母")


def _shares(low: int, high: int, first: int, last: int) -> bool:
    """Ages low–high belong to a group first–last when they share two years or more, or all of low–high lie in it:
    “12 岁以上” is not for 少儿 (12 and under) for the sake of its first year."""
    common = min(high, last) - max(low, first) + 1
    return common >= 2 or (common >= 1 and first <= low and high <= last)


def groups(audience: Audience) -> tuple[str, ...]:
    """The keys of GROUPS an activity is for, in GROUPS order."""
    found: set[str] = set()
    if audience.min_age is not None or audience.max_age is not None:
        low, high = audience.min_age or 0, 120 if audience.max_age is None else audience.max_age
        found |= {g.key for g in GROUPS if g.ages and _shares(low, high, *g.ages)}
    else:
        text = audience.who
        for pattern, keys in WORDS:
            text, n = re.subn(pattern, " ", text)
            if n:
                found |= set(keys)
        if not found:
            found = set(AGE_GROUPS)
    if FAMILY.search(audience.who):
        found.add("family")
    return tuple(g.key for g in GROUPS if g.key in found)
