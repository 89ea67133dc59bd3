"""A warning for a venue far from the other venues of its district: swapped digits, a mistyped degree,
coordinates copied from somewhere else.

The rule is robust to the mistakes it looks for: the district's centre is the median latitude and
the median longitude of its venues (a few wrong points do not move it), and "far" is measured
against the district's own spread (the median distance from that centre), so a county in Xinjiang
and an urban district of Taiyuan are each judged by their own size. Only districts with at least
`MIN_VENUES` venues are judged; the cost is one sort per district, near-linear in the directory.
"""

from __future__ import annotations

import math
from collections import defaultdict
from statistics import median

from .files import front_line
from .model import Content, VenueEntry, district_name
from .problems import Problem

MIN_VENUES = 5
# Far: beyond FACTOR times the district's median distance from its centre, and never closer than FLOOR_KM
# (from its centre, a county of average size, some 2,000 km², ends well within 50 km).
FACTOR = 4
FLOOR_KM = 50
KM_PER_DEGREE = 111.2


def km_between(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Equirectangular distance: within a few per cent of the geodesic over a district, and cheap enough
    for 69,000 venues in `make check`."""
    dx = (lng1 - lng2) * math.cos(math.radians((lat1 + lat2) / 2))
    return KM_PER_DEGREE * math.hypot(dx, lat1 - lat2)


def far_from_district(content: Content) -> list[Problem]:
    groups: dict[tuple[str, str], list[VenueEntry]] = defaultdict(list)
    for v in content.venues:
        groups[(content.city_of(v.data.org).id, district_name(content.orgs, v.data))].append(v)
    found = []
    for (_, district), venues in groups.items():
        if len(venues) < MIN_VENUES:
            continue
        lat = median(v.data.location.lat for v in venues)
        lng = median(v.data.location.lng for v in venues)
        distances = [km_between(v.data.location.lat, v.data.location.lng, lat, lng) for v in venues]
        spread = median(distances)
        limit = max(FLOOR_KM, FACTOR * spread)
        for v, km in zip(venues, distances):
            if km > limit:
                found.append(
                    Problem(
                        v.source,
                        front_line(content.root, v.source, ("location",)),
                        "location",
                        f"离{district}的其他阵地很远：距它们的中心约 {km:.0f} 公里，而{district}一半的阵地在 {max(spread, 0.1):.1f} 公里以内",
                        "请在地图上核对：经纬度是否写反、数字是否抄错、是否抄成了别处的坐标；位置无误可不理会这条提醒",
                        label="坐标",
                        level="warning",
                    )
                )
    return found
