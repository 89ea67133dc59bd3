/* The part of Leaflet 1.9 the finder's map (map.js) uses, bundled from Leaflet's own sources by
 * tools/vendor-map.sh: the map with its drag, zoom and keyboard handlers, tile layers, markers with
 * div icons, layer groups, the zoom and attribution controls, Web Mercator. Left out (12 KB of gzip
 * the map never runs): vector layers and their renderers, popups, tooltips, GeoJSON, image and video
 * overlays, the layers and scale controls, WMS, box zoom, the other projections. Used elsewhere in
 * map.js means: add its module here and re-run the script. */
import {Control, control} from 'leaflet/src/control/Control';
import {Zoom, zoom} from 'leaflet/src/control/Control.Zoom';
import {Attribution, attribution} from 'leaflet/src/control/Control.Attribution';
import {CRS} from 'leaflet/src/geo/crs/CRS';
import {Earth} from 'leaflet/src/geo/crs/CRS.Earth';
import {EPSG3857} from 'leaflet/src/geo/crs/CRS.EPSG3857';
import {Map} from 'leaflet/src/map/Map';
import {DoubleClickZoom} from 'leaflet/src/map/handler/Map.DoubleClickZoom';
import {Drag} from 'leaflet/src/map/handler/Map.Drag';
import {Keyboard} from 'leaflet/src/map/handler/Map.Keyboard';
import {ScrollWheelZoom} from 'leaflet/src/map/handler/Map.ScrollWheelZoom';
import {TapHold} from 'leaflet/src/map/handler/Map.TapHold';
import {TouchZoom} from 'leaflet/src/map/handler/Map.TouchZoom';

Control.Zoom = Zoom;
Control.Attribution = Attribution;
control.zoom = zoom;
control.attribution = attribution;
CRS.Earth = Earth;
CRS.EPSG3857 = EPSG3857;
Map.DoubleClickZoom = DoubleClickZoom;
Map.Drag = Drag;
Map.Keyboard = Keyboard;
Map.ScrollWheelZoom = ScrollWheelZoom;
Map.TapHold = TapHold;
Map.TouchZoom = TouchZoom;

export var version = '1.9.4';
export {Control, control, CRS, Map};
export {createMap as map} from 'leaflet/src/map/Map';
export * from 'leaflet/src/core/index';
export * from 'leaflet/src/dom/index';
export {Point, toPoint as point} from 'leaflet/src/geometry/Point';
export {Bounds, toBounds as bounds} from 'leaflet/src/geometry/Bounds';
export {LatLng, toLatLng as latLng} from 'leaflet/src/geo/LatLng';
export {LatLngBounds, toLatLngBounds as latLngBounds} from 'leaflet/src/geo/LatLngBounds';
export {Layer} from 'leaflet/src/layer/Layer';
export {LayerGroup, layerGroup} from 'leaflet/src/layer/LayerGroup';
export * from 'leaflet/src/layer/marker/index';
export {GridLayer, gridLayer} from 'leaflet/src/layer/tile/GridLayer';
export {TileLayer, tileLayer} from 'leaflet/src/layer/tile/TileLayer';
