"""Alternatives for a closed venue: the nearest open venues of the same type, shown on its page."""

from __future__ import annotations

from dataclasses import dataclass

from .content import Content, VenueEntry
from .geo import distance_m, format_distance


@dataclass(frozen=True)
class Nearby:
    venue: VenueEntry
    metres: float

    @property
    def label(self) -> str:
        return "约 " + format_distance(self.metres)


def nearest_open(content: Content, venue: VenueEntry, limit: int = 3) -> list[Nearby]:
    """The `limit` closest open venues of the same type, nearest first (ties by id)."""
    here = venue.data.location
    found = [
        Nearby(v, distance_m(here.lat, here.lng, v.data.location.lat, v.data.location.lng))
        for v in content.open_venues
        if v.data.type == venue.data.type and v.id != venue.id
    ]
    return sorted(found, key=lambda n: (n.metres, n.venue.id))[:limit]
