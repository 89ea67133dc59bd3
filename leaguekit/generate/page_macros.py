"""Macros for hand-written pages in docs/: counts and panels computed from content.

`register(env)` is called by the root `macros.py`; `env` is mkdocs-macros'
object, used only for `env.macro`, `env.conf` and `env.page` so this module
does not import MkDocs. A macro that draws a part a kit script brings to life
(the home page's 近期活动) adds the part to its page's `parts` (leaguekit.generate.scripts).
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from markupsafe import Markup

from .. import urls
from ..content.model import Content
from . import figure_macros, scripts
from .activities import recent
from .render import render_in_markdown
from .site import Site


@dataclass(frozen=True)
class Tile:
    label: str
    count: int
    href: str
    description: str


def register(env) -> None:
    build = env.conf["extra"]["leaguekit"]
    content: Content = build.content

    def here() -> str:
        return env.page.url if env.page is not None else ""

    def macro(fn):
        """`env.macro`, and the page the macro prints into loads the scripts of the parts it drew."""

        @functools.wraps(fn)
        def drawn(*args, **kwargs):
            with scripts.collect() as parts:
                result = fn(*args, **kwargs)
            listed = env.page.meta.get("parts") if env.page is not None else None
            if parts and env.page is not None and (listed is None or isinstance(listed, list)):
                env.page.meta["parts"] = [*(listed or []), *sorted(parts)]  # the plugin checks the front matter's own
            return result

        return env.macro(drawn)

    @macro
    def venue_count(type: str | None = None, org: str | None = None) -> int:
        """Venues, optionally of one type and/or one org (including its child orgs)."""
        venues = content.venues_of_org(org) if org else content.open_venues
        if type is not None and type not in content.venue_types:
            raise KeyError(f"venue_count: 未知的阵地类型 {type!r}")
        return sum(1 for v in venues if type is None or v.data.type == type)

    @macro
    def brand_count(org: str | None = None) -> int:
        return len(content.brands_of_org(org) if org else content.brands)

    @macro
    def district_count() -> int:
        return sum(not d.elsewhere for d, _ in content.venues_by_district())

    @macro
    def upcoming_activities() -> Markup:
        """What is on anywhere: the next few as of the build, replaced by activities.js with what is on by the reader's clock."""
        site = Site(content, build.figures, dates=build.dates, today=build.today)
        return Markup(recent(site, content.activities, here(), query="", calendar=urls.calendar("site"), months=True))

    @macro
    def type_tiles() -> Markup:
        """One tile per venue type with its count, linking to the type listing."""
        tiles = [
            Tile(t.plural, len(vs), urls.relative(here(), urls.venue_type(t.key)), t.description)
            for t, vs in content.venues_by_type()
            if vs
        ]
        return render_in_markdown("tiles.html", tiles=tiles)

    @macro
    def report_links() -> Markup:
        """Markdown links to the work report of each org of this site that has one (`report_page`), `、`-separated."""
        folder = posixpath.dirname(env.page.file.src_uri) if env.page is not None else ""
        return Markup("、").join(
            Markup("[{}]({})").format(content.orgs[o.org].short_name, posixpath.relpath(o.report_page, folder or "."))
            for o in build.figures.orgs.values()
            if o.report_page and o.org in content.orgs
        )

    env.variables["publisher"] = content.publisher
    env.variables["settings"] = content.settings

    # Figures from data/figures/ and counts computed from content (leaguekit.generate.figure_macros).
    figure_macros.register(env, content, build.figures)
