"""Characters no page, feed or download may carry, refused wherever content enters.

XML 1.0 forbids control characters (other than tab and line breaks), surrogates and the
noncharacters U+FFFE/U+FFFF: one of them in a title makes every Atom feed that lists it
unreadable. Bidirectional controls (U+202A–U+202E, U+2066–U+2069) make a name display
differently from what it says (an id or a phone number reversed on screen).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
INVALID_BMP = "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
INVALID = INVALID_BMP + "".join(f"\\U{plane << 16 | 0xFFFE:08x}\\U{plane << 16 | 0xFFFF:08x}" for plane in range(1, 17))
BIDI = "\u202a-\u202e\u2066-\u2069"
# The two searches below run over every body and front matter value. A class holding the 32 astral
# noncharacters is tested range by range at each character (8 times slower); these classes hold
# whole planes beyond U+FFFF instead, and `forbidden` keeps only the noncharacters among those matches.
ASTRAL = "\U00010000-\U0010ffff"
FORBIDDEN = re.compile(f"[{CONTROL}{INVALID_BMP}{BIDI}{ASTRAL}]")
# A name (file, folder) is one line: tabs and line breaks are control characters there too.
FORBIDDEN_IN_NAME = re.compile(f"[\t\n\r{CONTROL}{INVALID_BMP}{BIDI}{ASTRAL}]")
# What a message may not print either: line breaks of any kind would split it over lines.
UNPRINTABLE = re.compile(f"[\n\r\u2028\u2029{CONTROL}{INVALID}{BIDI}]")
HINT = "请删除这个看不见的字符（常见于从网页、文档复制来的文字）"


@dataclass(frozen=True)
class Forbidden:
    offset: int  # in the text checked
    char: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def message(self) -> str:
        if re.match(f"[{BIDI}]", self.char):
            return f"含有文字方向控制字符 {self.code}，会让文字显示得与实际不同"
        if re.match(f"[{CONTROL}\t\n\r]", self.char):
            return f"含有控制字符 {self.code}，订阅源和下载文件会因此无法读取"
        return f"含有无效字符 {self.code}，订阅源和下载文件会因此无法读取"


def forbidden(text: str, *, name: bool = False) -> Forbidden | None:
    """The first character of `text` that no output may carry (`name`: nor a file name), if any."""
    for match in (FORBIDDEN_IN_NAME if name else FORBIDDEN).finditer(text):
        char = match.group()
        if char < "\U00010000" or ord(char) & 0xFFFE == 0xFFFE:
            return Forbidden(match.start(), char)
    return None


def printable(text: str) -> str:
    """`text` on one line, every control, bidi or invalid character written as an escape (\\n, \\u202e)."""
    return UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 in a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
