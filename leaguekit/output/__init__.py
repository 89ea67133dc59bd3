"""Writing files beyond the pages: what a build adds beside the HTML MkDocs writes.

`pages(site)` yields the one page that describes downloads from their contents, `/data/`
(`datapage`), after the page sections of `generate`.

`files(site)` yields every such file as (path under site/, text or bytes): alias redirects
(`publish`), the finder's grid cells (`finder_data`), each month's activity cards (`activity_months`), the share card naming the publisher (`share`), door posters
(`posters`), calendars and Atom feeds (`feeds`) and the open data (`opendata`). After MkDocs
has written the pages, `leaguekit.mkdocs.plugin` writes the search index (`search_index`), robots.txt and
the sitemap (`publish`); `sitedir` swaps a finished build into site/ in one step.
"""

from __future__ import annotations

from collections.abc import Iterator

from PIL import Image

from ..generate import GeneratedPage, Site, render
from . import activity_months, datapage, feeds, finder_data, opendata, posters, publish, share


def pages(site: Site) -> Iterator[GeneratedPage]:
    yield from datapage.pages(site)


def files(site: Site, *, with_posters: bool = True) -> Iterator[tuple[str, str | bytes]]:
    """Every file beside the pages (`with_posters=False`: but the door posters, which `make build` shares
    between two processes by index, `posters.poster_at`)."""
    for redirect in publish.redirects(site.content):
        yield redirect.path, redirect.html
    yield from finder_data.finder_data(site.content, site.reused).files()
    yield from activity_months.files(site)
    yield share.CARD, share.card_png(site.content.publisher.name)
    if with_posters:
        for poster in posters.posters(site.content, site.site_url):
            yield poster.path, poster.html
    yield from feeds.files(site)
    yield from opendata.files(site)


def prepare() -> None:
    """What writing a site's files loads on first use, loaded in this process: `build-all` does it once before
    its first site forks the process writing that site's files. A forked process's templates, Pillow's image
    writers and the share card's font die with it, and each site's would load them again (0.03 s a site)."""
    render.compile_all()
    Image.preinit()
    share.chinese_font()
