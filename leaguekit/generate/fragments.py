"""Theme fragments drawn once per distinct input, not once per page.

Material draws the menu (tabs and the sidebar, which is also the phone's drawer) and its
`__config` script on every page; at 20,000 venues that was about a quarter of the build. What
the menu shows depends only on its links relative to the page and on which entries are marked
active, so all the pages that agree on those (every venue page, every district page) share one
drawing. The header around the page's title, the footer and the stylesheet and script links depend
only on the page's depth (`base_url`: every link is relative), and a page without headings has the
same empty table of contents. The templates say what a fragment depends on:
`{% call memo("nav", nav_state(page, nav)) %}`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from markupsafe import Markup

from ..urls import relative


class Fragments:
    """One build's drawn fragments (a new instance per build, so `make serve` never shows a stale menu)."""

    def __init__(self) -> None:
        self._drawn: dict[tuple[Hashable, ...], Markup] = {}
        self._state: tuple[Any, tuple | None] = (None, None)  # the last page asked about, and its menu state

    def nav_state(self, page: Any, nav: Any) -> tuple | None:
        """`nav_state`, worked out once per page: the tabs and the menu each ask for it."""
        if self._state[0] is not page or page is None:
            self._state = (page, nav_state(page, nav))
        return self._state[1]

    def memo(self, *key: Hashable, caller: Callable[[], Markup]) -> Markup:
        """The body of the `{% call %}` block, drawn once per key; a key with None in it is never kept."""
        if any(part is None for part in key):
            return caller()
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = self._drawn[key] = caller()
        return drawn


def nav_state(page: Any, nav: Any) -> tuple | None:
    """Everything a page changes in the drawn menu: each entry's link from the page and whether it is active.

    None for a page that is itself in the menu (Material then draws that page's table of contents
    into the menu) and for pages that are not directory URLs (the 404 page), so those are always
    drawn afresh.
    """
    if page is None or nav is None or not (page.url == "" or str(page.url).endswith("/")):
        return None
    state: list[tuple] = []
    if nav.homepage is not None:
        state.append(("home", relative(page.url, nav.homepage.url)))
    for item in _walk(nav.items):
        if item is page:
            return None
        url = getattr(item, "url", None)
        if url is not None and not _absolute(url):
            url = relative(page.url, url)
        state.append((item.title, url, bool(item.active)))
    return tuple(state)


def _walk(items: Iterable[Any]) -> Iterable[Any]:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or ())


def _absolute(url: str) -> bool:
    return "://" in url or url.startswith(("/", "mailto:", "tel:"))
