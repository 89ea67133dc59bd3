"""Door posters (`leaguekit.output.posters`) as the build writes them."""

from __future__ import annotations

from conftest import SAMPLE

from leaguekit.content import load
from leaguekit.output import posters


def test_posters_are_made_one_at_a_time(monkeypatch):
    """A national site's posters held together were 10 KB a venue (650 MB at 69,000): the build writes each as it is made."""
    content = load(SAMPLE)
    made = []
    poster = posters.poster
    monkeypatch.setattr(posters, "poster", lambda c, venue, url: made.append(venue.id) or poster(c, venue, url))
    each = posters.posters(content, "https://example.org/kit/")
    first = next(each)
    assert made == [content.open_venues[0].id] and len(content.open_venues) > 1
    assert first.path == f"venues/{made[0]}/print/index.html" and "https://example.org/kit/venues/" in first.html
    assert len([first, *each]) == len(content.open_venues)


def test_no_site_url_no_posters():
    assert list(posters.posters(load(SAMPLE), "")) == []
