/* Staff input read the way leaguekit's Python reads it, for the venue form.
 *
 * hoursToOsm: opening hours as staff write them (周一至周五 9:00-17:00，周末休息) into OpenStreetMap text,
 * the reading of leaguekit/content/hours_words.py. The token patterns, day words and messages come from
 * Python with the page's data (hours_words.browser_data), so only the reading order lives here; both
 * run tests/hours_words_cases.json.
 * Exposed as leaguekit.staffInput: configure(data), hoursToOsm(text). */
(function () {
  "use strict";
  var lk = (window.leaguekit = window.leaguekit || {});
  var DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
  var PH = 7;
  var words = null, tokens = [];

  function configure(data) {
    words = data.hoursWords;
    tokens = words.tokens.map(function (t) { return [t[0], new RegExp(t[1], "y")]; });
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function Refused(message) { this.message = message; }

  function refuse(key, values) { throw new Refused(format(words.messages[key], values || {})); }

  function prepare(text) {
    var out = text.normalize("NFKC");
    for (var i = 0; i < words.dashes.length; i++) out = out.split(words.dashes.charAt(i)).join("-");
    return out.trim();
  }

  function span(first, last) {
    var days = [];
    for (var n = 0; n <= (((last - first) % 7) + 7) % 7; n++) days.push((first + n) % 7);
    return days;
  }

  function daySet(text) {
    if (Object.prototype.hasOwnProperty.call(words.wordDays, text)) return words.wordDays[text].slice();
    if (DAYS.indexOf(text.slice(0, 2)) >= 0) {
      var pair = text.split("-");
      return span(DAYS.indexOf(pair[0]), DAYS.indexOf(pair[1] || pair[0]));
    }
    var days = [];
    text.split(new RegExp(words.listSplit)).forEach(function (part) {
      var ends = part.split(new RegExp(words.rangeSplit)).map(function (m) { return words.dayIndex[m.charAt(m.length - 1)]; });
      days = days.concat(span(ends[0], ends[ends.length - 1]));
    });
    return days;
  }

  function minute(period, hour, m1, m2, half, m3) {
    var h = Number(hour);
    var m = half ? 30 : Number(m1 || m2 || m3 || "0");
    if ((words.evening.indexOf(period) >= 0 && h < 12) || (period === "中午" && h < 6)) h += 12;
    if (h > 24 || m > 59 || (h === 24 && m)) return null;
    return h * 60 + m;
  }

  function timeRange(g) {
    var start = minute(g[1], g[2], g[3], g[4], g[5], g[6]);
    var end = minute(g[7] || g[1], g[8], g[9], g[10], g[11], g[12]);
    if (start === null || end === null) return null;
    return [start, end === 0 ? 1440 : end];
  }

  function hm(value) {
    var h = Math.floor(value / 60), m = value % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  function union(a, b) { return a.concat(b.filter(function (x) { return a.indexOf(x) < 0; })); }
  function minus(a, b) { return a.filter(function (x) { return b.indexOf(x) < 0; }); }

  function matchAt(text, i, skipFiller) {
    for (var t = 0; t < tokens.length; t++) {
      if (skipFiller && tokens[t][0] === "filler") continue;
      var re = tokens[t][1];
      re.lastIndex = i;
      var m = re.exec(text);
      if (m && m[0].length) return { kind: tokens[t][0], m: m };
    }
    return null;
  }

  function rangesText(ranges) { return ranges.map(function (r) { return hm(r[0]) + "-" + hm(r[1]); }).join(","); }

  function check(ranges) {
    ranges.forEach(function (r) { if (r[1] <= r[0]) refuse("notAfterStart", { range: hm(r[0]) + "-" + hm(r[1]) }); });
    for (var i = 1; i < ranges.length; i++) if (ranges[i][0] < ranges[i - 1][1]) refuse("overlapping", { ranges: rangesText(ranges) });
  }

  function selector(days) {
    var week = days.filter(function (d) { return d < 7; }).sort(function (a, b) { return a - b; });
    var parts = [], i = 0;
    while (i < week.length) {
      var j = i;
      while (j + 1 < week.length && week[j + 1] === week[j] + 1) j++;
      if (j - i >= 2) parts.push(DAYS[week[i]] + "-" + DAYS[week[j]]);
      else for (var k = i; k <= j; k++) parts.push(DAYS[week[k]]);
      i = j + 1;
    }
    if (days.indexOf(PH) >= 0) parts.push("PH");
    return parts.join(",");
  }

  function osm(groups) {
    var table = {}, key = function (ranges) { return ranges === null ? null : rangesText(ranges); };
    groups.slice().sort(function (a, b) { return (a.usual ? 1 : 0) - (b.usual ? 1 : 0); }).forEach(function (group) {
      var ranges;
      if (group.usual) {
        var kinds = [];
        for (var d = 0; d < 7; d++) if (table[d] && table[d].length && kinds.indexOf(key(table[d])) < 0) kinds.push(key(table[d]));
        if (!kinds.length) refuse("usualUnknown", { part: group.usual });
        if (kinds.length > 1) refuse("usualDiffers", { part: group.usual });
        for (d = 0; d < 7; d++) if (table[d] && table[d].length) { ranges = table[d]; break; }
      } else {
        ranges = group.ranges === null ? null : group.ranges.slice().sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
        if (ranges) check(ranges);
      }
      group.days.forEach(function (day) { table[day] = ranges; });
    });
    var present = Object.keys(table).map(Number).sort(function (a, b) { return a - b; });
    if ([0, 1, 2, 3, 4, 5, 6, PH].every(function (d) { return table[d] && key(table[d]) === "00:00-24:00"; })) return "24/7";
    var seen = [], rules = [];
    present.forEach(function (day) {
      var ranges = table[day];
      if (!ranges || !ranges.length || seen.indexOf(key(ranges)) >= 0) return;
      seen.push(key(ranges));
      rules.push(selector(present.filter(function (d) { return table[d] && key(table[d]) === key(ranges); })) + " " + rangesText(ranges));
    });
    if (!rules.length) refuse("never");
    var text = rules.join("; ");
    if (table[PH] === null) text += "; PH off";
    return text;
  }

  /* {hours: OSM text} or {error: the message hours_words.py gives}. */
  function hoursToOsm(raw) {
    try {
      return { hours: read(prepare(raw)) };
    } catch (e) {
      if (e instanceof Refused) return { error: e.message };
      throw e;
    }
  }

  function read(source) {
    if (!source) refuse("empty");
    var groups = [], days = [], exclude = [], said = "", attached = false, i = 0;
    function fresh() { if (attached) { days = []; exclude = []; said = ""; attached = false; } }
    function take(part) {
      if (!days.length && !exclude.length) refuse("noDays", { part: part });
      return minus(days.length ? days : [0, 1, 2, 3, 4, 5, 6], exclude);
    }
    while (i < source.length) {
      var found = matchAt(source, i, false);
      if (!found) {
        var j = i + 1;
        while (j < source.length && j - i < 20 && !matchAt(source, j, true)) j++;
        refuse("unknown", { part: source.slice(i, j).trim() });
      }
      i += found.m[0].length;
      var kind = found.kind, m = found.m, part = m[0].trim(), last = groups[groups.length - 1];
      if (kind === "skip" || kind === "filler") continue;
      if (kind === "days") {
        fresh();
        days = union(days, daySet(part));
        said += part;
      } else if (kind === "except") {
        fresh();
        exclude = union(exclude, daySet(m[1]));
        said += part;
      } else if (kind === "exceptAfter") {
        if (attached) last.days = minus(last.days, daySet(m[1]));
        else exclude = union(exclude, daySet(m[1]));
      } else if (kind === "time" || kind === "allDay" || kind === "always") {
        var range = kind === "time" ? timeRange(m) : [0, 1440];
        if (range === null) refuse("badTime", { part: part });
        if (kind === "always") { fresh(); days = [0, 1, 2, 3, 4, 5, 6, PH]; said = part; }
        if (attached && last.ranges !== null && !last.usual) last.ranges.push(range);
        else if (attached) refuse("timeAndOff", { part: part });
        else { groups.push({ days: take(part), ranges: [range], usual: "" }); attached = true; }
      } else if (kind === "off" || kind === "usual") {
        if (attached) refuse("timeAndOff", { part: said + "…" + part });
        groups.push({ days: take(part), ranges: kind === "off" ? null : [], usual: kind === "usual" ? said + part : "" });
        attached = true;
      }
    }
    if (!attached && (days.length || exclude.length)) refuse("noTimes", { part: said, example: "9:00-17:00" });
    return osm(groups);
  }

  lk.staffInput = { configure: configure, hoursToOsm: hoursToOsm };
})();
