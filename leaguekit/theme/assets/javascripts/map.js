/* The finder's map (/nearby/), loaded by nearby.js only when the visitor presses 地图, after Leaflet and
 * Supercluster (assets/vendor/, tools/vendor-map.sh); tiles, 审图号 and files from leaguekit/generate/finder_map.py.
 * It loads the finder's grid cells in view (flat in the directory's size) and asks the finder which venues pass
 * the filters and are open (Finder.judge, hours.js); a marker's card is the list's card (Finder.card). Markers
 * are buttons named after their venue, with the state by shape and text; focus goes marker → card → marker.
 * The finder re-judges every minute (Finder.rejudge): pins and the card follow venues opening and closing. */
(function () {
  "use strict";
  var lk = window.leaguekit, L = window.L;
  var MAX_CELLS = 64; /* more cells in view than this: the manifest's counts stand in for the venues */
  var AREA_LIST = 20;
  var FIRST_VIEW_VENUES = 120; /* one full finder cell (finder_data.MAX_PER_CELL): about 11 KB gzip */
  var FIRST_VIEW_MAX_ZOOM = 17;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  function button(cls, text) {
    var b = el("button", "md-button " + cls, text);
    b.type = "button";
    return b;
  }

  function tiles(urls, config, view) {
    return L.layerGroup(urls.map(function (url) {
      return L.tileLayer(url, { subdomains: config.subdomains, maxZoom: 18, minZoom: 3 })
        .on("tileerror", function () { view.tileFailed(); });
    }));
  }

  function MapView(finder) {
    var self = this, config = finder.mapConfig;
    this.finder = finder;
    this.records = {}; /* id → record, of the cells loaded so far */
    this.loaded = {}; /* cell key → true once its venues are in `records` */
    this.passing = {}; /* id → {r: record, judged, state} of a loaded venue that passes the filters now */
    this.markers = {}; /* id → marker, made when first drawn (a city's venues are mostly out of view) */
    this.drawn = {}; /* key → marker (venue or cluster) on the map now */
    this.run = 0;
    var panel = finder.mapPanel;
    var skip = el("a", "lk-map__skip", "跳过地图");
    skip.href = "#lk-map-after";
    this.canvas = el("div", "lk-map__canvas");
    this.canvas.setAttribute("role", "region");
    this.canvas.setAttribute("aria-label", "阵地地图，用方向键移动，加减号缩放；标记可用 Tab 键选择");
    this.notice = el("p", "lk-map__notice");
    this.notice.setAttribute("role", "status");
    this.hint = el("p", "lk-map__hint", "这一范围的阵地太多，圆圈中是各处的阵地数（未按筛选条件），点圆圈或放大地图查看。");
    this.hint.hidden = true;
    this.bubbles = L.layerGroup();
    var bar = el("div", "lk-map__bar");
    this.area = button("lk-map__area", "搜索此区域");
    this.area.hidden = true;
    this.satellite = button("lk-map__satellite", "卫星");
    this.satellite.setAttribute("aria-pressed", "false");
    bar.appendChild(this.area);
    bar.appendChild(this.satellite);
    this.after = el("div", "lk-map__after");
    this.after.id = "lk-map-after";
    this.after.tabIndex = -1;
    [skip, this.canvas, this.notice, this.hint, bar, this.after].forEach(function (node) { panel.appendChild(node); });

    this.map = L.map(this.canvas, { attributionControl: false, zoomControl: false });
    L.control.zoom({ zoomInTitle: "放大", zoomOutTitle: "缩小" }).addTo(this.map);
    L.control.attribution({ position: "bottomleft", prefix: false }).addTo(this.map)
      .addAttribution('<a href="' + config.home + '" rel="external noopener noreferrer" target="_blank">' + config.provider + "</a> 审图号：" +
        config.review_number.replace(/[&<>"]/g, ""));
    this.layers = { vector: tiles(config.vector, config, this), satellite: tiles(config.satellite, config, this) };
    this.layers.vector.addTo(this.map);
    this.index = new window.Supercluster({ radius: 48, maxZoom: 17 });

    this.satellite.addEventListener("click", function () {
      var on = self.satellite.getAttribute("aria-pressed") !== "true";
      self.satellite.setAttribute("aria-pressed", String(on));
      self.map.removeLayer(self.layers[on ? "vector" : "satellite"]).addLayer(self.layers[on ? "satellite" : "vector"]);
    });
    this.area.addEventListener("click", function () { self.listArea(); });
    this.map.on("moveend", function () { self.draw(); self.refresh(); });
    this.map.on("dragend zoomend", function () { if (self.placed) self.area.hidden = false; });
    finder.watchers.push(function () { self.sync(); });
  }

  MapView.prototype.tileFailed = function () {
    if (this.notice.textContent) return;
    this.notice.textContent = "地图底图暂时无法显示（天地图未允许本网站使用，或今天的访问次数已用完）。阵地标记和列表仍可使用。";
  };

  /* Centred on the venue of a card's 在地图上看, else on the visitor when located, else on the venues of the
   * district in view (the list's first cards); the whole country when the page lists none. */
  MapView.prototype.place = function (m, venue) {
    this.placed = false;
    this.view(m, venue);
    this.placed = true;
  };

  MapView.prototype.view = function (m, venue) {
    var f = this.finder;
    if (venue) return this.settle(m, L.latLng(venue.lat, venue.lng), 16);
    if (f.position) return this.settle(m, L.latLng(f.position.lat, f.position.lng), 14);
    var points = [];
    var sections = f.root.querySelectorAll(".lk-district:not([hidden])");
    for (var i = 0; i < sections.length && !points.length; i++) {
      if (sections[i].getBoundingClientRect().bottom < 0 && i < sections.length - 1) continue;
      sections[i].querySelectorAll(".lk-place:not([hidden])").forEach(function (li) { points.push([+li.dataset.lat, +li.dataset.lng]); });
    }
    if (!points.length) return this.map.setView([35, 105], 4);
    var bounds = L.latLngBounds(points);
    this.settle(m, bounds.getCenter(), Math.min(this.map.getBoundsZoom(bounds, false, L.point(48, 48)), 15));
  };

  /* The first view fetches at most about one cell of venues (FIRST_VIEW_VENUES) beyond those the list has
   * fetched already: closer in until it does. This keeps opening the map within 60 KB gzip anywhere. */
  MapView.prototype.settle = function (m, centre, zoom) {
    var self = this, half = this.map.getSize().divideBy(2);
    function fresh(z) {
      var p = self.map.project(centre, z);
      var bounds = L.latLngBounds(self.map.unproject(p.subtract(half), z), self.map.unproject(p.add(half), z));
      return cellsIn(m, bounds).reduce(function (n, key) { return n + (self.finder.cells[key] ? 0 : m.cells[key]); }, 0);
    }
    while (zoom < FIRST_VIEW_MAX_ZOOM && fresh(zoom) > FIRST_VIEW_VENUES) zoom++;
    this.map.setView(centre, zoom);
  };

  /* [[south, west], [north, east]] of a manifest cell. */
  function cellBounds(m, key) {
    var parts = key.split("-").map(Number), s = m.grid.size / Math.pow(2, parts[0]);
    var south = m.grid.lat + parts[2] * s, west = m.grid.lng + parts[1] * s;
    return [[south, west], [south + s, west + s]];
  }

  function cellsIn(m, bounds) {
    return Object.keys(m.cells).filter(function (key) { return bounds.intersects(cellBounds(m, key)); });
  }

  /* Too wide a view to load its cells: bubbles from the manifest's counts per cell (all venues, before
   * filters), clustered like the venues; a bubble zooms in. */
  MapView.prototype.overview = function (m) {
    var self = this, b = this.map.getBounds(), zoom = this.map.getZoom();
    if (!this.cellIndex) {
      this.cellIndex = new window.Supercluster({ radius: 60, maxZoom: 17, map: function (p) { return { n: p.n }; }, reduce: function (a, p) { a.n += p.n; } });
      this.cellIndex.load(Object.keys(m.cells).map(function (key) {
        var c = L.latLngBounds(cellBounds(m, key)).getCenter();
        return { type: "Feature", geometry: { type: "Point", coordinates: [c.lng, c.lat] }, properties: { n: m.cells[key] } };
      }));
    }
    this.bubbles.clearLayers();
    this.cellIndex.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.round(zoom)).forEach(function (f) {
      var at = [f.geometry.coordinates[1], f.geometry.coordinates[0]], marker = L.marker(at, { icon: clusterIcon(f.properties.n), keyboard: true });
      onSelect(marker, function () { self.map.setView(at, zoom + 2, { animate: false }); });
      self.bubbles.addLayer(marker);
    });
  };

  MapView.prototype.refresh = function () {
    var self = this, run = ++this.run;
    return this.finder.loadManifest().then(function (m) {
      var keys = cellsIn(m, self.map.getBounds()), wide = keys.length > MAX_CELLS;
      self.hint.hidden = !wide;
      if (wide !== self.wide) {
        self.wide = wide;
        self.map[wide ? "addLayer" : "removeLayer"](self.bubbles);
        self.draw();
      }
      if (wide) return self.overview(m);
      return Promise.all(keys.map(function (key) { return self.finder.cell(key); })).then(function (lists) {
        if (run !== self.run) return;
        var fresh = keys.filter(function (key) { return !self.loaded[key]; });
        if (!fresh.length) return self.reveal(); /* nothing new: the markers drawn on moveend stand */
        fresh.forEach(function (key) { self.loaded[key] = true; });
        lists.forEach(function (records) { records.forEach(function (r) { self.records[r.i] = r; }); });
        self.sync();
      });
    }).catch(function () {
      self.notice.textContent = "读取阵地数据失败，请检查网络后重试。";
    });
  };

  function clusterIcon(n) {
    var html = el("span", "", String(n));
    html.appendChild(el("span", "lk-sr", " 个阵地，放大查看"));
    return L.divIcon({ html: html, className: "lk-cluster", iconSize: [40, 40] });
  }

  /* Click, tap, or Enter / Space on a focused marker. */
  function onSelect(marker, act) {
    marker.on("click", act);
    marker.on("keypress", function (e) {
      if (e.originalEvent.key === "Enter" || e.originalEvent.key === " ") {
        e.originalEvent.preventDefault();
        act();
      }
    });
  }

  /* Open: a round pin reading 开; anything else a square one reading 休 (closed) or ？ (hours unknown). */
  function pin(r, judged) {
    var html = el("span", "lk-pin__mark", judged.open ? "开" : judged.state ? "休" : "？");
    html.appendChild(el("span", "lk-sr", "，" + r.n + "，" + (judged.state ? judged.state.label : "开放时间未知")));
    return L.divIcon({ html: html, className: "lk-pin lk-pin--" + (judged.open ? "open" : judged.state ? "shut" : "unknown"), iconSize: [34, 34] });
  }

  /* The loaded venues that pass the filters now, clustered anew; a drawn pin whose state changed is redrawn
   * (the same marker: its card and focus stay with it). */
  MapView.prototype.sync = function () {
    var self = this, now = new Date(), points = [];
    this.passing = {};
    Object.keys(this.records).forEach(function (id) {
      var r = self.records[id], judged = self.finder.judge(r, now), marker = self.markers[id];
      if (!judged) return;
      var state = judged.open ? "open" : judged.state ? judged.state.label : "unknown";
      self.passing[id] = { r: r, judged: judged, state: state };
      if (marker && marker.state !== state) {
        var focused = marker.getElement() && marker.getElement() === document.activeElement;
        marker.setIcon(pin(r, judged));
        marker.state = state;
        if (focused) marker.getElement().focus();
      }
      points.push({ type: "Feature", geometry: { type: "Point", coordinates: [r.p[1], r.p[0]] }, properties: { id: id } });
    });
    this.index.load(points);
    this.loads = (this.loads || 0) + 1; /* cluster ids name clusters of one load only */
    /* Drawn in the next frame: judging and clustering a city's cells, then making and placing its markers,
     * are two tasks a slow phone can each finish within a frame or two, rather than one long one. */
    if (!this.drawing) {
      this.drawing = requestAnimationFrame(function () {
        self.drawing = 0;
        self.draw();
        self.reveal();
      });
    }
  };

  /* The marker of a passing venue, made on first use. */
  MapView.prototype.marker = function (id) {
    var self = this, venue = this.passing[id], marker = this.markers[id];
    if (!venue) return null;
    if (!marker || marker.state !== venue.state) {
      if (marker) marker.setIcon(pin(venue.r, venue.judged));
      else {
        marker = this.markers[id] = L.marker(venue.r.p, { icon: pin(venue.r, venue.judged), keyboard: true, riseOnHover: true });
        marker.record = venue.r;
        onSelect(marker, function () { self.select(marker); });
      }
      marker.state = venue.state;
    }
    return marker;
  };

  /* The venue of a card's 在地图上看, once its cell is loaded: unclustered, focused, its card shown. */
  MapView.prototype.reveal = function () {
    var target = this.pending && this.marker(this.pending);
    if (target) {
      this.pending = null;
      this.map.setView(target.getLatLng(), Math.max(this.map.getZoom(), this.index.options.maxZoom + 1), { animate: false });
      target.getElement().focus();
      this.select(target);
    }
  };

  /* The clusters and venues in view at this zoom; markers already drawn stay (and keep focus). */
  MapView.prototype.draw = function () {
    var self = this, b = this.map.getBounds(), next = {};
    if (!this.loads) return;
    /* In a wide view the overview's bubbles stand in for every venue. */
    var features = this.wide ? [] : this.index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.round(this.map.getZoom()));
    features.forEach(function (f) {
      var p = f.properties, key = p.cluster ? "c" + self.loads + "-" + p.cluster_id : "v" + p.id;
      next[key] = p.cluster ? self.drawn[key] || self.clusterMarker(f) : self.marker(p.id);
    });
    Object.keys(this.drawn).forEach(function (key) { if (next[key] !== self.drawn[key]) self.map.removeLayer(self.drawn[key]); });
    Object.keys(next).forEach(function (key) { if (!self.map.hasLayer(next[key])) self.map.addLayer(next[key]); });
    this.drawn = next;
  };

  /* A cluster zooms in; one that cannot split (venues in one building) lists its venues. */
  MapView.prototype.clusterMarker = function (f) {
    var self = this, id = f.properties.cluster_id, at = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
    var marker = L.marker(at, { icon: clusterIcon(f.properties.point_count), keyboard: true });
    onSelect(marker, function () {
      var zoom = self.index.getClusterExpansionZoom(id);
      if (zoom <= self.index.options.maxZoom) self.map.setView(at, zoom, { animate: false });
      else {
        self.list(self.index.getLeaves(id, Infinity).map(function (leaf) { return self.passing[leaf.properties.id].r; }), "这里");
      }
    });
    return marker;
  };

  MapView.prototype.distance = function (r) {
    var here = this.finder.position;
    return here ? lk.geo.distance(here.lat, here.lng, r.p[0], r.p[1]) : null;
  };

  /* The venue's card under the map, with focus on its name; 回到地图 (or Escape) returns to the marker. */
  MapView.prototype.select = function (marker) {
    var self = this, r = marker.record;
    this.after.textContent = "";
    var list = el("ul", "lk-places lk-map__card");
    var li = this.finder.card(r, this.distance(r));
    li.querySelector(".lk-place__onmap").remove();
    var tel = li.querySelector(".lk-place__tel");
    if (tel) tel.textContent = "拨打电话 " + r.f; /* as on the venue page: the one action a card on a map needs most */
    var back = button("lk-map__back", "回到地图");
    back.addEventListener("click", function () { self.backTo(marker); });
    li.appendChild(back);
    li.addEventListener("keydown", function (e) { if (e.key === "Escape") self.backTo(marker); });
    list.appendChild(li);
    this.after.appendChild(list);
    li.querySelector(".lk-place__name").focus();
  };

  MapView.prototype.backTo = function (marker) {
    var node = marker.getElement();
    if (node) node.focus();
    else this.canvas.focus();
  };

  /* 搜索此区域: the venues that pass the filters in view. */
  MapView.prototype.listArea = function () {
    var self = this, bounds = this.map.getBounds();
    this.list(Object.keys(this.passing).map(function (id) { return self.passing[id].r; })
      .filter(function (r) { return bounds.contains(r.p); }), "此区域");
    this.area.hidden = true;
  };

  /* Venues under the map, nearest the visitor (else the map's centre) first. */
  MapView.prototype.list = function (records, where) {
    var self = this, centre = this.map.getCenter(), now = new Date();
    var here = this.finder.position || { lat: centre.lat, lng: centre.lng };
    var found = records.map(function (r) { return { r: r, d: lk.geo.distance(here.lat, here.lng, r.p[0], r.p[1]) }; })
      .sort(function (x, y) { return x.d - y.d; });
    this.after.textContent = "";
    var title = el("h2", "lk-map__area-title", found.length ? where + "的阵地（" + found.length + " 个）" : where + "没有符合条件的阵地");
    title.tabIndex = -1;
    this.after.appendChild(title);
    var list = el("ol", "lk-places");
    found.slice(0, AREA_LIST).forEach(function (item) {
      list.appendChild(self.finder.card(item.r, self.finder.position ? item.d : null, now));
    });
    this.after.appendChild(list);
    if (found.length > AREA_LIST) this.after.appendChild(el("p", "", "只列出离地图中心最近的 " + AREA_LIST + " 个，放大地图可查看其余的。"));
    title.focus();
  };

  lk.map = {
    /* Called by nearby.js each time the map is shown; `venue`: {id, lat, lng} from a card's 在地图上看. */
    show: function (finder, venue) {
      if (!finder.mapView) finder.mapView = lk.map.view = new MapView(finder);
      var view = finder.mapView;
      view.map.invalidateSize();
      view.pending = venue ? venue.id : null;
      return finder.loadManifest().then(function (m) {
        view.place(m, venue);
        return view.refresh();
      }, function () { view.notice.textContent = "读取阵地数据失败，请检查网络后重试。"; });
    },
  };
})();
