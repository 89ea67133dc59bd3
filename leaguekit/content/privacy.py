"""Personal data that must never be published: mainland mobile numbers and resident ID numbers.

The staff guide forbids both (PIPL treats minors' data as sensitive). The guard reads a text
the way a reader sees it, not as it was typed: callers pass the rendered text (`body` hands
over each block after Markdown), and `reader_text` then decodes character references, drops
invisible characters (zero-width, soft hyphens, bidi and format controls, combining marks,
variation selectors), folds compatibility forms (NFKC: full-width, circled and superscript
digits) and reads a digit of any script, or a Chinese numeral, as a digit. A number may be
split into groups by short runs of separators (spaces, line breaks, dashes, dots, slashes,
brackets …); it counts when it stands alone, not glued to further digits, whatever letters
or Chinese characters touch it. A run of white space counts as one separator, as HTML collapses
it (`&nbsp;` runs included); a body's table row is read as one line, cell after cell; the letter O
may stand for 0, and radio-style spoken digits (洞幺两三四五六拐八勾) are digits too. Dates
(2024-06-30), landlines (0354-6231234), counts (58026人), hotlines (12355), an organisation's QQ
group with its number in brackets (1356789012（1群）) and a pair of coordinates in China written as
two decimals (18.252847 109.511909) are never numbers of this kind.

A resident ID number counts with a valid check character, or with its last three digits 000 (Excel
keeps 15 significant digits): its region and birth date are personal data whatever the check.

Messages show numbers masked, so a CI log does not republish them either.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date

from .schema import in_china

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
MOBILE_DIGITS = re.compile(r"1[3-9]\d{9}")
# What may stand between the groups of one number, at most MAX_GAP characters at a time
# (" - ", or markup the renderer left on the page as text, "** ").
SEPARATORS = frozenset(
    " \t\n\r\f\v\u0085\u2028\u2029"  # spaces and line breaks (NFKC has made other spaces " ")
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u30a0\ufe31\ufe32"  # hyphens and dashes
    "\u301c\u3030\u2053\u223c\u30fc"  # wave and swung dashes, tildes, the long-vowel mark
    + "".join(map(chr, range(0x2500, 0x2580)))  # box drawing (─ ━ │ ┄ …)
    + "\u058a\u05be\u1400\u1806"  # the other dashes of Unicode (category Pd)
    + ".\u00b7\u30fb\u2022\u2219\u22c5"  # dots
    + "/\\_*~()[]{}<>'\"`+=#|"  # what else people type between digit groups, and Markdown left as text
)
MAX_GAP = 5
DATE_SEPARATORS = "-./"
# Chinese numerals read digit by digit (幺 is how 1 is read out in phone numbers).
CHINESE_DIGITS = {"〇": "0", "零": "0", "一": "1", "幺": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
                  "壹": "1", "贰": "2", "貳": "2", "叁": "3", "參": "3", "肆": "4", "伍": "5", "陆": "6", "陸": "6", "柒": "7", "捌": "8", "玖": "9",
                  # how radio operators and the military read digits out: 洞幺两三四五六拐八勾
                  "洞": "0", "两": "2", "兩": "2", "拐": "7", "勾": "9"}
# Letters that look like 0: O for zero (Latin, Greek and Cyrillic capitals and small letters).
LETTER_ZEROS = {ord(c): "0" for c in "OoΟοОо"}
# Characters that take no room on screen although they are not format characters.
BLANKS = "\u115f\u1160\u3164\uffa0\u2800"
# Anything that could end up as a digit; a text with fewer than 11 of them holds no number of interest.
DIGIT_LIKE = re.compile("[\\d\u00b2\u00b3\u00b9\u2070-\u209f\u2460-\u24ff\u2776-\u2793\U0001f100-\U0001f10c" + "".join(CHINESE_DIGITS) + "".join(map(chr, LETTER_ZEROS)) + "]|&#")
CHECK_MIN = 11
TAG = re.compile(r"<[^<>]*>")


@dataclass(frozen=True)
class Finding:
    kind: str  # "mobile" | "resident_id"
    start: int  # in the text `find` read (after `reader_text`)
    masked: str
    line: int = 0  # line breaks before it in that text: the line of the text it is on, counting from 0

    @property
    def label(self) -> str:
        return "个人手机号" if self.kind == "mobile" else "居民身份证号"


def valid_resident_id(number: str) -> bool:
    """Region, birth date and check character of an 18-character resident ID (GB 11643-1999)."""
    digits = number.upper()
    if not re.fullmatch(r"[1-8]\d{16}[\dX]", digits) or not "1900" <= digits[6:10] <= "2100":
        return False
    try:
        date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], ID_WEIGHTS))
    return ID_CHECK[total % 11] == digits[17]


def excel_shortened_id(number: str) -> bool:
    """An 18-digit resident ID as Excel keeps it, to 15 significant digits (110105194912310000): region
    and birth date intact, the last three digits 000, so the check character no longer fits."""
    if not re.fullmatch(r"[1-8]\d{14}000", number) or not "1900" <= number[6:10] <= "2100":
        return False
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return True


# What each non-ASCII character becomes, learnt the first time it is met (a text holds few distinct characters):
# invisible ones map to None, digits of any script to their ASCII digit.
_INVISIBLE: dict[int, None] = {}
_DIGITS: dict[int, str] = {}
_WITH_CHINESE: dict[int, str] = {ord(k): v for k, v in CHINESE_DIGITS.items()}
_KNOWN: set[str] = set()


def _learn(text: str) -> None:
    for char in set(text) - _KNOWN:
        category = unicodedata.category(char)
        if category in ("Cf", "Mn", "Me") or (category == "Cc" and char not in "\t\n\r\f\v\x85") or char in BLANKS:
            _INVISIBLE[ord(char)] = None
        elif not char.isascii() and (value := unicodedata.digit(char, None)) is not None:
            _DIGITS[ord(char)] = _WITH_CHINESE[ord(char)] = str(value)
        _KNOWN.add(char)


def reader_text(text: str, *, entities: bool = True) -> str:
    """`text` as a reader perceives it: tags dropped, references decoded, invisible characters gone, NFKC.

    `entities=False` for text that is already rendered (a body's text after Markdown)."""
    if entities and "<" in text:
        text = TAG.sub("", text)  # a field shown as HTML elsewhere (an app reading the JSON) loses its tags
    if entities and "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        _learn(text)
        text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE))
    return text


