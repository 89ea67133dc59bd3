"""Distance, its Chinese text, WGS-84 → GCJ-02, and the map-app links a venue gets."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from leaguekit.content.geo import DEFAULT_MODE, distance_m, format_distance, nav_links, region_of, to_gcj02

CASES = json.loads((Path(__file__).parents[1] / "distance_cases.json").read_text(encoding="utf-8"))["cases"]


def test_distance_matches_published_geodesic():
    """GeographicLib's documented example: Wellington to Salamanca is 19,959,679.267 m on WGS-84."""
    assert distance_m(-41.32, 174.81, 40.96, -5.50) == pytest.approx(19959679.267, abs=0.001)
    # One degree of latitude at the equator is 110,574.4 m on WGS-84 (not 111,195 m as on a sphere).
    assert distance_m(0, 112, 1, 112) == pytest.approx(110574.4, abs=0.1)


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_shared_distance_cases(case):
    metres = distance_m(*case["from"], *case["to"])
    assert metres == pytest.approx(case["metres"], abs=0.01)
    assert format_distance(metres) == case["text"]


@pytest.mark.parametrize(
    ("metres", "text"),
    [(0, "0 米"), (844.9, "840 米"), (845, "850 米"), (994.9, "990 米"), (995, "1.0 公里"), (3249, "3.2 公里"), (3250, "3.3 公里"), (9949, "9.9 公里"), (9950, "10 公里"), (32400, "32 公里")],
)
def test_distance_text_rounds_half_up(metres, text):
    assert format_distance(metres) == text


@pytest.mark.parametrize(
    ("wgs", "gcj"),
    [
        # Published example of the widely used coordtransform library (wgs84togcj02(116.404, 39.915)).
        ((39.915, 116.404), (39.91640428150164, 116.41024449916938)),
        # Published test point of geoToolbox (wgs84_to_gcj02(40.0, 116.0)).
        ((40.0, 116.0), (40.001213650174, 116.006141221789)),
    ],
)
def test_gcj02_matches_reference_points(wgs, gcj):
    lat, lng = to_gcj02(*wgs)
    assert lat == pytest.approx(gcj[0], abs=1e-6) and lng == pytest.approx(gcj[1], abs=1e-6)


def test_gcj02_offset_in_shanxi_is_hundreds_of_metres():
    """The offset is what puts a WGS-84 pin on the wrong street in a Chinese map app."""
    lat, lng = to_gcj02(37.4216, 112.5513)
    assert 300 < distance_m(37.4216, 112.5513, lat, lng) < 700


def _params(href: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(href).query, keep_blank_values=True).items()}


def test_nav_links_say_which_datum_their_coordinates_are_in():
    links = {link.app: link for link in nav_links("太谷区明星镇青年之家", "山西省晋中市太谷区明星镇党群服务中心", 37.4216, 112.5513)}
    glat, glng = to_gcj02(37.4216, 112.5513)
    assert list(links) == ["amap", "baidu", "tencent", "apple"]

    # AMap: a route from the phone's position, in AMap's own GCJ-02; the bus when the distance is unknown.
    amap = _params(links["amap"].href)
    assert links["amap"].href.startswith("https://uri.amap.com/navigation?") and "from" not in amap
    assert (amap["to"], amap["coordinate"], amap["mode"], amap["callnative"]) == (f"{glng},{glat},太谷区明星镇青年之家", "gaode", "bus", "1")

    # Baidu: a route (not a marker) from 我的位置, the phone's position, in the address's city.
    baidu = _params(links["baidu"].href)
    assert links["baidu"].href.startswith("https://api.map.baidu.com/direction?")
    assert (baidu["origin"], baidu["destination"], baidu["mode"], baidu["coord_type"], baidu["output"]) == ("我的位置", "latlng:37.4216,112.5513|name:太谷区明星镇青年之家", "transit", "wgs84", "html")
    assert baidu["region"] == baidu["origin_region"] == baidu["destination_region"] == "晋中市"
    assert baidu["src"].startswith("webapp.")

    # Tencent: a route plan from the phone's position; coord_type=1 says tocoord is GPS (WGS-84).
    tencent = _params(links["tencent"].href)
    assert links["tencent"].href.startswith("https://apis.map.qq.com/uri/v1/routeplan?") and "from" not in tencent
    assert (tencent["type"], tencent["to"], tencent["tocoord"], tencent["coord_type"], tencent["referer"]) == ("bus", "太谷区明星镇青年之家", "37.4216,112.5513", "1", "leaguekit")

    apple = _params(links["apple"].href)
    assert links["apple"].href.startswith("https://maps.apple.com/?")
    assert (apple["daddr"], apple["dirflg"]) == (f"{glat},{glng}", "r")


@pytest.mark.parametrize(("mode", "amap", "baidu", "tencent", "apple"), [("walk", "walk", "walking", "walk", "w"), ("bus", "bus", "transit", "bus", "r"), ("car", "car", "driving", "drive", "d")])
def test_travel_mode_reaches_every_route_link(mode, amap, baidu, tencent, apple):
    links = {link.app: _params(link.href) for link in nav_links("某青年之家", "某地址", 37.4, 112.5, mode=mode)}
    assert (links["amap"]["mode"], links["baidu"]["mode"], links["tencent"]["type"], links["apple"]["dirflg"]) == (amap, baidu, tencent, apple)
    assert "region" not in links["baidu"]  # an address without a city: Baidu asks for one itself


@pytest.mark.parametrize(
    ("address", "city"),
    [("山西省晋中市太谷区明星镇", "晋中市"), ("北京市海淀区颐和园路5号", "北京市"), ("广西壮族自治区南宁市青秀区", "南宁市"), ("湖北省恩施土家族苗族自治州恩施市", "恩施土家族苗族自治州"), ("太谷区明星镇", "")],
)
def test_region_is_the_first_city_of_the_address(address, city):
    assert region_of(address) == city


def test_names_cannot_break_out_of_their_parameter():
    """A name with & ; , : = would otherwise add parameters or split AMap's `to` fields."""
    name, address = "A&B;title:x,y=1 (青年)", "地址;addr:z"
    links = {link.app: _params(link.href) for link in nav_links(name, address, 37.4, 112.5)}
    assert links["amap"]["to"].split(",", 2)[2] == name and set(links["amap"]) == {"to", "mode", "src", "coordinate", "callnative"}
    assert links["baidu"]["destination"] == f"latlng:37.4,112.5|name:{name}" and set(links["baidu"]) == {"origin", "destination", "mode", "coord_type", "output", "src"}
    assert links["tencent"]["to"] == name and set(links["tencent"]) == {"type", "to", "tocoord", "coord_type", "referer"}
    assert set(links["apple"]) == {"daddr", "dirflg"}


def test_built_pages_ask_for_the_mode_of_an_unknown_distance():
    """nearby.js picks the mode by distance (tests/browser); without one it agrees with the built links."""
    unknown = next(m["mode"] for m in json.loads((Path(__file__).parents[1] / "distance_cases.json").read_text(encoding="utf-8"))["modes"] if m["metres"] is None)
    assert unknown == DEFAULT_MODE
