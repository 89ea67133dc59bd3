"""Problems found in content, worded for league staff (Chinese, with the English key).

Every problem names file, line and field, says what is wrong and how to fix it,
so a reviewer can act on a failed check without reading code. A problem prints on one
line whatever the file name or value holds (line breaks and control characters escaped).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .characters import printable


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    hint: str = ""
    label: str = ""
    value: str | None = None
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line} {self.text}")

    @property
    def subject(self) -> str:
        """The field, its Chinese label and the value found: `location.lat（纬度）= 112.55`."""
        subject = self.field
        if self.label:
            subject += f"（{self.label}）"
        if self.value is not None:
            subject += f"= {self.value}"
        return subject

    @property
    def text(self) -> str:
        """What is wrong and how to fix it, without file and line (an annotation on the line carries those)."""
        text = f"{self.subject} {self.message}".replace("  ", " ").lstrip()
        if self.hint:
            text += f"；{self.hint}"
        return printable(text if self.level == "error" else f"{text}（提醒）")


class ContentError(Exception):
    """Raised with every problem at once, so staff fix them in one pass."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.field))
        super().__init__(report(self.problems))


def report(problems: list[Problem]) -> str:
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    lines = [str(p) for p in problems]
    lines.append(f"内容检查：{errors} 个错误，{warnings} 个提醒。" + ("请逐条修改后再提交。" if errors else ""))
    return "\n".join(lines)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`是否想写 “x”？` for the nearest choice, or a list of what is allowed."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.5)
    if close:
        return f"是否想写 “{close[0]}”？"
    if len(options) <= 12:
        return "可选值：" + "、".join(options)
    return f"共有 {len(options)} 个可选值，请查阅字段说明"
