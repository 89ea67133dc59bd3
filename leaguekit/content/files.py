"""Reading content files as untrusted input, whatever their kind.

`data_file` reads one YAML file under data/; `read_folder` reads every Markdown file of a
content folder (front matter validated against its schema, the body kept for the checks
that need every file's id). Both refuse symbolic links, oversized and non-UTF-8 files, and in
any YAML text and file name personal data (`privacy`) and characters no output may carry
(`characters`); above `PARALLEL_MIN` files they read on every core.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from . import body, characters, privacy
from .problems import Problem
from .schema import ID_MAX, ID_RE, WINDOWS_RESERVED, windows_reserved
from .validation import validate
from .yamlsource import DATA_SIZE_HINT, MAX_DATA_BYTES, Loc, YamlSource, dotted, read_text, split_front_matter

M = TypeVar("M", bound=BaseModel)

# Ids that would take over a generated page (venues/index/, brands/page/2/ …).
RESERVED_IDS = frozenset({"index", "page", "all", "category", "print", "feed", "data", "assets", "search", "map", "nearby", "districts", "types"})
# Activity ids share activities/ with the month pages (activities/months/2026-10/).
ACTIVITY_RESERVED_IDS = RESERVED_IDS | {"months"}
PRIVACY_HINT = "不得公开个人手机号和身份证号；请写办公座机或服务热线，人员写岗位不写姓名"
PUBLIC_MOBILE_HINT = "写座机或服务热线；如确为对外服务手机，加 public_mobile: true"
FILE_NAME_HINT = "文件名只用小写英文字母、数字和连字符，例如 mouqu-xinhua.md"
# Windows checks out paths of at most 260 characters (MAX_PATH) counting the folder the clone sits
# in (C:\Users\…\Documents\GitHub\<repository>\): a path in the repository keeps 100 for that.
MAX_PATH_CHARS = 160
# data/ folders whose every file a reader parses (the figures, read after the content).
READ_FOLDERS = ("data/figures/",)


def data_file(root: Path, rel: str, problems: list[Problem], what: str) -> YamlSource | None:
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
    check_texts(src, problems)
    return src


def check_texts(src: YamlSource, problems: list[Problem], *, allow: frozenset[Loc] = frozenset(), phone_hint: str = PRIVACY_HINT) -> None:
    """Every text of a YAML document as a reader sees it: no personal mobile or resident ID number
    (those at `allow` excepted), no character a page, feed or download must not carry."""
    suspect = characters.FORBIDDEN.search("\n".join(text for _, text in src.texts)) is not None  # none in most files
    for loc, text in src.texts:
        if suspect and (bad := characters.forbidden(text)) is not None:
            problems.append(Problem(src.path, src.line(loc), dotted(loc), bad.message, characters.HINT))
        if loc not in allow:
            for found in privacy.find(text):
                problems.append(Problem(src.path, src.line(loc), dotted(loc), f"含有{found.label} {found.masked}", phone_hint if loc == ("phone",) else PRIVACY_HINT))


def check_file_name(rel: str, problems: list[Problem]) -> bool:
    """A path becomes a URL, a sitemap entry and an id in every download: it must be printable, hold no
    personal data, and check out on Windows (no device name such as con or nul, whatever the extension)."""
    if (bad := characters.forbidden(rel, name=True)) is not None:
        if 0xDC80 <= ord(bad.char) <= 0xDCFF:  # os.walk's stand-in for a byte that is not UTF-8
            message = "不是 UTF-8 编码的文件名"
        else:
            message = f"含有换行符或控制字符 {bad.code}" if ord(bad.char) < 0x20 else bad.message
        problems.append(Problem(rel, 1, "文件名", message, FILE_NAME_HINT))
        return False
    for found in privacy.find(rel):
        problems.append(Problem(rel, 1, "文件名", f"含有{found.label} {found.masked}", "文件名会成为网址；请用阵地名称的拼音，例如 mouqu-xinhua.md"))
        return False
    if (length := len(rel.encode("utf-16-le")) // 2) > MAX_PATH_CHARS:
        problems.append(Problem(rel, 1, "文件名", f"路径太长（{length} 个字符，最多 {MAX_PATH_CHARS} 个），在 Windows 电脑上无法检出", "请换一个短些的文件名，例如 mouqu-xinhua.md"))
        return False
    for part in rel.split("/"):
        if (stem := part.split(".")[0].lower()) in WINDOWS_RESERVED:  # con.md, aux.yml, venues/nul/… alike
            problems.append(Problem(rel, 1, "文件名", windows_reserved(stem), "请换一个名称，例如加上县区和类型：mouqu-xinhua-youth-home.md"))
            return False
    return True


def check_other_data(root: Path, read: frozenset[str], problems: list[Problem]) -> None:
    """Files under data/ that no reader parses are still published with the repository: their
    names and lines are checked for personal data and forbidden characters all the same."""
    base = root / "data"
    if not base.is_dir() or base.is_symlink():
        return
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (Path(dirpath) / d).is_symlink())
        for name in sorted(filenames):
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if rel in read or rel.startswith(READ_FOLDERS) or name.startswith(".") or path.is_symlink() or not check_file_name(rel, problems):
                continue
            text = read_text(path, rel, [], limit=MAX_DATA_BYTES)
            for index, line in enumerate(text.splitlines() if text is not None else []):
                if (bad := characters.forbidden(line)) is not None:
                    problems.append(Problem(rel, index + 1, "", bad.message, characters.HINT))
                for found in privacy.find(line):
                    problems.append(Problem(rel, index + 1, "", f"含有{found.label} {found.masked}", PRIVACY_HINT))


def folder_files(root: Path, folder: str, problems: list[Problem]) -> list[str]:
    """Every visible Markdown file in `folder`, as paths from `root`, sorted as Path sorts (by parts).
    Anything else is reported, never skipped silently; symbolic links are refused, so a pull request
    cannot publish a file from outside the repository."""
    base = root / folder
    if base.is_symlink():
        problems.append(Problem(f"{folder}/", 1, "文件夹", "是符号链接，不允许", f"{folder}/ 必须是仓库中的普通文件夹"))
        return []
    if not base.is_dir():
        return []
    found: list[str] = []
    _walk(str(base), folder, folder, problems, found)
    return sorted(found, key=lambda r: r.split("/"))


def _walk(path: str, rel_dir: str, folder: str, problems: list[Problem], found: list[str]) -> None:
    """One folder, then its subfolders in name order, as `os.walk` goes (and in its order of problems).
    Plain strings and `os.scandir`'s entries, which know a link without asking the disk again: this walk
    sees every content file on every build and `make serve` save (pathlib and a stat per file cost 1.1 s
    at 20,000 venues)."""
    try:
        with os.scandir(path) as listing:
            entries = list(listing)
    except OSError:
        return
    dirs: list[os.DirEntry[str]] = []
    names: list[os.DirEntry[str]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        (dirs if is_dir else names).append(entry)
    dirs = sorted((d for d in dirs if not d.name.startswith(".")), key=lambda d: d.name)
    for entry in dirs + names:
        if entry.is_symlink():
            problems.append(Problem(f"{rel_dir}/{entry.name}", 1, "文件名", "是符号链接，不允许", "请放入文件本身，不要用链接"))
    in_photos = rel_dir.split("/")[2:3] == ["photos"]  # <folder>/<org>/photos/ and below
    for entry in names:
        name = entry.name
        if name.startswith(".") or entry.is_symlink():
            continue
        rel = f"{rel_dir}/{name}"
        if not check_file_name(rel, problems) or in_photos:
            continue  # a photo is checked when a venue names it (`photos`), never read as content
        if not name.endswith(".md"):
            problems.append(Problem(rel, 1, "文件名", f"{folder}/ 中只能放 .md 文件", "照片请放到团组织文件夹的 photos/ 中（如 venues/<团组织>/photos/），再在 photos 中引用"))
            continue
        found.append(rel)
    for entry in dirs:
        if not entry.is_symlink():
            _walk(entry.path, f"{rel_dir}/{entry.name}", folder, problems, found)


@dataclass
class ContentFile:
    """One content file as read: its id, validated record (or None), body, and its front matter
    (parsed again for line numbers only when a later check has something to report)."""

    rel: str
    ident: str | None
    record: Any
    body: str
    body_line: int
    front: str = ""
    raw: Any = None  # the front matter as parsed, before validation (what staff tools show; only when asked for)
    body_problems: tuple[Problem, ...] | None = None  # a plain body's, found while reading (`body.check_plain`)

    @property
    def path(self) -> str:
        return self.rel

    def line(self, loc: Loc) -> int:
        return self._src.line(loc)

    @cached_property
    def _src(self) -> YamlSource:
        return YamlSource(self.rel, self.front, 2, [])


# Above this many files, `make check` and the build read them on every core, in pieces of at most PIECE files,
# at least PIECES_PER_CORE pieces a core, AHEAD pieces given to each worker at a time (so that the processes
# finish within a piece or two of each other).
PARALLEL_MIN = 2000
PIECE = 500
PIECES_PER_CORE = 8
AHEAD = 2


def read_folder(root: Path, folder: str, model: type[M], problems: list[Problem], reserved: frozenset[str] = RESERVED_IDS, *, raw: bool = False) -> list[ContentFile]:
    """Every Markdown file of `folder`, its front matter validated as `model`; with `raw`, also as parsed
    (`ContentFile.raw`, for staff tools: `make check` and the build do without, and a worker's records
    without it cost this process a third of the time to unpickle)."""
    rels = folder_files(root, folder, problems)
    if (cache := _REUSE.get()) is not None:
        return _read_reusing(cache, rels, root, folder, model, problems, reserved)
    return read_entries(rels, root, model, problems, reserved, raw=raw)


@dataclass
class ReadCache:
    """Content files as last read, each with the (mtime, size) it had then: `mkdocs serve` keeps one between
    rebuilds (`reusing`), so a save re-reads and re-validates only the files that changed."""

    entries: dict[str, tuple[tuple[int, int], ContentFile, list[Problem]]] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)  # paths read anew, added or gone in the last load


_REUSE: ContextVar[ReadCache | None] = ContextVar("reuse", default=None)


@contextmanager
def reusing(cache: ReadCache) -> Iterator[ReadCache]:
    """Loads inside the block take unchanged files from `cache` and record what changed in `cache.changed`."""
    cache.changed = set()
    seen = _REUSE.set(cache)
    try:
        yield cache
    finally:
        _REUSE.reset(seen)


def _read_reusing(cache: ReadCache, rels: list[str], root: Path, folder: str, model: type[M], problems: list[Problem], reserved: frozenset[str]) -> list[ContentFile]:
    found: dict[str, ContentFile] = {}
    stamps: dict[str, tuple[int, int]] = {}
    missing: list[str] = []
    for rel in rels:
        stat = os.stat(os.path.join(root, rel))
        stamps[rel] = (stat.st_mtime_ns, stat.st_size)
        kept = cache.entries.get(rel)
        if kept is not None and kept[0] == stamps[rel]:
            found[rel] = kept[1]
            problems += kept[2]
        else:
            missing.append(rel)
    met: list[Problem] = []
    read = read_entries(missing, root, model, met, reserved)
    problems += met
    for entry in read:
        found[entry.rel] = entry
        cache.entries[entry.rel] = (stamps[entry.rel], entry, [p for p in met if p.path == entry.rel])
    gone = [rel for rel in cache.entries if rel.startswith(folder + "/") and rel not in stamps]
    for rel in gone:
        del cache.entries[rel]
    cache.changed |= {e.rel for e in read} | set(gone)
    return [found[rel] for rel in stamps]


def read_entries(rels: list[str], root: Path, model: type[M], problems: list[Problem], reserved: frozenset[str] = RESERVED_IDS, *, raw: bool = False) -> list[ContentFile]:
    """The files at `rels` (paths from `root`), in that order, with their problems in that order."""
    cores = os.cpu_count() or 1
    if len(rels) < PARALLEL_MIN or cores < 2:
        return _read_all(rels, str(root), model, problems, reserved, raw)
    size = min(PIECE, -(-len(rels) // (PIECES_PER_CORE * cores)))
    pieces = [rels[i : i + size] for i in range(0, len(rels), size)]
    workers = cores - 1
    context = _worker_context()
    # The workers take pieces from the end, this process from the start, until they meet: every core is busy
    # to the end, however the time of a file divides between reading here and unpickling a worker's records
    # here, and whatever else the machine runs. Each worker has AHEAD pieces given at a time, topped up
    # between this process's own. A worker writes each piece's records to a file (`_spooled`) and goes on
    # with the next; this process unpickles them between its own pieces. (Through the pool's pipe, 64 KB at a
    # time, each worker waited for this busy process to take every chunk: idle a third of its time.)
    # The same list, with the same problems in the same order, as one process reads.
    with tempfile.TemporaryDirectory(prefix="leaguekit-read-") as spool, ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        given: dict[int, Future[str]] = {}
        done: dict[int, tuple[list[ContentFile], list[Problem]]] = {}
        back = len(pieces)  # pieces[back:] are given to the workers
        here = 0  # pieces[:here] are read here

        def give() -> None:
            nonlocal back
            for index, future in given.items():
                if index not in done and future.done() and future.exception() is None:
                    done[index] = _unspooled(future.result())
            while back > here and len(given) - len(done) < AHEAD * workers:
                try:
                    given[back - 1] = pool.submit(_spooled, pieces[back - 1], str(root), model, reserved, raw, os.path.join(spool, str(back - 1)))
                except BrokenExecutor:  # a worker died: this process reads what is not given yet
                    return
                back -= 1

        give()
        files: list[ContentFile] = []
        while here < back:
            files += _read_all(pieces[here], str(root), model, problems, reserved, raw)
            here += 1
            give()
        failed = False
        for index in range(back, len(pieces)):
            piece = pieces[index]
            if not failed and index not in done:
                try:
                    done[index] = _unspooled(given[index].result())
                except Exception as exc:  # a worker that died (out of memory, killed): the rest is read here
                    failed = True
                    left = sum(len(p) for p in pieces[index:])
                    print(f"提示：读取内容文件的子进程失败（{type(exc).__name__}），其余 {left} 个文件（{piece[0]} 起）改由主进程读取", file=sys.stderr)
            entries, found = _read_chunk(piece, str(root), model, reserved, raw) if failed else done[index]
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


def _spooled(rels: list[str], root: str, model: type[M], reserved: frozenset[str], raw: bool, path: str) -> str:
    """In a worker: the files read, their records and problems pickled to `path`."""
    with open(path, "wb") as handle:
        pickle.dump(_read_chunk(rels, root, model, reserved, raw), handle, pickle.HIGHEST_PROTOCOL)
    return path


def _unspooled(path: str) -> tuple[list[ContentFile], list[Problem]]:
    with open(path, "rb") as handle:
        return pickle.loads(handle.read())


def _read_chunk(rels: list[str], root: str, model: type[M], reserved: frozenset[str], raw: bool) -> tuple[list[ContentFile], list[Problem]]:
    problems: list[Problem] = []
    return _read_all(rels, root, model, problems, reserved, raw), problems


def _read_all(rels: list[str], root: str, model: type[M], problems: list[Problem], reserved: frozenset[str], raw: bool) -> list[ContentFile]:
    return [_read(os.path.join(root, rel), rel, model, problems, reserved, raw) for rel in rels]


def read_entry(path: Path, root: Path, model: type[M], problems: list[Problem], reserved: frozenset[str] = RESERVED_IDS) -> ContentFile:
    return _read(path, path.relative_to(root).as_posix(), model, problems, reserved, False)


def _read(path: str | Path, rel: str, model: type[M], problems: list[Problem], reserved: frozenset[str], raw: bool) -> ContentFile:
    entry = ContentFile(rel, stem_id(rel, problems, reserved), None, "", 1)
    text = read_text(path, rel, problems)
    if text is None:
        return entry
    if (found := split_front_matter(text)) is None:
        problems.append(Problem(rel, 1, "front matter", "缺少开头的 YAML 信息块", "文件第一行写 ---，然后是各字段，再用一行 --- 结束"))
        return entry
    entry.front, end = found
    entry.body = text[end:]
    entry.body_line = text.count("\n", 0, end) + 1
    entry.body_problems = body.check_plain(rel, entry.body, entry.body_line)
    src = YamlSource(rel, entry.front, 2, problems)
    if not src.ok:
        return entry
    if src.data is None:
        problems.append(Problem(rel, 2, "front matter", "YAML 信息块是空的", "请填写 name、type 等必填字段"))
        return entry
    if not isinstance(src.data, dict):
        problems.append(Problem(rel, 2, "front matter", "应为一组“键: 值”", "每行写一个字段，例如 name: 某某青年之家"))
        return entry
    if raw:
        entry.raw = src.data
    allow = frozenset({("phone",)}) if src.data.get("public_mobile") is True else frozenset()
    check_texts(src, problems, allow=allow, phone_hint=PUBLIC_MOBILE_HINT if "public_mobile" in model.model_fields else PRIVACY_HINT)
    entry.record = validate(model, src.data, src, (), problems)
    return entry


def front_matter(root: Path, rel: str) -> YamlSource:
    """A content file's front matter read again, for a check on validated entries (which keep no
    line table) that has something to report: its lines, and the values as written."""
    found = split_front_matter(read_text(root / rel, rel, []) or "")
    return YamlSource(rel, found[0] if found else "", 2, [])


def front_line(root: Path, rel: str, loc: Loc) -> int:
    return front_matter(root, rel).line(loc)


def stem_id(rel: str, problems: list[Problem], reserved: frozenset[str] = RESERVED_IDS) -> str | None:
    name = rel.rpartition("/")[2]
    dot = name.rfind(".")
    stem = name[:dot] if 0 < dot < len(name) - 1 else name  # as Path(rel).stem
    if len(stem) > ID_MAX:
        problems.append(Problem(rel, 1, "文件名", f"太长（{len(stem)} 个字符，最多 {ID_MAX} 个）", "文件名会成为网址，写阵地名称的简短拼音，例如 mouqu-xinhua.md"))
        return None
    if not ID_RE.match(stem):
        problems.append(Problem(rel, 1, "文件名", f"“{stem}”不能作网址", "文件名只用小写英文字母、数字和连字符，例如 mouqu-xinhua.md"))
        return None
    if stem in reserved:
        problems.append(Problem(rel, 1, "文件名", f"“{stem}”是保留名，会占用网站自动生成的页面", "请换一个文件名，例如加上县区和类型：mouqu-xinhua-youth-home.md"))
        return None
    return stem

