/* The venue form at /contribute/new/ (leaguekit/generate/form.py draws it from the venue schema).
 *
 * It checks in the browser what the page's JSON Schema says (required fields, lengths, patterns,
 * ranges, allowed values), builds the opening hours from days and time ranges into the OpenStreetMap
 * text leaguekit/content/hours.py reads (tests/hours_builder_cases.json holds both to the same
 * results), and writes the file: YAML front matter, then the body. `make check` stays the authority.
 * Nothing is sent anywhere: the page works offline and from file://.
 * Exposed for the tests as leaguekit.venueForm: yamlScalar, buildHours, fileText, newFileLink. */
(function () {
  "use strict";
  var lk = (window.leaguekit = window.leaguekit || {});
  var DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
  var DAY_LABELS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
  var PH = "PH", PH_LABEL = "法定节假日";
  var MAX_URL = 8000; /* longer new-file links are cut by browsers and forges: then the staff member pastes */
  var messages; /* hours.py's own words for the mistakes both would meet: from the page's data */

  /* --- YAML ---------------------------------------------------------------------------------- */

  var PLAIN_KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
  var YAML_WORDS = /^(?:y|n|yes|no|true|false|on|off|null)$/i;
  var CJK_START = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  /* Anything YAML could read as structure, a comment or another type, and every invisible character. */
  var RISKY = /[:#\[\]{},"'\\|>&*!%@`\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]|\s\s|\s$/;

  function quoted(text) {
    var out = "\"";
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i), ch = text.charAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
        out += ch + text.charAt(i + 1);
        i++;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        out += "\\uFFFD"; /* half a character cannot be written down */
      } else if (ch === "\"" || ch === "\\") {
        out += "\\" + ch;
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff || c >= 0xfffe) {
        out += "\\u" + ("000" + c.toString(16)).slice(-4);
      } else {
        out += ch;
      }
    }
    return out + "\"";
  }

  /* A text value as YAML: plain when it is a key or Chinese text nothing in it could disturb, else double-quoted. */
  function yamlScalar(text) {
    if ((PLAIN_KEY.test(text) && !YAML_WORDS.test(text)) || (CJK_START.test(text) && !RISKY.test(text))) return text;
    return quoted(text);
  }

  /* --- opening hours ------------------------------------------------------------------------- */

  function minutes(hm, end) {
    var m = /^(\d{2}):(\d{2})$/.exec(hm);
    if (!m) return null;
    var value = Number(m[1]) * 60 + Number(m[2]);
    return end && value === 0 ? 1440 : value; /* closing at 00:00 is closing at midnight */
  }

  function hm(value) {
    var h = Math.floor(value / 60), m = value % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  function selector(days) {
    var indexes = DAYS.map(function (d, i) { return days.indexOf(d) >= 0 ? i : -1; }).filter(function (i) { return i >= 0; });
    var parts = [], i = 0;
    while (i < indexes.length) {
      var j = i;
      while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
      if (j - i >= 2) parts.push(DAYS[indexes[i]] + "-" + DAYS[indexes[j]]);
      else for (var k = i; k <= j; k++) parts.push(DAYS[indexes[k]]);
      i = j + 1;
    }
    if (days.indexOf(PH) >= 0) parts.push(PH);
    return parts.join(",");
  }

  function dayName(day) { return day === PH ? PH_LABEL : DAY_LABELS[DAYS.indexOf(day)]; }

  /* rows: [{days: ["Mo", …, "PH"], ranges: [["09:00", "12:00"], …]}] as the builder holds them.
   * {hours: "Mo-Fr 09:00-12:00,14:30-17:30; Sa 09:00-12:00"} ("" when nothing is filled in), or {error}. */
  function buildHours(rows) {
    var rules = [], owner = {};
    for (var r = 0; r < rows.length; r++) {
      var row = rows[r], n = r + 1;
      var ranges = row.ranges.filter(function (x) { return x[0] || x[1]; });
      if (!row.days.length && !ranges.length) continue;
      if (!row.days.length) return { error: "第 " + n + " 组没有勾选开放的日子：请勾选星期或“法定节假日”，或删除这一组" };
      if (!ranges.length) return { error: "第 " + n + " 组没有填时间：请填开始和结束时间，或删除这一组" };
      for (var d = 0; d < row.days.length; d++) {
        var day = row.days[d];
        if (owner[day]) return { error: dayName(day) + "同时勾选在第 " + owner[day] + " 组和第 " + n + " 组：每一天只能属于一组" };
        owner[day] = n;
      }
      var spans = [];
      for (var i = 0; i < ranges.length; i++) {
        var start = minutes(ranges[i][0], false), end = minutes(ranges[i][1], true);
        if (start === null || end === null) return { error: "第 " + n + " 组第 " + (i + 1) + " 段时间没有填完整：请填开始和结束时间" };
        spans.push([start, end]);
      }
      spans.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      for (i = 0; i < spans.length; i++) {
        if (spans[i][1] <= spans[i][0]) return { error: messages.notAfterStart.replace("{range}", hm(spans[i][0]) + "-" + hm(spans[i][1])) };
      }
      var times = spans.map(function (s) { return hm(s[0]) + "-" + hm(s[1]); }).join(",");
      for (i = 1; i < spans.length; i++) {
        if (spans[i][0] < spans[i - 1][1]) return { error: messages.overlapping.replace("{ranges}", times) };
      }
      rules.push(selector(row.days) + " " + times);
    }
    return { hours: rules.join("; ") };
  }

  /* --- the file ------------------------------------------------------------------------------ */

  function flowList(items) { return "[" + items.map(yamlScalar).join(", ") + "]"; }

  /* entries: [[key, value]] in the form's order; value is text, a number's text, a list, or the location. */
  function fileText(entries, body) {
    var lines = ["---"];
    entries.forEach(function (entry) {
      var key = entry[0], value = entry[1];
      if (key === "location") {
        lines.push("location: {lat: " + value.lat + ", lng: " + value.lng + ", datum: " + value.datum + "}");
      } else if (value.kind === "number") {
        lines.push(key + ": " + value.text);
      } else if (value.kind === "keys") {
        lines.push(key + ": " + flowList(value.items));
      } else if (value.kind === "lines") {
        lines.push(key + ":");
        value.items.forEach(function (item) { lines.push("  - " + yamlScalar(item)); });
      } else {
        lines.push(key + ": " + yamlScalar(value.text));
      }
    });
    lines.push("---");
    var text = lines.join("\n") + "\n";
    return body ? text + body + "\n" : text;
  }

  /* The forge's new-file page in the org's folder: GitHub, Gitea and Forgejo take the name and the text
   * (`filename`, `value`), GitLab the name (`file_name`), Gitee neither; `whole` says whether the text went along. */
  function newFileLink(forge, org, name, text) {
    var base = forge.newFile + "/" + encodeURIComponent(org);
    if (forge.kind === "gitlab") return { href: base + "?file_name=" + encodeURIComponent(name), whole: false };
    if (["github", "gitea", "forgejo"].indexOf(forge.kind) < 0) return { href: base, whole: false };
    var full = base + "?filename=" + encodeURIComponent(name) + "&value=" + encodeURIComponent(text);
    return full.length <= MAX_URL ? { href: full, whole: true } : { href: base + "?filename=" + encodeURIComponent(name), whole: false };
  }

  lk.venueForm = { yamlScalar: yamlScalar, buildHours: buildHours, fileText: fileText, newFileLink: newFileLink };

  /* --- the page ------------------------------------------------------------------------------ */

  var root = document.querySelector("[data-lk-venue-form]");
  if (!root) return;
  var data = JSON.parse(root.querySelector(".lk-vform__data").textContent);
  messages = data.hoursMessages;
  lk.staffInput.configure(data);
  var form = root.querySelector(".lk-vform__form");
  var result = root.querySelector(".lk-vform__result");
  var output = root.querySelector(".lk-vform__text");
  var status = root.querySelector(".lk-vform__status");
  var idPattern = new RegExp(data.idPattern);

  function resolve(prop) {
    if (prop.anyOf) {
      var inner = prop.anyOf.filter(function (p) { return p.type !== "null"; })[0];
      prop = Object.assign({}, resolve(inner), prop, { anyOf: undefined });
    }
    if (prop.$ref) prop = Object.assign({}, data.schema.$defs[prop.$ref.split("/").pop()], prop, { $ref: undefined });
    return prop;
  }

  function schemaOf(key) {
    var parts = key.split("."), prop = { properties: data.schema.properties };
    for (var i = 0; i < parts.length; i++) prop = resolve(prop.properties[parts[i]]);
    return prop;
  }

  function fieldEl(key) { return form.querySelector('.lk-field[data-key="' + key + '"]'); }
  function control(field) { return field.querySelector("input, select, textarea"); }

  function textOf(field) {
    var el = control(field);
    return el ? el.value.trim() : "";
  }

  /* What the file gets: the value read as staff_input.py reads it (data-reads says how). */
  function valueOf(field) {
    var raw = textOf(field), reads = field.getAttribute("data-reads");
    if (reads === "number") return lk.staffInput.number(raw);
    if (reads === "date") return lk.staffInput.date(raw);
    if (reads === "phone") return lk.staffInput.phone(raw)[0];
    return lk.staffInput.fold(raw, reads === "code" ? "code" : "text");
  }

  function checked(field) {
    return Array.prototype.filter.call(field.querySelectorAll("input:checked"), function (i) { return !i.closest("[hidden]"); })
      .map(function (i) { return i.value; });
  }

  /* --- hours builder --- */

  var builder = form.querySelector(".lk-hb");
  var rowsBox = builder && builder.querySelector(".lk-hb__rows");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function addRange(row) {
    var box = row.querySelector(".lk-hb__ranges");
    var range = el("div", { "class": "lk-hb__range", role: "group" });
    [["开始时间", "start"], ["结束时间", "end"]].forEach(function (pair) {
      var label = el("label", { "class": "lk-hb__time" }, pair[0]);
      label.appendChild(el("input", { type: "time", "class": "lk-hb__" + pair[1] }));
      range.appendChild(label);
    });
    var remove = el("button", { type: "button", "class": "md-button lk-hb__remove-range" }, "删除这一段");
    range.appendChild(remove);
    box.appendChild(range);
    renumber();
    return range;
  }

  function addRow() {
    var row = el("fieldset", { "class": "lk-hb__row" });
    row.appendChild(el("legend", {}, ""));
    var days = el("fieldset", { "class": "lk-hb__days" });
    days.appendChild(el("legend", {}, "开放的日子"));
    DAYS.concat([PH]).forEach(function (day) {
      var label = el("label", { "class": "lk-check" });
      var box = el("input", { type: "checkbox", value: day });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + dayName(day)));
      days.appendChild(label);
    });
    row.appendChild(days);
    row.appendChild(el("div", { "class": "lk-hb__ranges" }));
    var tools = el("p", { "class": "lk-hb__tools" });
    tools.appendChild(el("button", { type: "button", "class": "md-button lk-hb__add-range" }, "再加一段时间"));
    tools.appendChild(el("button", { type: "button", "class": "md-button lk-hb__remove-row" }, "删除这一组"));
    row.appendChild(tools);
    rowsBox.appendChild(row);
    addRange(row);
    renumber();
    return row;
  }

  /* Groups and ranges numbered for screen readers; a remove button only where there is more than one. */
  function renumber() {
    var rows = rowsBox.querySelectorAll(".lk-hb__row");
    Array.prototype.forEach.call(rows, function (row, r) {
      row.querySelector("legend").textContent = "第 " + (r + 1) + " 组";
      row.querySelector(".lk-hb__remove-row").hidden = rows.length < 2;
      var ranges = row.querySelectorAll(".lk-hb__range");
      Array.prototype.forEach.call(ranges, function (range, i) {
        range.setAttribute("aria-label", "第 " + (i + 1) + " 段");
        range.querySelector(".lk-hb__remove-range").hidden = ranges.length < 2;
      });
    });
  }

  function builderRows() {
    return Array.prototype.map.call(rowsBox.querySelectorAll(".lk-hb__row"), function (row) {
      return {
        days: Array.prototype.map.call(row.querySelectorAll(".lk-hb__days input:checked"), function (i) { return i.value; }),
        ranges: Array.prototype.map.call(row.querySelectorAll(".lk-hb__range"), function (range) {
          return [range.querySelector(".lk-hb__start").value, range.querySelector(".lk-hb__end").value];
        })
      };
    });
  }

  /* The holiday question (节假日休息 / 照常开放 / 另有时间) answered into the text: asked whenever the hours
   * say nothing of PH, so that no file leaves the form silent on holidays. */
  var HOLIDAY_WORDS = { off: "；节假日休息", usual: "；节假日照常开放" };

  function withHolidays(built) {
    if (built.error || !built.hours) return built;
    var choice = (builder.querySelector('input[name="holidays"]:checked') || {}).value || "";
    var hasPH = /(^|[ ,;])PH\b/.test(built.hours);
    if (hasPH) return choice && choice !== "other" ? { error: "上面已经写了法定节假日的时间：“法定节假日”一问请选“另有时间”" } : built;
    if (!choice) return { error: "请回答法定节假日（元旦、春节、国庆等）开不开放：休息、照常开放或另有时间" };
    if (choice === "other") return { error: "选了“另有时间”：请在上面某一组勾选“法定节假日”并填时间" };
    var answered = lk.staffInput.hoursToOsm(built.hours + HOLIDAY_WORDS[choice]);
    return answered.error ? { error: "平日各天的开放时间不同，“照常开放”是哪一段？请选“另有时间”，在上面某一组勾选“法定节假日”" } : answered;
  }

  /* What the staff member wrote in words wins over the ticked rows. */
  function previewHours() {
    var words = builder.querySelector(".lk-hb__words").value.trim();
    var built = withHolidays(words ? lk.staffInput.hoursToOsm(words) : buildHours(builderRows()));
    builder.querySelector(".lk-hb__preview").textContent = built.error ? "" : built.hours ? "文件中写作：" + built.hours : "";
    return built;
  }

  if (builder) {
    addRow();
    builder.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.classList.contains("lk-hb__add-row")) addRow().querySelector("input").focus();
      else if (button.classList.contains("lk-hb__add-range")) addRange(button.closest(".lk-hb__row")).querySelector("input").focus();
      else if (button.classList.contains("lk-hb__remove-range")) {
        var row = button.closest(".lk-hb__row");
        button.closest(".lk-hb__range").remove();
        renumber();
        row.querySelector(".lk-hb__add-range").focus();
      } else if (button.classList.contains("lk-hb__remove-row")) {
        button.closest(".lk-hb__row").remove();
        renumber();
        builder.querySelector(".lk-hb__add-row").focus();
      }
      previewHours();
    });
    builder.addEventListener("change", previewHours);
    builder.addEventListener("input", previewHours);
  }

  /* --- org-dependent parts: grade, brands, districts, file name --- */

  var typeSelect = fieldEl("type") && control(fieldEl("type"));
  var orgSelect = fieldEl("org") && control(fieldEl("org"));
  var idInput = form.querySelector("#f-id");
  var lastPrefix = "";

  function syncType() {
    var grade = fieldEl("grade");
    if (!grade || !typeSelect) return;
    var graded = data.gradedTypes.indexOf(typeSelect.value) >= 0;
    grade.hidden = !graded;
    if (!graded) control(grade).value = "";
  }

  function syncOrg() {
    var org = orgSelect ? orgSelect.value : "";
    var chain = [];
    for (var up = org; up; up = data.orgParents[up]) chain.push(up);
    var brands = fieldEl("brands");
    if (brands) {
      var shown = 0;
      Array.prototype.forEach.call(brands.querySelectorAll("label[data-org]"), function (label) {
        label.hidden = chain.indexOf(label.getAttribute("data-org")) < 0;
        if (label.hidden) label.querySelector("input").checked = false;
        else shown++;
      });
      var note = brands.querySelector("[data-brands-note]");
      note.hidden = shown > 0;
      note.textContent = org ? "本团组织和上级团组织还没有品牌项目。" : "请先选择所属团组织。";
    }
    var list = form.querySelector("#f-district-list");
    if (list) {
      list.innerHTML = "";
      (data.districts[org] || []).forEach(function (name) { list.appendChild(el("option", { value: name })); });
    }
    proposeId();
  }

  /* --- the file name, proposed from the name as the scaffold does (slugs.py, scaffold.new_venue_id) --- */

  var readings = null;

  function reading(ch) {
    if (!readings) {
      readings = {};
      data.pinyin.split("|").forEach(function (group) {
        var syllable = /^[a-z]+/.exec(group)[0];
        Array.from(group.slice(syllable.length)).forEach(function (c) { readings[c] = syllable; });
      });
    }
    return readings[ch];
  }

  /* Lowercase pinyin and ASCII, hyphen-separated, at most 40 characters: slugs.slug. */
  function slug(text) {
    var items = [], run = "";
    Array.from(text).forEach(function (ch) {
      var r = reading(ch);
      if (r) {
        if (run) items.push(run);
        run = "";
        items.push(r);
      } else {
        run += ch;
      }
    });
    if (run) items.push(run);
    var joined = items.map(function (item) {
      var word = item.toLowerCase().replace(/[^a-z0-9]+/g, "-");
      return /^[a-z]+$/.test(word) ? word : "-" + word + "-";
    }).join("");
    return joined.replace(/-+/g, "-").replace(/^-|-$/g, "").slice(0, 40).replace(/^-|-$/g, "");
  }

  function fnv(text, seed) {
    var bytes = new TextEncoder().encode(text), h = seed;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h >>> 0;
  }

  var takenBits = null;

  /* Whether the Bloom filter of used ids (form_lookup.taken_filter) holds `id`: one free id in a hundred is wrongly held. */
  function taken(id) {
    if (!takenBits) takenBits = Uint8Array.from(atob(data.taken.data), function (c) { return c.charCodeAt(0); });
    var h1 = fnv(id, 0x811c9dc5), h2 = (fnv(id, 0x01000193) | 1) >>> 0;
    for (var i = 0; i < data.taken.k; i++) {
      var p = (h1 + i * h2) % data.taken.bits;
      if (!(takenBits[p >> 3] & (1 << (p & 7)))) return false;
    }
    return true;
  }

  function free(base) {
    var id = base, n = 2;
    while (taken(id)) id = base + "-" + n++;
    return id;
  }

  /* The org, then the pinyin of the name without its district and type, numbered when taken. */
  function proposal() {
    var org = orgSelect ? orgSelect.value : "";
    if (!org) return "";
    var name = textOf(fieldEl("name")), district = fieldEl("district") ? textOf(fieldEl("district")) : "";
    var type = typeSelect && typeSelect.value ? data.typeLabels[typeSelect.value] : "";
    var core = name;
    if (district) core = core.split(district).join("");
    if (type) core = core.split(type).join("");
    var base = [org, slug(core || name)].filter(Boolean).join("-");
    return name ? free(base) : org + "-";
  }

  /* Filled in while the staff member has not written a name of their own. */
  function proposeId() {
    if (!idInput || (idInput.value !== "" && idInput.value !== lastPrefix)) return;
    idInput.value = proposal();
    lastPrefix = idInput.value;
  }


  if (typeSelect) typeSelect.addEventListener("change", function () { syncType(); proposeId(); });
  ["name", "district"].forEach(function (key) { if (fieldEl(key)) control(fieldEl(key)).addEventListener("input", proposeId); });
  if (orgSelect) orgSelect.addEventListener("change", syncOrg);
  syncType();
  syncOrg();

  /* --- coordinates: a pasted pair is split, the phone's position filled in --- */

  var latInput = form.querySelector("#f-location-lat"), lngInput = form.querySelector("#f-location-lng");
  function splitPair(event) {
    var both = lk.staffInput.pair(event.target.value);
    if (!both) return;
    latInput.value = both[0];
    lngInput.value = both[1];
    form.querySelector(".lk-vform__here-status").textContent = "已分开填入纬度 " + latInput.value + "、经度 " + lngInput.value + "。";
  }

  if (latInput && lngInput) {
    latInput.addEventListener("input", splitPair);
    lngInput.addEventListener("input", splitPair);
  }

  var here = form.querySelector(".lk-vform__here");
  if (here) {
    here.addEventListener("click", function () {
      var note = form.querySelector(".lk-vform__here-status");
      if (!navigator.geolocation) { note.textContent = "这个浏览器不能定位，请从地图复制坐标。"; return; }
      note.textContent = "正在定位……";
      navigator.geolocation.getCurrentPosition(function (pos) {
        latInput.value = pos.coords.latitude.toFixed(6);
        lngInput.value = pos.coords.longitude.toFixed(6);
        var wgs = form.querySelector('input[name="location.datum"][value="wgs84"]');
        if (wgs) wgs.checked = true;
        note.textContent = "已填入手机定位的坐标（WGS-84，误差约 " + Math.round(pos.coords.accuracy) + " 米）。";
      }, function () {
        note.textContent = "没能定位（可能没有允许定位），请从地图复制坐标。";
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  }

  /* --- checks: what the JSON Schema says --- */

  function problem(field) {
    var key = field.getAttribute("data-key"), label = field.getAttribute("data-label");
    var widget = field.getAttribute("data-widget"), required = field.hasAttribute("data-required");
    if (field.hidden || field.closest("[hidden]")) return "";
    if (widget === "hours") return previewHours().error || "";
    if (widget === "body") return personal(form.querySelector("#f-body").value, "正文");
    if (widget === "radios" || widget === "checks") {
      return required && !checked(field).length ? "请选择" + label : "";
    }
    var value = valueOf(field);
    if (!value) return required ? (widget === "select" ? "请选择" : "请填写") + label : "";
    if (widget !== "select" && personal(value, label)) return personal(value, label);
    if (field.getAttribute("data-reads") === "phone" && lk.staffInput.phone(value)[1]) return lk.staffInput.phone(value)[1];
    if (widget === "id") {
      if (!idPattern.test(value)) return "文件名只用小写英文字母、数字和连字符（不以连字符开头或结尾），例如 mouqu-xinhua-youth-home";
      return taken(value) ? "“" + value + "”已被使用（文件名或旧网址），请换一个，例如 " + free(value) : "";
    }
    var prop = schemaOf(key);
    if (widget === "lines") return "";
    if (prop.type === "number" || prop.type === "integer") {
      if (!/^-?\d+(?:\.\d+)?$/.test(value)) return label + "应为数字（十进制）：“" + textOf(field) + "”读不出数字";
      var n = Number(value);
      if ((prop.minimum !== undefined && n < prop.minimum) || (prop.maximum !== undefined && n > prop.maximum)) {
        return label + "应在 " + prop.minimum + " 至 " + prop.maximum + " 之间" + (key.indexOf("location.") === 0 ? "（中国境内）；纬度和经度是否写反了？" : "");
      }
      if (prop.exclusiveMinimum !== undefined && n <= prop.exclusiveMinimum) return label + "应大于 " + prop.exclusiveMinimum;
      return "";
    }
    var length = Array.from(value).length;
    if (prop.minLength && length < prop.minLength) return label + "至少要写 " + prop.minLength + " 个字";
    if (prop.maxLength && length > prop.maxLength) return label + "最多写 " + prop.maxLength + " 个字";
    var compared = prop.format === "phone" ? value.replace(/ /g, "") : value;
    if (prop.pattern && !new RegExp(prop.pattern).test(compared)) return label + "写法不对：" + (prop.hint || "请对照字段说明");
    return "";
  }

  /* The first mobile or resident ID number make check would refuse in `text` (privacy.py), in its words. */
  var KINDS = { mobile: "个人手机号", resident_id: "居民身份证号" };

  function personal(text, where) {
    var found = lk.staffInput.personal(text, false)[0];
    if (!found) return "";
    var line = where === "正文" && text.indexOf("\n") >= 0 ? "第 " + (found[2] + 1) + " 行" : "";
    return where + line + "含有" + KINDS[found[0]] + " " + found[1] + "；" + data.privacy.hint;
  }

  function show(field, message) {
    var error = field.querySelector(".lk-field__error");
    var target = field.querySelector("fieldset") || control(field);
    if (!error || !target) return;
    error.textContent = message;
    error.hidden = !message;
    var ids = (target.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id && id !== error.id; });
    if (message) ids.push(error.id);
    if (ids.length) target.setAttribute("aria-describedby", ids.join(" "));
    else target.removeAttribute("aria-describedby");
    if (message) target.setAttribute("aria-invalid", "true");
    else target.removeAttribute("aria-invalid");
  }

  function fields() { return Array.prototype.slice.call(form.querySelectorAll(".lk-field[data-key]")); }

  /* --- the file --- */

  function entries() {
    var found = [], location = {};
    fields().forEach(function (field) {
      var key = field.getAttribute("data-key"), widget = field.getAttribute("data-widget");
      if (field.hidden || widget === "id" || widget === "body") return;
      if (key.indexOf("location.") === 0) {
        var part = key.split(".")[1];
        location[part] = widget === "radios" ? checked(field)[0] : valueOf(field);
        if (part === "datum") found.push(["location", location]);
        return;
      }
      if (widget === "hours") {
        var hours = previewHours().hours;
        if (hours) found.push([key, { text: hours }]);
      } else if (widget === "checks") {
        var items = checked(field);
        if (items.length) found.push([key, { kind: "keys", items: items }]);
      } else if (widget === "lines") {
        var lines = valueOf(field).split(/\r?\n/).map(function (s) { return s.trim(); }).filter(Boolean);
        if (lines.length) found.push([key, { kind: "lines", items: lines }]);
      } else {
        var value = valueOf(field);
        if (value && widget === "tel") value = value.replace(/ /g, "");
        if (value) found.push([key, widget === "number" ? { kind: "number", text: value } : { text: value }]);
      }
    });
    return found;
  }

  function copy(text) {
    function fallback() {
      output.focus();
      output.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      status.textContent = ok ? "已复制文件内容。" : "没能自动复制：文件内容已选中，请按 Ctrl+C（手机上长按）复制。";
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { status.textContent = "已复制文件内容。"; }, fallback);
    } else {
      fallback();
    }
  }

  function make() {
    var found = [];
    fields().forEach(function (field) {
      var message = problem(field);
      show(field, message);
      if (message) found.push([field, message]);
    });
    var box = form.querySelector(".lk-vform__problems");
    var list = box.querySelector("ul");
    list.innerHTML = "";
    if (found.length) {
      result.hidden = true;
      found.forEach(function (item) {
        var target = item[0].querySelector("fieldset") || control(item[0]);
        var link = el("a", { href: "#" + target.id }, item[1]);
        link.addEventListener("click", function (event) {
          event.preventDefault();
          (target.matches("fieldset") ? target.querySelector("input, button") : target).focus();
        });
        var li = el("li");
        li.appendChild(link);
        list.appendChild(li);
      });
      box.querySelector("h2").textContent = "还有 " + found.length + " 处需要修改";
      box.hidden = false;
      box.focus({ preventScroll: true });
      box.scrollIntoView({ block: "start" });
      return;
    }
    box.hidden = true;
    var org = orgSelect.value, name = idInput.value.trim() + ".md";
    var text = fileText(entries(), form.querySelector("#f-body").value.replace(/\r\n?/g, "\n").trim());
    output.value = text;
    result.querySelector(".lk-vform__path").textContent = data.folder + "/" + org + "/" + name;
    Array.prototype.forEach.call(result.querySelectorAll(".lk-vform__folder"), function (node) { node.textContent = data.folder + "/" + org + "/"; });
    Array.prototype.forEach.call(result.querySelectorAll(".lk-vform__name"), function (node) { node.textContent = name; });
    var open = result.querySelector(".lk-vform__open");
    if (open && data.forge) {
      var link = newFileLink(data.forge, org, name, text);
      open.href = link.href;
      var long = result.querySelector(".lk-vform__long");
      if (long) long.hidden = link.whole;
    }
    status.textContent = "";
    result.hidden = false;
    var heading = result.querySelector("h2");
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    make();
  });
  /* A changed form makes the shown file stale: hide it until it is made again. */
  form.addEventListener("input", function () { if (!result.hidden) { result.hidden = true; } });
  form.addEventListener("change", function () { if (!result.hidden) { result.hidden = true; } });
  result.querySelector(".lk-vform__copy").addEventListener("click", function () { copy(output.value); });
  var open = result.querySelector(".lk-vform__open");
  if (open) open.addEventListener("click", function () { copy(output.value); });
})();
