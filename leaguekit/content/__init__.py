"""Reading content: every file under data/, venues/, brands/ and activities/, validated and cross-checked.

`load(root)` either returns one `Content` or raises one `ContentError` listing every problem with
its file and line. Content files are untrusted: they are read with limits (`yamlsource`, `files`),
checked for personal data (`privacy`) and their bodies checked exactly as the build will render
them (`body`). The readers in `readers/` validate one kind each; `crosscheck` sees them all.
Nothing else in the kit reads content files, and nothing here imports MkDocs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import crosscheck, files, outliers, placeholders
from .files import ContentFile
from .model import Content
from .problems import ContentError, Problem
from .readers import activities, brands, orgs, venues


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Reading makes millions of objects and no reference cycles worth collecting: Python's cycle collector,
    run every 700 allocations, would walk all that was already read again and again (a fifth of `make check`
    at 69,000 venues). Collection resumes as it was when the load ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(root: Path | str, *, venues_as_read: tuple[list[ContentFile], list[Problem]] | None = None, strict: bool = True) -> Content:
    """Read everything under `root`; raise ContentError listing all problems.

    `venues_as_read`: the venue files as `readers.venues.read` read them, with the problems met, some
    replaced by what a staff tool is about to write (`staff.sheet_import`): checked exactly as if they
    were on disk, without reading 69,000 files a second time.

    `strict=False` (the scaffold): once the vocabularies in data/ are sound, the content that
    validated, with every problem among its warnings, instead of an error for another file's mistake."""
    with _no_cycle_collection():
        return _load(Path(root), venues_as_read, strict)


def _load(root: Path, venues_as_read: tuple[list[ContentFile], list[Problem]] | None, strict: bool) -> Content:
    """`load` without the cycle collector."""
    problems: list[Problem] = []
    vocab = orgs.read(root, problems)
    vocabularies_broken = any(p.level == "error" for p in problems)
    files.check_other_data(root, orgs.FILES, problems)
    calendar = orgs.read_calendar(root, problems)
    if vocabularies_broken:
        # Every venue names an org, a type and services: checked against broken vocabularies, each
        # file would repeat the same error (69,000 lines for one oversized orgs.yml).
        note = Problem("data/", 1, "", "有误，venues/、brands/ 和 activities/ 尚未检查", "先改正 data/ 中的其他问题，再运行 make check")
        raise ContentError([*problems, note])

    brand_files = brands.read(root, problems)
    if venues_as_read is None:
        venue_files = venues.read(root, problems)
    else:
        venue_files = venues_as_read[0]
        problems += venues_as_read[1]
    activity_files = activities.read(root, problems)
    index = crosscheck.Index.of(root, vocab, brand_files, venue_files, activity_files, problems)
    brand_entries = brands.entries(brand_files, index, problems)
    venue_entries = venues.entries(venue_files, index, problems)
    activity_entries = activities.entries(activity_files, index, {v.id: v for v in venue_entries}, problems)
    crosscheck.check_aliases(root, venue_files, index.venue_ids, problems)
    # Reminders the readers met travel with the content; only errors stop it.
    warnings = [p for p in problems if p.level == "warning"] + venues.warnings(venue_entries, venue_files, vocab.orgs)
    problems = [p for p in problems if p.level == "error"]
    if vocab.settings is None:
        raise ContentError(problems + warnings)
    if not strict:
        warnings = problems + warnings
    content = Content.of(
        root,
        vocab,
        venues=sorted(venue_entries, key=lambda v: v.id),
        brands=sorted(brand_entries, key=lambda b: b.id),
        calendar=calendar,
        warnings=warnings,
        activities=sorted(activity_entries, key=lambda a: a.id),
    )
    # Checks that need the whole directory: placeholders compare with the org's other venues,
    # a venue's position with its district's (`warnings` is the list the content holds).
    problems += placeholders.check(content)
    warnings += outliers.far_from_district(content)
    if strict and any(p.level == "error" for p in problems):
        raise ContentError(problems + warnings)
    return content


__all__ = ["Content", "ContentError", "load"]
