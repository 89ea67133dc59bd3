"""Content files as untrusted input: bounded reading and YAML with the line of every key.

Every content and data file goes through `read_text` (size limit, UTF-8 only, with a
hint when the bytes look like GBK) and `YamlSource` (libyaml's C parser where
available, parsed once; no anchors or aliases, bounded nesting, dates kept as text).
Whatever the bytes, the result is data or `Problem`s, never an exception.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

Loc = tuple[Any, ...]

MAX_FILE_BYTES = 200_000
# data/ is the maintainers' (CODEOWNERS); a national orgs.yml lists about 3,300 committees (~0.5 MB).
MAX_DATA_BYTES = 5_000_000
BODY_SIZE_HINT = "正文请精简到几千字以内；图片请放到 docs/assets/ 下再引用"
DATA_SIZE_HINT = "请删去不用的内容，或拆分成几个文件"
MAX_DEPTH = 8
YAML_HINT = "检查缩进（用空格，不用 Tab）、冒号后的空格；含冒号或 # 的文字请加引号"
# libyaml's messages, in the words staff need (first match wins).
YAML_PROBLEMS = (
    ("nesting depth", "嵌套太深"),
    ("mapping values are not allowed", "这一行多了一个冒号（文字中含“: ”时请给整段文字加引号）"),
    ("could not find expected ':'", "缺少冒号（每个字段写成“键: 值”）"),
    ("cannot start any token", "有不能放在开头的字符（如 @、`、%）；这段文字请加引号"),
    ("did not find expected key", "缩进没有对齐"),
    ("expected <block end>", "缩进没有对齐"),
    ("did not find expected '-'", "列表项缩进没有对齐（每项以“- ”开头）"),
    ("unknown escape", "双引号中的反斜杠（\\）不是合法的转义；请改用单引号"),
    ("quoted scalar", "引号没有成对闭合"),
    ("end of stream", "引号或括号没有闭合"),
    ("expected ',' or ']'", "方括号列表写法不对（各项用逗号分隔，以 ] 结束）"),
    ("expected ',' or '}'", "花括号写法不对（各项用逗号分隔，以 } 结束）"),
    ("control characters", "含有不可见的控制字符"),
    ("unacceptable character", "含有不允许的字符"),
    ("special characters are not allowed", "含有不可见的控制字符"),
    ("constructor for the tag", "用了不支持的标记（以 ! 开头）"),
    ("alias", "用了锚点或别名（& 或 *）"),
    ("anchor", "用了锚点或别名（& 或 *）"),
)


def _problem_text(exc: yaml.YAMLError) -> str:
    text = " ".join(str(part) for part in (getattr(exc, "context", None), getattr(exc, "problem", None), getattr(exc, "reason", None)) if part) or str(exc)
    lowered = text.lower()
    for needle, words in YAML_PROBLEMS:
        if needle in lowered:
            return words
    return f"写法有误（{text}）"

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Numbers as a reader of the page means them, in base 10: YAML 1.1 reads 0120 as octal (80), lat: 045
# as 37, 0x10 as 16, 1:20 as 80 (base 60). Only these are numbers; 0120, 045, 0x10 and 1:20 stay text
# as written, which a text field keeps (a phone number's leading 0) and a number field reads in base 10.
INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
FLOAT_RE = re.compile(r"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|[-+]?\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_NUMBERS = {"tag:yaml.org,2002:int": INT_RE, "tag:yaml.org,2002:float": FLOAT_RE}


TAGS_KEPT = 20_000


class Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loading as every kit tool reads YAML: without implicit timestamps (`2024-13-45` stays text
    for the schema to judge) and with numbers in base 10 only (`_NUMBERS`). Notes whether a mapping
    repeated a key, which YAML would otherwise drop silently."""

    yaml_implicit_resolvers = {
        first: [(tag, _NUMBERS.get(tag, regexp)) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }
    duplicates = False
    _tags: dict[tuple[str, tuple[bool, bool]], str] = {}

    def resolve(self, kind, value, implicit):
        """PyYAML's own tag for a scalar, remembered for the keys and words that recur in every file (a fifth
        of the loading time left in Python at 69,000 venues): a scalar's tag depends on its text and quoting
        alone, as this loader has no path resolvers. At most TAGS_KEPT are kept."""
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = self._tags.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(self._tags) < TAGS_KEPT:
                self._tags[key] = tag
        return tag

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):
            self.duplicates = True
        return mapping


