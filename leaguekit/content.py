"""Load and validate all content: `data/*.yml`, `venues/**.md`, `brands/**.md`.

`load(root)` either returns a fully validated `Content` or raises one
`ContentError` listing every problem with its file and line. Nothing else in
the kit reads content files, and nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .hours import Hours, parse_hours
from .problems import ContentError, Problem, did_you_mean
from .schema import ID_RE, Brand, Org, SiteSettings, Term, Venue, VenueType

M = TypeVar("M", bound=BaseModel)
Loc = tuple[Any, ...]

TYPE_WORDS = {
    "missing": "缺少必填字段",
    "extra_forbidden": "是不认识的字段",
    "string_type": "应为文字",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（每项一行，以“- ”开头）",
    "model_type": "应为一组“键: 值”",
    "dict_type": "应为一组“键: 值”",
    "string_too_short": "太短",
    "greater_than": "应大于 0",
    "literal_error": "不是允许的值",
}


@dataclass(frozen=True)
class VenueEntry:
    """A validated venue with where it came from."""

    id: str
    source: str
    data: Venue
    body: str
    hours: Hours | None


@dataclass(frozen=True)
class BrandEntry:
    id: str
    source: str
    data: Brand
    body: str


@dataclass(frozen=True)
class Content:
    """Everything the site shows, validated and cross-checked."""

    settings: SiteSettings
    orgs: dict[str, Org]
    venue_types: dict[str, VenueType]
    services: dict[str, Term]
    grades: dict[str, Term]
    brand_categories: dict[str, Term]
    venues: list[VenueEntry]
    brands: list[BrandEntry]
    warnings: list[Problem] = field(default_factory=list)

    @cached_property
    def venue(self) -> dict[str, VenueEntry]:
        return {v.id: v for v in self.venues}

    @cached_property
    def brand(self) -> dict[str, BrandEntry]:
        return {b.id: b for b in self.brands}

    @cached_property
    def open_venues(self) -> list[VenueEntry]:
        """Venues that are not closed: the ones listings, counts and the finder show.

        Closed venues keep their own page (see `venues`) so printed URLs still work.
        """
        return [v for v in self.venues if v.data.is_open]

    @cached_property
    def aliases(self) -> dict[str, VenueEntry]:
        """Old venue ids (from `aliases:`) and the venue each now redirects to."""
        return {alias: v for v in self.venues for alias in v.data.aliases}

    @property
    def publisher(self) -> Org:
        return self.orgs[self.settings.publisher]

    def venues_hosting(self, brand_id: str) -> list[VenueEntry]:
        return [v for v in self.open_venues if brand_id in v.data.brands]

    def org_tree(self, org_id: str) -> list[str]:
        """The org and all orgs below it, parents first."""
        found = [org_id]
        for org in self.orgs.values():
            if org.parent == org_id:
                found.extend(self.org_tree(org.id))
        return found

    def org_chain(self, org_id: str) -> list[Org]:
        """The org and its parents up to the root."""
        chain = []
        current: str | None = org_id
        while current:
            chain.append(self.orgs[current])
            current = self.orgs[current].parent
        return chain

    def venues_of_org(self, org_id: str, *, include_children: bool = True) -> list[VenueEntry]:
        orgs = set(self.org_tree(org_id)) if include_children else {org_id}
        return [v for v in self.open_venues if v.data.org in orgs]

    def brands_of_org(self, org_id: str, *, include_children: bool = True) -> list[BrandEntry]:
        orgs = set(self.org_tree(org_id)) if include_children else {org_id}
        return [b for b in self.brands if b.data.org in orgs]

    def venues_by_type(self) -> list[tuple[VenueType, list[VenueEntry]]]:
        return [(t, [v for v in self.open_venues if v.data.type == t.key]) for t in self.venue_types.values()]

    def venues_by_district(self) -> list[tuple[str, list[VenueEntry]]]:
        groups: dict[str, list[VenueEntry]] = {}
        for v in self.open_venues:
            groups.setdefault(district_of(v, self), []).append(v)
        return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def district_of(venue: VenueEntry, content: Content) -> str:
    """The district a venue is listed under; the org's region stands in when unset."""
    return venue.data.district or content.orgs[venue.data.org].region


