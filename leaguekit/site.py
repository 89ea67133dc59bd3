"""Everything a build or `make check` needs, validated in one call."""

from __future__ import annotations

from pathlib import Path

from . import content, figures


def load(root: Path | str) -> tuple[content.Content, figures.FigureBook]:
    """Content first (figures cross-check against it); raises ContentError listing all problems."""
    loaded = content.load(root)
    return loaded, figures.load(root, loaded)
