"""Checks that need every file at once: ids unique site-wide, references that exist, old ids
that do not collide, and bodies whose links point at real pages.

The readers (`content.readers`) validate each file against its schema alone; `Index` is what
they then check references against (`check_ref`), built from all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import urls
from . import body
from .files import RESERVED_IDS, ContentFile
from .model import Vocabularies
from .problems import Problem, did_you_mean
from .resolver import Resolver
from .yamlsource import Loc, YamlSource, dotted


@dataclass(frozen=True)
class Index:
    """The vocabularies, each kind's ids (file path -> id, duplicates left out) and the pages links may reach."""

    vocab: Vocabularies
    brand_ids: dict[str, str]
    venue_ids: dict[str, str]
    activity_ids: dict[str, str]
    resolve: Resolver

    @classmethod
    def of(cls, root: Path, vocab: Vocabularies, brands: list[ContentFile], venues: list[ContentFile], activities: list[ContentFile], problems: list[Problem]) -> Index:
        brand_ids = unique_ids(brands, problems)
        venue_ids = unique_ids(venues, problems)
        activity_ids = unique_ids(activities, problems)
        pages = {urls.venue(i) for i in venue_ids.values()} | {urls.brand(i) for i in brand_ids.values()} | {urls.org(i) for i in vocab.orgs} | {urls.venue_type(k) for k in vocab.venue_types}
        pages |= {urls.activity(i) for i in activity_ids.values()}
        return cls(vocab, brand_ids, venue_ids, activity_ids, Resolver(root, pages))


def unique_ids(files: list[ContentFile], problems: list[Problem]) -> dict[str, str]:
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


def check_ref(problems: list[Problem], src: YamlSource | ContentFile, loc: Loc, value: str, choices: dict[str, Any], what: str, where: str, label: str) -> bool:
    """`value` names one of `choices`; otherwise a problem with the key a Chinese label stands for, or the nearest key."""
    if value in choices:
        return True
    by_label = {getattr(v, "label", getattr(v, "name", None)): k for k, v in choices.items()}
    hint = f"“{value}”对应的键是 “{by_label[value]}”" if value in by_label else did_you_mean(value, choices)
    problems.append(Problem(src.path, src.line(loc), dotted(loc), f"是未知的{what}", f"{hint}（见 {where}）", label=label, value=value))
    return False


def with_bodies_checked(files: list[ContentFile], ids: dict[str, str], url: Callable[[str], str], resolve: Resolver, problems: list[Problem]) -> Iterator[tuple[ContentFile, str]]:
    """Every file with a usable name gets its body checked; those whose front matter is valid go on, with their id."""
    for f in files:
        ident = ids.get(f.rel)
        if ident is not None:
            problems.extend(body.check(f.rel, f.body, f.body_line, url(ident), resolve))
        if f.record is not None and ident is not None:
            yield f, ident


def check_aliases(files: list[ContentFile], ids: dict[str, str], problems: list[Problem]) -> None:
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
