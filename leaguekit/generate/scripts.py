"""Which of the kit's scripts a page loads: those of the parts it shows, and no others.

A part is something on a page that a script brings to life (a venue's live open state, the finder, the
导航 control, activity cards filed by the reader's clock). The template that draws a part says so next
to its markup, `{{ needs("hours") }}`, and whoever draws a page collects what its templates said
(`collect()`): the plugin around a generated page's `render()`, a macro around what it prints into a
hand-written page. A hand-written page with a part in its own HTML names it in its front matter
(`parts: [finder]`). The page shell (leaguekit.mkdocs.shell) loads the scripts of those parts and of
EVERY_PAGE's, each once, deferred, in ORDER. Styles are not chosen per page: the kit's stylesheets are
one file on every page. Scripts a part loads on demand (the finder's map) are its script's business.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

HOURS = "assets/javascripts/hours.js"
NEARBY = "assets/javascripts/nearby.js"
ACTIVITIES = "assets/javascripts/activities.js"
SEARCH = "assets/javascripts/search.js"

# part -> the kit scripts it needs
PARTS: dict[str, tuple[str, ...]] = {
    "search": (SEARCH,),  # the header's search box: fetches the index only once it is opened
    "hours": (HOURS,),  # a venue's open state now, today's row, its coming holidays (China time)
    "directions": (NEARBY,),  # the 导航 control: switching the travel mode redraws the map-app links
    "finder": (HOURS, NEARBY),  # /nearby/: filters, open now, distance from the phone, the map switch
    "activities": (ACTIVITIES,),  # activity cards, lists and an activity's state by the reader's clock
}
EVERY_PAGE = ("search",)  # the header is on every page
ORDER = (HOURS, NEARBY, ACTIVITIES, SEARCH)  # hours.js first: nearby.js asks it whether a venue is open

_collecting: ContextVar[set[str] | None] = ContextVar("collecting", default=None)


class UnknownPart(ValueError):
    pass


def check(parts: Iterable[str]) -> list[str]:
    """`parts` as a list, or UnknownPart naming the first that is not in PARTS."""
    found = list(parts)
    for name in found:
        if name not in PARTS:
            raise UnknownPart(f"“{name}”不是可用的页面部件（可用：{'、'.join(PARTS)}）")
    return found


def needs(*parts: str) -> str:
    """For templates (`{{ needs("hours") }}`): the page this markup lands on loads the parts' scripts. Prints nothing."""
    check(parts)
    found = _collecting.get()
    if found is not None:
        found.update(parts)
    return ""


@contextmanager
def collect() -> Iterator[set[str]]:
    """The parts the templates drawn inside the block need; an enclosing collect() gets them too."""
    outer = _collecting.get()
    found: set[str] = set()
    token = _collecting.set(found)
    try:
        yield found
    finally:
        _collecting.reset(token)
        if outer is not None:
            outer.update(found)


def files(parts: Iterable[str]) -> list[str]:
    """The kit scripts for `parts` and EVERY_PAGE's, each once, in load order."""
    wanted = {path for name in (*EVERY_PAGE, *check(parts)) for path in PARTS[name]}
    return [path for path in ORDER if path in wanted]
