"""Checks that need every file at once: ids unique site-wide, references that exist, folders
that name the org a file belongs to, old ids that do not collide or take another org's
address, and bodies whose links point at real pages.

The readers (`content.readers`) validate each file against its schema alone; `Index` is what
they then check references against (`check_ref`), built from all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import urls
from . import body, gitdates
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
        brand_ids = unique_ids(brands, problems, root)
        venue_ids = unique_ids(venues, problems, root)
        activity_ids = unique_ids(activities, problems, root)
        pages = {urls.venue(i) for i in venue_ids.values()} | {urls.brand(i) for i in brand_ids.values()} | {urls.org(i) for i in vocab.orgs} | {urls.venue_type(k) for k in vocab.venue_types}
        pages |= {urls.activity(i) for i in activity_ids.values()}
        return cls(vocab, brand_ids, venue_ids, activity_ids, Resolver(root, pages))


def unique_ids(files: list[ContentFile], problems: list[Problem], root: Path | None = None) -> dict[str, str]:
    """Each file's id, each id once. Two files with one id: the one that came later in git (or is not
    committed yet) is named, never the established one, whose URL and printed QR codes must not change."""
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for f in files:
        if f.ident is None:
            continue
        if f.ident in seen:
            kept, newcomer = seen[f.ident], f.rel
            if root is not None and gitdates.added_at(root, newcomer) < gitdates.added_at(root, kept):
                kept, newcomer = newcomer, kept
                del ids[newcomer]
                ids[kept] = f.ident
                seen[f.ident] = kept
            problems.append(Problem(newcomer, 1, "文件名", f"“{f.ident}”与 {kept} 重名", f"文件名即网址，全站必须唯一；{kept} 先有，它的网址和二维码不能变，请给本文件改名，例如加上县区前缀"))
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
            problems.extend(f.body_problems if f.body_problems is not None else body.check(f.rel, f.body, f.body_line, url(ident), resolve))
        if f.record is not None and ident is not None:
            yield f, ident


def folder_orgs(files: list[ContentFile], folder: str, orgs: dict[str, Any], problems: list[Problem]) -> dict[str, str]:
    """Path -> the org its folder names (`venues/<org>/<id>.md`). CODEOWNERS gives each org's
    reviewers that folder, so a file elsewhere (no org folder, an unknown one, one level too deep)
    is an error, whatever its front matter says."""
    owners: dict[str, str] = {}
    for f in files:
        parts = f.rel.split("/")
        name = parts[-1]
        wanted = f"{folder}/{getattr(f.record, 'org', None) or '<团组织 id>'}/{name}"
        if len(parts) == 2:
            problems.append(Problem(f.rel, 1, "文件夹", "没有放在团组织的文件夹中", f"请移到 {wanted}（每个团组织的文件放在以其 id 命名的文件夹中）"))
        elif len(parts) > 3:
            problems.append(Problem(f.rel, 1, "文件夹", f"只能放在 {folder}/ 下一层的团组织文件夹中", f"请移到 {wanted}"))
        elif parts[1] not in orgs:
            problems.append(Problem(f.rel, 1, "文件夹", f"“{parts[1]}”不是 data/orgs.yml 中的团组织", f"文件夹名须是团组织的 id；{did_you_mean(parts[1], orgs)}"))
        else:
            owners[f.rel] = parts[1]
    return owners


def check_owner(f: ContentFile, owners: dict[str, str], folder: str, label: str, problems: list[Problem]) -> bool:
    """The org a file names is the org of its folder (a taiyuan folder cannot publish a taigu page)."""
    owner = owners.get(f.rel)
    if owner is None:
        return False
    if f.record.org != owner:
        problems.append(Problem(
            f.rel, f.line(("org",)), "org", f"与所在文件夹 {folder}/{owner}/ 不符",
            f"文件夹决定由哪个团组织审核：{f.record.org} 的文件请放到 {folder}/{f.record.org}/ 下；放在 {folder}/{owner}/ 中的写 org: {owner}",
            label=label, value=f.record.org,
        ))
        return False
    return True


def check_aliases(root: Path, files: list[ContentFile], ids: dict[str, str], problems: list[Problem]) -> None:
    """An old id must not be a live venue's id, another venue's old id, or the former address of
    another org's venue (git history), and a venue file may not take such an address either: one
    URL, one page, and no org takes over another's QR codes. An id belongs to the org whose folder
    first held it, so adding and deleting a file in one pull request launders nothing."""
    live = {ident: rel for rel, ident in ids.items()}
    claimed: dict[str, str] = {}
    unclaimed: list[tuple[ContentFile, int, str]] = []
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
                unclaimed.append((f, index, alias))
    first = gitdates.first_owners(root, "venues")
    for f in files:
        ident = ids.get(f.rel)
        if f.record is None or ident is None or (other := _first_other(first, ident, f.record.org)) is None:
            continue
        problems.append(Problem(
            f.rel, 1, "文件名", f"“{ident}”曾是 venues/{other}/{ident}.md（{other} 的阵地）的网址",
            "网址和印出的二维码属于最先使用它的团组织，不能转给其他团组织的阵地；请换一个文件名",
        ))
    for f, index, alias in unclaimed:
        if (other := _first_other(first, alias, f.record.org)) is not None:
            loc = ("aliases", index)
            problems.append(Problem(
                f.rel, f.line(loc), dotted(loc), f"曾是 venues/{other}/{alias}.md（{other} 的阵地）的网址",
                "旧网址只能写本团组织阵地改名前的文件名，不能把其他团组织的旧网址和二维码转到本页；请删除这一项", label="旧网址", value=alias,
            ))


def _first_other(first: dict[str, set[str]], ident: str, org: str) -> str | None:
    """The org that first held `ident` when that is not `org` (None when `org` did, or nobody)."""
    owners = first.get(ident, set())
    return None if not owners or org in owners else sorted(owners)[0]