# --- YAML with line numbers -------------------------------------------------


class _Source:
    """One YAML document with the line of every key and list item."""

    def __init__(self, path: str, text: str, first_line: int, problems: list[Problem]):
        self.path = path
        self.first_line = first_line
        self.lines: dict[Loc, int] = {}
        self.data: Any = None
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            self.data = yaml.safe_load(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = first_line + (mark.line if mark else 0)
            problems.append(
                Problem(path, line, "YAML", f"语法错误：{exc.problem}", "检查缩进（用空格，不用 Tab）、冒号后的空格；含冒号或 # 的文字请加引号")
            )
            return
        if node is not None:
            self._walk(node, (), problems)

    def _walk(self, node: yaml.Node, loc: Loc, problems: list[Problem]) -> None:
        self.lines[loc] = self.first_line + node.start_mark.line
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value
                if key in seen:
                    problems.append(
                        Problem(self.path, self.first_line + key_node.start_mark.line, _dotted(loc + (key,)), "重复出现", "同一字段只能写一次，请删除多余的一行")
                    )
                seen.add(key)
                self._walk(value_node, loc + (key,), problems)
                self.lines[loc + (key,)] = self.first_line + key_node.start_mark.line
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._walk(item, loc + (index,), problems)

    def line(self, loc: Loc) -> int:
        """Line of `loc`, or of its nearest parent that exists (for missing keys)."""
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc, self.first_line)

    def value(self, loc: Loc) -> Any:
        data = self.data
        for part in loc:
            try:
                data = data[part]
            except (KeyError, IndexError, TypeError):
                return None
        return data


