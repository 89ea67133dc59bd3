"""Paths written in content (photos, links in bodies, the police-record icon) checked against the site."""

from __future__ import annotations

import posixpath
from pathlib import Path

from .. import urls


class Resolver:
    """Where a path written in content points on the site: a file under docs/ or a generated page.

    Paths are confined to docs/: `..`, absolute paths and links that leave docs/ resolve to nothing.
    """

    def __init__(self, root: Path, pages: set[str]):
        self.root = root
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
