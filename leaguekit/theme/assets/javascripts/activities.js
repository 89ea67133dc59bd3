/* Activities by the reader's clock (leaguekit/generate/activities.py renders the pages).
 *
 * The build files every activity by its build date; a page may be read weeks later.
 * Here each card is filed again in China time (UTC+8, whatever the phone's time zone)
 * with the rules of leaguekit.content.schedule.status: on now, or the week of the next
 * session, or over. On /activities/ the cards move between 本周, 下周, 以后 and, last,
 * 本周已结束; the filters (适合人群 from the groups the build computed, 县区, 阵地类型, 品牌,
 * 阵地) are kept in the query string; on a public holiday with nothing on today it points
 * to the venues open now and the rest of the holiday's activities; on an activity page
 * the status line changes; on venue and brand pages "近期活动" shows the next few. The home page's "近期活动"
 * and /activities/ also read the month files (assets/activities/<YYYY-MM>.json, the same cards) from the
 * reader's month on, so what is on today shows however long ago the page was built.
 * Hooked into Material's instant navigation through document$. */
(function () {
  "use strict";
  var lk = (window.leaguekit = window.leaguekit || {});
  var MINUTE = 60000, DAY = 86400000, OFFSET = 8 * 3600000;
  var WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
  var FILTERS = ["audience", "district", "type", "brand", "venue"];
  var LISTS = { audience: true }; /* a card may belong to several of these (data-audience="children family") */
  var BADGES = { ongoing: "正在进行", over: "已结束", today: "今天" };

  /* "2026-12-03T19:00" in China time → epoch milliseconds. */
  function parseLocal(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) - OFFSET;
  }

  function parseOcc(attr) {
    return String(attr || "").split(" ").filter(Boolean).map(function (pair) {
      var ends = pair.split("/");
      return { start: parseLocal(ends[0]), end: parseLocal(ends[1]) };
    });
  }

  /* The China-time calendar fields of an instant. */
  function local(ms) {
    var d = new Date(ms + OFFSET);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), wd: (d.getUTCDay() + 6) % 7, h: d.getUTCHours(), min: d.getUTCMinutes() };
  }

  function dayNumber(ms) { return Math.floor((ms + OFFSET) / DAY); }

  /* Monday 00:00 of the week `now` falls in, China time. */
  function weekStart(now) {
    return (dayNumber(now) - local(now).wd) * DAY - OFFSET;
  }

  /* Mirrors leaguekit.content.schedule.status. */
  function status(occs, now) {
    var monday = weekStart(now);
    for (var i = 0; i < occs.length; i++) {
      var o = occs[i];
      if (o.start <= now && now < o.end) return { state: "ongoing", section: "this-week", occ: o };
      if (o.start > now) {
        var section = o.start < monday + 7 * DAY ? "this-week" : o.start < monday + 14 * DAY ? "next-week" : "later";
        return { state: "upcoming", section: section, occ: o };
      }
    }
    var last = occs[occs.length - 1];
    return { state: "over", section: last.end > monday ? "finished" : "past", occ: last };
  }

  function badge(st, now) {
    if (st.state !== "upcoming") return BADGES[st.state];
    return dayNumber(st.occ.start) === dayNumber(now) ? BADGES.today : "";
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function dayLabel(t) { return t.m + "月" + t.d + "日 " + WEEKDAYS[t.wd]; }
  function clock(t) { return pad(t.h) + ":" + pad(t.min); }

  /* Mirrors leaguekit.content.schedule.when_label: "12月3日 周四 19:00–21:00". */
  function whenLabel(occ) {
    var s = local(occ.start), e = local(occ.end);
    if (dayNumber(occ.start) === dayNumber(occ.end)) {
      return dayLabel(s) + " " + clock(s) + "–" + clock(e);
    }
    return dayLabel(s) + " " + clock(s) + " 至 " + dayLabel(e) + " " + clock(e);
  }

  function rangeLabel(monday) {
    var s = local(monday), e = local(monday + 6 * DAY);
    return s.m + "月" + s.d + "日至" + (e.m !== s.m ? e.m + "月" : "") + e.d + "日";
  }

  lk.activities = { status: status, whenLabel: whenLabel, weekStart: weekStart, parseOcc: parseOcc, badge: badge };

  /* Give a card its state at `now`; returns its status. */
  function refresh(li, now) {
    var st = status(parseOcc(li.dataset.occ), now);
    li.dataset.state = st.state;
    li.dataset.section = st.section;
    li.querySelector(".lk-act__when").textContent = whenLabel(st.occ);
    var mark = li.querySelector(".lk-act__badge");
    var text = badge(st, now);
    mark.textContent = text;
    mark.dataset.state = st.state;
    mark.hidden = !text;
    return st;
  }

  /* --- the month files (leaguekit/output/activity_months.py) ---------------------- */

  var MAX_MONTHS = 6; /* months fetched at most for one list */

  function monthKey(ms) { var t = local(ms); return t.y + "-" + pad(t.m); }
  function monthStart(key) { return Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, 1) - OFFSET; }
  function monthEnd(key) { return Date.UTC(+key.slice(0, 4), +key.slice(5, 7), 1) - OFFSET; }

  /* The cards of month `key` as <li> elements (the build's own markup), links made relative to this page. */
  function fetchMonth(root, key) {
    return fetch(root.dataset.root + "assets/activities/" + key + ".json").then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (cards) {
      return cards.map(function (html) {
        var t = document.createElement("template");
        t.innerHTML = html.trim();
        var li = t.content.firstElementChild;
        li.querySelectorAll("a[href]").forEach(function (a) { a.setAttribute("href", root.dataset.root + a.getAttribute("href")); });
        return li;
      });
    });
  }

  /* [{li, st}] on or coming at `now` with a session before `until`, from the month files of the reader's month on.
   * With `enough`, it stops once that many start before the end of the months fetched (nothing later can come
   * before them). An activity in several files counts once. */
  function fromMonths(root, now, until, enough) {
    var first = monthKey(now);
    var months = (root.dataset.months || "").split(" ").filter(function (m) { return m && m >= first; }).slice(0, MAX_MONTHS);
    var found = [], seen = {};
    function step(i) {
      if (i >= months.length || monthStart(months[i]) >= until) return found;
      return fetchMonth(root, months[i]).then(function (lis) {
        lis.forEach(function (li) {
          if (seen[li.dataset.id]) return;
          var st = refresh(li, now);
          if (st.state === "over" || st.occ.start >= until) return;
          seen[li.dataset.id] = true;
          found.push({ li: li, st: st });
        });
        var end = monthEnd(months[i]);
        if (enough && found.filter(function (item) { return item.st.occ.start < end; }).length >= enough) return found;
        return step(i + 1);
      });
    }
    return Promise.resolve().then(function () { return step(0); });
  }

  function byTime(a, b) {
    return (a.st.state === "over") - (b.st.state === "over") || a.st.occ.start - b.st.occ.start || (a.li.dataset.id < b.li.dataset.id ? -1 : a.li.dataset.id > b.li.dataset.id ? 1 : 0);
  }

  /* --- /activities/ ---------------------------------------------------------- */

  function Listing(root) {
    this.root = root;
    this.form = root.querySelector(".lk-filters");
    this.sections = {};
    var self = this;
    root.querySelectorAll(".lk-acts__section").forEach(function (s) { self.sections[s.dataset.section] = s; });
    this.cards = Array.prototype.slice.call(root.querySelectorAll(".lk-acts__section .lk-act"));
  }

  /* File every card into its section by the reader's clock, in /activities/' order. */
  Listing.prototype.file = function (now) {
    var self = this;
    var items = this.cards.map(function (li) { return { li: li, st: refresh(li, now) }; }).sort(byTime);
    items.forEach(function (item) {
      var section = self.sections[item.st.section];
      item.li.classList.toggle("lk-act--past", !section);
      if (section) section.querySelector(".lk-acts__list").appendChild(item.li);
    });
  };

  Listing.prototype.start = function () {
    var self = this, now = Date.now();
    this.file(now);
    var monday = weekStart(now);
    ["this-week", "next-week"].forEach(function (key, n) {
      var range = self.sections[key] && self.sections[key].querySelector(".lk-acts__range");
      if (range) range.textContent = rangeLabel(monday + n * 7 * DAY);
    });
    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) {
      var field = self.form.elements[name];
      var value = params.get(name) || "";
      if (field && Array.prototype.some.call(field.options, function (o) { return o.value === value; })) field.value = value;
    });
    this.form.addEventListener("change", function () { self.changed(); });
    this.form.addEventListener("submit", function (e) { e.preventDefault(); });
    this.form.addEventListener("reset", function () { setTimeout(function () { self.changed(); }, 0); });
    this.apply();
    /* Read weeks after the build, the page lacks what has come into its two months since: add it from the month files. */
    var ids = {};
    this.cards.forEach(function (li) { ids[li.dataset.id] = true; });
    fromMonths(this.root, now, now + (+this.root.dataset.window) * DAY, 0).then(function (found) {
      var added = found.filter(function (item) { return !ids[item.li.dataset.id]; });
      if (!added.length) return;
      added.forEach(function (item) { self.cards.push(item.li); });
      self.file(now);
      self.apply();
    }).catch(function () { /* offline: the cards the page was built with stay */ }).then(function () { self.root.dataset.monthsRead = "1"; });
  };

  Listing.prototype.filters = function () {
    var self = this, f = {};
    FILTERS.forEach(function (name) { f[name] = self.form.elements[name] ? self.form.elements[name].value : ""; });
    return f;
  };

  Listing.prototype.changed = function () {
    var f = this.filters();
    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) {
      if (f[name]) params.set(name, f[name]);
      else params.delete(name);
    });
    var query = params.toString();
    window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    this.apply();
  };

  function matches(li, name, value) {
    if (!value) return true;
    return LISTS[name] ? (li.dataset[name] || "").split(" ").indexOf(value) >= 0 : li.dataset[name] === value;
  }

  Listing.prototype.apply = function () {
    var self = this, f = this.filters(), shown = 0;
    var active = FILTERS.filter(function (name) { return f[name]; }).length;
    this.cards.forEach(function (li) {
      var ok = !li.classList.contains("lk-act--past") && FILTERS.every(function (name) { return matches(li, name, f[name]); });
      li.hidden = !ok;
      if (ok) shown++;
    });
    Object.keys(this.sections).forEach(function (key) {
      var section = self.sections[key];
      var any = section.querySelectorAll(".lk-act:not([hidden])").length > 0;
      section.querySelector(".lk-acts__empty").hidden = any;
      if (key === "finished") section.hidden = !any; /* nothing finished this week: no heading either */
    });
    this.holiday(Date.now());
    this.root.querySelector(".lk-filters-box__active").textContent = active ? "（已选 " + active + " 项）" : "";
    if (active) this.root.querySelector(".lk-filters-box").open = true;
    this.root.querySelector(".lk-acts__count").textContent = active ? (shown ? "符合条件的活动 " + shown + " 个。" : "没有符合条件的活动，请放宽筛选条件。") : "";
  };

  /* A public holiday (data/holidays.yml, shipped with the page) with nothing on today among the cards shown:
   * point to the venues open now, and to what is on later in the holiday. */
  Listing.prototype.holiday = function (now) {
    var note = this.root.querySelector(".lk-acts__holiday");
    var calendar = JSON.parse(this.root.querySelector(".lk-calendar").textContent);
    var t = local(now), today = t.y + "-" + pad(t.m) + "-" + pad(t.d);
    var period = calendar.h.filter(function (h) { return h[0] <= today && today <= h[1]; })[0];
    var visible = this.cards.filter(function (li) { return !li.hidden; });
    var on = visible.some(function (li) {
      var st = status(parseOcc(li.dataset.occ), now);
      return st.state === "ongoing" || (st.state === "upcoming" && dayNumber(st.occ.start) === dayNumber(now));
    });
    note.hidden = !period || on;
    note.textContent = "";
    if (note.hidden) return;
    var end = parseLocal(period[1] + "T00:00") + DAY;
    var later = visible.filter(function (li) {
      var st = status(parseOcc(li.dataset.occ), now);
      return st.state === "upcoming" && st.occ.start < end;
    }).length;
    var link = document.createElement("a");
    link.href = this.root.dataset.openNow;
    link.textContent = "附近现在开放的阵地";
    note.append("今天是" + period[2] + "假期，今天没有活动。可以去", link, "看看" +
      (later ? "；假期里还有 " + later + " 个活动，见下方。" : "。"));
  };

  /* --- "近期活动" on venue and brand pages, and one activity's status line ----- */

  /* On now or coming, in /activities/' order, the first `limit` shown. */
  function showRecent(root, items) {
    var limit = +root.dataset.limit, shown = 0;
    var list = root.querySelector(".lk-acts__list");
    items.sort(byTime).forEach(function (item) {
      list.appendChild(item.li);
      item.li.hidden = item.st.state === "over" || shown >= limit;
      if (!item.li.hidden) shown++;
    });
    root.querySelector(".lk-acts__empty").hidden = shown > 0;
  }

  /* The cards the page carries, filed by the reader's clock; on the home page (data-months) then replaced
   * by what is on from the month files, whatever the build date. */
  function startRecent(root) {
    var now = Date.now();
    showRecent(root, Array.prototype.map.call(root.querySelectorAll(".lk-act"), function (li) { return { li: li, st: refresh(li, now) }; }));
    if (root.dataset.months === undefined) return;
    fromMonths(root, now, Infinity, +root.dataset.limit).then(function (found) {
      root.querySelector(".lk-acts__list").textContent = "";
      showRecent(root, found);
    }).catch(function () { /* offline: the cards the page was built with stay */ }).then(function () { root.dataset.monthsRead = "1"; });
  }

  function startActivity(root) {
    var now = Date.now();
    var st = status(parseOcc(root.dataset.occ), now);
    var line = root.querySelector(".lk-act-status");
    var mark = line.querySelector(".lk-act__badge");
    var text = badge(st, now);
    mark.textContent = text;
    mark.dataset.state = st.state;
    mark.hidden = !text;
    line.querySelector(".lk-act-status__label").textContent = st.state === "over" ? "最近一次：" : st.state === "ongoing" ? "本次：" : "下一次：";
    line.querySelector(".lk-act__when").textContent = whenLabel(st.occ);
  }

  function start() {
    document.querySelectorAll("[data-lk-activities]:not([data-lk-ready])").forEach(function (root) {
      root.dataset.lkReady = "1";
      new Listing(root).start();
    });
    document.querySelectorAll("[data-lk-recent]:not([data-lk-ready])").forEach(function (root) {
      root.dataset.lkReady = "1";
      startRecent(root);
    });
    document.querySelectorAll("[data-lk-activity]:not([data-lk-ready])").forEach(function (root) {
      root.dataset.lkReady = "1";
      startActivity(root);
    });
  }

  if (typeof window.document$ !== "undefined") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
