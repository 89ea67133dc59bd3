"""Static extras for any host: redirects for old venue ids, robots.txt, a reproducible sitemap.xml.gz.

Nothing here needs a server: redirects are HTML meta refreshes with relative
URLs, so they work from a sub-path and after copying `site/` anywhere.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass

from . import urls
from .content import Content
from .render import render


@dataclass(frozen=True)
class Redirect:
    """`site/<path>` sends the browser to the page at `target` (a relative URL)."""

    path: str
    target: str
    title: str
    html: str


def redirects(content: Content) -> Iterator[Redirect]:
    """One page per old venue id in `aliases:`, pointing at the venue's current URL."""
    for alias, venue in sorted(content.aliases.items()):
        here = urls.venue(alias)
        target = urls.relative(here, urls.venue(venue.id))
        yield Redirect(here + "index.html", target, venue.data.name, render("redirect.html", target=target, title=venue.data.name))


def robots_txt(site_url: str | None) -> str:
    """Allow everything; name the sitemap when the site's public URL is known."""
    text = "User-agent: *\nAllow: /\n"
    if site_url:
        text += f"\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
    return text


def gzip_bytes(data: bytes, name: str) -> bytes:
    """gzip with a fixed header (mtime 0), so the same input gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buffer, mtime=0) as gz:
        gz.write(data)
    return buffer.getvalue()
