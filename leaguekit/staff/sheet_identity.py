"""Which venue a sheet row is: doubts the import raises before it rewrites or adds a venue.

A row keeps its venue by id, but a sorted sheet (the id column left behind) or a row typed over
another venue's would still carry an id: a row whose name, address and position all change, or
whose position moves more than 2 km, is doubted (“是同一个阵地吗？”). A new row within 100 m of a
venue, or with its phone or address, is a probable duplicate. Both pass when the staffer says 是
in the 确认 column. Positions are compared in WGS-84 (a 高德 coordinate converted first) through a
grid of cells about 200 m wide, so finding neighbours stays linear in the number of venues.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..content.geo import distance_m, format_distance
from ..content.schema import CHINA_LAT, CHINA_LNG, TO_WGS84
from .frontmatter import VenueFile

MOVED_M = 2000  # a venue that moves further is doubted
NEAR_M = 100  # a new venue this close to another is a probable duplicate
CELL = 0.002  # degrees: 222 m of latitude, at least 100 m of longitude below 63°N (all of China)


def wgs84(location: Any) -> tuple[float, float] | None:
    """A front-matter location (as written, any datum) in WGS-84; None when it is not a point in China."""
    if not isinstance(location, dict):
        return None
    lat, lng, datum = location.get("lat"), location.get("lng"), location.get("datum") or "wgs84"
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in (lat, lng)):
        return None
    if not (CHINA_LAT[0] <= lat <= CHINA_LAT[1] and CHINA_LNG[0] <= lng <= CHINA_LNG[1]):
        return None
    if datum in TO_WGS84:
        point = TO_WGS84[datum]((lat, lng), check_china=False)
        return point.lat, point.lon
    return (lat, lng) if datum == "wgs84" else None


def _address(text: Any) -> str:
    return re.sub(r"\s+", "", str(text)) if isinstance(text, str) and text.strip() else ""


def _phone(text: Any) -> str:
    digits = re.sub(r"\D", "", str(text)) if text is not None else ""
    return digits if len(digits) >= 7 else ""


def doubt(old: dict[str, Any], new: dict[str, Any]) -> str:
    """Why a row may not be the venue its id names ('' when it plausibly is): `old` is the file's
    front matter, `new` the same with the row's changes."""
    before, after = wgs84(old.get("location")), wgs84(new.get("location"))
    if before and after:
        moved = distance_m(*before, *after)
        if moved > MOVED_M:
            return f"位置移动了 {format_distance(moved)}"
    else:
        moved = 0.0 if old.get("location") == new.get("location") else math.inf
    renamed = _address(old.get("name")) != _address(new.get("name"))
    readdressed = _address(old.get("address")) != _address(new.get("address"))
    if renamed and readdressed and moved > 0:
        return "名称、地址和位置都改了"
    return ""


@dataclass
class Known:
    """Every venue by grid cell, phone and address, to name the one a new row probably repeats."""

    cells: dict[tuple[int, int], list[tuple[float, float, VenueFile]]]
    phones: dict[str, VenueFile]
    addresses: dict[str, VenueFile]

    @classmethod
    def of(cls, venues: Iterable[VenueFile]) -> Known:
        known = cls({}, {}, {})
        for venue in venues:
            known.add(venue.front or {}, venue)
        return known

    def add(self, front: dict[str, Any], venue: VenueFile) -> None:
        point = wgs84(front.get("location"))
        if point:
            self.cells.setdefault(_cell(point), []).append((*point, venue))
        if _phone(front.get("phone")):
            self.phones.setdefault(_phone(front.get("phone")), venue)
        if _address(front.get("address")):
            self.addresses.setdefault(_address(front.get("address")), venue)

    def duplicate(self, front: dict[str, Any]) -> tuple[VenueFile, str] | None:
        """The venue a new row's fields probably repeat, and why."""
        point = wgs84(front.get("location"))
        if point:
            row, col = _cell(point)
            near = [(distance_m(*point, lat, lng), venue) for r in (row - 1, row, row + 1) for c in (col - 1, col, col + 1) for lat, lng, venue in self.cells.get((r, c), [])]
            metres, venue = min(near, key=lambda n: n[0], default=(math.inf, None))
            if venue is not None and metres <= NEAR_M:
                return venue, f"相距 {format_distance(metres)}"
        if _phone(front.get("phone")) in self.phones:
            return self.phones[_phone(front.get("phone"))], "电话相同"
        if _address(front.get("address")) in self.addresses:
            return self.addresses[_address(front.get("address"))], "地址相同"
        return None


def _cell(point: tuple[float, float]) -> tuple[int, int]:
    return math.floor(point[0] / CELL), math.floor(point[1] / CELL)
