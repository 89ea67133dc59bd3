"""Alternatives for a closed venue: the nearest open venues of the same type, shown on its page.

Open venues are bucketed in a grid of `CELL` degrees per type, and the search walks rings
of cells outward until nothing outside them can be nearer than what it has found, so a
national directory (69,000 venues, thousands of them closed) needs no all-pairs distances.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from ..content.geo import distance_m, format_distance
from ..content.model import Content, VenueEntry

CELL = 0.25  # degrees
METRES_PER_DEGREE = 111_000  # a little under a degree of latitude anywhere, so the bound stays safe


@dataclass(frozen=True)
class Nearby:
    venue: VenueEntry
    metres: float

    @property
    def label(self) -> str:
        return "约 " + format_distance(self.metres)


class _Grid:
    def __init__(self, venues: list[VenueEntry]):
        self.cells: dict[tuple[str, int, int], list[VenueEntry]] = defaultdict(list)
        self.extent: dict[str, tuple[int, int, int, int]] = {}
        for v in venues:
            i, j = _cell(v)
            self.cells[(v.data.type, i, j)].append(v)
            lo_i, lo_j, hi_i, hi_j = self.extent.get(v.data.type, (i, j, i, j))
            self.extent[v.data.type] = (min(lo_i, i), min(lo_j, j), max(hi_i, i), max(hi_j, j))

    def ring(self, kind: str, i0: int, j0: int, r: int):
        for i in range(i0 - r, i0 + r + 1):
            for j in (range(j0 - r, j0 + r + 1) if abs(i - i0) == r else (j0 - r, j0 + r)):
                yield from self.cells.get((kind, i, j), ())


def _cell(v: VenueEntry) -> tuple[int, int]:
    return math.floor(v.data.location.lat / CELL), math.floor(v.data.location.lng / CELL)


_grids: dict[int, tuple[Content, _Grid]] = {}


def _grid(content: Content) -> _Grid:
    """One grid per loaded content (the last one is kept)."""
    cached = _grids.get(id(content))
    if cached is None or cached[0] is not content:
        _grids.clear()
        cached = _grids[id(content)] = (content, _Grid(content.open_venues))
    return cached[1]


def nearest_open(content: Content, venue: VenueEntry, limit: int = 3) -> list[Nearby]:
    """The `limit` closest open venues of the same type, nearest first (ties by id)."""
    grid, kind, here = _grid(content), venue.data.type, venue.data.location
    if kind not in grid.extent:
        return []
    i0, j0 = _cell(venue)
    lo_i, lo_j, hi_i, hi_j = grid.extent[kind]
    last = max(abs(i0 - lo_i), abs(i0 - hi_i), abs(j0 - lo_j), abs(j0 - hi_j))
    found: list[Nearby] = []
    for r in range(last + 1):
        found += [Nearby(v, distance_m(here.lat, here.lng, v.data.location.lat, v.data.location.lng)) for v in grid.ring(kind, i0, j0, r) if v.id != venue.id]
        found.sort(key=lambda n: (n.metres, n.venue.id))
        # Anything beyond ring r lies at least r whole cells away in latitude or longitude.
        lng_scale = math.cos(math.radians(min(89.0, abs(here.lat) + (r + 1) * CELL)))
        if len(found) >= limit and r * CELL * METRES_PER_DEGREE * lng_scale > found[limit - 1].metres:
            break
    return found[:limit]
