"""Load and validate all content: `data/*.yml`, `venues/**.md`, `brands/**.md`.

`load(root)` either returns a fully validated `Content` or raises one
`ContentError` listing every problem with its file and line. Content files are
untrusted: they are read with limits (`yamlsource`), checked for personal data
(`privacy`) and their bodies checked exactly as the build will render them
(`body`). Nothing else in the kit reads content files, and nothing here imports MkDocs.
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from . import body, holidays, privacy, urls
from .activities import ActivityEntry, occurrences_of
from .hours import Calendar, Hours, Period, parse_hours
from .problems import ContentError, Problem, did_you_mean
from .schema import ID_RE, Activity, Brand, Org, SiteSettings, Term, Venue, VenueType
from .validation import validate
from .yamlsource import DATA_SIZE_HINT, FRONT_MATTER, MAX_DATA_BYTES, Loc, YamlSource, dotted, read_text

M = TypeVar("M", bound=BaseModel)

# Ids that would take over a generated page (venues/index/, brands/page/2/ …).
RESERVED_IDS = frozenset({"index", "page", "all", "category", "print", "feed", "data", "assets", "search", "map", "nearby", "districts", "types"})
# Activity ids share activities/ with the month pages (activities/months/2026-10/).
ACTIVITY_RESERVED_IDS = RESERVED_IDS | {"months"}
PRIVACY_HINT = "不得公开个人手机号和身份证号；请写办公座机或服务热线，人员写岗位不写姓名"


@dataclass(frozen=True)
class VenueEntry:
    """A validated venue with where it came from."""

    id: str
    source: str
    data: Venue
    body: str
    hours: Hours | None
    body_line: int = 1

    @cached_property
    def closures(self) -> tuple[Period, ...]:
        return tuple(Period(c.first, c.last, c.reason) for c in self.data.closures)


@dataclass(frozen=True)
class BrandEntry:
    id: str
    source: str
    data: Brand
    body: str
    body_line: int = 1


@dataclass(frozen=True)
class District:
    """A county-level area venues are listed under, told apart by its city (two 城区 differ)."""

    key: str
    name: str
    city: str

    @property
    def full_name(self) -> str:
        """`太原市小店区`; a name that already starts with its city or province is kept as written."""
        if re.match(r"^[^市省]{2,}?[省市]", self.name) or not self.city or self.name.startswith(self.city):
            return self.name
        return self.city + self.name


@dataclass(frozen=True)
class Content:
    """Everything the site shows, validated and cross-checked."""

    root: Path
    settings: SiteSettings
    orgs: dict[str, Org]
    venue_types: dict[str, VenueType]
    services: dict[str, Term]
    grades: dict[str, Term]
    brand_categories: dict[str, Term]
    venues: list[VenueEntry]
    brands: list[BrandEntry]
    calendar: Calendar = field(default_factory=Calendar)
    warnings: list[Problem] = field(default_factory=list)
    activities: list[ActivityEntry] = field(default_factory=list)

    @cached_property
    def activity(self) -> dict[str, ActivityEntry]:
        return {a.id: a for a in self.activities}

    def activities_at(self, venue_id: str) -> list[ActivityEntry]:
        return [a for a in self.activities if a.data.venue == venue_id]

    def activities_of_brand(self, brand_id: str) -> list[ActivityEntry]:
        return [a for a in self.activities if a.data.brand == brand_id]

    def activities_of_org(self, org_id: str) -> list[ActivityEntry]:
        """Activities an org or any org below it holds."""
        orgs = set(self.org_tree(org_id))
        return [a for a in self.activities if a.data.org in orgs]

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

    @cached_property
    def _hosts(self) -> dict[str, list[VenueEntry]]:
        found: dict[str, list[VenueEntry]] = defaultdict(list)
        for v in self.open_venues:
            for b in v.data.brands:
                found[b].append(v)
        return found

    def venues_hosting(self, brand_id: str) -> list[VenueEntry]:
        return self._hosts.get(brand_id, [])

    @cached_property
    def _children(self) -> dict[str | None, list[str]]:
        found: dict[str | None, list[str]] = defaultdict(list)
        for org in self.orgs.values():
            found[org.parent].append(org.id)
        return found

    def org_tree(self, org_id: str) -> list[str]:
        """The org and all orgs below it, parents first."""
        found = [org_id]
        for child in self._children.get(org_id, []):
            found.extend(self.org_tree(child))
        return found

    def org_chain(self, org_id: str) -> list[Org]:
        """The org and its parents up to the root."""
        chain = []
        current: str | None = org_id
        while current:
            chain.append(self.orgs[current])
            current = self.orgs[current].parent
        return chain

    @cached_property
    def _by_org(self) -> dict[str, list[VenueEntry]]:
        found: dict[str, list[VenueEntry]] = defaultdict(list)
        for v in self.open_venues:
            found[v.data.org].append(v)
        return found

    def venues_of_org(self, org_id: str, *, include_children: bool = True) -> list[VenueEntry]:
        """Open venues of the org (and the orgs below it), by id."""
        orgs = self.org_tree(org_id) if include_children else [org_id]
        found = [v for o in orgs for v in self._by_org.get(o, [])]
        return found if len(orgs) == 1 else sorted(found, key=lambda v: v.id)

    def brands_of_org(self, org_id: str, *, include_children: bool = True) -> list[BrandEntry]:
        orgs = set(self.org_tree(org_id)) if include_children else {org_id}
        return [b for b in self.brands if b.data.org in orgs]

    def venues_by_type(self) -> list[tuple[VenueType, list[VenueEntry]]]:
        groups: dict[str, list[VenueEntry]] = defaultdict(list)
        for v in self.open_venues:
            groups[v.data.type].append(v)
        return [(t, groups.get(t.key, [])) for t in self.venue_types.values()]

    def city_of(self, org_id: str) -> Org:
        """The nearest org at city level (or the top of the tree) above `org_id`: districts are told apart by it."""
        chain = self.org_chain(org_id)
        return next((o for o in chain if o.level in ("city", "province")), chain[-1])

    def district(self, venue: VenueEntry) -> District:
        return self._districts[venue.id]

    @cached_property
    def _districts(self) -> dict[str, District]:
        from .slugs import district_key  # pinyin tables load only for a build

        cache: dict[tuple[str, str], District] = {}
        keys: set[str] = set()
        found = {}
        for v in self.venues:
            city = self.city_of(v.data.org)
            name = v.data.district or self.orgs[v.data.org].region
            ident = (city.id, name)
            if ident not in cache:
                parent = self.orgs[city.parent].region if city.parent else ""
                key = base = district_key(city.id, name)
                n = 2
                while key in keys:  # two names with the same pinyin in one city
                    key, n = f"{base}-{n}", n + 1
                keys.add(key)
                cache[ident] = District(key, name, city.region.removeprefix(parent))
            found[v.id] = cache[ident]
        return found

    def venues_by_district(self) -> list[tuple[District, list[VenueEntry]]]:
        """Districts with their open venues, largest first."""
        groups: dict[District, list[VenueEntry]] = defaultdict(list)
        for v in self.open_venues:
            groups[self.district(v)].append(v)
        return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0].key))


# --- data/*.yml ---------------------------------------------------------------


def _read_yaml(root: Path, rel: str, problems: list[Problem], what: str) -> YamlSource | None:
    path = root / rel
    if path.is_symlink() or not path.is_file():
        problems.append(Problem(rel, 1, "", "文件不存在" if not path.is_symlink() else "是符号链接，不允许", f"请创建 {rel}（{what}）"))
        return None
    text = read_text(path, rel, problems, limit=MAX_DATA_BYTES, hint=DATA_SIZE_HINT)
    if text is None:
        return None
    src = YamlSource(rel, text, 1, problems)
    if not src.ok:
        return None
    if src.data is None:
        problems.append(Problem(rel, 1, "", "文件是空的", f"请填写{what}"))
        return None
    _privacy(src, problems)
    return src


def _read_list(root: Path, name: str, model: type[M], key: str, problems: list[Problem]) -> dict[str, M]:
    """A YAML list of records in data/, keyed by `key`."""
    return _read_records(root, name, model, key, problems)[0]


def _read_records(root: Path, name: str, model: type[M], key: str, problems: list[Problem]) -> tuple[dict[str, M], YamlSource | None, dict[str, int]]:
    """The records, the parsed file and each record's place in its list (for later messages' lines)."""
    rel = f"data/{name}"
    src = _read_yaml(root, rel, problems, "每一项以“- ”开头的列表")
    if src is None:
        return {}, None, {}
    if not isinstance(src.data, list):
        problems.append(Problem(rel, 1, "", "应为列表", "每一项以“- ”开头"))
        return {}, src, {}
    records: dict[str, M] = {}
    index_of: dict[str, int] = {}
    for index, item in enumerate(src.data):
        record = validate(model, item, src, (index,), problems)
        if record is None:
            continue
        ident = getattr(record, key)
        if ident in records:
            problems.append(Problem(rel, src.line((index, key)), key, f"“{ident}”重复", "每个键只能出现一次"))
        elif not ID_RE.match(ident):
            problems.append(Problem(rel, src.line((index, key)), key, f"“{ident}”不是合法的键", "只用小写英文字母、数字和连字符，例如 youth-home"))
        elif model is Org and ident in RESERVED_IDS:
            problems.append(Problem(rel, src.line((index, key)), key, f"“{ident}”是保留名，会占用网站自动生成的页面", "请换一个 id"))
        else:
            records[ident] = record
            index_of[ident] = index
    return records, src, index_of


def _read_calendar(root: Path, problems: list[Problem]) -> Calendar:
    src = _read_yaml(root, holidays.PATH, problems, "每年的法定节假日和调休上班日（照国务院办公厅通知）")
    return holidays.calendar(src, problems) if src is not None else Calendar()


def _read_settings(root: Path, problems: list[Problem]) -> SiteSettings | None:
    src = _read_yaml(root, "data/site.yml", problems, "publisher、title、description")
    settings = validate(SiteSettings, src.data, src, (), problems) if src is not None else None
    if settings is not None and settings.police_record and Resolver(root, set()).file(settings.police_record.icon) is None:
        loc = ("police_record", "icon")
        problems.append(Problem(src.path, src.line(loc), dotted(loc), "找不到备案图标", "请从全国互联网安全管理服务平台下载图标，放到 docs/ 下，按 docs/ 内的路径写", label="备案图标", value=settings.police_record.icon))
    return settings


def _privacy(src: YamlSource, problems: list[Problem], *, allow: frozenset[Loc] = frozenset()) -> None:
    """Refuse personal mobile numbers and resident ID numbers in any text of a YAML document."""
    for loc, text in src.texts:
        if loc not in allow:
            for found in privacy.find(text):
                problems.append(Problem(src.path, src.line(loc), dotted(loc), f"含有{found.label} {found.masked}", PRIVACY_HINT))


# --- venues/ and brands/ ------------------------------------------------------


def _content_files(root: Path, folder: str, problems: list[Problem]) -> Iterator[Path]:
    """Every visible Markdown file in `folder`. Anything else is reported, never skipped silently;
    symbolic links are refused, so a pull request cannot publish a file from outside the repository."""
    base = root / folder
    if base.is_symlink():
        problems.append(Problem(f"{folder}/", 1, "文件夹", "是符号链接，不允许", f"{folder}/ 必须是仓库中的普通文件夹"))
        return
    if not base.is_dir():
        return
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(base):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in dirnames + filenames:
            path = here / name
            if path.is_symlink():
                problems.append(Problem(path.relative_to(root).as_posix(), 1, "文件名", "是符号链接，不允许", "请放入文件本身，不要用链接"))
        dirnames[:] = [d for d in dirnames if not (here / d).is_symlink()]
        for name in filenames:
            path = here / name
            if name.startswith(".") or path.is_symlink():
                continue
            if path.suffix != ".md":
                problems.append(Problem(path.relative_to(root).as_posix(), 1, "文件名", f"{folder}/ 中只能放 .md 文件", "图片请放到 docs/assets/ 下，再在 photos 中引用"))
                continue
            found.append(path)
    yield from sorted(found)


@dataclass
class _File:
    """One content file as read: its id, validated record (or None), body, and its front matter
    (parsed again for line numbers only when a later check has something to report)."""

    rel: str
    ident: str | None
    record: Any
    body: str
    body_line: int
    front: str = ""

    @property
    def path(self) -> str:
        return self.rel

    def line(self, loc: Loc) -> int:
        return self._src.line(loc)

    @cached_property
    def _src(self) -> YamlSource:
        return YamlSource(self.rel, self.front, 2, [])


# Above this many files, `make check` and the build read them on every core.
PARALLEL_MIN = 2000


def _read_entries(paths: list[Path], root: Path, model: type[M], problems: list[Problem], reserved: frozenset[str] = RESERVED_IDS) -> list[_File]:
    cores = os.cpu_count() or 1
    if len(paths) < PARALLEL_MIN or cores < 2:
        return [_read_entry(p, root, model, problems, reserved) for p in paths]
    size = -(-len(paths) // cores)
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    context = _worker_context()
    files: list[_File] = []
    with ProcessPoolExecutor(max_workers=cores, mp_context=context) as pool:
        for entries, found in pool.map(_read_chunk, chunks, [root] * len(chunks), [model] * len(chunks), [reserved] * len(chunks)):
            files += entries
            problems += found
    return files


def _worker_context() -> multiprocessing.context.BaseContext | None:
    """Fork when this process has one thread (`make check`, `make build`): the fastest start.
    `make serve` has threads (the file watcher), and forking a threaded process may deadlock the
    child (Python 3.12 warns of it), so there workers come from a clean fork server."""
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return None


def _read_chunk(paths: list[Path], root: Path, model: type[M], reserved: frozenset[str]) -> tuple[list[_File], list[Problem]]:
    problems: list[Problem] = []
    return [_read_entry(p, root, model, problems, reserved) for p in paths], problems


def _read_entry(path: Path, root: Path, model: type[M], problems: list[Problem], reserved: frozenset[str] = RESERVED_IDS) -> _File:
    rel = path.relative_to(root).as_posix()
    entry = _File(rel, _stem_id(rel, problems, reserved), None, "", 1)
    text = read_text(path, rel, problems)
    if text is None:
        return entry
    match = FRONT_MATTER.match(text)
    if not match:
        problems.append(Problem(rel, 1, "front matter", "缺少开头的 YAML 信息块", "文件第一行写 ---，然后是各字段，再用一行 --- 结束"))
        return entry
    entry.body = text[match.end():]
    entry.body_line = text[: match.end()].count("\n") + 1
    entry.front = match.group(1)
    src = YamlSource(rel, entry.front, 2, problems)
    if not src.ok:
        return entry
    if src.data is None:
        problems.append(Problem(rel, 2, "front matter", "YAML 信息块是空的", "请填写 name、type 等必填字段"))
        return entry
    if not isinstance(src.data, dict):
        problems.append(Problem(rel, 2, "front matter", "应为一组“键: 值”", "每行写一个字段，例如 name: 某某青年之家"))
        return entry
    allow = frozenset({("phone",)}) if src.data.get("public_mobile") is True else frozenset()
    _privacy(src, problems, allow=allow)
    entry.record = validate(model, src.data, src, (), problems)
    return entry


def _stem_id(rel: str, problems: list[Problem], reserved: frozenset[str] = RESERVED_IDS) -> str | None:
    stem = Path(rel).stem
    if not ID_RE.match(stem):
        problems.append(Problem(rel, 1, "文件名", f"“{stem}”不能作网址", "文件名只用小写英文字母、数字和连字符，例如 taigu-baita.md"))
        return None
    if stem in reserved:
        problems.append(Problem(rel, 1, "文件名", f"“{stem}”是保留名，会占用网站自动生成的页面", "请换一个文件名，例如加上县区和类型：taigu-mingxing-youth-home.md"))
        return None
    return stem


def _check_ref(problems: list[Problem], src: YamlSource | _File, loc: Loc, value: str, choices: dict[str, Any], what: str, where: str, label: str) -> bool:
    if value in choices:
        return True
    by_label = {getattr(v, "label", getattr(v, "name", None)): k for k, v in choices.items()}
    hint = f"“{value}”对应的键是 “{by_label[value]}”" if value in by_label else did_you_mean(value, choices)
    problems.append(Problem(src.path, src.line(loc), dotted(loc), f"是未知的{what}", f"{hint}（见 {where}）", label=label, value=value))
    return False


class Resolver:
    """Where a path written in content points on the site: a file under docs/ or a generated page.

    Paths are confined to docs/: `..`, absolute paths and links that leave docs/ resolve to nothing.
    """

    def __init__(self, root: Path, pages: set[str]):
        self.docs = (root / "docs").resolve()
        self.pages = pages

    def file(self, path: str) -> str | None:
        """`path` (relative to docs/) when it names a regular file inside docs/."""
        clean = posixpath.normpath(path.replace("\\", "/")) if path else ""
        if not clean or clean.startswith(("../", "/")) or clean in (".", ".."):
            return None
        target = self.docs / clean
        try:
            real = target.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        return clean if real.is_file() and real.is_relative_to(self.docs) else None

    def __call__(self, path: str) -> str | None:
        found = self.file(path)
        if found is not None:
            return urls.page_of_doc(found) if found.endswith(".md") else found
        page = posixpath.normpath(path).strip("/") + "/"
        return page if page in self.pages else None


def load(root: Path | str) -> Content:
    """Read everything under `root`; raise ContentError listing all problems."""
    root = Path(root)
    problems: list[Problem] = []
    settings = _read_settings(root, problems)
    orgs, orgs_src, org_index = _read_records(root, "orgs.yml", Org, "id", problems)
    venue_types = _read_list(root, "venue_types.yml", VenueType, "key", problems)
    services = _read_list(root, "services.yml", Term, "key", problems)
    grades = _read_list(root, "grades.yml", Term, "key", problems)
    categories = _read_list(root, "brand_categories.yml", Term, "key", problems)
    _check_orgs(root, orgs, orgs_src, org_index, settings, problems)
    vocabularies_broken = any(p.level == "error" for p in problems)
    calendar = _read_calendar(root, problems)
    if vocabularies_broken:
        # Every venue names an org, a type and services: checked against broken vocabularies, each
        # file would repeat the same error (69,000 lines for one oversized orgs.yml).
        note = Problem("data/", 1, "", "有误，venues/、brands/ 和 activities/ 尚未检查", "先改正 data/ 中的其他问题，再运行 make check")
        raise ContentError([*problems, note])

    brand_files = _read_entries(list(_content_files(root, "brands", problems)), root, Brand, problems)
    venue_files = _read_entries(list(_content_files(root, "venues", problems)), root, Venue, problems)
    activity_files = _read_entries(list(_content_files(root, "activities", problems)), root, Activity, problems, ACTIVITY_RESERVED_IDS)
    if not venue_files:
        problems.append(Problem("venues/", 1, "", "没有任何场馆文件", "在 venues/ 中添加 .md 文件，参见 README"))

    brand_ids = _unique_ids(brand_files, problems)
    venue_ids = _unique_ids(venue_files, problems)
    activity_ids = _unique_ids(activity_files, problems)
    pages = {urls.venue(i) for i in venue_ids.values()} | {urls.brand(i) for i in brand_ids.values()} | {urls.org(i) for i in orgs} | {urls.venue_type(k) for k in venue_types}
    pages |= {urls.activity(i) for i in activity_ids.values()}
    resolve = Resolver(root, pages)

    brands: list[BrandEntry] = []
    for f, ident in _with_bodies_checked(brand_files, brand_ids, urls.brand, resolve, problems):
        ok = _check_ref(problems, f, ("org",), f.record.org, orgs, "团组织", "data/orgs.yml", "所属团组织")
        ok &= _check_ref(problems, f, ("category",), f.record.category, categories, "品牌类别", "data/brand_categories.yml", "类别")
        if ok:
            brands.append(BrandEntry(ident, f.rel, f.record, f.body, f.body_line))

    venues: list[VenueEntry] = []
    for f, ident in _with_bodies_checked(venue_files, venue_ids, urls.venue, resolve, problems):
        if _check_venue(resolve, f.record, f, orgs, venue_types, services, grades, brand_ids.values(), problems):
            hours = parse_hours(f.record.hours) if f.record.hours else None
            venues.append(VenueEntry(ident, f.rel, f.record, f.body, hours, f.body_line))

    activities = _read_activities(activity_files, activity_ids, resolve, orgs, {v.id: v for v in venues}, venue_ids, brand_ids, problems)
    _check_aliases(venue_files, venue_ids, problems)
    errors = [p for p in problems if p.level == "error"]
    if errors or settings is None:
        raise ContentError(problems + _warnings(venues))
    return Content(
        root=root,
        settings=settings,
        orgs=orgs,
        venue_types=venue_types,
        services=services,
        grades=grades,
        brand_categories=categories,
        venues=sorted(venues, key=lambda v: v.id),
        brands=sorted(brands, key=lambda b: b.id),
        calendar=calendar,
        warnings=_warnings(venues),
        activities=sorted(activities, key=lambda a: a.id),
    )


def _unique_ids(files: list[_File], problems: list[Problem]) -> dict[str, str]:
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for f in files:
        if f.ident is None:
            continue
        if f.ident in seen:
            problems.append(Problem(f.rel, 1, "文件名", f"“{f.ident}”与 {seen[f.ident]} 重名", "文件名即网址，全站必须唯一；请改名，例如加上县区前缀"))
            continue
        seen[f.ident] = f.rel
        ids[f.rel] = f.ident
    return ids


def _check_orgs(root: Path, orgs: dict[str, Org], src: YamlSource | None, index_of: dict[str, int], settings: SiteSettings | None, problems: list[Problem]) -> None:
    if not orgs or src is None:
        return
    for org in orgs.values():
        index = index_of[org.id]
        if org.parent is not None:
            _check_ref(problems, src, (index, "parent"), org.parent, orgs, "上级组织", "data/orgs.yml", "上级组织")
        seen, current = set(), org.id
        while current in orgs and current not in seen:
            seen.add(current)
            current = orgs[current].parent
        if current in seen:
            problems.append(Problem("data/orgs.yml", src.line((index, "parent")), "parent", "上下级关系成了环", "请检查 parent，最上级组织不写 parent"))
    if settings is not None and settings.publisher not in orgs:
        settings_src = YamlSource("data/site.yml", (root / "data/site.yml").read_text(encoding="utf-8"), 1, [])
        _check_ref(problems, settings_src, ("publisher",), settings.publisher, orgs, "团组织", "data/orgs.yml", "发布组织")


def _check_venue(resolve: Resolver, venue, src, orgs, venue_types, services, grades, brand_ids, problems) -> bool:
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
    known_brands = dict.fromkeys(brand_ids)
    for index, key in enumerate(venue.brands):
        ok &= _check_ref(problems, src, ("brands", index), key, known_brands, "品牌", "brands/ 文件夹", "承接品牌")
    for index, photo in enumerate(venue.photos):
        if resolve.file(photo.src) is None:
            problems.append(Problem(src.path, src.line(("photos", index, "src")), f"photos[{index}].src", "找不到这张图片", f"图片须放在 docs/ 下，按 docs/ 内的路径写，例如 assets/photos/{Path(photo.src).name or 'x.jpg'}", label="图片路径", value=photo.src))
            ok = False
    return ok


def _check_aliases(files: list[_File], ids: dict[str, str], problems: list[Problem]) -> None:
    """An old id must not be a live venue's id or another venue's old id: one URL, one page."""
    live = {ident: rel for rel, ident in ids.items()}
    claimed: dict[str, str] = {}
    for f in files:
        if f.record is None:
            continue
        for index, alias in enumerate(f.record.aliases):
            loc = ("aliases", index)
            if alias in live:
                same = live[alias] == f.rel
                problems.append(Problem(f.rel, f.line(loc), dotted(loc), "就是本阵地的文件名" if same else f"与 {live[alias]} 的文件名相同", "旧网址只写改名前的旧文件名" if same else "旧网址会跳转到本页，不能与现有阵地重名；请删除这一项", label="旧网址", value=alias))
            elif alias in RESERVED_IDS:
                problems.append(Problem(f.rel, f.line(loc), dotted(loc), f"“{alias}”是保留名", "请删除这一项", label="旧网址", value=alias))
            elif alias in claimed:
                problems.append(Problem(f.rel, f.line(loc), dotted(loc), f"已是 {claimed[alias]} 的旧网址", "一个旧网址只能跳转到一个阵地；请删除其中一处", label="旧网址", value=alias))
            else:
                claimed[alias] = f.rel


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


def _with_bodies_checked(files: list[_File], ids: dict[str, str], url: Callable[[str], str], resolve: Resolver, problems: list[Problem]) -> Iterator[tuple[_File, str]]:
    """Every file with a usable name gets its body checked; those whose front matter is valid go on, with their id."""
    for f in files:
        ident = ids.get(f.rel)
        if ident is not None:
            problems.extend(body.check(f.rel, f.body, f.body_line, url(ident), resolve))
        if f.record is not None and ident is not None:
            yield f, ident


def _read_activities(
    files: list[_File],
    ids: dict[str, str],
    resolve: Resolver,
    orgs: dict[str, Org],
    venues: dict[str, VenueEntry],
    venue_ids: dict[str, str],
    brand_ids: dict[str, str],
    problems: list[Problem],
) -> list[ActivityEntry]:
    """Activities whose org, venue and brand exist, with their sessions; a closed venue hosts none after it closed."""
    found: list[ActivityEntry] = []
    known_venues = dict.fromkeys(venue_ids.values())
    known_brands = dict.fromkeys(brand_ids.values())
    for f, ident in _with_bodies_checked(files, ids, urls.activity, resolve, problems):
        a, src = f.record, f
        ok = _check_ref(problems, src, ("org",), a.org, orgs, "团组织", "data/orgs.yml", "主办团组织")
        if a.venue is not None:
            ok &= _check_ref(problems, src, ("venue",), a.venue, known_venues, "阵地", "venues/ 文件夹", "阵地")
        if a.brand is not None:
            ok &= _check_ref(problems, src, ("brand",), a.brand, known_brands, "品牌", "brands/ 文件夹", "所属品牌")
        sessions = occurrences_of(a)
        if not sessions:
            problems.append(Problem(f.rel, src.line(("weekly", "except_dates")), "weekly.except_dates", "把每一次都停办了", "请检查 days、日期范围和停办日期", label="停办日期"))
            ok = False
        venue = venues.get(a.venue) if a.venue else None
        if ok and venue is not None and not venue.data.is_open and sessions[-1].start.date().isoformat() > str(venue.data.closed_on):
            problems.append(Problem(f.rel, src.line(("venue",)), "venue", f"已于 {venue.data.closed_on} 关闭", "请改在开放的阵地举办，或用 place 写实际地点", label="阵地", value=a.venue))
            ok = False
        if ok:
            found.append(ActivityEntry(ident, f.rel, a, f.body, sessions, f.body_line))
    return found