def find(text: str, *, rendered: bool = False) -> list[Finding]:
    """Every mobile number and valid resident ID number a reader would see in `text`, in order.

    `rendered`: the text is already what a reader sees (no character references to decode)."""
    if len(text) < CHECK_MIN or len(DIGIT_LIKE.findall(text)) < CHECK_MIN:  # each match takes a character at least
        return []
    seen = reader_text(text, entities=not rendered)
    if seen.isascii():
        found = _numbers(seen)
    else:
        _learn(seen)
        # Twice: with Chinese numerals read as digits (一三九…), and as letters, so that a numeral
        # written against a number (一13912340001) cannot hide it.
        found = _distinct(_numbers(seen.translate(_WITH_CHINESE)) + _numbers(seen.translate(_DIGITS)))
    if any(chr(code) in seen for code in LETTER_ZEROS):  # and again with O read as 0 (139OO12OOO1, 幺三九OOO…)
        found = _distinct(found + _numbers(seen.translate(_WITH_CHINESE | LETTER_ZEROS)) + _numbers(seen.translate(_DIGITS | LETTER_ZEROS)))
    return [replace(f, line=seen.count("\n", 0, f.start)) for f in found]


def _distinct(found: list[Finding]) -> list[Finding]:
    """One finding per number: an ID wins over a mobile inside it, and the same number found twice counts once."""
    ids = sorted(f.start for f in found if f.kind == "resident_id")
    kept: dict[str, Finding] = {}
    for f in sorted(found, key=lambda f: f.start):
        inside = bisect.bisect_right(ids, f.start)
        if f.kind == "mobile" and inside and f.start < ids[inside - 1] + 18:
            continue
        kept.setdefault(f.masked, f)
    return sorted(kept.values(), key=lambda f: f.start)


DIGIT_RUN = re.compile(r"[0-9]+")
# A gap between digit groups: at most MAX_GAP separators, a run of white space counting as one (HTML
# shows it as one space). Possessive, so a long run is never split (linear: digits and gaps never overlap).
GAP = "(?:\\s++|[" + "".join(re.escape(c) for c in sorted(SEPARATORS) if not c.isspace()) + f"]){{1,{MAX_GAP}}}"
# Digit runs joined by gaps: the candidates for one written number.
GROUP = re.compile(f"[0-9]+(?:{GAP}[0-9]+)*")
CHECK_LETTER = re.compile(f"(?:{GAP})?[Xx]")
COORDINATE_GAP = re.compile(r"[\s,;/]+")
# After a digit in brackets: a word or two and the closing bracket, （1群）（2号）.
BRACKET_NOTE = re.compile(r"\s*+[\u4e00-\u9fff]{1,4}\s*+\)")


