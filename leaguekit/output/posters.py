"""Door posters: one A4 page per venue with its week, phone and a QR code to its page.

A poster is a standalone page at `venues/<id>/print/` (no site chrome), so it prints as
exactly one sheet. The QR code needs the site's public address (SITE_URL): without it
there are no posters, and the staff page says why.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

import segno

from .. import urls
from ..content.hours import table_rows
from ..content.model import Content, VenueEntry
from ..generate.render import render


@dataclass(frozen=True)
class Poster:
    path: str  # file under the site root
    html: str


def qr_svg(target: str) -> str:
    """The QR code of `target` as inline SVG (error correction M: survives a scuffed print)."""
    return segno.make(target, error="m", micro=False).svg_inline(scale=8, border=4, dark="#000", light="#fff", omitsize=True)


def week(venue: VenueEntry) -> list[tuple[str, str]]:
    """(周一, 09:00–17:30) … for every day, then 法定节假日 (休息 unless the hours say otherwise): the door
    is where a visitor reads on a holiday whether it opens. The same rows as the venue page's table."""
    if venue.hours is None:
        return []
    return [(label, times) for key, label, times in table_rows(venue.hours) if key != "workday"]


def poster(content: Content, venue: VenueEntry, site_url: str) -> Poster:
    v = venue.data
    public = urljoin(site_url.rstrip("/") + "/", urls.venue(venue.id))
    here = urls.poster(venue.id)
    html = render(
        "poster.html",
        venue=venue,
        type_label=content.venue_types[v.type].label,
        district=content.district(venue).full_name,
        week=week(venue),
        org=content.orgs[v.org].name,
        publisher=content.publisher.name,
        qr=qr_svg(public),
        public=public,
        page=urls.relative(here, urls.venue(venue.id)),
    )
    return Poster(here + "index.html", html)


def posters(content: Content, site_url: str | None) -> Iterator[Poster]:
    """One at a time: a national site's posters together are 10 KB a venue (650 MB at 69,000)."""
    for index in range(count(content, site_url)):
        yield poster_at(content, index, site_url)


def count(content: Content, site_url: str | None) -> int:
    """How many posters the site has: one per open venue, none without the site's address."""
    return len(content.open_venues) if site_url else 0


def poster_at(content: Content, index: int, site_url: str) -> Poster:
    """The `index`-th poster of `posters`: two processes can each make a part of them."""
    return poster(content, content.open_venues[index], site_url)
