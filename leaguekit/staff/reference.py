"""The staff field reference, generated from the same pydantic models that validate content.

One table per content kind: key, Chinese label (`title`), required or not,
type, allowed values (from the vocabularies in data/), example. Nothing is
copied by hand, so the guide cannot drift from `make check`.
"""

from __future__ import annotations

import datetime
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

import annotated_types
from markupsafe import Markup
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..content.model import Content
from ..content.schema import Activity, Brand, Kind, Venue
from ..content.validation import field_names
from ..generate.render import render_in_markdown
from .vocabulary import value_labels, vocabulary, vocabulary_of, yaml_value

# Validators whose name says what kind of text a field holds (the reusable types carry a `Kind`).
VALIDATOR_TYPES = {
    "_alias_ids": "文件名列表",
    "_weekdays": "星期列表",
    "_time_range": "时间段",
    "_fee": "free 或金额（元）",
    "_email": "邮箱",
    "_not_a_person": "岗位（不写姓名）",
}
MAX_LISTED = 20


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    required: bool
    type: str
    allowed: tuple[tuple[str, str], ...]
    allowed_note: str
    example: str
    description: str
    limit: str = ""  # the size `make check` allows: 最多 60 字, 最多 20 项


def _kind_of(annotation: Any) -> str | None:
    """The `Kind` of an annotated field type, looking inside Optional and list."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, Kind):
            return meta.label
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    for arg in args:
        found = _kind_of(arg)
        if found:
            return found + "列表" if origin is list else found
    return None


def _validated_as(model: type[BaseModel], key: str) -> str | None:
    info = model.model_fields[key]
    kind = next((m.label for m in info.metadata if isinstance(m, Kind)), None) or _kind_of(info.annotation)
    if kind:
        return kind
    for name, decorator in model.__pydantic_decorators__.field_validators.items():
        if key in decorator.info.fields and name in VALIDATOR_TYPES and decorator.info.mode in ("after", "before"):
            return VALIDATOR_TYPES[name]
    return None


def _type_of(annotation: Any) -> str:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _type_of(args[0])
    if origin is Literal:
        return "文字"
    if origin is list:
        inner = args[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return "列表，每项 {" + ", ".join(field_names(inner)) + "}"
        return "列表"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "{" + ", ".join(field_names(annotation)) + "}"
    return {str: "文字", float: "数字", int: "整数", bool: "true 或 false", datetime.date: "日期"}.get(annotation, str(annotation))


def _max_length(metadata: Any) -> int | None:
    """The MaxLen among a field's constraints (also inside an `Annotated[str, Field(...)]`)."""
    for meta in metadata:
        if isinstance(meta, annotated_types.MaxLen):
            return meta.max_length
        if isinstance(meta, FieldInfo) and (found := _max_length(meta.metadata)) is not None:
            return found
    return None


def _limit(info: FieldInfo) -> str:
    """最多 60 字 for a text, 最多 20 项（每项最多 60 字） for a list."""
    size = _max_length(info.metadata)
    if typing.get_origin(info.annotation) is not list:
        return f"最多 {size} 字" if size else ""
    item = _max_length(getattr(typing.get_args(info.annotation)[0], "__metadata__", ()))
    each = f"每项最多 {item} 字" if item else ""
    return "，".join(part for part in (f"最多 {size} 项" if size else "", each) if part)


def _example(info: FieldInfo) -> str:
    return yaml_value(info.examples[0]) if info.examples else ""


def rows(model: type[BaseModel], content: Content, prefix: str = "") -> list[Row]:
    """One row per field, nested models' fields following their parent (location.lat …)."""
    found = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        allowed: tuple[tuple[str, str], ...] = ()
        note = ""
        if typing.get_origin(info.annotation) is Literal:
            labels = value_labels(info)
            allowed = tuple((str(v), labels.get(v, "")) for v in typing.get_args(info.annotation))
        elif vocab := vocabulary_of(info):
            entries = vocabulary(content, vocab)
            if len(entries) <= MAX_LISTED:
                allowed = tuple(entries.items())
            else:
                note = f"共 {len(entries)} 个，见 {f'{vocab}/ 文件夹' if vocab in ('brands', 'venues') else f'data/{vocab}.yml'}"
        found.append(
            Row(
                key=prefix + key,
                label=info.title or "",
                required=info.is_required(),
                type=_validated_as(model, name) or _type_of(info.annotation),
                allowed=allowed,
                allowed_note=note,
                example=_example(info),
                description=info.description or "",
                limit=_limit(info),
            )
        )
        nested = _nested_model(info.annotation)
        if nested is not None:
            suffix = "[]." if typing.get_origin(info.annotation) is list else "."
            found += rows(nested, content, prefix=f"{prefix}{key}{suffix}")
    return found


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


KINDS = {"venue": Venue, "brand": Brand, "activity": Activity}
KIND_LABELS = {"venue": "阵地", "brand": "品牌项目", "activity": "活动"}


def field_table(content: Content, kind: str) -> Markup:
    """One kind's table; row ids carry the kind, as one page lists all three (`venue-name`, `brand-name`)."""
    return render_in_markdown("reference.html", rows=rows(KINDS[kind], content), kind=kind, label=KIND_LABELS[kind])
