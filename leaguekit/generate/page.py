"""A page the kit generates: its address, what MkDocs' theme needs to know, and how to draw it."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import urls
from ..search_index import SearchEntry


@dataclass(frozen=True)
class GeneratedPage:
    """`render()` returns the article's HTML; it runs only when MkDocs writes this page, so
    a 69,000-venue build never holds every page's HTML at once."""

    url: str
    title: str
    description: str
    render: Callable[[], str] = field(compare=False, repr=False)
    source: str = ""  # the content file behind the page: its edit link and "最后更新"
    icon: str = ""
    hide: tuple[str, ...] = ()
    json_ld: dict | None = field(default=None, compare=False)  # schema.org data (site-relative URLs)
    # How site search finds this page (none: not findable, e.g. page 2 of a list).
    search: tuple[SearchEntry, ...] = ()

    @property
    def src_uri(self) -> str:
        return urls.source_uri(self.url)

    def meta(self) -> dict[str, object]:
        """Front matter for the theme. Material prints `page.meta.title` and `.description`
        unescaped, so both are escaped here; macros never run on generated pages."""
        meta: dict[str, object] = {
            "title": html.escape(self.title),
            "description": html.escape(self.description),
            "render_macros": False,
        }
        if self.icon:
            meta["icon"] = self.icon
        if self.hide:
            meta["hide"] = list(self.hide)
        return meta
