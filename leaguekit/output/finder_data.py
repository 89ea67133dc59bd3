"""Finder data: the venues as small static JSON, split so a phone downloads only what is near it.

Layout under `assets/finder/` in the built site:

- `manifest.json`: the grid and the list of non-empty cells with their venue counts,
  plus the labels of types, grades and services (a few hundred bytes of vocabulary);
- `cells/<level>-<x>-<y>.json`: the venues of one cell, a JSON list of records.

Cells form a quadtree over China: a level-0 cell is `ROOT_SIZE` degrees square
with its corner at (`ORIGIN_LAT`, `ORIGIN_LNG`); a cell with more than
`MAX_PER_CELL` venues is split into four, down to `MAX_LEVEL`. Dense cities get
small cells and the countryside large ones, so the first result list costs about
the same anywhere. `nearby.js` loads cells nearest-first until the next cell
cannot hold anything closer than the results it already has;
`first_results_cells` does the same here for tests and the benchmark.

A record holds only what a result shows (short keys keep 69,000 venues small):

    i id · n name · t type · g grade · s services · d district (with its city) · w town · a address
    y the address's city (Baidu's route page asks for it; omitted when the address names none)
    p [lat, lng] WGS-84 · c [lat, lng] GCJ-02 · f phone · x sample
    h the parsed week (`Hours.schedule`: Monday … Sunday, public holiday, adjusted working Saturday and Sunday)
    z closures [[from, to, reason]]

The browser never reads OpenStreetMap text: hours.js judges "open now" from `h`, `z`
and the holiday table the finder page carries (`Calendar.to_json`).
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from .. import urls
from ..content.geo import distance_m, region_of, to_gcj02
from ..content.hours import closures_json
from ..content.model import Content

ORIGIN_LAT = 0.0
ORIGIN_LNG = 70.0
ROOT_SIZE = 8.0
MAX_PER_CELL = 120
MAX_LEVEL = 12
FOLDER = urls.FINDER_DATA
FIRST_RESULTS = 20


@dataclass(frozen=True)
class Cell:
    level: int
    x: int
    y: int

    @property
    def key(self) -> str:
        return f"{self.level}-{self.x}-{self.y}"

    @property
    def size(self) -> float:
        return ROOT_SIZE / 2**self.level

    def bounds(self) -> tuple[float, float, float, float]:
        """(south, west, north, east) in degrees."""
        s, w = ORIGIN_LAT + self.y * self.size, ORIGIN_LNG + self.x * self.size
        return s, w, s + self.size, w + self.size

    def children(self) -> tuple[Cell, ...]:
        return tuple(Cell(self.level + 1, self.x * 2 + dx, self.y * 2 + dy) for dy in (0, 1) for dx in (0, 1))

    @classmethod
    def parse(cls, key: str) -> Cell:
        level, x, y = (int(part) for part in key.split("-"))
        return cls(level, x, y)


def cell_at(lat: float, lng: float, level: int) -> Cell:
    size = ROOT_SIZE / 2**level
    return Cell(level, math.floor((lng - ORIGIN_LNG) / size), math.floor((lat - ORIGIN_LAT) / size))


def record(venue, content: Content) -> dict:
    """The finder record of one validated venue (see the module docstring for the keys)."""
    v = venue.data
    lat, lng = v.location.lat, v.location.lng
    rec: dict = {"i": venue.id, "n": v.name, "t": v.type}
    if v.grade:
        rec["g"] = v.grade
    if v.services:
        rec["s"] = list(v.services)
    rec["d"] = content.district(venue).full_name
    if v.town:
        rec["w"] = v.town
    rec["a"] = v.address
    if region := region_of(v.address):
        rec["y"] = region
    rec["p"] = [lat, lng]
    rec["c"] = list(to_gcj02(lat, lng))
    if venue.hours:
        rec["h"] = venue.hours.schedule()
    if venue.closures:
        rec["z"] = closures_json(venue.closures)
    if v.phone:
        rec["f"] = v.phone
    if v.sample:
        rec["x"] = 1
    return rec


def split(records: list[dict]) -> dict[Cell, list[dict]]:
    """Assign records to quadtree leaves of at most MAX_PER_CELL records (MAX_LEVEL permitting)."""
    leaves: dict[Cell, list[dict]] = {}
    pending: list[tuple[Cell, list[dict]]] = []
    roots: dict[Cell, list[dict]] = {}
    for rec in records:
        roots.setdefault(cell_at(rec["p"][0], rec["p"][1], 0), []).append(rec)
    pending.extend(roots.items())
    while pending:
        cell, members = pending.pop()
        if len(members) <= MAX_PER_CELL or cell.level >= MAX_LEVEL:
            leaves[cell] = sorted(members, key=lambda r: r["i"])
            continue
        parts: dict[Cell, list[dict]] = {}
        for rec in members:
            parts.setdefault(cell_at(rec["p"][0], rec["p"][1], cell.level + 1), []).append(rec)
        pending.extend(parts.items())
    return leaves


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class FinderData:
    manifest: dict
    cells: dict[str, list[dict]]

    def files(self) -> Iterator[tuple[str, str]]:
        """(site path, JSON text) of every file, manifest first."""
        yield f"{FOLDER}/manifest.json", _json(self.manifest)
        for key, records in self.cells.items():
            yield f"{FOLDER}/cells/{key}.json", _json(records)


def build(records: list[dict], vocab: dict | None = None) -> FinderData:
    leaves = split(records)
    ordered = sorted(leaves, key=lambda c: (c.level, c.y, c.x))
    manifest = {
        "v": 1,
        "grid": {"lat": ORIGIN_LAT, "lng": ORIGIN_LNG, "size": ROOT_SIZE},
        "count": len(records),
        "cells": {c.key: len(leaves[c]) for c in ordered},
        **(vocab or {}),
    }
    return FinderData(manifest, {c.key: leaves[c] for c in ordered})


def vocabulary(content: Content) -> dict:
    return {
        "types": {k: t.label for k, t in content.venue_types.items()},
        "grades": {k: g.label for k, g in content.grades.items()},
        "services": {k: s.label for k, s in content.services.items()},
    }


def finder_data(content: Content, reused=None) -> FinderData:
    """`reused`: `Site.reused`, so a serve rebuild recomputes only the records of venues it read anew."""
    if reused is None:
        return build([record(v, content) for v in content.open_venues], vocabulary(content))
    return build([reused("finder", v, partial(record, v, content)) for v in content.open_venues], vocabulary(content))


# --- what a phone downloads -----------------------------------------------------


def min_distance_m(cell: Cell, lat: float, lng: float) -> float:
    """Lower bound of the distance from (lat, lng) to any point of `cell`."""
    s, w, n, e = cell.bounds()
    return distance_m(lat, lng, min(max(lat, s), n), min(max(lng, w), e))


def first_results_cells(manifest: dict, lat: float, lng: float, k: int = FIRST_RESULTS, load=None) -> list[str]:
    """Cells a phone at (lat, lng) loads to show its `k` nearest venues, in loading order.

    `load(key)` returns the records of a cell. Mirrors the search in nearby.js:
    nearest cell first; stop once `k` venues are known and the next cell's
    nearest edge is farther than the k-th of them.
    """
    cells = sorted((min_distance_m(Cell.parse(key), lat, lng), key) for key in manifest["cells"])
    loaded: list[str] = []
    found: list[float] = []
    for bound, key in cells:
        if len(found) >= k and bound > found[k - 1]:
            break
        loaded.append(key)
        found = sorted(found + [distance_m(lat, lng, r["p"][0], r["p"][1]) for r in load(key)])
    return loaded


def gzip_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def first_results_bytes(data: FinderData, lat: float, lng: float, k: int = FIRST_RESULTS) -> tuple[int, int, list[str]]:
    """(raw bytes, gzip bytes, cell keys) a phone downloads for its first result list: manifest + cells."""
    keys = first_results_cells(data.manifest, lat, lng, k, load=data.cells.__getitem__)
    texts = [_json(data.manifest), *(_json(data.cells[key]) for key in keys)]
    return sum(len(t.encode("utf-8")) for t in texts), sum(gzip_size(t) for t in texts), keys