def read_text(path: str | Path, rel: str, problems: list[Problem], *, limit: int = MAX_FILE_BYTES, hint: str = BODY_SIZE_HINT) -> str | None:
    """The file's text, or None with a Chinese problem: too large, not UTF-8, unreadable."""
    try:
        data = _read_bytes(path, limit + 1)
    except OSError as exc:
        problems.append(Problem(rel, 1, "文件", f"无法读取（{exc.strerror or exc}）", "请检查文件是否存在、有无读取权限"))
        return None
    if len(data) > limit:
        size = os.stat(path).st_size
        problems.append(Problem(rel, 1, "文件", f"太大（{size / 1_000_000:.1f} MB），上限 {_size(limit)}", hint))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(rel, line, "文件", "不是 UTF-8 编码" + _gbk_guess(data), "请在编辑器中选择“另存为 UTF-8”后再提交"))
        return None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        problems.append(Problem(rel, text[: text.index("\x00")].count("\n") + 1, "文件", "含有空字符（\\0），不是文本文件", "请用文本编辑器重新保存"))
        return None
    return text


def _read_bytes(path: str | Path, most: int) -> bytes:
    """At most `most` bytes of the file, through the system's calls (half the time of a buffered file
    object, for the 69,000 files `make check` reads)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        data = os.read(fd, most)
        while len(data) < most and (more := os.read(fd, most - len(data))):
            data += more
        return data
    finally:
        os.close(fd)


def _size(limit: int) -> str:
    return f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1000} KB"


def _gbk_guess(data: bytes) -> str:
    try:
        codecs.decode(data, "gb18030")
    except UnicodeDecodeError:
        return ""
    return "（像是 GBK/GB18030，Windows 记事本的“ANSI”）"


class YamlSource:
    """One YAML document: `data`, its text values with where they are, and the line of any
    key or list item (worked out from the parsed nodes only when a message needs one)."""

    def __init__(self, path: str, text: str, first_line: int, problems: list[Problem]):
        self.path = path
        self.first_line = first_line
        self.data: Any = None
        self.texts: list[tuple[Loc, str]] = []  # every text and long number, for the checks of what a reader sees
        self.ok = False
        self._lines: dict[Loc, int] | None = None
        self._node = self._parse(text, problems)
        if self._node is None:
            return
        before = len(problems)
        if self._duplicates:
            self._report_duplicates(problems)
        self._collect(problems)
        self.ok = len(problems) == before

    def _parse(self, text: str, problems: list[Problem]) -> yaml.Node | None:
        self._duplicates = False
        if ("&" in text or "*" in text) and not self._no_anchors(text, problems):
            return None
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                self.ok = True
                return None
            self.data = loader.construct_document(node)
            self._duplicates = loader.duplicates
            return node
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            row = mark.line if mark else 0
            lines = text.splitlines()
            tab = row < len(lines) and "\t" in lines[row][: len(lines[row]) - len(lines[row].lstrip())]
            problem = "用了 Tab 缩进（请改用空格）" if tab else _problem_text(exc)
            problems.append(Problem(self.path, self.first_line + row, "YAML", f"语法错误：{problem}", YAML_HINT))
        except yaml.reader.ReaderError as exc:
            line = text[: exc.position].count("\n")
            problems.append(Problem(self.path, self.first_line + line, "YAML", f"语法错误：{_problem_text(exc)}", "请删除这个字符，或用文本编辑器重新保存"))
        except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
            problems.append(Problem(self.path, self.first_line, "YAML", "有一个值无法读取（数字太长或写法不对）", "数字不要超过十几位；编号、证件等请加引号写成文字"))
        finally:
            loader.dispose()
        return None

    def _no_anchors(self, text: str, problems: list[Problem]) -> bool:
        """Anchors and aliases (`&x`, `*x`) can blow a small file up to gigabytes; contributors do not need them.

        Without & or * in the text there can be none, so only such files are scanned.
        """
        try:
            for event in yaml.parse(text, Loader=Loader):
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                    problems.append(Problem(self.path, self.first_line + event.start_mark.line, "YAML", "用了锚点或别名（& 或 *）", "请把内容直接写出来，不要用 & 和 * 引用；文字以 & 或 * 开头时请加引号"))
                    return False
        except yaml.YAMLError:
            pass  # the syntax error is reported by the full parse
        return True

    def _collect(self, problems: list[Problem]) -> None:
        """Gather the texts; refuse nesting deeper than the schema needs."""
        stack: list[tuple[Loc, Any]] = [((), self.data)]
        while stack:
            loc, value = stack.pop()
            if isinstance(value, (dict, list)):
                if len(loc) >= MAX_DEPTH:
                    problems.append(Problem(self.path, self.line(loc), "YAML", f"嵌套超过 {MAX_DEPTH} 层", "字段只需一两层缩进，请检查缩进"))
                    return
                items = value.items() if isinstance(value, dict) else enumerate(value)
                stack.extend((loc + (key,), item) for key, item in items)
            elif isinstance(value, str):
                self.texts.append((loc, value))
            elif isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 10**10:
                # A long number is shown as its digits: 13912340001 unquoted is still a phone number.
                self.texts.append((loc, str(value) if isinstance(value, int) or not value.is_integer() else f"{value:.0f}"))

    def _report_duplicates(self, problems: list[Problem]) -> None:
        """YAML silently keeps the last of two equal keys; staff need to know they wrote one twice."""
        stack: list[tuple[yaml.Node, Loc]] = [(self._node, ())]
        while stack:
            node, loc = stack.pop()
            if isinstance(node, yaml.MappingNode):
                seen: set[Any] = set()
                for key_node, value_node in node.value:
                    key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                    if key in seen:
                        problems.append(Problem(self.path, self.first_line + key_node.start_mark.line, dotted(loc + (key,)), "重复出现", "同一字段只能写一次，请删除多余的一行"))
                    seen.add(key)
                    stack.append((value_node, loc + (key,)))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((item, loc + (index,)) for index, item in enumerate(node.value))

    @property
    def lines(self) -> dict[Loc, int]:
        if self._lines is None:
            self._lines = {}
            stack: list[tuple[yaml.Node, Loc]] = [(self._node, ())] if self._node is not None else []
            while stack:
                node, loc = stack.pop()
                self._lines.setdefault(loc, self.first_line + node.start_mark.line)
                if isinstance(node, yaml.MappingNode):
                    for key_node, value_node in node.value:
                        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                        self._lines[loc + (key,)] = self.first_line + key_node.start_mark.line
                        stack.append((value_node, loc + (key,)))
                elif isinstance(node, yaml.SequenceNode):
                    stack.extend((item, loc + (index,)) for index, item in enumerate(node.value))
        return self._lines

    def line(self, loc: Loc) -> int:
        """Line of `loc`, or of its nearest parent that exists (for missing keys)."""
        lines = self.lines
        while loc not in lines and loc:
            loc = loc[:-1]
        return lines.get(loc, self.first_line)

    def value(self, loc: Loc) -> Any:
        data = self.data
        for part in loc:
            try:
                data = data[part]
            except (KeyError, IndexError, TypeError):
                return None
        return data


def dotted(loc: Loc) -> str:
    """`photos[0].src` for ('photos', 0, 'src')."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^---[ \t]*\r?$\n?", re.S | re.M)
_OPENING = re.compile(r"---[ \t]*\r?\n")
_CLOSING = re.compile(r"^---[ \t]*\r?$\n?", re.M)


def split_front_matter(text: str) -> tuple[str, int] | None:
    """`FRONT_MATTER.match(text)` as (group 1, end), found without its lazy group trying every character
    (a tenth of reading a venue file): the first closing line after the opening one, less the line break before it."""
    if (opening := _OPENING.match(text)) is None:
        return None
    start = opening.end()
    if (closing := _CLOSING.search(text, start)) is None:
        return None
    stop = closing.start()
    if stop - 2 >= start and text[stop - 2 : stop] == "\r\n":
        stop -= 2
    elif stop - 1 >= start and text[stop - 1] == "\n":
        stop -= 1
    return text[start:stop], closing.end()
