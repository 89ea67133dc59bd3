"""brands/: one Markdown file per brand programme; its org and category must exist."""

from __future__ import annotations

from pathlib import Path

from ... import urls
from ..crosscheck import Index, check_ref, with_bodies_checked
from ..files import ContentFile, read_folder
from ..model import BrandEntry
from ..problems import Problem
from ..schema import Brand

FOLDER = "brands"


def read(root: Path, problems: list[Problem]) -> list[ContentFile]:
    return read_folder(root, FOLDER, Brand, problems)


def entries(files: list[ContentFile], index: Index, problems: list[Problem]) -> list[BrandEntry]:
    found: list[BrandEntry] = []
    for f, ident in with_bodies_checked(files, index.brand_ids, urls.brand, index.resolve, problems):
        ok = check_ref(problems, f, ("org",), f.record.org, index.vocab.orgs, "团组织", "data/orgs.yml", "所属团组织")
        ok &= check_ref(problems, f, ("category",), f.record.category, index.vocab.brand_categories, "品牌类别", "data/brand_categories.yml", "类别")
        if ok:
            found.append(BrandEntry(ident, f.rel, f.record, f.body, f.body_line))
    return found
