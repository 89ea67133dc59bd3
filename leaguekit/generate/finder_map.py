"""The map beside the finder's list on `/nearby/`: what the page needs to draw it with 天地图 tiles.

Opt-in: without a 天地图 key (data/site.yml `map.key`, or `TIANDITU_KEY` when the site is built, so a
CI secret can hold it) there is no map, and the page carries no map markup and asks nothing of 天地图.
With one, the page carries only the 列表 / 地图 switch and this configuration; nearby.js loads the
library, the map's script and styles when the visitor opens the map (map.js draws it).

Tiles: 天地图's Web Mercator (`_w`) WMTS layers, the vector base `vec` with its labels `cva`, or the
satellite `img` with `cia`. Positions are published in WGS-84, which CGCS2000 (天地图's datum) matches
to within centimetres, so no conversion happens anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass

from .. import urls
from ..content.schema import TIANDITU_KEY_RE, MapSettings

ENV_KEY = "TIANDITU_KEY"
TILE_HOSTS = "01234567"  # t0 … t7.tianditu.gov.cn
HOME = "https://www.tianditu.gov.cn/"
# Styles and scripts map.js needs, in loading order. Supercluster (4 KB gzip) clusters rather than the 9 KB
# Leaflet.markercluster: with Leaflet's 46 KB, opening the map must stay within 60 KB gzip, data included.
STYLES = ("assets/vendor/leaflet/leaflet.css", "assets/stylesheets/map.css")
SCRIPTS = ("assets/vendor/leaflet/leaflet.js", "assets/vendor/supercluster/supercluster.min.js", "assets/javascripts/map.js")


class MapKeyError(ValueError):
    """TIANDITU_KEY is set to something that is not a key (a build stops with this message)."""


def tile_url(layer: str, key: str) -> str:
    """A Leaflet URL template for one 天地图 Web Mercator layer (`vec`, `cva`, `img`, `cia`)."""
    return (
        f"https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}"
        f"&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={key}"
    )


@dataclass(frozen=True)
class MapConfig:
    """What map.js reads from the page (JSON): tile layers, attribution, and the files to load, relative to the page."""

    vector: tuple[str, str]
    satellite: tuple[str, str]
    subdomains: str
    provider: str
    home: str
    review_number: str
    styles: tuple[str, ...]
    scripts: tuple[str, ...]

    def to_json(self) -> dict:
        return asdict(self)


def map_key(settings: MapSettings | None, environ: Mapping[str, str] = os.environ) -> str | None:
    """The key the site is built with: TIANDITU_KEY wins over data/site.yml (a CI secret over a file)."""
    if settings is None:
        return None
    key = environ.get(ENV_KEY, "").strip()
    if key and not TIANDITU_KEY_RE.match(key):
        raise MapKeyError(f"环境变量 {ENV_KEY} 不是天地图 Key：请在天地图控制台复制“浏览器端”应用的 Key，原样设置")
    return key or settings.key


def map_config(settings: MapSettings | None, page_url: str, environ: Mapping[str, str] = os.environ, asset: Callable[[str], str] = str) -> MapConfig | None:
    """The finder page's map, or None (no `map:` block or no key: no map at all)."""
    key = map_key(settings, environ)
    if settings is None or key is None:
        return None
    return MapConfig(
        vector=(tile_url("vec", key), tile_url("cva", key)),
        satellite=(tile_url("img", key), tile_url("cia", key)),
        subdomains=TILE_HOSTS,
        provider="天地图",
        home=HOME,
        review_number=settings.review_number,
        styles=tuple(urls.relative(page_url, asset(path)) for path in STYLES),
        scripts=tuple(urls.relative(page_url, asset(path)) for path in SCRIPTS),
    )
