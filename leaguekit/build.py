"""A project on disk, loaded in one call for a build or `make check`: its content, then its report figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import content
from .content import figures, schedule, subtree
from .content.readers import figures as figure_files


@dataclass(eq=False)
class Build:
    """What one build loaded, handed to the plugin and macros through `config.extra["leaguekit"]`.

    Kept in one object with a short repr: mkdocs-macros turns every config variable into JSON
    for its debug log on each build, which for a national directory would mean hundreds of
    megabytes of text.
    """

    content: content.Content
    figures: figures.FigureBook
    dates: dict[str, str] = field(default_factory=dict)  # path -> last commit date (gitdates)
    today: date = field(default_factory=schedule.build_date)  # what pages are filed by (SOURCE_DATE_EPOCH or the clock)
    extras: dict[str, object] = field(default_factory=dict)  # per-build state of the adapter (search index)
    site_org: str = ""  # the org whose site this is (`SITE_ORG`); "" for the publisher's whole site

    def __repr__(self) -> str:
        return f"<leaguekit build: {len(self.content.venues)} venues, {len(self.content.brands)} brands>"

    def site_of(self, org_id: str) -> Build:
        """The build of `org_id`'s site: its subtree, published as it (raises subtree.UnknownOrg)."""
        part, book = subtree.site_of(self.content, self.figures, org_id)
        return Build(part, book, self.dates, self.today, site_org=org_id)


def load(root: Path | str) -> tuple[content.Content, figures.FigureBook]:
    """Content first (figures cross-check against it); raises ContentError listing all problems."""
    loaded = content.load(root)
    return loaded, figure_files.load(root, loaded)
