"""Distances, GCJ-02 conversion and map-app links for a venue's WGS-84 location.

Coordinates are stored in WGS-84 (what a phone's GPS and the browser's
geolocation report). Chinese map apps draw in GCJ-02, so a link either says
its coordinates are WGS-84 (when the app's URI API has such a parameter) or
carries coordinates converted here with `prcoords` at build time.

The same links are built in the browser by `nearby.js` from the finder data
(which holds both coordinate pairs); the browser tests compare the two.
The links are only ever followed when a person taps them: no page fetches them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from urllib.parse import quote

import prcoords
from geographiclib.geodesic import Geodesic

# Who is calling, as the map APIs ask: AMap `src`, Baidu `src`
# (webapp.<company>.<app>), Tencent `referer`.
SOURCE = "leaguekit"
BAIDU_SOURCE = "webapp.leaguekit.nearby"


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Geodesic distance on the WGS-84 ellipsoid, in metres."""
    return Geodesic.WGS84.Inverse(lat1, lng1, lat2, lng2, Geodesic.DISTANCE)["s12"]


def format_distance(metres: float) -> str:
    """`850 米` below a kilometre (to 10 m), `3.2 公里` below 10 km, else `32 公里`.

    Rounds half up with integer steps, exactly as nearby.js does, so both print the same text.
    """
    tens = math.floor(metres / 10 + 0.5) * 10
    if tens < 1000:
        return f"{tens} 米"
    tenths = math.floor(metres / 100 + 0.5)
    if tenths < 100:
        return f"{tenths // 10}.{tenths % 10} 公里"
    return f"{math.floor(metres / 1000 + 0.5)} 公里"


def to_gcj02(lat: float, lng: float) -> tuple[float, float]:
    """WGS-84 to GCJ-02 (the datum of AMap, Tencent and Apple Maps in mainland China), 6 decimals."""
    gcj = prcoords.wgs_gcj((lat, lng), check_china=False)
    return round(gcj.lat, 6), round(gcj.lon, 6)


# Travel modes a directions link can ask for. Built pages do not know where the visitor is, so their
# links ask for the bus (teenagers and older people mostly walk or take the bus); the finder, which
# knows the distance, picks walk, bus or car by it (nearby.js `travelMode`), and the visitor can switch.
MODES = (("walk", "步行"), ("bus", "公交"), ("car", "驾车"))
DEFAULT_MODE = "bus"
# The city at the start of a Chinese address (山西省晋中市太谷区… → 晋中市; 北京市海淀区… → 北京市).
CITY_RE = re.compile(r"^(?:[^省市]{2,7}省|[^区市]{2,8}自治区)?([^省市州盟]{2,10}?(?:市|自治州|地区|盟))")


@dataclass(frozen=True)
class NavLink:
    app: str  # amap | baidu | tencent | apple
    label: str
    href: str


def _q(text: str) -> str:
    """Percent-encode like JavaScript's encodeURIComponent, so both sides build identical URLs."""
    return quote(text, safe="!~*'()")


def _num(value: float) -> str:
    """Shortest round-trip form, as JavaScript's String(number) prints it."""
    return repr(float(value)).removesuffix(".0")


def region_of(address: str) -> str:
    """The city an address names first, which Baidu's route page wants as `region`; '' when it names none."""
    match = CITY_RE.match(address.strip())
    return match.group(1) if match else ""


def nav_links(name: str, address: str, lat: float, lng: float, gcj: tuple[float, float] | None = None, mode: str = DEFAULT_MODE, region: str | None = None) -> tuple[NavLink, ...]:
    """Links that open directions in 高德, 百度, 腾讯 and Apple Maps.

    Directions start at the phone's own position; `mode` is walk, bus or car. `region` (the city, for
    Baidu) is what the pages and the finder data carry: `region_of(address)` computed at build.
    """
    glat, glng = gcj if gcj is not None else to_gcj02(lat, lng)
    la, ln, gla, gln = _num(lat), _num(lng), _num(glat), _num(glng)
    n = _q(name)
    city = _q(region_of(address) if region is None else region)
    tencent = {"walk": "walk", "bus": "bus", "car": "drive"}[mode]
    apple = {"walk": "w", "bus": "r", "car": "d"}[mode]
    baidu = {"walk": "walking", "bus": "transit", "car": "driving"}[mode]
    return (
        # AMap URI API, route from the phone's position (no `from`): `to` is lng,lat,name in AMap's own
        # GCJ-02 (coordinate=gaode); mode is car, bus or walk.
        NavLink("amap", "高德地图", f"https://uri.amap.com/navigation?to={gln},{gla},{n}&mode={mode}&src={SOURCE}&coordinate=gaode&callnative=1"),
        # Baidu URI API route plan: the origin 我的位置 is the phone's position in Baidu's app and page;
        # destination is latlng:lat,lng|name:…; coord_type=wgs84 makes Baidu convert to BD-09; region
        # (the city) is required for transit and walking, origin_/destination_region for driving.
        NavLink(
            "baidu",
            "百度地图",
            f"https://api.map.baidu.com/direction?origin={_q('我的位置')}&destination=latlng:{la},{ln}%7Cname:{n}&mode={baidu}"
            + (f"&region={city}&origin_region={city}&destination_region={city}" if city else "")
            + f"&coord_type=wgs84&output=html&src={BAIDU_SOURCE}",
        ),
        # Tencent URI API, route plan from the phone's position (no `from`): tocoord is lat,lng;
        # coord_type=1 means GPS (WGS-84), 2 would be Tencent's GCJ-02.
        NavLink("tencent", "腾讯地图", f"https://apis.map.qq.com/uri/v1/routeplan?type={tencent}&to={n}&tocoord={la},{ln}&coord_type=1&referer={SOURCE}"),
        # Apple Maps has no datum parameter. In mainland China its map data comes from AutoNavi
        # and MapKit treats coordinates as GCJ-02 (only CoreLocation's own fix is WGS-84), so a
        # WGS-84 `daddr` would land 100–700 m off; we pass the GCJ-02 pair. dirflg: w walk, r transit, d drive.
        NavLink("apple", "Apple 地图", f"https://maps.apple.com/?daddr={gla},{gln}&dirflg={apple}"),
    )
