"""Every page the kit generates, one generator per section (the shape of Hugo's content adapters).

Each section module has `pages(site)` yielding `GeneratedPage`s; `leaguekit.mkdocs.plugin` adds them to
MkDocs and draws each only when MkDocs writes it.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import activities, brands, finder, form, listings, orgs, staff, venues
from .page import GeneratedPage
from .site import Site

SECTIONS = (listings, finder, orgs, venues, brands, activities, staff, form)


def pages(site: Site) -> Iterator[GeneratedPage]:
    for section in SECTIONS:
        yield from section.pages(site)


__all__ = ["GeneratedPage", "Site", "pages"]
