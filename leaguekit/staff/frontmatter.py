"""Venue files' front matter as written, and changing it field by field the way a person would.

`read_venues` gives every venue file's fields as the file says them (a `gcj02` coordinate as
copied, before the loader converts it), read once by the loader's own venue reader (same limits,
on every core above 2,000 files), so a broken file is still listed and the import can hand the
files it does not change to `content.load` as they are. A tool that sets `hours` rewrites the `hours` line and nothing else: other fields, their
quoting, comments (the scaffold's commented examples) and the body stay as written, so the
pull request shows only what changed. A record written as a block (`location:` with `lat:`,
`lng:` below) is changed line by line too: only the sub-fields whose value changed are rewritten,
comments inside the block and each line's trailing comment stay. A field that is not there yet
takes the place of its commented example (`# phone: …`) when the file has one, else goes last.
Line ends (CRLF) are the file's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..content.files import ContentFile
from ..content.problems import Problem
from ..content.readers import venues
from ..content.yamlsource import FRONT_MATTER
from .vocabulary import yaml_value

DELETE = object()
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class VenueFile:
    rel: str  # venues/taigu/taigu-baita.md
    id: str | None  # None when the file name cannot be an id
    front: dict[str, Any] | None  # as written; None when the front matter cannot be read
    read: ContentFile  # as the loader read it, for `content.load(root, venues_as_read=…)`


def read_venues(root: Path) -> tuple[list[VenueFile], list[Problem]]:
    """Every venue file under venues/, in path order, with the problems met reading them."""
    problems: list[Problem] = []
    files = venues.read(root, problems, raw=True)
    return [VenueFile(f.rel, f.ident, f.raw if isinstance(f.raw, dict) else None, f) for f in files], problems


def line(key: str, value: Any) -> str:
    """One field as a line of YAML (a record such as `location` in braces)."""
    return f"{key}: {yaml_value(value)}"


def edit(text: str, changes: dict[str, Any]) -> str:
    """`text` with each top-level key of `changes` set to its value (DELETE removes it)."""
    match = FRONT_MATTER.match(text)
    if match is None:
        raise ValueError("no front matter")
    front = match.group(1)
    newline = "\r\n" if "\r\n" in front else "\n"
    lines = front.split(newline)
    spans = _spans(front, lines)
    edits: list[tuple[int, int, list[str]]] = []
    appended: list[str] = []
    blocks = _blocks(front)
    for key, value in changes.items():
        if key in blocks and isinstance(value, dict) and value:
            edits += _block_edits(lines, *blocks[key], value)
        elif key in spans:
            first, end, suffix = spans[key]
            edits.append((first, end, [] if value is DELETE else [line(key, value) + suffix]))
        elif value is not DELETE:
            example = next((n for n, text_line in enumerate(lines) if re.match(rf"#\s?{re.escape(key)}:", text_line)), None)
            if example is None:
                appended.append(line(key, value))
            else:
                edits.append((example, example + 1, [line(key, value)]))
    for first, end, new in sorted(edits, key=lambda e: e[0], reverse=True):
        lines[first:end] = new
    if appended:
        lines = [*lines, *appended] if front.strip() else appended
    return text[: match.start(1)] + newline.join(lines) + text[match.end(1) :]


def _blocks(front: str) -> dict[str, tuple[yaml.MappingNode, dict[str, Any]]]:
    """Top-level records written as blocks (not `{…}`): their node, and their values as read."""
    node = yaml.compose(front, Loader=_Loader)
    if not isinstance(node, yaml.MappingNode):
        return {}
    data = yaml.load(front, Loader=_Loader)
    return {
        str(k.value): (v, data[k.value])
        for k, v in node.value
        if isinstance(v, yaml.MappingNode) and not v.flow_style and isinstance(data.get(k.value), dict) and all(isinstance(sub, yaml.ScalarNode) for pair in v.value for sub in pair)
    }


def _block_edits(lines: list[str], node: yaml.MappingNode, old: dict[str, Any], new: dict[str, Any]) -> list[tuple[int, int, list[str]]]:
    """The lines of a block record to rewrite: each changed sub-field's own line (its indent and
    trailing comment kept), a removed one's line dropped, a new one after the last."""
    edits = []
    last, indent = 0, "  "
    for key_node, value_node in node.value:
        at = key_node.start_mark.line
        text = lines[at]
        indent = text[: len(text) - len(text.lstrip())]
        last = max(last, value_node.end_mark.line)
        key = str(key_node.value)
        if key not in new:
            edits.append((at, at + 1, []))
        elif new[key] != old.get(key) or type(new[key]) is not type(old.get(key)):
            rest = text[value_node.end_mark.column :] if value_node.end_mark.line == at else ""
            edits.append((at, at + 1, [f"{indent}{line(key, new[key])}{rest if rest.strip().startswith('#') else ''}"]))
    added = [f"{indent}{line(key, value)}" for key, value in new.items() if key not in old]
    if added:
        edits.append((last + 1, last + 1, added))
    return edits


def _spans(front: str, lines: list[str]) -> dict[str, tuple[int, int, str]]:
    """Each top-level key's lines (first, end) and the comment after a one-line value."""
    node = yaml.compose(front, Loader=_Loader)
    if not isinstance(node, yaml.MappingNode):
        return {}
    spans = {}
    for key_node, value_node in node.value:
        first = key_node.start_mark.line
        end_mark = value_node.end_mark
        end = end_mark.line + (1 if end_mark.column > 0 else 0)
        while end - 1 > first and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1  # comment and blank lines before the next key stay
        suffix = ""
        if end == first + 1 and end_mark.line == first:
            rest = lines[first][end_mark.column :]
            suffix = rest if rest.strip().startswith("#") else ""
        spans[str(key_node.value)] = (first, end, suffix)
    return spans
