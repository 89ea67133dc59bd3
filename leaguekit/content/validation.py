"""pydantic validation worded for league staff: every error becomes a Chinese `Problem` with its line."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import Problem, did_you_mean
from .schema import DATUM_MISSING
from .yamlsource import Loc, YamlSource, dotted

M = TypeVar("M", bound=BaseModel)

TYPE_WORDS = {
    "missing": "缺少必填字段",
    "extra_forbidden": "是不认识的字段",
    "string_type": "应为文字",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "finite_number": "应为有限的数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（每项一行，以“- ”开头）",
    "model_type": "应为一组“键: 值”",
    "model_attributes_type": "应为一组“键: 值”",
    "dict_type": "应为一组“键: 值”",
    "string_too_short": "太短",
    "string_too_long": "太长",
    "too_short": "项数太少",
    "too_long": "项数太多",
    "literal_error": "不是允许的值",
}
BOUNDS = {"greater_than": ("gt", "应大于"), "greater_than_equal": ("ge", "应不小于"), "less_than": ("lt", "应小于"), "less_than_equal": ("le", "应不大于")}
CJK = re.compile(r"[\u4e00-\u9fff]")


def field_info(model: type[BaseModel], name: object) -> Any:
    """The field called `name` in YAML: its alias (`from`) or, without one, its Python name."""
    for key, info in model.model_fields.items():
        if (info.alias or key) == name:
            return info
    return None


def field_names(model: type[BaseModel]) -> list[str]:
    """The keys a YAML mapping for `model` may use."""
    return [info.alias or key for key, info in model.model_fields.items()]


def label(model: type[BaseModel], loc: Loc) -> str:
    """Chinese title of the field at `loc`, following nested models."""
    current: Any = model
    found = ""
    for part in loc:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        info = field_info(current, part)
        if info is None:
            return ""
        found = info.title or ""
        current = _model_in(info.annotation)
    return found


def _model_in(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        inner = getattr(candidate, "__args__", ())
        for arg in inner:
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
    return None


def submodel(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = field_info(current, part) if current is not None else None
        if info is None:
            return None
        current = _model_in(info.annotation)
    return current


def _show(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _message(err: dict) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind in BOUNDS:
        key, words = BOUNDS[kind]
        bound = ctx.get(key, "")
        return f"{words} {int(bound) if isinstance(bound, float) and bound.is_integer() else bound}".strip()
    if kind in TYPE_WORDS:
        return TYPE_WORDS[kind]
    # Our own rules (PydanticCustomError) are worded in Chinese; pydantic's are not.
    return err["msg"] if CJK.search(err["msg"]) else "写法不对"


def validate(model: type[M], data: Any, src: YamlSource, base: Loc, problems: list[Problem]) -> M | None:
    """`model` from `data`, or None after adding one Problem per error (with line, label and value)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            ctx = err.get("ctx") or {}
            if "field" in ctx:  # a model-level rule names the field (or the path below it) it is about
                loc = loc + (ctx["field"] if isinstance(ctx["field"], tuple) else (ctx["field"],))
            full = base + loc
            hint = ctx.get("hint", "")
            if err["type"] == "missing":
                hint = DATUM_MISSING if loc[-2:] == ("location", "datum") else f"请添加一行 `{loc[-1]}: …`"
            elif err["type"] == "extra_forbidden":
                parent = submodel(model, loc[:-1])
                hint = did_you_mean(str(loc[-1]), field_names(parent) if parent else [])
                hint += " 不需要的字段请删除。" if hint.startswith("是否") else ""
            elif err["type"] == "literal_error":
                hint = f"可选值：{ctx.get('expected', '')}"
            problems.append(
                Problem(
                    src.path,
                    src.line(full),
                    dotted(loc),
                    _message(err),
                    hint,
                    label=label(model, loc),
                    value=None if err["type"] == "missing" else _show(src.value(full)),
                )
            )
        return None
