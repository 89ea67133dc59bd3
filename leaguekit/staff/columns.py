"""The venue ledger's columns (台账): one per venue field a cell can hold, from the schema.

Headers are the field reference's Chinese names (`reference.rows`); the choices of a column
are its vocabulary (`vocabulary`). A column turns a front-matter value into what a cell shows
(keys become labels, lists are joined with 、) and reads back what spreadsheet programs make
of what staff type: floats for phones and coordinates (`3546231234.0`, `37.4216000001`), date
serials, full-width digits and spaces, labels instead of keys. Reading never judges a value:
anything it cannot convert is passed on as written, for `make check`'s rules to name.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import types
import typing
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..content.model import BrandEntry, Content
from ..content.problems import ContentError, Problem, did_you_mean
from ..content.readers import brands, orgs
from ..content.schema import Venue
from .reference import Row, rows
from .vocabulary import value_labels, vocabulary, vocabulary_of

ID = "id"
ID_LABEL = "id"
# Not a venue field: a row the import doubts (“是同一个阵地吗？”, a probable duplicate) passes when this says 是.
CONFIRM = "confirm"
DATUM = "location.datum"
CONFIRM_LABEL = "确认"
# How a list is written in one cell: 学习、志愿 or 学习，志愿 (commas, semicolons and line breaks too).
LIST_SEPARATOR = "、"
SPLIT = re.compile(r"\s*[、，,；;\n]+\s*")
FLAG_LABELS = {True: "是", False: "否"}
FLAG_WORDS = {"是": True, "否": False, "true": True, "false": False, "yes": True, "no": False, "y": True, "n": False, "1": True, "0": False, "√": True, "×": False}
# Words staff use for a choice beyond its key and label: where a coordinate was copied from.
CHOICE_WORDS = {
    "location.datum": {
        "高德": "gcj02", "高德地图": "gcj02", "腾讯": "gcj02", "腾讯地图": "gcj02", "火星坐标": "gcj02",
        "百度": "bd09", "百度地图": "bd09", "百度坐标": "bd09",
        "天地图": "wgs84", "gps": "wgs84", "手机gps": "wgs84", "北斗": "wgs84",
    },
}
# Fields a sheet row cannot hold (lists of records) stay in the files.
Kind = Literal["text", "code", "number", "flag", "choice", "choices", "list", "date", "phone"]
SPACES = "\u3000\u00a0\u200b\ufeff"
FULL_WIDTH = {**{0xFF10 + i: ord("0") + i for i in range(10)}, **{0xFF21 + i: ord("A") + i for i in range(26)}, **{0xFF41 + i: ord("a") + i for i in range(26)}, 0x3000: ord(" "), 0xA0: ord(" ")}
DASHES = str.maketrans({"－": "-", "—": "-", "–": "-", "‐": "-", "‑": "-"})
# Spreadsheet programs run a cell starting with these as a formula; exports prefix an apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class Cell:
    """What reading one cell gave: the front-matter value (None: leave the field out) and, when
    the cell names something that does not exist, the message saying so."""

    value: Any
    problem: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: Kind
    required: bool
    default: Any
    reference: Row | None
    choices: dict[str, str] = field(default_factory=dict)  # key -> what a cell shows
    words: dict[str, str] = field(default_factory=dict)  # every accepted spelling (folded) -> key
    what: str = ""  # the choice's name in messages: 服务项目
    example: Any = None  # the schema's example value

    # --- front matter -> cell ---------------------------------------------------------

    def show(self, value: Any) -> str | float | int | None:
        """What the cell holds for a front-matter value (the field's default when absent)."""
        if value is None:
            value = self.default
        if value is None or value == []:
            return None
        if self.kind == "flag" and isinstance(value, bool):
            return FLAG_LABELS[value]
        if self.kind == "choice":
            return self.choices.get(value, str(value)) if isinstance(value, str) else str(value)
        if self.kind in ("choices", "list") and isinstance(value, list):
            return LIST_SEPARATOR.join(self.choices.get(v, str(v)) if isinstance(v, str) else str(v) for v in value)
        if self.kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        return str(value)

    # --- cell -> front matter -------------------------------------------------------

    def shows(self, cell: Any, value: Any) -> bool:
        """Whether the cell holds exactly what `show` writes for the file's value: an unchanged row
        of a 69,000-row sheet is compared, not read."""
        shown = self.show(value)
        if cell is None or cell == "":
            return shown is None
        if isinstance(shown, str):
            return cell == shown
        return _is_number(cell) and cell == shown

    def read(self, cell: Any, old: Any = None) -> Cell:
        """The front-matter value of a cell; `old` (the file's value) keeps a year-month the
        spreadsheet turned into the first of the month."""
        if isinstance(cell, str):
            cell = _unguard(cell)
        if cell is None or (isinstance(cell, str) and not _clean(cell)):
            return Cell(None)
        if self.kind == "number":
            return Cell(_number(cell))
        if self.kind == "flag":
            return Cell(_flag(cell))
        if self.kind == "date":
            return Cell(_date(cell, old))
        if self.kind == "phone":
            return Cell(_phone(cell))
        if self.kind == "choice":
            return self._choice(_text(cell, code=True))
        if self.kind == "choices":
            found, problems = [], []
            for part in SPLIT.split(_text(cell, code=False)):
                if part:
                    one = self._choice(part)
                    found.append(one.value)
                    problems += [one.problem] if one.problem else []
            return Cell(found, "；".join(problems))
        if self.kind == "list":
            return Cell([p for p in SPLIT.split(_text(cell, code=False)) if p])
        return Cell(_text(cell, code=self.kind == "code").replace("\n", " "))

    def _choice(self, text: str) -> Cell:
        key = self.words.get(_fold(text))
        if key is not None:
            return Cell(key)
        return Cell(text, f"“{text}”不是已有的{self.what}；{did_you_mean(text, self.choices.values())}")

    def same(self, old: Any, new: Any) -> bool:
        """Whether the file's value and the cell's say the same (absent means the default)."""
        old = self.default if old is None else old
        new = self.default if new is None else new
        if self.kind == "number" and _is_number(old) and _is_number(new):
            return math.isclose(old, new, rel_tol=0, abs_tol=1e-9)
        if self.kind == "phone" and isinstance(old, (str, int)) and isinstance(new, str):
            return re.sub(r"\D", "", str(old)) == re.sub(r"\D", "", new)
        if old in (None, []) and new in (None, []):
            return True
        if self.kind in ("text", "code", "date", "phone") and isinstance(old, (str, int)):
            return str(old).strip() == new
        return old == new


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _fold(text: str) -> str:
    """A spelling of a choice as compared: case, spaces and hyphens ignored (WGS-84 = wgs84)."""
    return re.sub(r"[\s\-_]", "", unicodedata.normalize("NFKC", text)).casefold()


def _clean(text: str) -> str:
    return text.strip().strip(SPACES).strip()


def _unguard(text: str) -> str:
    """`'=x` as written by the CSV export: the apostrophe only stopped a spreadsheet running it."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def _text(cell: Any, *, code: bool) -> str:
    """A cell as text: full-width digits, letters and spaces folded; for codes (hours, website,
    phone, dates) all full-width forms (：；－)."""
    if isinstance(cell, bool):
        return FLAG_LABELS[cell]
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ", "minutes")
    if isinstance(cell, (dt.date, dt.time)):
        return cell.isoformat()
    text = str(cell)
    text = unicodedata.normalize("NFKC", text).translate(DASHES) if code else text.translate(FULL_WIDTH)
    return _clean(re.sub(r"\r\n?", "\n", text))


def _number(cell: Any) -> Any:
    """37.4216000001 -> 37.4216; `３７．４２` -> 37.42; text that is no number is passed on as written."""
    if isinstance(cell, bool) or not isinstance(cell, (int, float, str)):
        return _text(cell, code=True)
    if isinstance(cell, str):
        text = re.sub(r"[\s,°]", "", _text(cell, code=True))
        try:
            cell = float(text)
        except ValueError:
            return text
    if not math.isfinite(cell):
        return str(cell)
    value = round(float(cell), 7)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _flag(cell: Any) -> Any:
    if isinstance(cell, bool):
        return cell
    text = _text(cell, code=True)
    return FLAG_WORDS.get(text.casefold(), text)


def _date(cell: Any, old: Any) -> Any:
    """2019, 2019-05 or 2019-05-04 from a date cell, an Excel serial or text such as 2019年5月 or
    2019/5/4. What a spreadsheet made of a typed value is undone: the first of the month it made
    of the file's `2019-05` stays `2019-05`, and 1905/7/12 (day 2020 counted from 1899-12-30, what
    a date column shows for a typed 2020) is the year 2020."""
    text: str | None = None
    if isinstance(cell, str) and re.fullmatch(r"\d{5}(\.0+)?", _text(cell, code=True)):
        cell = float(_text(cell, code=True))  # a serial saved to CSV
    if isinstance(cell, dt.datetime):
        text = cell.date().isoformat()
    elif isinstance(cell, dt.date):
        text = cell.isoformat()
    elif _is_number(cell) and float(cell).is_integer():
        number = int(cell)
        if 1000 <= number <= 9999:
            return str(number)
        if 10000 <= number <= 2958465:
            text = (EXCEL_EPOCH + dt.timedelta(days=number)).isoformat()
    if text is None:
        text = _text(cell, code=True)
        match = re.fullmatch(r"(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?|月)?)?\s*年?", text)
        if match:
            text = "-".join(part.zfill(2) for part in match.groups() if part)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        serial = (dt.date.fromisoformat(text) - EXCEL_EPOCH).days if _real_date(text) else 0
        if 1000 <= serial <= 9999:
            return str(serial)  # a year typed into a date column shows as 1905/7/12 (day 2020)
    old_text = str(old) if old is not None else ""
    if re.fullmatch(r"\d{4}(-\d{2})?", old_text) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        if text.startswith(old_text) and text.endswith("-01" * (3 - len(old_text.split("-")))):
            return old_text
    return text


def _real_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _phone(cell: Any) -> str:
    """`3546231234.0` (a landline typed as a number lost its 0) -> 03546231234; `（0354）6231234` -> 0354-6231234."""
    if isinstance(cell, str) and re.fullmatch(r"\d{5,12}(\.0+)?", _text(cell, code=True)):
        cell = float(_text(cell, code=True))  # a CSV saved from a sheet where the phone was a number
    if _is_number(cell) and float(cell).is_integer():
        digits = str(int(cell))
        if 9 <= len(digits) <= 11 and not re.fullmatch(r"1[3-9]\d{9}", digits) and not digits.startswith(("400", "800")):
            return "0" + digits
        return digits
    text = _text(cell, code=True)
    return re.sub(r"^\((0\d{2,3})\)\s*", r"\1-", text)


# --- the columns ---------------------------------------------------------------------


def vocabularies(root: Path) -> Content:
    """What a ledger's cells may name (data/ and brands/), without reading 69,000 venue files.

    A `Content` with no venues: the columns need the vocabularies, and the export and import
    read the venue files themselves, as written (`frontmatter.read_venues`)."""
    problems: list[Problem] = []
    vocab = orgs.read(root, problems)
    brand_files = brands.read(root, problems)
    if any(p.level == "error" for p in problems) or vocab.settings is None:
        raise ContentError(problems)
    return Content.of(
        root,
        vocab,
        venues=[],
        brands=[BrandEntry(f.ident, f.rel, f.record, f.body, f.body_line) for f in brand_files if f.ident and f.record is not None],
    )

# The order a ledger reads in: who and where first, then how to come; other fields follow in schema order.
LEADING = ("name", "type", "grade", "org", "district", "town", "address", "location.lat", "location.lng", "location.datum", "hours", "phone", "services", "brands")


def columns(content: Content) -> list[Column]:
    """One column per venue field a cell can hold (lists of records such as photos and closures
    stay in the files), headed by the field reference's Chinese name; the file's id first, the
    confirmation a doubted row needs last."""
    found = []
    for row in rows(Venue, content):
        info = _field(Venue, row.key)
        if info is None or _nested(info.annotation):
            continue
        found.append(_column(row, info, content))
    order = {key: n for n, key in enumerate(LEADING)}
    return [
        Column(ID, ID_LABEL, "code", False, None, None),
        *sorted(found, key=lambda c: order.get(c.key, len(order))),
        Column(CONFIRM, CONFIRM_LABEL, "flag", False, None, None),
    ]


def _field(model: type[BaseModel], key: str) -> FieldInfo | None:
    """The field at a dotted reference key (`location.lat`); None for fields inside lists of records."""
    if "[]" in key:
        return None
    info = None
    current: Any = model
    for part in key.split("."):
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = next((i for name, i in current.model_fields.items() if (i.alias or name) == part), None)
        if info is None:
            return None
        current = _nested(info.annotation) or _inner(info.annotation)
    return info


def _inner(annotation: Any) -> Any:
    """`X` of an optional `X | None`."""
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return annotation
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return args[0] if len(args) == 1 else annotation


def _nested(annotation: Any) -> type[BaseModel] | None:
    """The record type of a field holding a record or a list of records."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        for arg in typing.get_args(candidate):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
    return None