def _dotted(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _label(model: type[BaseModel], loc: Loc) -> str:
    """Chinese title of the field at `loc`, following nested models."""
    current: Any = model
    label = ""
    for part in loc:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return ""
        label = info.title or ""
        annotation = info.annotation
        args = getattr(annotation, "__args__", ())
        current = next((a for a in (annotation, *args) if isinstance(a, type) and issubclass(a, BaseModel)), None)
    return label


def _show(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def _validate(model: type[M], data: Any, src: _Source, base: Loc, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            ctx = err.get("ctx") or {}
            if "field" in ctx:  # a model-level rule names the field it is about
                loc = loc + (ctx["field"],)
            full = base + loc
            message = TYPE_WORDS.get(err["type"], err["msg"])
            hint = ctx.get("hint", "")
            if err["type"] == "missing":
                hint = f"请添加一行 `{loc[-1]}: …`"
            elif err["type"] == "extra_forbidden":
                parent = _submodel(model, loc[:-1])
                hint = did_you_mean(str(loc[-1]), parent.model_fields if parent else [])
                hint += " 不需要的字段请删除。" if hint.startswith("是否") else ""
            elif err["type"] == "literal_error":
                hint = f"可选值：{ctx.get('expected', '')}"
            problems.append(
                Problem(
                    src.path,
                    src.line(full),
                    _dotted(loc),
                    message,
                    hint,
                    label=_label(model, loc),
                    value=None if err["type"] == "missing" else _show(src.value(full)),
                )
            )
        return None


def _submodel(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        args = (info.annotation, *getattr(info.annotation, "__args__", ()))
        current = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if current is None:
            return None
    return current


# --- data/*.yml ---------------------------------------------------------------


def _read_list(root: Path, name: str, model: type[M], key: str, problems: list[Problem]) -> dict[str, M]:
    """A YAML list of records in data/, keyed by `key`."""
    path = root / "data" / name
    rel = f"data/{name}"
    if not path.exists():
        problems.append(Problem(rel, 1, "", "文件不存在", f"请创建 {rel}"))
        return {}
    src = _Source(rel, path.read_text(encoding="utf-8"), 1, problems)
    if src.data is None and not src.lines:
        return {}
    if not isinstance(src.data, list):
        problems.append(Problem(rel, 1, "", "应为列表", "每一项以“- ”开头"))
        return {}
    records: dict[str, M] = {}
    for index, item in enumerate(src.data):
        record = _validate(model, item, src, (index,), problems)
        if record is None:
            continue
        ident = getattr(record, key)
        if ident in records:
            problems.append(Problem(rel, src.line((index, key)), key, f"“{ident}”重复", "每个键只能出现一次"))
        elif not ID_RE.match(ident):
            problems.append(Problem(rel, src.line((index, key)), key, f"“{ident}”不是合法的键", "只用小写英文字母、数字和连字符，例如 youth-home"))
        else:
            records[ident] = record
    return records


def _read_settings(root: Path, problems: list[Problem]) -> SiteSettings | None:
    rel = "data/site.yml"
    path = root / rel
    if not path.exists():
        problems.append(Problem(rel, 1, "", "文件不存在", "请创建 data/site.yml，写明 publisher、title、description"))
        return None
    src = _Source(rel, path.read_text(encoding="utf-8"), 1, problems)
    return _validate(SiteSettings, src.data, src, (), problems) if src.data is not None else None


# --- venues/ and brands/ ------------------------------------------------------

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^---[ \t]*\r?$\n?", re.S | re.M)
HTML_TAG = re.compile(r"<(?:[a-zA-Z][\w:-]*|/[a-zA-Z]|!--)")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def _markdown_files(root: Path, folder: str, problems: list[Problem]) -> Iterator[Path]:
    """Every visible file in `folder`; anything but Markdown is reported, never skipped silently."""
    base = root / folder
    if not base.is_dir():
        return
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        if any(part.startswith(".") for part in path.relative_to(base).parts):
            continue
        if path.suffix != ".md":
            rel = path.relative_to(root).as_posix()
            problems.append(Problem(rel, 1, "文件名", f"{folder}/ 中只能放 .md 文件", "图片请放到 docs/assets/ 下，再在 photos 中引用"))
            continue
        yield path


def _read_entry(path: Path, root: Path, model: type[M], problems: list[Problem]) -> tuple[str, M | None, str, _Source | None]:
    rel = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8-sig")
    match = FRONT_MATTER.match(text)
    if not match:
        problems.append(Problem(rel, 1, "front matter", "缺少开头的 YAML 信息块", "文件第一行写 ---，然后是各字段，再用一行 --- 结束"))
        return rel, None, "", None
    src = _Source(rel, match.group(1), 2, problems)
    body = text[match.end():]
    body_line = text[: match.end()].count("\n") + 1
    _check_body(rel, body, body_line, problems)
    if src.data is None and src.lines == {} and not any(p.path == rel for p in problems):
        problems.append(Problem(rel, 2, "front matter", "YAML 信息块是空的", "请填写 name、type 等必填字段"))
        return rel, None, body, src
    if src.data is not None and not isinstance(src.data, dict):
        problems.append(Problem(rel, 2, "front matter", "应为一组“键: 值”", "每行写一个字段，例如 name: 某某青年之家"))
        return rel, None, body, src
    record = _validate(model, src.data, src, (), problems) if src.data is not None else None
    return rel, record, body, src


def _check_body(rel: str, body: str, first_line: int, problems: list[Problem]) -> None:
    """Raw HTML in a contributor's text could inject script; Markdown is enough."""
    masked = CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)
    for match in HTML_TAG.finditer(masked):
        line = first_line + masked[: match.start()].count("\n")
        problems.append(Problem(rel, line, "正文", f"含有 HTML 标签 “{match.group()}…”", "正文只用 Markdown（# 标题、- 列表、**加粗**）；确需显示尖括号请放在 `代码` 中"))


def _stem_id(rel: str, src: _Source | None, problems: list[Problem]) -> str | None:
    stem = Path(rel).stem
    if not ID_RE.match(stem):
        problems.append(Problem(rel, 1, "文件名", f"“{stem}”不能作网址", "文件名只用小写英文字母、数字和连字符，例如 taigu-baita.md"))
        return None
    return stem


def _check_ref(problems: list[Problem], src: _Source, loc: Loc, value: str, choices: dict[str, Any], what: str, where: str, label: str) -> bool:
    if value in choices:
        return True
    by_label = {getattr(v, "label", getattr(v, "name", None)): k for k, v in choices.items()}
    hint = f"“{value}”对应的键是 “{by_label[value]}”" if value in by_label else did_you_mean(value, choices)
    problems.append(Problem(src.path, src.line(loc), _dotted(loc), f"是未知的{what}", f"{hint}（见 {where}）", label=label, value=value))
    return False


def load(root: Path | str) -> Content:
    """Read everything under `root`; raise ContentError listing all problems."""
    root = Path(root)
    problems: list[Problem] = []
    settings = _read_settings(root, problems)
    orgs = _read_list(root, "orgs.yml", Org, "id", problems)
    venue_types = _read_list(root, "venue_types.yml", VenueType, "key", problems)
    services = _read_list(root, "services.yml", Term, "key", problems)
    grades = _read_list(root, "grades.yml", Term, "key", problems)
    categories = _read_list(root, "brand_categories.yml", Term, "key", problems)
    _check_orgs(root, orgs, settings, problems)

    brand_files = [_read_entry(p, root, Brand, problems) for p in _markdown_files(root, "brands", problems)]
    venue_files = [_read_entry(p, root, Venue, problems) for p in _markdown_files(root, "venues", problems)]
    if not venue_files:
        problems.append(Problem("venues/", 1, "", "没有任何场馆文件", "在 venues/ 中添加 .md 文件，参见 README"))

    brand_ids = _unique_ids(brand_files, problems)
    venue_ids = _unique_ids(venue_files, problems)

    brands: list[BrandEntry] = []
    for rel, record, body, src in brand_files:
        ident = brand_ids.get(rel)
        if record is None or src is None or ident is None:
            continue
        ok = _check_ref(problems, src, ("org",), record.org, orgs, "团组织", "data/orgs.yml", "所属团组织")
        ok &= _check_ref(problems, src, ("category",), record.category, categories, "品牌类别", "data/brand_categories.yml", "类别")
        if ok:
            brands.append(BrandEntry(ident, rel, record, body))

    venues: list[VenueEntry] = []
    for rel, record, body, src in venue_files:
        ident = venue_ids.get(rel)
        if record is None or src is None or ident is None:
            continue
        if _check_venue(root, record, src, orgs, venue_types, services, grades, brand_ids.values(), problems):
            hours = parse_hours(record.hours) if record.hours else None
            venues.append(VenueEntry(ident, rel, record, body, hours))

    _check_aliases(venue_files, venue_ids, problems)
    errors = [p for p in problems if p.level == "error"]
    if errors or settings is None:
        raise ContentError(problems + _warnings(venues))
    return Content(
        settings=settings,
        orgs=orgs,
        venue_types=venue_types,
        services=services,
        grades=grades,
        brand_categories=categories,
        venues=sorted(venues, key=lambda v: v.id),
        brands=sorted(brands, key=lambda b: b.id),
        warnings=_warnings(venues),
    )


def _unique_ids(files: list[tuple[str, Any, str, _Source | None]], problems: list[Problem]) -> dict[str, str]:
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for rel, _, _, src in files:
        ident = _stem_id(rel, src, problems)
        if ident is None:
            continue
        if ident in seen:
            problems.append(Problem(rel, 1, "文件名", f"“{ident}”与 {seen[ident]} 重名", "文件名即网址，全站必须唯一；请改名，例如加上县区前缀"))
            continue
        seen[ident] = rel
        ids[rel] = ident
    return ids


def _check_orgs(root: Path, orgs: dict[str, Org], settings: SiteSettings | None, problems: list[Problem]) -> None:
    text = (root / "data/orgs.yml").read_text(encoding="utf-8") if (root / "data/orgs.yml").exists() else ""
    src = _Source("data/orgs.yml", text, 1, [])
    for index, org in enumerate(orgs.values()):
        if org.parent is not None:
            _check_ref(problems, src, (index, "parent"), org.parent, orgs, "上级组织", "data/orgs.yml", "上级组织")
        seen, current = set(), org.id
        while current in orgs and current not in seen:
            seen.add(current)
            current = orgs[current].parent
        if current in seen:
            problems.append(Problem("data/orgs.yml", src.line((index, "parent")), "parent", "上下级关系成了环", "请检查 parent，最上级组织不写 parent"))
    if settings is not None and orgs and settings.publisher not in orgs:
        settings_src = _Source("data/site.yml", (root / "data/site.yml").read_text(encoding="utf-8"), 1, [])
        _check_ref(problems, settings_src, ("publisher",), settings.publisher, orgs, "团组织", "data/orgs.yml", "发布组织")


def _check_venue(root, venue, src, orgs, venue_types, services, grades, brand_ids, problems) -> bool:
    ok = _check_ref(problems, src, ("org",), venue.org, orgs, "团组织", "data/orgs.yml", "所属团组织")
    ok &= _check_ref(problems, src, ("type",), venue.type, venue_types, "阵地类型", "data/venue_types.yml", "阵地类型")
    if venue.grade is not None:
        vtype = venue_types.get(venue.type)
        if vtype is not None and not vtype.grades:
            problems.append(Problem(src.path, src.line(("grade",)), "grade", f"只适用于分星级的阵地，{vtype.label}不分星级", "请删除 grade 这一行", label="星级", value=venue.grade))
            ok = False
        else:
            ok &= _check_ref(problems, src, ("grade",), venue.grade, grades, "星级", "data/grades.yml", "星级")
    for index, key in enumerate(venue.services):
        ok &= _check_ref(problems, src, ("services", index), key, services, "服务项目", "data/services.yml", "服务项目")
    known_brands = set(brand_ids)
    for index, key in enumerate(venue.brands):
        ok &= _check_ref(problems, src, ("brands", index), key, dict.fromkeys(known_brands), "品牌", "brands/ 文件夹", "承接品牌")
    for index, photo in enumerate(venue.photos):
        if not (root / "docs" / photo.src).is_file():
            problems.append(Problem(src.path, src.line(("photos", index, "src")), f"photos[{index}].src", "找不到这张图片", f"请把图片放到 docs/{photo.src}", label="图片路径", value=photo.src))
            ok = False
    return ok


def _check_aliases(files: list[tuple[str, Any, str, _Source | None]], ids: dict[str, str], problems: list[Problem]) -> None:
    """An old id must not be a live venue's id or another venue's old id: one URL, one page."""
    live = {ident: rel for rel, ident in ids.items()}
    claimed: dict[str, str] = {}
    for rel, record, _, src in files:
        if record is None or src is None:
            continue
        for index, alias in enumerate(record.aliases):
            loc = ("aliases", index)
            if alias in live:
                same = live[alias] == rel
                problems.append(Problem(rel, src.line(loc), _dotted(loc), "就是本阵地的文件名" if same else f"与 {live[alias]} 的文件名相同", "旧网址只写改名前的旧文件名" if same else "旧网址会跳转到本页，不能与现有阵地重名；请删除这一项", label="旧网址", value=alias))
            elif alias in claimed:
                problems.append(Problem(rel, src.line(loc), _dotted(loc), f"已是 {claimed[alias]} 的旧网址", "一个旧网址只能跳转到一个阵地；请删除其中一处", label="旧网址", value=alias))
            else:
                claimed[alias] = rel


def _warnings(venues: list[VenueEntry]) -> list[Problem]:
    found = []
    for v in venues:
        missing = [label for label, value in (("开放时间 hours", v.data.hours), ("电话 phone", v.data.phone)) if value is None]
        if missing:
            found.append(Problem(v.source, 2, "、".join(m.split()[1] for m in missing), f"未填写{'和'.join(m.split()[0] for m in missing)}", "群众需要知道何时开放、如何联系", level="warning"))
        for index, photo in enumerate(v.data.photos):
            if not photo.alt:
                found.append(Problem(v.source, 2, f"photos[{index}].alt", "照片没有图片说明", "请写 alt：图里有什么（例如“青年之家活动室”），供读屏软件朗读", label="图片说明", value=photo.src, level="warning"))
    return found
