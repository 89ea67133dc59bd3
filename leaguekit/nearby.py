"""Nearest open venues of the same type, shown on a closed venue's page.

Great-circle distance on WGS-84 coordinates is plenty for "which venue is
closest"; no map projection or routing is needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .content import Content, VenueEntry
from .schema import Location

EARTH_RADIUS_KM = 6371.0088


def distance_km(a: Location, b: Location) -> float:
    """Haversine distance between two points in kilometres."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat = lat2 - lat1
    dlng = math.radians(b.lng - a.lng)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class Nearby:
    venue: VenueEntry
    km: float

    @property
    def label(self) -> str:
        return f"约 {self.km:.1f} 公里" if self.km >= 1 else f"约 {round(self.km * 1000, -1):.0f} 米"


def nearest_open(content: Content, venue: VenueEntry, limit: int = 3) -> list[Nearby]:
    """The `limit` closest open venues of the same type, nearest first (ties by id)."""
    here = venue.data.location
    found = [Nearby(v, distance_km(here, v.data.location)) for v in content.open_venues if v.data.type == venue.data.type and v.id != venue.id]
    return sorted(found, key=lambda n: (n.km, n.venue.id))[:limit]
