"""A venue far from the other venues of its district gets a warning on its location line."""

from __future__ import annotations

from conftest import venue_md, write

from leaguekit.content import load

# Five venues within a few kilometres of each other in 太谷区 (WGS-84).
SPOTS = [(37.421, 112.551), (37.433, 112.560), (37.405, 112.532), (37.440, 112.575), (37.415, 112.590)]
LOCATION_LINE = 9  # venue_md writes name, type, grade, org, district, town, address, then location


def district_of(project, spots, district: str = "太谷区") -> None:
    for old in (project / "venues/taigu").glob("*.md"):
        old.unlink()
    for n, (lat, lng) in enumerate(spots):
        write(project, f"venues/taigu/v{n}.md", venue_md(district=district, location={"lat": lat, "lng": lng}))


def far(project) -> list[str]:
    return [str(w) for w in load(project).warnings if w.field == "location"]


def test_a_mistyped_degree_is_warned_on_the_location_line(project):
    district_of(project, [*SPOTS, (38.421, 112.551)])  # 37 typed as 38: 111 km north
    assert far(project) == [
        f"venues/taigu/v5.md:{LOCATION_LINE} location（坐标） 离太谷区的其他阵地很远：距它们的中心约 111 公里，而太谷区一半的阵地在 2.7 公里以内；"
        "请在地图上核对：经纬度是否写反、数字是否抄错、是否抄成了别处的坐标；位置无误可不理会这条提醒（提醒）"
    ]


def test_close_venues_and_small_districts_are_left_alone(project):
    district_of(project, [*SPOTS, (37.50, 112.62)])  # 11 km out: a town at the edge of the county
    assert far(project) == []
    district_of(project, [*SPOTS[:3], (38.421, 112.551)])  # four venues: too few to say what is usual
    assert far(project) == []


def test_far_is_measured_against_the_districts_own_spread(project):
    """A county of 200 km (Xinjiang, Inner Mongolia) has venues 80 km from its centre; that is no mistake there."""
    wide = [(lat, lng) for lat, lng in ((41.0, 86.0), (41.4, 86.5), (40.6, 85.5), (41.3, 85.4), (40.7, 86.6))]
    district_of(project, [*wide, (41.0, 87.0)], district="若羌县")  # 85 km east: the county's own scale
    assert far(project) == []
    district_of(project, [*wide, (44.5, 86.0)], district="若羌县")  # 370 km north of the centre
    assert len(far(project)) == 1


def test_districts_are_told_apart_by_city(project):
    """Two districts of the same name in different cities are two groups: neither makes the other look far."""
    district_of(project, SPOTS, district="城区")
    for n, (lat, lng) in enumerate(SPOTS):
        write(project, f"venues/taiyuan/t{n}.md", venue_md(org="taiyuan", district="城区", brands=None, location={"lat": lat + 0.5, "lng": lng}))
    assert far(project) == []