def _column(row: Row, info: FieldInfo, content: Content) -> Column:
    annotation = _inner(info.annotation)
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    default = None if default == [] else default
    vocab = vocabulary_of(info)
    example = info.examples[0] if info.examples else None
    is_list = typing.get_origin(annotation) is list
    if typing.get_origin(annotation) is Literal or vocab:
        entries = vocabulary(content, vocab) if vocab else {str(v): value_labels(info).get(v, str(v)) for v in typing.get_args(annotation)}
        choices = _shown(entries)
        words = {_fold(k): k for k in entries}
        counts = Counter(entries.values())
        words |= {_fold(label): k for k, label in entries.items() if counts[label] == 1}
        if vocab == "orgs":
            words |= {_fold(org.name): k for k, org in content.orgs.items()}
        words |= {_fold(shown): k for k, shown in choices.items()}
        words |= {_fold(w): k for w, k in CHOICE_WORDS.get(row.key, {}).items()}
        kind: Kind = "choices" if is_list else "choice"
        return Column(row.key, row.label, kind, row.required, default, row, choices, words, row.label, example)
    if annotation is bool:
        kind = "flag"
    elif annotation in (int, float):
        kind = "number"
    elif is_list:
        kind = "list"
    elif row.type == "日期":
        kind = "date"
    elif row.type == "电话号码":
        kind = "phone"
    elif row.type in ("开放时间", "网址"):
        kind = "code"
    else:
        kind = "text"
    return Column(row.key, row.label, kind, row.required, default, row, example=example)


def _shown(entries: dict[str, str]) -> dict[str, str]:
    """A choice's label where it is unique, else `label（key）`, so every cell names one key."""
    counts = Counter(entries.values())
    return {k: label if counts[label] == 1 else f"{label}（{k}）" for k, label in entries.items()}


def header_words(cols: list[Column]) -> dict[str, Column]:
    """Every header a sheet may use for a column: its Chinese name or its key, spaces and a
    required-field star (`*名称`) ignored."""
    found: dict[str, Column] = {}
    for col in cols:
        found[fold_header(col.label)] = col
        found.setdefault(fold_header(col.key), col)
    return found


def fold_header(text: Any) -> str:
    if text is None:
        return ""
    return re.sub(r"[\s*＊※]", "", unicodedata.normalize("NFKC", str(text))).casefold()


def guard(value: Any) -> Any:
    """A text cell for CSV: an apostrophe before `=`, `+`, `-`, `@` so no spreadsheet runs it."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def get(front: dict[str, Any], key: str) -> Any:
    """A dotted key's value in raw front matter (`location.lat`), None when absent."""
    value: Any = front
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value
