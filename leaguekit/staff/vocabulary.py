"""What staff tools offer for a field: a vocabulary's keys and Chinese labels, and a value written as YAML."""

from __future__ import annotations

from typing import Any

import yaml
from pydantic.fields import FieldInfo

from ..content.model import Content


def vocabulary(content: Content, name: str) -> dict[str, str]:
    """Keys and Chinese labels of a vocabulary named in a field's `json_schema_extra`."""
    return content.vocabulary(name)


def vocabulary_of(info: FieldInfo) -> str | None:
    extra = info.json_schema_extra
    return extra.get("vocabulary") if isinstance(extra, dict) else None


def value_labels(info: FieldInfo) -> dict[str, str]:
    """Chinese labels of a fixed choice's values (status: open 开放), from the field's `json_schema_extra`."""
    extra = info.json_schema_extra
    labels = extra.get("labels") if isinstance(extra, dict) else None
    return dict(labels) if isinstance(labels, dict) else {}


def yaml_value(value: Any) -> str:
    """One-line YAML for a value, quoted only where YAML would misread it."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, sort_keys=False, width=1000).strip()
    return text.removesuffix("...").strip()
