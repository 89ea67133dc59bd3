/* Staff input read the way leaguekit's Python reads it, for the venue form.
 *
 * hoursToOsm: opening hours as staff write them (周一至周五 9:00-17:00，周末休息) into OpenStreetMap text,
 * the reading of leaguekit/content/hours_words.py. The token patterns, day words and messages come from
 * Python with the page's data (hours_words.browser_data), so only the reading order lives here; both
 * run tests/hours_words_cases.json.
 * fold, date, number, pair, phone, orgId: what staff type read as leaguekit/content/staff_input.py reads it
 * (full-width forms, 2023年5月, 120平方米, 37°25'21", a pasted coordinate pair, 1.38E+10 for a phone, an org
 * by any of its names); both run tests/staff_input_cases.json.
 * personal(text, rendered): the mobile and resident ID numbers leaguekit/content/privacy.py finds (find), read the
 * same way (as a reader sees the text: invisible characters dropped, NFKC, digits of any script and Chinese
 * numerals); its constants come with the page's data, and both run tests/privacy_form_cases.json.
 * Exposed as leaguekit.staffInput: configure(data), hoursToOsm(text), fold, date, number, pair, phone, orgId, personal. */
(function () {
  "use strict";
  var lk = (window.leaguekit = window.leaguekit || {});
  var DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
  var PH = 7;
  var words = null, tokens = [];

  function configure(data) {
    words = data.hoursWords;
    tokens = words.tokens.map(function (t) { return [t[0], new RegExp(t[1], "y")]; });
    configurePrivacy(data.privacy);
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

  /* --- everything else staff type (staff_input.py) --- */

  var DASH = /[－—–―‐‑]/g;
  var DATE = /^([0-9]{4})\s*(?:[-/.年]\s*([0-9]{1,2})\s*(?:[-/.月]\s*([0-9]{1,2})\s*日?|月)?)?\s*年?$/;
  var UNIT = /(?:平方米|平米|m2|㎡)$/;
  var DMS = /^(?:北纬|东经|[NE])?([0-9]{1,3})(?:°|度)(?:([0-9]{1,2}(?:\.[0-9]+)?)(?:'|′|分))?(?:([0-9]{1,2}(?:\.[0-9]+)?)(?:"|″|''|′′|秒))?[NE]?$/;
  var DECIMAL = /^-?[0-9]+(?:\.[0-9]+)?$/;
  var SCIENTIFIC = /^[0-9](?:\.[0-9]+)?[eE]\+?[0-9]+$/;
  var PAIR_SPLIT = /\s*[,;，；]\s*|\s+/;
  var SCIENTIFIC_PHONE = "“{text}”是表格把号码改成的科学计数法，后几位已经丢失：请把这一列设为“文本”，重新输入完整号码";

  function fold(text, kind) {
    if (kind === "text") {
      return text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
        .replace(/[\u3000\u00a0]/g, " ").replace(/\r\n?/g, "\n").trim();
    }
    return text.normalize("NFKC").replace(DASH, "-").trim();
  }

  function date(text) {
    var folded = fold(text), m = DATE.exec(folded);
    if (!m) return folded;
    return m.slice(1).filter(Boolean).map(function (p) { return p.length < 2 ? "0" + p : p; }).join("-");
  }

  function number(text) {
    var folded = fold(text);
    var compact = folded.replace(/[\s,]/g, "").replace(UNIT, "");
    var plain = compact.replace(/°$/, "");
    if (DECIMAL.test(plain)) return plain;
    var m = DMS.exec(compact);
    if (m) {
      var d = Number(m[1]), mi = m[2] ? Number(m[2]) : 0, se = m[3] ? Number(m[3]) : 0;
      if (mi < 60 && se < 60) return String(Math.round((d + mi / 60 + se / 3600) * 1e6) / 1e6);
    }
    return folded;
  }

  function pair(text) {
    var parts = fold(text).split(PAIR_SPLIT).filter(Boolean);
    if (parts.length !== 2) return null;
    var values = parts.map(number);
    if (!values.every(function (v) { return DECIMAL.test(v); })) return null;
    return Number(values[0]) < Number(values[1]) ? values : [values[1], values[0]];
  }

  function phone(text) {
    var folded = fold(text);
    if (SCIENTIFIC.test(folded.replace(/ /g, ""))) return [folded, format(SCIENTIFIC_PHONE, { text: folded })];
    return [folded.replace(/^\((0[0-9]{2,3})\)\s*/, "$1-"), ""];
  }

  function nameKey(text) { return text.normalize("NFKC").replace(/\s/g, "").toLowerCase(); }

  /* orgs: [[id, name, short name]] */
  function orgId(text, orgs) {
    var wanted = nameKey(text);
    for (var i = 0; i < orgs.length; i++) {
      if (orgs[i].some(function (n) { return nameKey(n) === wanted; })) return orgs[i][0];
    }
    return null;
  }

  /* --- personal data (privacy.py) --- */

  var P = null, GROUP, INVISIBLE, DIGIT_LIKE;
  var ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], ID_CHECK = "10X98765432";

  function escapeClass(chars) { return chars.replace(/[\\\]\[\-^]/g, "\\$&"); }

  function configurePrivacy(data) {
    P = data;
    GROUP = new RegExp("[0-9]+(?:[" + escapeClass(P.separators) + "]{1," + P.maxGap + "}[0-9]+)*", "g");
    INVISIBLE = new RegExp("[\\p{Cf}\\p{Mn}\\p{Me}\\u0000-\\u0008\\u000e-\\u001f\\u007f-\\u0084\\u0086-\\u009f" + escapeClass(P.blanks) + "]", "gu");
    DIGIT_LIKE = new RegExp("[\\p{Nd}\\u00b2\\u00b3\\u00b9\\u2070-\\u209f\\u2460-\\u24ff\\u2776-\\u2793\\u{1f100}-\\u{1f10c}" + Object.keys(P.chinese).join("") + "]|&#", "gu");
  }

  function readerText(text, entities) {
    if (entities && text.indexOf("<") >= 0) text = text.replace(/<[^<>]*>/g, "");
    if (entities && text.indexOf("&") >= 0) {
      var box = document.createElement("textarea");
      box.innerHTML = text;
      text = box.value;
    }
    if (/[^\x00-\x7f]/.test(text)) text = text.replace(INVISIBLE, "").normalize("NFKC");
    return text;
  }

  /* A digit of any script as its ASCII digit (Nd digits come in runs of ten from zero), Chinese numerals too when asked. */
  function asciiDigits(text, chinese) {
    return Array.from(text).map(function (ch) {
      if (ch.charCodeAt(0) < 0x80) return ch;
      if (chinese && Object.prototype.hasOwnProperty.call(P.chinese, ch)) return P.chinese[ch];
      var cp = ch.codePointAt(0);
      if (Object.prototype.hasOwnProperty.call(P.digits, cp)) return P.digits[cp];
      if (/\p{Nd}/u.test(ch)) {
        var n = 0;
        while (/\p{Nd}/u.test(String.fromCodePoint(cp - n - 1))) n++;
        return String(n % 10);
      }
      return ch;
    }).join("");
  }

  function validId(number) {
    var d = number.toUpperCase();
    if (!/^[1-8][0-9]{16}[0-9X]$/.test(d) || d.slice(6, 10) < "1900" || d.slice(6, 10) > "2100") return false;
    var y = Number(d.slice(6, 10)), m = Number(d.slice(10, 12)), day = Number(d.slice(12, 14));
    var when = new Date(Date.UTC(y, m - 1, day));
    if (when.getUTCFullYear() !== y || when.getUTCMonth() !== m - 1 || when.getUTCDate() !== day) return false;
    var total = 0;
    for (var i = 0; i < 17; i++) total += Number(d.charAt(i)) * ID_WEIGHTS[i];
    return ID_CHECK.charAt(total % 11) === d.charAt(17);
  }

  function blockedRuns(text, runs) {
    function gap(k) { return text.slice(runs[k - 1].end, runs[k].start); }
    var parts = runs.map(function (r) { return r.text; }), blocked = {};
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      if (i + 2 < parts.length && part.length === 4 && parts[i + 1].length <= 2 && parts[i + 2].length <= 2) {
        if (gap(i + 1) === gap(i + 2) && P.dateSeparators.indexOf(gap(i + 1)) >= 0 &&
            Number(parts[i + 1]) >= 1 && Number(parts[i + 1]) <= 12 && Number(parts[i + 2]) >= 1 && Number(parts[i + 2]) <= 31) {
          blocked[i] = blocked[i + 1] = blocked[i + 2] = true;
        }
      } else if (i + 2 < parts.length && (part === "400" || part === "800") && parts[i + 1].length === 3 && parts[i + 2].length === 4) {
        blocked[i] = blocked[i + 1] = blocked[i + 2] = true;
      } else if (i + 1 < parts.length && part.charAt(0) === "0" && part.length >= 3 && part.length <= 4 && parts[i + 1].length >= 7 && parts[i + 1].length <= 8 &&
                 ["-", ")", "）", ""].indexOf(gap(i + 1).trim()) >= 0) {
        blocked[i] = blocked[i + 1] = true;
      }
    }
    return blocked;
  }

  function checkLetter(text, end) {
    var rest = text.slice(end, end + P.maxGap + 1), k = 0;
    while (k < rest.length && P.separators.indexOf(rest.charAt(k)) >= 0) k++;
    return rest.charAt(k) === "X" || rest.charAt(k) === "x";
  }

  function inGroup(text, runs) {
    var digits = runs.map(function (r) { return r.text; }).join(""), starts = [], runAt = {}, total = 0, blocked = null, found = [];
    runs.forEach(function (r, k) { starts.push(total); runAt[total] = k; total += r.text.length; });
    runAt[total] = runs.length;
    starts.forEach(function (before, i) {
      if ("12345678".indexOf(digits.charAt(before)) < 0) return;
      [11, 13, 17, 18].forEach(function (length) {
        var stop = runAt[before + length];
        if (stop === undefined) return;
        var number = digits.slice(before, before + length);
        if (length === 11 || length === 13) {
          var mobile = length === 11 ? number : number.slice(2);
          if ((length === 13 && number.slice(0, 2) !== "86") || !/^1[3-9][0-9]{9}$/.test(mobile)) return;
          if (blocked === null) blocked = blockedRuns(text, runs);
          for (var k = i; k < stop; k++) if (blocked[k]) return;
          found.push({ kind: "mobile", start: runs[i].start, masked: mobile.slice(0, 3) + "****" + mobile.slice(-4) });
        } else if (number.slice(6, 10) >= "1900" && number.slice(6, 10) <= "2100" && (length === 18 || checkLetter(text, runs[stop - 1].end))) {
          number = length === 18 ? number : number + "X";
          if (validId(number)) found.push({ kind: "resident_id", start: runs[i].start, masked: number.slice(0, 6) + "********" + number.slice(-4) });
        }
      });
    });
    return found;
  }

  function distinct(found) {
    var ids = found.filter(function (f) { return f.kind === "resident_id"; }).map(function (f) { return f.start; }).sort(function (a, b) { return a - b; });
    var kept = {}, order = [];
    found.slice().sort(function (a, b) { return a.start - b.start; }).forEach(function (f) {
      var inside = ids.filter(function (s) { return s <= f.start; });
      if (f.kind === "mobile" && inside.length && f.start < inside[inside.length - 1] + 18) return;
      if (!Object.prototype.hasOwnProperty.call(kept, f.masked)) { kept[f.masked] = f; order.push(f); }
    });
    return order.sort(function (a, b) { return a.start - b.start; });
  }

  function numbers(text) {
    var found = [], m;
    GROUP.lastIndex = 0;
    while ((m = GROUP.exec(text)) !== null) {
      if (m[0].length < 11) continue;
      var runs = [], run = /[0-9]+/g, r;
      while ((r = run.exec(m[0])) !== null) runs.push({ text: r[0], start: m.index + r.index, end: m.index + r.index + r[0].length });
      found = found.concat(inGroup(text, runs));
    }
    return distinct(found).map(function (f) { f.line = (text.slice(0, f.start).match(/\n/g) || []).length; return f; });
  }

  /* [[kind, masked, line]] for every personal number a reader would see in `text`, as privacy.find. */
  function personal(text, rendered) {
    if ((text.match(DIGIT_LIKE) || []).length < 11) return [];
    var seen = readerText(text, !rendered), found;
    if (!/[^\x00-\x7f]/.test(seen)) found = numbers(seen);
    else found = distinct(numbers(asciiDigits(seen, true)).concat(numbers(asciiDigits(seen, false))));
    return found.map(function (f) { return [f.kind, f.masked, f.line]; });
  }

  lk.staffInput = { configure: configure, hoursToOsm: hoursToOsm, fold: fold, date: date, number: number, pair: pair, phone: phone, orgId: orgId, personal: personal };
})();
