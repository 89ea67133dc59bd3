"""Personal data that must never be published: mainland mobile numbers and resident ID numbers.

The staff guide forbids both (PIPL treats minors' data as sensitive); this module
finds them in any text so `make check` and the build refuse the file. Messages
show numbers masked, so a CI log does not republish them either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# 11 digits starting 13–19, optionally grouped 3-4-4 by a space or hyphen; not part of a longer number.
MOBILE = re.compile(r"(?<![\d\w])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![\d\w])")
# 18-character resident identity number (GB 11643): region, birth date, sequence, check character.
RESIDENT_ID = re.compile(r"(?<![\dA-Za-z])([1-8]\d{5})((?:19|20)\d{2})(\d{2})(\d{2})(\d{3})([\dXx])(?![\dA-Za-z])")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class Finding:
    kind: str  # "mobile" | "resident_id"
    start: int
    masked: str

    @property
    def label(self) -> str:
        return "个人手机号" if self.kind == "mobile" else "居民身份证号"


def valid_resident_id(number: str) -> bool:
    """Checksum and birth date of an 18-character resident ID (GB 11643-1999)."""
    digits = number.upper()
    if not re.fullmatch(r"\d{17}[\dX]", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], ID_WEIGHTS))
    if ID_CHECK[total % 11] != digits[17]:
        return False
    try:
        date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    return True


def is_mobile(text: str) -> bool:
    return MOBILE.fullmatch(text.strip()) is not None


ELEVEN_DIGITS = re.compile(r"(?:\d[\s-]?){10}\d")


def find(text: str) -> list[Finding]:
    """Every mobile number and valid resident ID number in `text`, in order."""
    if len(text) < 11 or ELEVEN_DIGITS.search(text) is None:
        return []
    found = []
    for m in RESIDENT_ID.finditer(text):
        if valid_resident_id(m.group(0)):
            found.append(Finding("resident_id", m.start(), m.group(0)[:6] + "********" + m.group(0)[-4:]))
    taken = [(f.start, f.start + 18) for f in found]
    for m in MOBILE.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            found.append(Finding("mobile", m.start(), f"{m.group(1)}****{m.group(3)}"))
    return sorted(found, key=lambda f: f.start)
