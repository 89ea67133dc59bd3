"""`make check`'s problems in the forms other tools read: GitHub workflow commands (each problem on its
line of the pull request), a GitLab code-quality report, JSON, and a Chinese Markdown table for
GitHub's job summary (which, unlike annotations, has no limit of 10 a step).

Problems carry contributor text (a venue's name, a value typed in a field): every format escapes it
for where it goes, so a file cannot forge a workflow command or put markup into a summary.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from urllib.parse import quote

from .problems import Problem

FORMATS = ("text", "github", "gitlab", "json")
LEVELS = {"error": "错误", "warning": "提醒"}
# GitHub's job summary takes at most 1 MiB a step and drops a larger one whole: rows stop at this
# many bytes (room left for the note), and at SUMMARY_ROWS; the step's log has every problem.
SUMMARY_BYTES = 1_000_000
SUMMARY_ROWS = 1000
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def counts(problems: Sequence[Problem]) -> tuple[int, int]:
    errors = sum(p.level == "error" for p in problems)
    return errors, len(problems) - errors


def _data(text: str) -> str:
    """A workflow command's message (GitHub's escapeData): %, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value (GitHub's escapeProperty): also `:` and `,`."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github(problems: Sequence[Problem]) -> str:
    """`::error file=…,line=…,title=…::message` per problem (`::warning` for a reminder)."""
    lines = []
    for p in problems:
        props = [] if p.path.endswith("/") else [f"file={_property(p.path)}", f"line={p.line}"]
        props.append(f"title={_property(p.subject or '内容检查')}")
        lines.append(f"::{p.level} {','.join(props)}::{_data(p.text)}")
    return "\n".join(lines)


def gitlab(problems: Sequence[Problem]) -> str:
    """GitLab's code-quality report: a JSON array GitLab shows in the merge request and on its diff."""
    issues = [
        {
            "description": p.text,
            "check_name": f"leaguekit/{p.field or 'file'}",
            "fingerprint": hashlib.sha256("\0".join((p.path, str(p.line), p.field, p.message, p.value or "")).encode()).hexdigest()[:32],
            "severity": "critical" if p.level == "error" else "minor",
            "location": {"path": p.path, "lines": {"begin": p.line}},
        }
        for p in problems
    ]
    return json.dumps(issues, ensure_ascii=False, indent=2)


def as_json(problems: Sequence[Problem], summary: str) -> str:
    errors, warnings = counts(problems)
    return json.dumps(
        {
            "ok": errors == 0,
            "errors": errors,
            "warnings": warnings,
            "summary": summary,
            "problems": [
                {"path": p.path, "line": p.line, "field": p.field, "label": p.label, "value": p.value, "message": p.message, "hint": p.hint, "level": p.level, "text": p.text}
                for p in problems
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def _cell(text: str) -> str:
    """Literal text in a Markdown table cell: every ASCII punctuation mark escaped, no line breaks."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def summary_table(problems: Sequence[Problem], summary: str, blob_url: str = "") -> str:
    """The full list as a Chinese Markdown table; `blob_url` (…/blob/<commit>) links each file at its line."""
    errors, warnings = counts(problems)
    out = [f"## 内容检查：{errors} 个错误，{warnings} 个提醒", "", _cell(summary), ""]
    if not problems:
        return "\n".join(out)
    out += ["| | 文件 | 行 | 字段 | 问题和改法 |", "| --- | --- | ---: | --- | --- |"]
    size = len("\n".join(out).encode())
    shown = 0
    for p in problems[:SUMMARY_ROWS]:
        where = _cell(p.path)
        if blob_url and not p.path.endswith("/"):
            where = f"[{where}]({blob_url}/{quote(p.path)}#L{p.line})"
        detail = f"{p.message}；{p.hint}" if p.hint else p.message
        row = f"| {LEVELS[p.level]} | {where} | {p.line} | {_cell(p.subject)} | {_cell(detail)} |"
        size += len(row.encode()) + 1
        if size > SUMMARY_BYTES:
            break
        out.append(row)
        shown += 1
    if shown < len(problems):
        out += ["", f"另有 {len(problems) - shown} 条未列出（GitHub 的任务摘要最多 1 MiB），请看本步骤的日志。"]
    return "\n".join(out) + "\n"