def _numbers(text: str) -> list[Finding]:
    found: list[Finding] = []
    for group in GROUP.finditer(text):
        if len(group.group()) >= CHECK_MIN:
            found += _in_group(text, list(DIGIT_RUN.finditer(text, group.start(), group.end())))
    return _distinct(found)


def _blocked(text: str, runs: list[re.Match[str]]) -> set[int]:
    """Runs that belong to an ordinary number written with separators, which no mobile may take a part of:
    a date (2024-06-30, 1999.12.31), a landline (0354-6231234, (010)12345678) or a 400/800 line (400-123-4567)."""

    def gap(k: int) -> str:
        return text[runs[k - 1].end() : runs[k].start()]

    parts = [m.group() for m in runs]
    blocked: set[int] = set()
    for k in range(1, len(runs)):
        # 1356789012（1群）: a number in brackets with a word is a note on the number before, not its digits.
        if "(" in gap(k) and BRACKET_NOTE.match(text, runs[k].end()):
            blocked.add(k)
        # 18.252847 109.511909: two decimals, a latitude and a longitude in China (either order).
        if k >= 3 and gap(k) == "." and gap(k - 2) == "." and COORDINATE_GAP.fullmatch(gap(k - 1)) and _coordinates(parts[k - 3 : k + 1]):
            blocked.update((k - 3, k - 2, k - 1, k))
    for i, part in enumerate(parts):
        if i + 2 < len(parts) and len(part) == 4 and len(parts[i + 1]) <= 2 and len(parts[i + 2]) <= 2:
            if gap(i + 1) == gap(i + 2) and gap(i + 1) in DATE_SEPARATORS and 1 <= int(parts[i + 1]) <= 12 and 1 <= int(parts[i + 2]) <= 31:
                blocked.update((i, i + 1, i + 2))
        elif i + 2 < len(parts) and part in ("400", "800") and len(parts[i + 1]) == 3 and len(parts[i + 2]) == 4:
            blocked.update((i, i + 1, i + 2))
        elif i + 1 < len(parts) and part[0] == "0" and 3 <= len(part) <= 4 and 7 <= len(parts[i + 1]) <= 8 and gap(i + 1).strip() in ("-", ")", "）", ""):
            blocked.update((i, i + 1))
    return blocked


def _coordinates(parts: list[str]) -> bool:
    """Two decimals (whole and fractional digits of each) that make a point in China as lat, lng or lng, lat."""
    if len(parts[0]) > 3 or len(parts[2]) > 3:
        return False
    first, second = float(f"{parts[0]}.{parts[1]}"), float(f"{parts[2]}.{parts[3]}")
    return in_china(first, second) or in_china(second, first)


def _check_letter(text: str, end: int) -> bool:
    """An X (or x) closing a resident ID right after its 17 digits, perhaps after a separator or two."""
    return CHECK_LETTER.match(text, end) is not None


def _in_group(text: str, runs: list[re.Match[str]]) -> list[Finding]:
    """Every sequence of whole digit runs that spells a mobile (11 digits, or 13 with 86) or a resident ID (18)."""
    digits = "".join(m.group() for m in runs)
    starts: list[int] = []  # digits before run k
    run_at: dict[int, int] = {}  # digits before run k -> k; the total -> len(runs)
    total = 0
    for k, match in enumerate(runs):
        starts.append(total)
        run_at[total] = k
        total += match.end() - match.start()
    run_at[total] = len(runs)
    blocked: set[int] | None = None  # worked out at the first mobile candidate
    found = []
    for i, before in enumerate(starts):
        first = digits[before]
        if first not in "12345678":
            continue
        for length in (11, 13, 17, 18):
            stop = run_at.get(before + length)
            if stop is None:
                continue
            number = digits[before : before + length]
            if length == 11 or length == 13:
                mobile = number if length == 11 else number[2:]
                if (length == 13 and not number.startswith("86")) or not MOBILE_DIGITS.fullmatch(mobile):
                    continue
                if blocked is None:
                    blocked = _blocked(text, runs)
                if not any(k in blocked for k in range(i, stop)):
                    found.append(Finding("mobile", runs[i].start(), f"{mobile[:3]}****{mobile[-4:]}"))
            elif "1900" <= number[6:10] <= "2100" and (length == 18 or _check_letter(text, runs[stop - 1].end())):
                # A resident ID, with its check digit, may well be written around its birth date: no blocking.
                number = number if length == 18 else number + "X"
                if valid_resident_id(number) or excel_shortened_id(number):
                    found.append(Finding("resident_id", runs[i].start(), number[:6] + "********" + number[-4:]))
    return found
