"""A closed venue's alternatives: the grid search finds exactly the nearest open venues of its type."""

from __future__ import annotations

import random
from types import SimpleNamespace

from leaguekit.content.geo import distance_m
from leaguekit.generate.alternatives import nearest_open


def venue(ident: str, kind: str, lat: float, lng: float):
    return SimpleNamespace(id=ident, data=SimpleNamespace(type=kind, location=SimpleNamespace(lat=lat, lng=lng)))


def brute_force(venues, here, limit=3):
    found = sorted(
        (distance_m(here.data.location.lat, here.data.location.lng, v.data.location.lat, v.data.location.lng), v.id) for v in venues if v.data.type == here.data.type and v.id != here.id
    )
    return [ident for _, ident in found[:limit]]


def test_grid_search_matches_brute_force_from_towns_to_the_whole_country():
    rnd = random.Random(7)
    clusters = [(rnd.uniform(20, 50), rnd.uniform(75, 130)) for _ in range(40)]
    venues = []
    for n in range(3000):
        lat, lng = rnd.choice(clusters)
        spread = rnd.choice([0.01, 0.1, 2.0])
        venues.append(venue(f"v{n:04d}", rnd.choice(["home", "home", "base", "station"]), lat + rnd.gauss(0, spread), lng + rnd.gauss(0, spread)))
    venues.append(venue("lonely", "rare", 45.0, 80.0))
    content = SimpleNamespace(open_venues=venues)
    for here in rnd.sample(venues, 40) + [venue("far-away", "base", 53.0, 134.0), venues[-1]]:
        assert [n.venue.id for n in nearest_open(content, here)] == brute_force(venues, here), here.id
