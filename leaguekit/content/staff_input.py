"""What staff type, read one way by every tool: full-width digits and dashes, 2023年5月, 120平方米,
37°25'21", a coordinate pair pasted into one box, 1.38E+10 for a phone, an org by any of its names.

The sheet import (`staff.columns`), the venue form (`leaguekit/theme/assets/javascripts/staff-input.js`),
the scaffold and `make check`'s hints read staff input through these functions; the Python and the
JavaScript run `tests/staff_input_cases.json`. Reading never judges: a value that is not understood
comes back folded but otherwise as written, for the schema's rules to name (a phone in scientific
notation is the exception: its digits are gone, and only the staffer can give them back).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

Kind = Literal["text", "code", "date", "number", "phone"]

DASHES = "－—–―‐‑"
_DASH_TABLE = str.maketrans({c: "-" for c in DASHES})
# Full-width digits, letters and spaces in names and addresses; brackets and punctuation stay as typed.
_FULL_WIDTH = {**{0xFF10 + i: ord("0") + i for i in range(10)}, **{0xFF21 + i: ord("A") + i for i in range(26)}, **{0xFF41 + i: ord("a") + i for i in range(26)}, 0x3000: ord(" "), 0xA0: ord(" ")}
_DATE_RE = re.compile(r"^([0-9]{4})\s*(?:[-/.年]\s*([0-9]{1,2})\s*(?:[-/.月]\s*([0-9]{1,2})\s*日?|月)?)?\s*年?$")
_UNIT_RE = re.compile(r"(?:平方米|平米|m2|㎡)$")
_DMS_RE = re.compile(r"^(?:北纬|东经|[NE])?([0-9]{1,3})(?:°|度)(?:([0-9]{1,2}(?:\.[0-9]+)?)(?:'|′|分))?(?:([0-9]{1,2}(?:\.[0-9]+)?)(?:\"|″|''|′′|秒))?[NE]?$")
_DECIMAL_RE = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")
_SCIENTIFIC_RE = re.compile(r"^[0-9](?:\.[0-9]+)?[eE]\+?[0-9]+$")
_PAIR_SPLIT = re.compile(r"\s*[,;，；]\s*|\s+")
SCIENTIFIC_PHONE = "“{text}”是表格把号码改成的科学计数法，后几位已经丢失：请把这一列设为“文本”，重新输入完整号码"


def fold(text: str, kind: Kind = "code") -> str:
    """`text` for names and addresses: full-width digits, letters and spaces as ASCII; for everything
    else (hours, dates, numbers, phones): every full-width form (：；（）) and every dash folded."""
    if kind == "text":
        return re.sub(r"\r\n?", "\n", text.translate(_FULL_WIDTH)).strip()
    return unicodedata.normalize("NFKC", text).translate(_DASH_TABLE).strip()


def date(text: str) -> str:
    """2023年5月 -> 2023-05, 2019/5/4 -> 2019-05-04, 2020年 -> 2020; anything else folded, as written."""
    folded = fold(text)
    match = _DATE_RE.match(folded)
    return "-".join(part.zfill(2) for part in match.groups() if part) if match else folded


def number(text: str) -> str:
    """120平方米 -> 120, 1,200 -> 1200, 37.4216° -> 37.4216, 37°25'21" -> 37.4225 (degrees, minutes, seconds)."""
    folded = fold(text)
    compact = _UNIT_RE.sub("", re.sub(r"[\s,]", "", folded))
    if _DECIMAL_RE.match(compact.removesuffix("°")):
        return compact.removesuffix("°")
    dms = _DMS_RE.match(compact)
    if dms:
        degrees, minutes, seconds = (float(g) if g else 0.0 for g in dms.groups())
        if minutes < 60 and seconds < 60:
            value = round(degrees + minutes / 60 + seconds / 3600, 6)
            return str(int(value)) if value.is_integer() else repr(value)
    return folded


def pair(text: str) -> tuple[str, str] | None:
    """A coordinate pair pasted into one box (`112.557542,37.422100` as 高德's picker shows it, or two
    DMS values) as (latitude, longitude): in China the latitude is the smaller number."""
    parts = [p for p in _PAIR_SPLIT.split(fold(text)) if p]
    if len(parts) != 2:
        return None
    values = [number(p) for p in parts]
    if not all(_DECIMAL_RE.match(v) for v in values):
        return None
    a, b = values
    return (a, b) if float(a) < float(b) else (b, a)


def phone(text: str) -> tuple[str, str]:
    """(the phone folded, with `（0354）6231234` as 0354-6231234; a message when the digits are lost)."""
    folded = fold(text)
    if _SCIENTIFIC_RE.match(folded.replace(" ", "")):
        return folded, SCIENTIFIC_PHONE.format(text=folded)
    return re.sub(r"^\((0[0-9]{2,3})\)\s*", r"\1-", folded), ""


def name_key(text: str) -> str:
    """A name as compared: full-width forms, spaces and case ignored."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text)).casefold()


def org_id(text: str, orgs: Iterable[tuple[str, str, str]]) -> str | None:
    """The org `text` names by its id, full name or short name; `orgs` holds (id, name, short name)."""
    wanted = name_key(text)
    return next((ident for ident, *names in orgs if wanted in {name_key(ident), *map(name_key, names)}), None)
