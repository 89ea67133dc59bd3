/* Opening hours in the browser: the same subset, rules and Chinese labels as
 * leaguekit/hours.py. Both are tested against tests/hours_cases.json, so the
 * finder and the build cannot disagree. Times are judged in China time
 * (UTC+8, no daylight saving since 1991) whatever the phone's time zone. */
(function () {
  "use strict";
  var DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
  var DAY_LABELS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
  var CLOSING_SOON_MINUTES = 30;
  var CHINA_OFFSET_MS = 8 * 3600 * 1000;
  var DAYS_RE = /^(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?(?:,(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)*$/;
  var RANGE_RE = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

  function fail(text) { throw new Error("unsupported hours: " + text); }

  function parseDays(text) {
    if (!DAYS_RE.test(text)) fail(text);
    var days = [];
    text.split(",").forEach(function (part) {
      var ends = part.split("-");
      var a = DAYS.indexOf(ends[0]);
      var b = ends.length > 1 ? DAYS.indexOf(ends[1]) : a;
      if (b < a) fail(part);
      for (var d = a; d <= b; d++) days.push(d);
    });
    return days;
  }

  function parseTimes(text) {
    var ranges = text.split(",").map(function (part) {
      var m = RANGE_RE.exec(part.trim());
      if (!m) fail(part);
      var start = +m[1] * 60 + +m[2], end = +m[3] * 60 + +m[4];
      if (+m[1] > 23 || +m[2] > 59 || +m[3] > 24 || +m[4] > 59 || (+m[3] === 24 && +m[4] !== 0) || end <= start) fail(part);
      return [start, end];
    });
    ranges.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    for (var i = 1; i < ranges.length; i++) if (ranges[i][0] < ranges[i - 1][1]) fail(text);
    return ranges;
  }

  /* A week of opening ranges (index 0 = Monday, minutes since midnight), or null. */
  function parse(text) {
    var source = String(text || "").split(/\s+/).filter(Boolean).join(" ");
    if (!source) return null;
    try {
      var week = DAYS.map(function () { return []; });
      source.split(";").forEach(function (raw) {
        var rule = raw.trim();
        if (!rule) return;
        if (rule === "24/7") {
          week = DAYS.map(function () { return [[0, 1440]]; });
          return;
        }
        var space = rule.indexOf(" ");
        var head = space < 0 ? rule : rule.slice(0, space);
        var days, spec;
        if (DAYS_RE.test(head)) {
          days = parseDays(head);
          spec = space < 0 ? "" : rule.slice(space + 1).trim();
        } else if (/^\d/.test(head)) {
          days = [0, 1, 2, 3, 4, 5, 6];
          spec = rule;
        } else {
          fail(head);
        }
        if (!spec) fail(rule);
        var ranges = spec === "off" || spec === "closed" ? [] : parseTimes(spec);
        days.forEach(function (d) { week[d] = ranges.slice(); });
      });
      return week;
    } catch (e) {
      return null;
    }
  }

  function hm(minutes) {
    var h = Math.floor(minutes / 60), m = minutes % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  /* Minutes from the start of `day` until closing, following ranges across midnight. */
  function closingMinute(week, day, end) {
    var total = end;
    for (var offset = 1; offset < 8; offset++) {
      if (total % 1440 !== 0) break;
      var following = week[(day + offset) % 7];
      if (!following.length || following[0][0] !== 0) break;
      total = offset * 1440 + following[0][1];
    }
    return total;
  }

  /* {state: "open" | "closing" | "closed", label, next: Date | null} at `when` (default now). */
  function openState(hours, when) {
    var week = typeof hours === "string" ? parse(hours) : hours;
    if (!week) return null;
    var china = new Date((when || new Date()).getTime() + CHINA_OFFSET_MS);
    var day = (china.getUTCDay() + 6) % 7;
    var minute = china.getUTCHours() * 60 + china.getUTCMinutes();
    var ranges = week[day];
    for (var i = 0; i < ranges.length; i++) {
      if (ranges[i][0] <= minute && minute < ranges[i][1]) {
        var closes = closingMinute(week, day, ranges[i][1]);
        if (closes - minute <= CLOSING_SOON_MINUTES) {
          return { state: "closing", label: "即将关门（" + hm(closes % 1440) + " 关门）", next: null };
        }
        return { state: "open", label: closes < 1440 * 7 ? "开放中（" + hm(closes % 1440) + " 关门）" : "开放中", next: null };
      }
    }
    var midnight = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate()) - CHINA_OFFSET_MS;
    for (var offset = 0; offset < 8; offset++) {
      var dayRanges = week[(day + offset) % 7];
      for (var j = 0; j < dayRanges.length; j++) {
        var start = dayRanges[j][0];
        if (offset === 0 && start <= minute) continue;
        var when2 = offset === 0 ? "今天" : offset === 1 ? "明天" : DAY_LABELS[(day + offset) % 7];
        return {
          state: "closed",
          label: "已关闭（" + when2 + " " + hm(start) + " 开放）",
          next: new Date(midnight + (offset * 1440 + start) * 60000),
        };
      }
    }
    return { state: "closed", label: "已关闭", next: null };
  }

  var lk = (window.leaguekit = window.leaguekit || {});
  lk.hours = { parse: parse, openState: openState };
})();
