/* The finder at /nearby/ (leaguekit/generate/finder.py renders the page, leaguekit/output/finder_data.py the data),
 * and the 导航 control of every venue.
 *
 * Without JavaScript the page already lists every venue by district. This
 * script adds: filters kept in the query string; each venue's open state in
 * China time (hours.js, from the schedules the build computed); and "使用我的位置"
 * (or ?near=1 from the home page), which loads the finder cells nearest the phone
 * first and lists the closest venues with their distance, saying plainly when the
 * nearest match is far and when the nearest venue opens next. Venues open now within
 * reach come first; a far nearest venue comes with what the site covers. Browsers give a
 * position only to https pages: on plain http, or when the visitor said no, it says so
 * and how to fix it.
 * With a 天地图 key the page has a 地图 switch: the map's library, script (map.js) and styles are loaded only
 * when it is pressed, and the map asks this finder which venues pass the filters (Finder.judge).
 * It hooks into Material's instant navigation through document$.
 * Map-app links are only followed when tapped; nothing here requests them. */
(function () {
  "use strict";
  var lk = (window.leaguekit = window.leaguekit || {});
  var FILTERS = ["type", "grade", "service", "district", "town", "open"];
  var PAGE = 20;
  var MAX_CELLS = 64;
  var MINUTE_MS = 60000;
  var FAR_M = 10000; /* beyond this, the list says the nearest match is far */
  var WALK_BELOW_M = 1500, BUS_BELOW_M = 15000;
  var MODES = [["walk", "步行"], ["bus", "公交"], ["car", "驾车"]];

  /* --- geometry (mirrors leaguekit/content/geo.py) --------------------------------- */

  /* Geodesic distance on the WGS-84 ellipsoid (Vincenty's inverse formula), in metres;
   * agrees with geographiclib to well under a metre at any distance the finder shows. */
  function distance(lat1, lng1, lat2, lng2) {
    var a = 6378137, f = 1 / 298.257223563, b = a * (1 - f);
    var rad = Math.PI / 180;
    var L = (lng2 - lng1) * rad;
    var U1 = Math.atan((1 - f) * Math.tan(lat1 * rad)), U2 = Math.atan((1 - f) * Math.tan(lat2 * rad));
    var sinU1 = Math.sin(U1), cosU1 = Math.cos(U1), sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
    var lambda = L, prev, sinSigma, cosSigma, sigma, cosSqAlpha, cos2SigmaM, iter = 0;
    do {
      var sinL = Math.sin(lambda), cosL = Math.cos(lambda);
      sinSigma = Math.sqrt(Math.pow(cosU2 * sinL, 2) + Math.pow(cosU1 * sinU2 - sinU1 * cosU2 * cosL, 2));
      if (sinSigma === 0) return 0;
      cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
      sigma = Math.atan2(sinSigma, cosSigma);
      var sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
      cosSqAlpha = 1 - sinAlpha * sinAlpha;
      cos2SigmaM = cosSqAlpha ? cosSigma - (2 * sinU1 * sinU2) / cosSqAlpha : 0;
      var C = (f / 16) * cosSqAlpha * (4 + f * (4 - 3 * cosSqAlpha));
      prev = lambda;
      lambda = L + (1 - C) * f * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    } while (Math.abs(lambda - prev) > 1e-12 && ++iter < 200);
    var uSq = (cosSqAlpha * (a * a - b * b)) / (b * b);
    var A = 1 + (uSq / 16384) * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
    var B = (uSq / 1024) * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
    var dSigma = B * sinSigma * (cos2SigmaM + (B / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
      (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    return b * A * (sigma - dSigma);
  }

  function formatDistance(metres) {
    var tens = Math.floor(metres / 10 + 0.5) * 10;
    if (tens < 1000) return tens + " 米";
    var tenths = Math.floor(metres / 100 + 0.5);
    if (tenths < 100) return Math.floor(tenths / 10) + "." + (tenths % 10) + " 公里";
    return Math.floor(metres / 1000 + 0.5) + " 公里";
  }

  /* Teenagers and older people mostly walk or take the bus: walk under 1.5 km, bus under 15 km, else car. */
  function travelMode(metres) {
    if (metres == null) return "bus";
    return metres < WALK_BELOW_M ? "walk" : metres < BUS_BELOW_M ? "bus" : "car";
  }

  /* The same URLs as geo.nav_links; p is WGS-84 [lat, lng], c is GCJ-02 [lat, lng]; mode walk | bus | car;
   * region: the city the build read from the address (geo.region_of), "" when none. */
  function navLinks(name, address, p, c, mode, region) {
    var n = encodeURIComponent(name), city = encodeURIComponent(region || "");
    var la = String(p[0]), ln = String(p[1]), gla = String(c[0]), gln = String(c[1]);
    var tencent = { walk: "walk", bus: "bus", car: "drive" }[mode], apple = { walk: "w", bus: "r", car: "d" }[mode];
    var baidu = { walk: "walking", bus: "transit", car: "driving" }[mode];
    return [
      { app: "amap", label: "高德地图", href: "https://uri.amap.com/navigation?to=" + gln + "," + gla + "," + n + "&mode=" + mode + "&src=leaguekit&coordinate=gaode&callnative=1" },
      { app: "baidu", label: "百度地图", href: "https://api.map.baidu.com/direction?origin=" + encodeURIComponent("我的位置") + "&destination=latlng:" + la + "," + ln + "%7Cname:" + n + "&mode=" + baidu +
        (city ? "&region=" + city + "&origin_region=" + city + "&destination_region=" + city : "") + "&coord_type=wgs84&output=html&src=webapp.leaguekit.nearby" },
      { app: "tencent", label: "腾讯地图", href: "https://apis.map.qq.com/uri/v1/routeplan?type=" + tencent + "&to=" + n + "&tocoord=" + la + "," + ln + "&coord_type=1&referer=leaguekit" },
      { app: "apple", label: "Apple 地图", href: "https://maps.apple.com/?daddr=" + gla + "," + gln + "&dirflg=" + apple },
    ];
  }

  lk.geo = { distance: distance, formatDistance: formatDistance, navLinks: navLinks, travelMode: travelMode };

  /* --- the 导航 control (same markup as the nav_menu macro in _finder.html) ---- */

  var preferredMode = ""; /* the visitor's own choice, kept for the other cards on the page */

  function fillLinks(menu, mode) {
    var place = JSON.parse(menu.dataset.place);
    var list = menu.querySelector(".lk-nav__apps");
    list.textContent = "";
    navLinks(place.n, place.a, place.p, place.c, mode, place.r).forEach(function (l) {
      var li = el("li"), a = el("a", "lk-nav__link", l.label);
      a.href = l.href;
      a.dataset.app = l.app;
      a.rel = "external noopener noreferrer";
      a.target = "_blank";
      li.appendChild(a);
      list.appendChild(li);
    });
    menu.querySelectorAll(".lk-nav__modes input").forEach(function (input) { input.checked = input.value === mode; });
  }

  function navMenu(key, place, mode) {
    var menu = el("details", "lk-nav");
    menu.dataset.place = JSON.stringify(place);
    menu.appendChild(el("summary", "lk-nav__toggle", "导航"));
    var modes = el("fieldset", "lk-nav__modes");
    modes.appendChild(el("legend", "", "出行方式"));
    MODES.forEach(function (m) {
      var label = el("label"), input = el("input");
      input.type = "radio";
      input.name = "lk-mode-" + key;
      input.value = m[0];
      label.appendChild(input);
      label.appendChild(document.createTextNode(m[1]));
      modes.appendChild(label);
    });
    menu.appendChild(modes);
    menu.appendChild(el("ul", "lk-nav__apps"));
    fillLinks(menu, preferredMode || mode);
    return menu;
  }

  function startNav() {
    if (lk.navReady) return;
    lk.navReady = true;
    document.addEventListener("change", function (e) {
      var menu = e.target.closest && e.target.closest(".lk-nav");
      if (!menu || !e.target.matches(".lk-nav__modes input")) return;
      preferredMode = e.target.value;
      fillLinks(menu, preferredMode);
    });
    /* A menu opened after the visitor chose a mode elsewhere follows that choice. */
    document.addEventListener("toggle", function (e) {
      var menu = e.target;
      if (!preferredMode || !menu.matches || !menu.matches(".lk-nav") || !menu.open) return;
      var checked = menu.querySelector(".lk-nav__modes input:checked");
      if (!checked || checked.value !== preferredMode) fillLinks(menu, preferredMode);
    }, true);
  }

  /* --- filters ------------------------------------------------------------- */

  function readFilters(search) {
    var params = new URLSearchParams(search);
    var f = {};
    FILTERS.forEach(function (name) { f[name] = params.get(name) || ""; });
    return f;
  }

  /* Open now: open or closing soon. Venues without hours are never "open now". */
  function isOpen(v, calendar, now) {
    return rank(v, calendar, now) === 0;
  }

  /* 0 open now, 1 not known (no hours, or a holiday its hours say nothing about), 2 closed: the order of the near list. */
  function rank(v, calendar, now) {
    if (!v.schedule) return 1;
    var s = lk.hours.openState(v.schedule, v.closures, calendar, now).state;
    return s === "open" || s === "closing" ? 0 : s === "unstated" ? 1 : 2;
  }

  /* Every filter but "open now", which search() and apply() judge apart. */
  function matchesPlace(v, f) {
    if (f.type && v.type !== f.type) return false;
    if (f.grade && v.grade !== f.grade) return false;
    if (f.service && v.services.indexOf(f.service) < 0) return false;
    if (f.district && v.district !== f.district) return false;
    if (f.town && v.town !== f.town) return false;
    return true;
  }

  function fromCard(li) {
    var d = li.dataset;
    return {
      type: d.type, grade: d.grade, services: d.services ? d.services.split(" ") : [], district: d.district, town: d.town,
      schedule: d.schedule ? JSON.parse(d.schedule) : null, closures: d.closures ? JSON.parse(d.closures) : [],
    };
  }

  function fromRecord(r) {
    return { type: r.t, grade: r.g || "", services: r.s || [], district: r.d, town: r.w || "", schedule: r.h || null, closures: r.z || [] };
  }

  /* --- DOM helpers ---------------------------------------------------------- */

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  function showOpenState(span, v, calendar, now) {
    var s = v.schedule ? lk.hours.openState(v.schedule, v.closures, calendar, now) : null;
    span.textContent = s ? s.label : "开放时间未知，请先电话询问";
    span.dataset.state = s ? s.state : "unknown";
  }

  function card(r, d, manifest, root, calendar, now) {
    var li = el("li", "lk-place");
    li.dataset.id = r.i;
    li.lkRecord = r; /* what Finder.rejudge judges again */
    var name = el("a", "lk-place__name", r.n);
    name.href = root + "venues/" + r.i + "/";
    li.appendChild(name);
    if (r.x) {
      var badge = el("span", "lk-badge lk-badge--sample", "示例数据");
      badge.title = "地址、坐标、开放时间等为示意，未经核实";
      li.appendChild(badge);
    }
    var type = manifest.types[r.t] + (r.g ? "（" + manifest.grades[r.g] + "）" : "");
    li.appendChild(el("span", "lk-place__meta", [type, r.w].filter(Boolean).join(" · ")));
    if (d != null) li.appendChild(el("span", "lk-place__distance", "距离 " + formatDistance(d) + " · " + r.d));
    li.appendChild(el("span", "lk-place__addr", r.a));
    var open = el("span", "lk-place__open");
    showOpenState(open, fromRecord(r), calendar, now);
    li.appendChild(open);
    if (r.f) {
      var tel = el("a", "lk-place__tel", "电话 ");
      tel.appendChild(el("span", "lk-tel", r.f));
      tel.href = "tel:" + r.f;
      li.appendChild(tel);
    }
    li.appendChild(navMenu("near-" + r.i, { n: r.n, a: r.a, p: r.p, c: r.c, r: r.y || "" }, travelMode(d)));
    return li;
  }

  /* --- the finder ------------------------------------------------------------ */

  function Finder(root) {
    this.root = root;
    this.base = root.dataset.finder;
    this.siteRoot = root.dataset.root;
    this.form = root.querySelector(".lk-filters");
    this.status = root.querySelector(".lk-finder__status");
    this.count = root.querySelector(".lk-finder__count");
    this.near = root.querySelector(".lk-near");
    this.list = root.querySelector(".lk-near__list");
    this.more = root.querySelector(".lk-near__more");
    this.far = root.querySelector(".lk-near__far");
    this.next = root.querySelector(".lk-near__next");
    this.districts = root.querySelector(".lk-districts");
    this.calendar = JSON.parse(root.querySelector(".lk-calendar").textContent);
    this.cells = {};
    this.manifest = null;
    this.position = null;
    this.limit = PAGE;
    this.run = 0;
    this.watchers = []; /* called when the filters change (the map) */
  }

  Finder.prototype.start = function () {
    var self = this;
    this.filters = readFilters(window.location.search);
    /* A large directory's page has no district or town lists: those filters are dropped. */
    this.fields = FILTERS.filter(function (name) { return self.form.elements[name]; });
    FILTERS.forEach(function (name) { if (self.fields.indexOf(name) < 0) self.filters[name] = ""; });
    this.fields.forEach(function (name) {
      var field = self.form.elements[name];
      if (field.type === "checkbox") field.checked = !!self.filters[name];
      else field.value = self.filters[name];
      if (field.value !== self.filters[name] && field.type !== "checkbox") self.filters[name] = "";
    });
    var now = new Date();
    this.root.querySelectorAll(".lk-districts .lk-place").forEach(function (li) {
      showOpenState(li.querySelector(".lk-place__open"), fromCard(li), self.calendar, now);
    });
    this.form.addEventListener("change", function () { self.changed(); });
    this.form.elements.open.addEventListener("change", function () { self.changed(); }); /* in sight, outside the form */
    this.form.addEventListener("submit", function (e) { e.preventDefault(); });
    this.form.addEventListener("reset", function () { setTimeout(function () { self.changed(); }, 0); });
    this.root.querySelector(".lk-finder__locate").addEventListener("click", function () { self.locate(); });
    this.root.querySelector(".lk-near__back").addEventListener("click", function () { self.leaveNear(); });
    this.more.addEventListener("click", function () { self.limit += PAGE; self.search(); });
    this.apply();
    this.startMap();
    this.tick();
    document.addEventListener("visibilitychange", function () { if (!document.hidden && self.root.isConnected) self.rejudge(); });
    /* The home page's "找离我最近的阵地" links here with ?near=1: one tap to a list sorted by distance. */
    if (new URLSearchParams(window.location.search).get("near") === "1") this.locate();
  };

  /* On the minute, as venues open and close while the page stays open (phones pause timers in the
   * background: coming back judges again too); stops when instant navigation has left the page. */
  Finder.prototype.tick = function () {
    var self = this;
    setTimeout(function () {
      if (!self.root.isConnected) return;
      self.rejudge();
      self.tick();
    }, MINUTE_MS - Date.now() % MINUTE_MS);
  };

  /* Every card's open state again (the page's, the sorted list's, the map's card), the "现在开放" filter,
   * and the map's pins (a watcher). The order of a sorted list stays: nothing moves under the reader. */
  Finder.prototype.rejudge = function () {
    var self = this, now = new Date();
    this.root.querySelectorAll(".lk-place").forEach(function (li) {
      var open = li.querySelector(".lk-place__open");
      if (open) showOpenState(open, li.lkRecord ? fromRecord(li.lkRecord) : fromCard(li), self.calendar, now);
    });
    if (!this.position) this.apply();
    else if (this.filters.open) this.search();
    this.watchers.forEach(function (watch) { watch(); });
  };

  /* ?near=1 while the list is sorted by distance, so reloading or sharing the page sorts again. */
  Finder.prototype.remember = function (near) {
    var params = new URLSearchParams(window.location.search);
    if (near) params.set("near", "1");
    else params.delete("near");
    var query = params.toString();
    window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  };

  Finder.prototype.changed = function () {
    var self = this;
    var params = new URLSearchParams(window.location.search);
    this.filters = {};
    FILTERS.forEach(function (name) { self.filters[name] = ""; });
    this.fields.forEach(function (name) {
      var field = self.form.elements[name];
      var value = field.type === "checkbox" ? (field.checked ? "1" : "") : field.value;
      self.filters[name] = value;
      if (value) params.set(name, value);
      else params.delete(name);
    });
    var query = params.toString();
    window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    this.limit = PAGE;
    this.summarize();
    if (this.position) this.search();
    else this.apply();
    this.watchers.forEach(function (watch) { watch(); });
  };

  /* The filters sit in a collapsed <details> so the list comes first; it opens when one of them is set
   * ("现在开放" is outside it, in sight). */
  Finder.prototype.summarize = function () {
    var self = this;
    var active = FILTERS.filter(function (name) { return name !== "open" && self.filters[name]; }).length;
    this.root.querySelector(".lk-filters-box__active").textContent = active ? "（已选 " + active + " 项）" : "";
    if (active) this.root.querySelector(".lk-filters-box").open = true;
  };

  /* District mode: hide the server-rendered cards that do not match. */
  Finder.prototype.apply = function () {
    var self = this, now = new Date(), shown = 0;
    this.summarize();
    var open = this.filters.open;
    if (!this.districts.querySelector(".lk-district")) return; /* a large directory links to district pages instead */
    this.districts.querySelectorAll(".lk-district").forEach(function (section) {
      var visible = 0;
      section.querySelectorAll(".lk-place").forEach(function (li) {
        var v = fromCard(li);
        var ok = matchesPlace(v, self.filters) && (!open || isOpen(v, self.calendar, now));
        li.hidden = !ok;
        if (ok) visible++;
      });
      section.hidden = visible === 0;
      section.querySelector(".lk-district__count").textContent = visible;
      self.districts.querySelectorAll(".lk-jump a").forEach(function (link) {
        if (link.dataset.district !== section.dataset.district) return;
        link.hidden = visible === 0;
        link.querySelector(".lk-jump__count").textContent = visible;
      });
      shown += visible;
    });
    this.count.textContent = shown ? "显示 " + shown + " 个阵地。" : "没有符合条件的阵地，请放宽筛选条件。";
  };

  /* `link`: [text, href] of a link after the text. */
  Finder.prototype.say = function (text, isError, link) {
    this.status.textContent = text;
    if (link) {
      var a = el("a", "", link[0]);
      a.href = link[1];
      this.status.appendChild(a);
    }
    this.status.classList.toggle("lk-finder__status--error", !!isError);
  };

  Finder.prototype.fallback = function (text, link) {
    this.say(text + "也可以在下面选择县区或乡镇街道查看阵地。", true, link);
    this.leaveNear(true);
    this.root.querySelector(".lk-filters-box").open = true;
    (this.form.elements.district || this.root.querySelector(".lk-districts a") || this.form.elements.type).focus();
  };

  Finder.prototype.locate = function () {
    var self = this;
    /* Browsers give a position only to secure pages (https, or this computer itself): on plain http the
     * cause is the address, not the phone. */
    if (!window.isSecureContext) {
      var https = window.location.protocol === "http:" ? "https:" + window.location.href.slice(5) : "";
      this.fallback("浏览器只向以 https:// 开头的网页提供位置，本页是用 " + window.location.protocol + "// 打开的，所以无法按距离排序。请用 https 地址打开本站。",
        https ? ["用 https 打开本页", https] : null);
      return;
    }
    if (!navigator.geolocation) {
      this.fallback("这个浏览器不能提供你的位置。");
      return;
    }
    this.say("正在获取你的位置……");
    navigator.geolocation.getCurrentPosition(
      function (pos) {
        self.position = { lat: pos.coords.latitude, lng: pos.coords.longitude };
        self.recentre = true; /* the map, if open, moves to the visitor once the list has its cells */
        self.remember(true);
        self.limit = PAGE;
        self.search();
      },
      function (err) {
        if (err.code === 1) {
          self.fallback("你没有允许本页使用位置，无法按距离排序。要重新允许：点地址栏左边的图标（锁形或“ⓘ”），在“权限”或“位置”中选“允许”，再点“使用我的位置”；" +
            "苹果手机在“设置 → 隐私与安全性 → 定位服务”中打开浏览器的定位；在微信里请点右上角“…”，选“在浏览器打开”。");
        }
        else if (err.code === 3) self.fallback("获取位置超时，可以稍后再点一次“使用我的位置”。");
        else self.fallback("暂时无法确定你的位置。");
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 }
    );
  };

  Finder.prototype.leaveNear = function (keepStatus) {
    this.position = null;
    this.remember(false);
    this.near.hidden = true;
    this.districts.hidden = false;
    if (!keepStatus) this.say("");
    this.apply();
  };

  Finder.prototype.fetchJson = function (path) {
    return fetch(this.base + path).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return response.json();
    });
  };

  Finder.prototype.loadManifest = function () {
    var self = this;
    if (!this.manifestLoad) this.manifestLoad = this.fetchJson("manifest.json").then(function (m) { self.manifest = m; return m; });
    return this.manifestLoad;
  };

  Finder.prototype.cell = function (key) {
    if (!this.cells[key]) this.cells[key] = this.fetchJson("cells/" + key + ".json");
    return this.cells[key];
  };

  /* Nearest cells first; stop when `limit` matches are known and the next cell
   * cannot hold anything closer (finder_data.first_results_cells does the same).
   * With "open now", venues that match every other filter but are closed are kept
   * aside: the nearest of them that opens soonest is named in show(). */
  Finder.prototype.search = function () {
    var self = this, run = ++this.run, now = new Date(), open = this.filters.open;
    var here = this.position;
    this.say("正在查找离你最近的阵地……");
    this.loadManifest().then(function (m) {
      var size = m.grid.size;
      var cells = Object.keys(m.cells).map(function (key) {
        var parts = key.split("-").map(Number), s = size / Math.pow(2, parts[0]);
        var south = m.grid.lat + parts[2] * s, west = m.grid.lng + parts[1] * s;
        var lat = Math.min(Math.max(here.lat, south), south + s), lng = Math.min(Math.max(here.lng, west), west + s);
        return { key: key, bound: distance(here.lat, here.lng, lat, lng) };
      }).sort(function (x, y) { return x.bound - y.bound; });
      var found = [], closed = [], index = 0;
      function step() {
        var enough = found.length >= self.limit;
        if (index >= cells.length || index >= MAX_CELLS || (enough && cells[index].bound > found[self.limit - 1].d)) {
          return { found: found, closed: closed, more: found.length > self.limit || (index < cells.length && index < MAX_CELLS) };
        }
        var next = cells[index++];
        return self.cell(next.key).then(function (records) {
          records.forEach(function (r) {
            var v = fromRecord(r);
            if (!matchesPlace(v, self.filters)) return;
            var known = rank(v, self.calendar, now);
            var item = { r: r, d: distance(here.lat, here.lng, r.p[0], r.p[1]), open: known === 0, rank: known };
            if (!open || item.open) found.push(item);
            else closed.push(item);
          });
          found.sort(function (x, y) { return x.d - y.d; });
          return step();
        });
      }
      return Promise.resolve(step()).then(function (result) {
        if (run === self.run) self.show(result);
      });
    }).catch(function () {
      if (run === self.run) self.fallback("读取阵地数据失败，请检查网络后重试。");
    });
  };

  /* Among closed venues within FAR_M (else the nearest one), the one that opens soonest, nearer first on a tie. */
  Finder.prototype.opensNext = function (closed, now) {
    var self = this;
    var near = closed.filter(function (item) { return item.d <= FAR_M; });
    if (!near.length && closed.length) {
      near = [closed.reduce(function (x, y) { return y.d < x.d ? y : x; })];
    }
    var best = null;
    near.forEach(function (item) {
      var v = fromRecord(item.r);
      if (!v.schedule) return;
      var s = lk.hours.openState(v.schedule, v.closures, self.calendar, now);
      if (!s.next) return;
      if (!best || s.next < best.s.next || (+s.next === +best.s.next && item.d < best.item.d)) best = { item: item, s: s };
    });
    return best;
  };

  /* Far: what the site covers (the nearest venue may simply not be listed). Nothing open within reach:
   * the venue nearby that opens soonest. */
  Finder.prototype.showNotes = function (result, openNear, now) {
    var open = this.filters.open, nearest = result.found[0];
    var what = open ? "现在开放的阵地" : "符合条件的阵地";
    this.far.hidden = !(nearest && nearest.d > FAR_M);
    if (!this.far.hidden) {
      this.far.textContent = formatDistance(FAR_M) + "内没有" + what + "；最近的在" + nearest.r.d + "，" + formatDistance(nearest.d) + "。" +
        (this.root.dataset.coverage || "");
    }
    var best = null, lead = "附近最早开门的是";
    if (open && (!nearest || nearest.d > FAR_M)) {
      best = this.opensNext(result.closed, now);
    } else if (!open && nearest && !openNear) {
      best = this.opensNext(result.found.filter(function (item) { return !item.open; }), now);
      lead = "附近的阵地现在都没有开放；最早开门的是";
    }
    this.next.hidden = !best;
    this.next.textContent = "";
    if (best) {
      var link = el("a", "", best.item.r.n);
      link.href = this.siteRoot + "venues/" + best.item.r.i + "/";
      this.next.appendChild(document.createTextNode(lead));
      this.next.appendChild(link);
      this.next.appendChild(document.createTextNode("（" + formatDistance(best.item.d) + "）：" + best.s.opens + " 开门。"));
    }
  };

  /* The nearest venues, open now first, then those whose state is not known, then the closed ones, each by
   * distance: the visitor wants one to go to now. */
  function openFirst(found) {
    return found.slice().sort(function (x, y) { return x.rank - y.rank || x.d - y.d; });
  }

  Finder.prototype.show = function (result) {
    var self = this, now = new Date();
    var nearest = result.found.slice(0, this.limit);
    var items = this.filters.open ? nearest : openFirst(nearest);
    var opened = items.filter(function (item) { return item.open; }).length;
    var unknown = items.filter(function (item) { return item.rank === 1; }).length;
    var openNear = items.filter(function (item) { return item.open && item.d <= FAR_M; }).length;
    var ahead = [];
    if (!this.filters.open && opened && opened < items.length) ahead.push("现在开放的 " + opened + " 个排在前面");
    if (!this.filters.open && unknown && opened + unknown < items.length) ahead.push(opened ? "开放情况未说明的其次" : "开放情况未说明的 " + unknown + " 个排在前面");
    this.list.textContent = "";
    items.forEach(function (item) { self.list.appendChild(self.card(item.r, item.d, now)); });
    this.showNotes(result, openNear, now);
    this.more.hidden = !result.more;
    this.districts.hidden = true;
    var entering = this.near.hidden;
    this.near.hidden = false;
    if (entering) {
      /* The list's heading at the top of the screen, so the nearest venue is on the first screen; then focus it
       * (screen readers read it) without scrolling again. */
      this.near.scrollIntoView({ block: "start" });
      this.near.querySelector("h2").focus({ preventScroll: true });
    }
    this.say(!items.length ? (this.filters.open ? "附近没有现在开放的阵地。" : "附近没有符合条件的阵地，请放宽筛选条件。")
      : "已按离你的直线距离排序" + (ahead.length ? "，" + ahead.join("，") : "") + "。");
    this.count.textContent = items.length ? "显示最近的 " + items.length + " 个阵地。" : "";
    if (this.recentre && this.mapView && !this.mapPanel.hidden) lk.map.show(this);
    this.recentre = false;
  };

  /* --- what the list shares with the map (map.js) ------------------------------ */

  /* Record `r` under the current filters: null when filtered out, else whether it is open and its state. */
  Finder.prototype.judge = function (r, now) {
    var v = fromRecord(r);
    if (!matchesPlace(v, this.filters)) return null;
    var state = v.schedule ? lk.hours.openState(v.schedule, v.closures, this.calendar, now) : null;
    var open = !!state && (state.state === "open" || state.state === "closing"); /* as isOpen, judged once */
    if (this.filters.open && !open) return null;
    return { open: open, state: state };
  };

  /* A result card (the map's card too); `d`: metres from the visitor, or null. */
  Finder.prototype.card = function (r, d, now) {
    var li = card(r, d, this.manifest, this.siteRoot, this.calendar, now || new Date());
    if (this.mapConfig) {
      li.dataset.lat = r.p[0];
      li.dataset.lng = r.p[1];
      li.appendChild(el("button", "lk-place__onmap", "在地图上看")).type = "button";
    }
    return li;
  };

  /* The 地图 switch. Its code, styles and the library are fetched on the first press, never before. */
  Finder.prototype.startMap = function () {
    var self = this, config = this.root.querySelector(".lk-map-config");
    if (!config) return;
    this.mapConfig = JSON.parse(config.textContent);
    this.mapPanel = this.root.querySelector(".lk-map");
    this.root.querySelector(".lk-view-switch__map").addEventListener("click", function () { self.showMap(true); });
    this.root.querySelector(".lk-view-switch__list").addEventListener("click", function () { self.showMap(false); });
    this.root.addEventListener("click", function (e) {
      var li = e.target.closest(".lk-place__onmap") && e.target.closest(".lk-place");
      if (li) self.showMap(true, { id: li.dataset.id, lat: +li.dataset.lat, lng: +li.dataset.lng });
    });
  };

  Finder.prototype.showMap = function (on, venue) {
    var self = this, config = this.mapConfig;
    this.root.querySelector(".lk-view-switch__map").setAttribute("aria-pressed", String(on));
    this.root.querySelector(".lk-view-switch__list").setAttribute("aria-pressed", String(!on));
    this.root.classList.toggle("lk-finder--map", on);
    this.mapPanel.hidden = !on;
    if (!on) return;
    if (!this.mapCode) {
      config.styles.forEach(function (href) {
        var link = el("link");
        link.rel = "stylesheet";
        link.href = href;
        document.head.appendChild(link);
      });
      this.mapCode = config.scripts.reduce(function (done, src) {
        return done.then(function () {
          return new Promise(function (resolve, reject) {
            var script = el("script");
            script.src = src;
            script.onload = resolve;
            script.onerror = reject;
            document.head.appendChild(script);
          });
        });
      }, Promise.resolve());
    }
    this.say("正在打开地图……");
    this.mapCode.then(function () { self.say(""); lk.map.show(self, venue); }, function () {
      self.mapCode = null;
      self.say("地图加载失败，请检查网络后重试；列表仍可使用。", true);
      self.showMap(false);
    });
  };

  function start() {
    startNav();
    var root = document.querySelector("[data-lk-finder]");
    if (root && !root.dataset.lkReady) {
      root.dataset.lkReady = "1";
      new Finder(root).start();
    }
  }

  if (typeof window.document$ !== "undefined") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
