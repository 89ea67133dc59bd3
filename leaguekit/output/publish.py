"""Static extras for any host: redirects for old venue ids, robots.txt, a sitemap split at the
protocol's 50,000 URLs, and a reproducible sitemap.xml.gz.

Nothing here needs a server: redirects are HTML meta refreshes with relative
URLs, so they work from a sub-path and after copying `site/` anywhere.
"""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import urls
from ..content.model import Content
from ..generate.render import render


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


SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org protocol)
URL_BLOCK = re.compile(rb"<url>.*?</url>", re.S)


def split_sitemap(xml: bytes, site_url: str | None) -> dict[str, bytes]:
    """`sitemap.xml` unchanged up to 50,000 URLs; above that, an index and files of 50,000 each."""
    blocks = URL_BLOCK.findall(xml)
    if len(blocks) <= SITEMAP_LIMIT:
        return {"sitemap.xml": xml}
    head = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    files: dict[str, bytes] = {}
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    entries = []
    for number, start in enumerate(range(0, len(blocks), SITEMAP_LIMIT), 1):
        name = f"sitemap-{number}.xml"
        files[name] = head + b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + b"\n".join(blocks[start : start + SITEMAP_LIMIT]) + b"\n</urlset>\n"
        entries.append(f"<sitemap><loc>{base}{name}</loc></sitemap>".encode())
    files["sitemap.xml"] = head + b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + b"\n".join(entries) + b"\n</sitemapindex>\n"
    return files


def gzip_bytes(data: bytes, name: str) -> bytes:
    """gzip with a fixed header (mtime 0), so the same input gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buffer, mtime=0) as gz:
        gz.write(data)
    return buffer.getvalue()
