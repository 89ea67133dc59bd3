/* Open now? In the browser, from what the build computed (leaguekit/content/hours.py); nothing here reads
 * OpenStreetMap text.
 *   schedule  10 lists of [start, end] minutes: Monday … Sunday, public holiday (null: the hours do not say),
 *             adjusted working day on a Saturday, on a Sunday
 *   closures  [[from, to, reason]] (ISO dates, both days included)
 *   calendar  {h: [[from, to, name]] public holidays, w: [[date, name]] adjusted working days,
 *             p: [years]  whose State Council notice is not out: only the statutory days are in h}
 * Same rules and Chinese labels as hours.open_state; both run tests/hours_cases.json. Times are judged
 * in China time (UTC+8, no daylight saving since 1991) whatever the phone's time zone.
 * On a venue page it also fills the live state, marks today's row and lists the coming holidays. */
(function () {
  "use strict";
  var DAY_LABELS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
  var PH = 7, WORKDAY = 8;
  var CLOSING_SOON_MINUTES = 30;
  var HORIZON_DAYS = 366;
  var COMING_DAYS = 42;
  /* After a holiday of a year whose notice is not out yet (calendar.p). */
  var PROVISIONAL = "（法定假日；连休和调休以国务院办公厅通知为准）";
  var CHINA_OFFSET_MS = 8 * 3600 * 1000;
  var DAY_MS = 86400 * 1000;

  /* A China calendar day is a number: days since 1970-01-01. */
  function iso(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
  function weekday(day) { return (new Date(day * DAY_MS).getUTCDay() + 6) % 7; }
  function monthDay(day) { var d = new Date(day * DAY_MS); return (d.getUTCMonth() + 1) + "月" + d.getUTCDate() + "日"; }

  function hm(minutes) {
    var h = Math.floor(minutes / 60), m = minutes % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  /* An adjusted working day is a Saturday or a Sunday: the build ships each one's hours (hours.working_day). */
  function workingDay(schedule, wd) { return schedule[wd === 6 ? WORKDAY + 1 : WORKDAY]; }

  /* {ranges, why: "closure" | "holiday" | "unstated" | "workday" | "", name}: a closure beats a public holiday, which beats the week. */
  function dayPlan(schedule, closures, calendar, day) {
    var d = iso(day), i;
    for (i = 0; i < (closures || []).length; i++) {
      if (closures[i][0] <= d && d <= closures[i][1]) return { ranges: [], why: "closure", name: closures[i][2] };
    }
    for (i = 0; i < calendar.h.length; i++) {
      if (calendar.h[i][0] <= d && d <= calendar.h[i][1]) {
        return schedule[PH] === null ? { ranges: [], why: "unstated", name: calendar.h[i][2] } : { ranges: schedule[PH], why: "holiday", name: calendar.h[i][2] };
      }
    }
    for (i = 0; i < calendar.w.length; i++) {
      if (calendar.w[i][0] === d) return { ranges: workingDay(schedule, weekday(day)), why: "workday", name: calendar.w[i][1] };
    }
    return { ranges: schedule[weekday(day)], why: "", name: "" };
  }

  function closingMinute(schedule, closures, calendar, day, end) {
    var total = end;
    for (var offset = 1; offset < 8; offset++) {
      if (total % 1440 !== 0) break;
      var following = dayPlan(schedule, closures, calendar, day + offset).ranges;
      if (!following.length || following[0][0] !== 0) break;
      total = offset * 1440 + following[0][1];
    }
    return total;
  }

  function whenLabel(offset, day, start) {
    var name = offset === 0 ? "今天" : offset === 1 ? "明天" : offset < 7 ? DAY_LABELS[weekday(day + offset)] : monthDay(day + offset);
    return name + " " + hm(start);
  }

  /* {state: "open" | "closing" | "closed" | "holiday" | "closure" | "unstated", label, next: Date | null, opens: "明天 09:00"}
   * at `when` (default now); `next` and `opens` only while closed and an opening is in sight, before any holiday the
   * hours say nothing about ("unstated": neither open nor closed, the visitor is asked to call). */
  function openState(schedule, closures, calendar, when) {
    var china = (when || new Date()).getTime() + CHINA_OFFSET_MS;
    var day = Math.floor(china / DAY_MS);
    var minute = Math.floor((china - day * DAY_MS) / 60000);
    var plan = dayPlan(schedule, closures, calendar, day);
    if (plan.why === "unstated") return { state: "unstated", label: "节假日开放情况未说明（" + plan.name + "），请先电话确认", next: null };
    for (var i = 0; i < plan.ranges.length; i++) {
      if (plan.ranges[i][0] <= minute && minute < plan.ranges[i][1]) {
        var closes = closingMinute(schedule, closures, calendar, day, plan.ranges[i][1]);
        if (closes - minute <= CLOSING_SOON_MINUTES) return { state: "closing", label: "即将关门 · " + hm(closes % 1440) + " 关门", next: null };
        return { state: "open", label: closes < 1440 * 7 ? "开放中 · " + hm(closes % 1440) + " 关门" : "开放中", next: null };
      }
    }
    var state = "closed", label = "休息中";
    if (plan.why === "closure") {
      state = "closure";
      label = "暂停开放（" + plan.name + "）";
    } else if (plan.why === "holiday" && !plan.ranges.length) {
      state = "holiday";
      label = "节假日休息（" + plan.name + "）";
    }
    for (var offset = 0; offset <= HORIZON_DAYS; offset++) {
      var ahead = dayPlan(schedule, closures, calendar, day + offset);
      if (ahead.why === "unstated") return { state: state, label: label + " · " + ahead.name + "假期开放情况未说明，请先电话确认", next: null };
      var ranges = ahead.ranges;
      for (var j = 0; j < ranges.length; j++) {
        var start = ranges[j][0];
        if (offset === 0 && start <= minute) continue;
        var opens = whenLabel(offset, day, start);
        return { state: state, label: label + " · " + opens + " 开门", next: new Date((day + offset) * DAY_MS - CHINA_OFFSET_MS + start * 60000), opens: opens };
      }
    }
    return { state: state, label: label, next: null };
  }

  /* --- venue page: live state, today's row, coming holidays -------------------- */

  function times(ranges) {
    return ranges.length ? ranges.map(function (r) { return hm(r[0]) + "–" + hm(r[1]); }).join("、") : "休息";
  }

  function span(first, last) {
    return first === last ? monthDay(first) : monthDay(first) + "至" + monthDay(last);
  }

  function dayOf(isoDate) { return Math.round(Date.parse(isoDate + "T00:00:00Z") / DAY_MS); }

  function showVenue(root) {
    var data = JSON.parse(root.querySelector(".lk-hours__data").textContent);
    var now = new Date();
    var s = openState(data.s, data.z, data.c, now);
    var live = root.querySelector(".lk-open");
    live.textContent = s.label;
    live.dataset.state = s.state;

    var today = Math.floor((now.getTime() + CHINA_OFFSET_MS) / DAY_MS);
    var plan = dayPlan(data.s, data.z, data.c, today);
    var key = plan.why === "holiday" || plan.why === "unstated" ? "ph" : plan.why === "workday" ? "workday" : plan.why === "closure" ? "" : String(weekday(today));
    root.querySelectorAll(".lk-week tr").forEach(function (row) {
      if (row.dataset.day === key) row.setAttribute("aria-current", "date");
      else row.removeAttribute("aria-current");
    });

    var box = root.querySelector(".lk-closures"), list = box.querySelector("ul");
    var last = today + COMING_DAYS;
    var items = [];
    list.querySelectorAll("li[data-from]").forEach(function (li) {
      li.hidden = dayOf(li.dataset.to) < today || dayOf(li.dataset.from) > last;
      if (!li.hidden) items.push([dayOf(li.dataset.from), li]);
    });
    data.c.h.forEach(function (h) {
      var first = dayOf(h[0]), end = dayOf(h[1]);
      if (end < today || first > last) return;
      var effect = data.s[PH] === null ? "开放情况未说明，请先电话确认" : data.s[PH].length ? "开放 " + times(data.s[PH]) : "休息";
      var law = (data.c.p || []).indexOf(+h[0].slice(0, 4)) >= 0 ? PROVISIONAL : "";
      items.push([first, holidayItem(span(first, end) + " " + h[2] + "假期" + law + "，" + effect)]);
    });
    data.c.w.forEach(function (w) {
      var day = dayOf(w[0]);
      var ranges = workingDay(data.s, weekday(day));
      if (day < today || day > last || !ranges.length) return;
      items.push([day, holidayItem(monthDay(day) + "（" + DAY_LABELS[weekday(day)] + "）调休上班，开放 " + times(ranges))]);
    });
    items.sort(function (x, y) { return x[0] - y[0]; }).forEach(function (item) { list.appendChild(item[1]); });
    box.hidden = items.length === 0;
  }

  function holidayItem(text) {
    var li = document.createElement("li");
    li.className = "lk-closures__holiday";
    li.textContent = text;
    return li;
  }

  function start() {
    var root = document.querySelector("[data-lk-hours]");
    if (root && !root.dataset.lkHoursReady) {
      root.dataset.lkHoursReady = "1";
      showVenue(root);
    }
  }

  var lk = (window.leaguekit = window.leaguekit || {});
  lk.hours = { openState: openState, dayPlan: dayPlan };

  if (typeof window.document$ !== "undefined") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
