/* Site search: the header box (leaguekit/theme/partials/search.html) over the static index that
 * leaguekit/output/search_index.py writes to site/search/ (its docstring describes the files).
 *
 * - Nothing is fetched until the box is focused, the header button pressed or "/" typed;
 *   then manifest.json, and per query only the shards of its tokens and the record files
 *   of the results shown. Everything comes from this site: the index is found relative to
 *   this script, so the site works from any sub-path.
 * - Query rules (the same tokens as the build, leaguekit/output/search_text.py; tests/search_cases.json
 *   checks both): punctuation, question words and fillers left out (青年之家电话 → 青年之家; the lists
 *   come with the manifest), Chinese as character pairs, Latin words as pinyin split with the syllables
 *   the manifest ships (qingnianz → qingnian nianz) or as initials (qnz → qn nz). A document must hold every
 *   token whose list is complete; a list cut at the build's cap only adds score (a document missing
 *   from it may hold the token all the same); when every list is cut, any document in them counts,
 *   those in more of the lists first.
 *   When some character pair is in no page at all, the query is tried again as if one character was
 *   mistyped, left out or doubled (typoPlans: the build indexes names' gap pairs, 年_家). When fewer
 *   than THIN public documents hold every complete token, those holding at least half of the tokens
 *   follow them as partial matches; when nothing at all is found, the list offers ROADS (the finder,
 *   the activities, 12355).
 *   Rank: the sum of the build's scores, each times the token's rarity (then the number of
 *   tokens held); the first results are re-ranked by their records: a page that owns a name equal to
 *   the query first (a venue before others; the build says which names a page owns, so a brand
 *   named like another org's venue or a service owns none), then titles holding the query. Staff
 *   pages (stored last) go after every other result unless the query holds one of their words.
 * - A combobox with a list box (WAI-ARIA combobox pattern): arrows move through the
 *   results while focus stays in the box, Enter opens one, Escape closes; the number of
 *   results is announced in a polite live region. The header survives Material's instant
 *   navigation, so the loaded index is kept for the next page.
 */
(function () {
  "use strict";
  var lk = (window.leaguekit = window.leaguekit || {});
  var ROOT = new URL("../../", document.currentScript.src);
  var INDEX = new URL("search/", ROOT);
  var FORMAT = 3; // leaguekit/output/search_index.py FORMAT
  var PAGE = 8; // results shown at a time
  var VERIFY = 12; // leading results whose titles are checked against the whole query
  var THIN = 3; // fewer public pages than this hold the whole query: partial matches follow them
  var FULL = 1e9; // the tier of a page holding the whole query, above any partial match's
  var HINT = "输入阵地名称、县区、乡镇或服务，例如“托管”“心理健康”，也可以打拼音";
  var CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}";
  var WORD = /[a-z0-9]+/g;
  var LONE = new RegExp("(?<![" + CJK + "])[" + CJK + "](?![" + CJK + "])", "gu");
  var PAIR = new RegExp("(?=([" + CJK + "]{2}))", "gu");
  var RUN = new RegExp("[" + CJK + "]+", "gu");
  var HAN = new RegExp("[" + CJK + "]", "u");
  var OTHER = new RegExp("[^" + CJK + "a-z0-9]", "gu");
  var GAP = "_";
  var LONGEST_WORD = 40, LONGEST_SYLLABLE = 6;

  /* --- tokens (leaguekit/output/search_text.py: normalize, clean_query, name_key, split_pinyin, word_tokens, query_tokens, typo_plans, shard_of) --- */

  function normalize(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  function words(text) {
    return text.split(/\s+/).filter(Boolean).join(" ");
  }

  /* The manifest's fillers as one alternation (longest first, as listed) and its particles at the end of a run. */
  var cleaners = null;
  function cleanersOf(fillers, particles) {
    if (!cleaners || cleaners.fillers !== fillers) {
      var escaped = fillers.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
      cleaners = {
        fillers: fillers,
        filler: new RegExp(escaped.join("|") || "(?!)", "gu"),
        particle: new RegExp("[" + particles + "]+(?![" + CJK + "])", "gu"),
      };
    }
    return cleaners;
  }

  /* The query without punctuation, question words and fillers (the manifest's lists): 青年之家电话 → 青年之家. */
  function cleanQuery(text, fillers, particles) {
    var c = cleanersOf(fillers, particles), q = normalize(text);
    var cleaned = words(q.replace(OTHER, " ").replace(c.filler, " ").replace(c.particle, " "));
    return /[a-z0-9]/.test(cleaned) || HAN.test(cleaned) ? cleaned : words(q);
  }

  /* What a name is compared by: cleaned like a query, without spaces. */
  function nameKey(text, fillers, particles) {
    return cleanQuery(text, fillers, particles).replace(OTHER, "");
  }

  /* {table, starts} from the manifest's syllables: the syllables, and every proper prefix of one. */
  function pinyinTable(syllables) {
    var starts = new Set();
    syllables.forEach(function (s) { for (var k = 1; k < s.length; k++) starts.add(s.slice(0, k)); });
    return { table: new Set(syllables), starts: starts };
  }

  /* `word` as syllables, longest first, the last possibly cut short; null when it cannot be read so. */
  function splitPinyin(word, t) {
    var failed = new Set();
    function rest(i) {
      if (i === word.length) return [];
      if (failed.has(i)) return null;
      for (var size = Math.min(LONGEST_SYLLABLE, word.length - i); size > 0; size--) {
        var s = word.slice(i, i + size);
        if (t.table.has(s)) {
          var more = rest(i + size);
          if (more !== null) return [s].concat(more);
        }
      }
      if (t.starts.has(word.slice(i))) return [word.slice(i)];
      failed.add(i);
      return null;
    }
    return word.length > 0 && word.length <= LONGEST_WORD ? rest(0) : null;
  }

  function wordTokens(word, t) {
    if (word.length < 2 || !/^[a-z]+$/.test(word)) return [word];
    var parts = splitPinyin(word, t) || word.split("");
    if (parts.length === 1) return [word];
    var found = [];
    for (var i = 0; i + 1 < parts.length; i++) found.push(parts[i] + parts[i + 1]);
    return Array.from(new Set(found));
  }

  function queryTokens(text, t) {
    var q = normalize(text);
    var found = [];
    (q.match(WORD) || []).forEach(function (w) { found = found.concat(wordTokens(w, t)); });
    found = found.concat(q.match(LONE) || []);
    for (var m of q.matchAll(PAIR)) found.push(m[1]);
    return Array.from(new Set(found));
  }

  function pairsOf(run) {
    var found = [];
    for (var m of run.matchAll(PAIR)) found.push(m[1]);
    return found;
  }

  /* Other lookups when some pairs of the query are in no page (`missing`, a Set): one character of one
   * Chinese run mistyped, left out or doubled. In order: left out, the second or first character of the
   * missing pair wrong, one extra; for two missing pairs side by side: the character between wrong, or extra. */
  function typoPlans(text, missing, t) {
    var q = normalize(text), base = queryTokens(q, t);
    var runs = (q.match(RUN) || []).filter(function (r) { return Array.from(r).length >= 3; });
    var runPairs = new Set();
    runs.forEach(function (r) { pairsOf(r).forEach(function (p) { runPairs.add(p); }); });
    var stray = Array.from(missing).some(function (m) { return !runPairs.has(m); });
    var slips = runs.map(function (r) {
      var chars = Array.from(r), at = [];
      for (var j = 0; j + 1 < chars.length; j++) if (missing.has(chars[j] + chars[j + 1])) at.push(j);
      return { chars: chars, at: at };
    }).filter(function (x) { return x.at.length; });
    if (slips.length !== 1 || stray) return [];
    var c = slips[0].chars, at = slips[0].at;
    function plan(drop, add) {
      var dropped = new Set(drop.map(function (j) { return c[j] + c[j + 1]; }));
      return Array.from(new Set(base.filter(function (x) { return !dropped.has(x); }).concat(add)));
    }
    var plans = [];
    if (at.length === 1) {
      var j = at[0];
      plans.push(plan([j], [c[j] + GAP + c[j + 1]]));
      if (j + 2 < c.length) plans.push(plan([j, j + 1], [c[j] + GAP + c[j + 2]]));
      if (j >= 1) plans.push(plan([j - 1, j], [c[j - 1] + GAP + c[j + 1]]));
      plans.push(plan([j], []));
    } else if (at.length === 2 && at[1] === at[0] + 1) {
      var i = at[1];
      plans.push(plan(at, [c[i - 1] + GAP + c[i + 1]]));
      plans.push(plan(at, [c[i - 1] + c[i + 1]]));
    }
    return plans.filter(function (p) { return p.length; });
  }

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function shardOf(token, shards) {
    var crc = 0xffffffff;
    new TextEncoder().encode(token).forEach(function (b) {
      crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
    });
    return ((crc ^ 0xffffffff) >>> 0) % shards;
  }

  /* --- ranking ------------------------------------------------------------------- */

  /* A shard's list [df, doc, score, doc gap, score, …] as {df, docs, scores}. */
  function decode(list) {
    var docs = [], scores = [], doc = 0;
    if (!list) return { df: 0, docs: docs, scores: scores };
    for (var i = 1; i < list.length; i += 2) {
      doc += list[i];
      docs.push(doc);
      scores.push(list[i + 1]);
    }
    return { df: list[0], docs: docs, scores: scores };
  }

  /* Rank documents for the decoded lists of a query's tokens; `total` = documents in the index;
   * documents from after[0] to after[1] - 1 (the staff pages, or null) go after all others.
   * Full matches hold every token whose list is complete; when fewer than THIN public pages do,
   * partial matches follow them, those holding more of the query first (at least half of its tokens;
   * ranked by the rarity of the tokens they hold, so 创青 counts for more than 青春). {results, partial: no full match, extra: partial matches shown, more}. */
  function rank(lists, total, after) {
    var complete = lists.filter(function (l) { return l.docs.length === l.df; });
    var required = null;
    if (complete.length) {
      complete.sort(function (a, b) { return a.docs.length - b.docs.length; });
      required = new Set(complete[0].docs);
      complete.slice(1).forEach(function (l) {
        var has = new Set(l.docs);
        required.forEach(function (d) { if (!has.has(d)) required.delete(d); });
      });
    }
    var found = new Map();
    lists.forEach(function (l) {
      var rarity = Math.log(1 + total / Math.max(1, l.df));
      for (var i = 0; i < l.docs.length; i++) {
        var d = l.docs[i];
        var r = found.get(d);
        if (!r) found.set(d, (r = { doc: d, score: 0, cover: 0, held: 0, last: !!after && d >= after[0] && d < after[1] }));
        r.score += rarity * l.scores[i];
        r.cover += 1;
        r.held += rarity;
      }
    });
    var results = Array.from(found.values());
    var more = complete.length === 0;
    /* Every list cut (common words only): a document seen in more of them holds more of the query. */
    if (more) results.forEach(function (r) { r.tier = r.cover; });
    else {
      var full = results.filter(function (r) { return required.has(r.doc); });
      full.forEach(function (r) { r.tier = FULL; });
      var extra = [];
      if (full.filter(function (r) { return !r.last; }).length < THIN) {
        var need = Math.max(1, Math.ceil(lists.length / 2));
        extra = results.filter(function (r) { return !required.has(r.doc) && r.cover >= need; });
        extra.forEach(function (r) { r.tier = r.held; });
      }
      results = full.concat(extra);
    }
    results.sort(byRank);
    return { results: results, partial: !more && !required.size && results.length > 0, extra: more ? 0 : results.length - required.size, more: more };
  }

  function byRank(a, b) {
    return a.last - b.last || (b.exact || 0) - (a.exact || 0) || (b.tier || 0) - (a.tier || 0) || b.score - a.score || b.cover - a.cover || a.doc - b.doc;
  }

  /* Whether the query asks for a staff page: it holds one of the words the build listed for them. */
  function asksStaff(query, words) {
    var q = normalize(query).replace(/\s+/g, "");
    return words.some(function (w) { return q.indexOf(w) >= 0; });
  }

  /* Re-ranks the leading results by their records: a page whose own name is the query comes first
   * (a venue before any other page: `exact`); then one whose title holds the whole query counts double.
   * A page's names are those the build found it owns (`names`; none for a page named like another
   * org's venue, a service or a type), else its title. */
  function verify(results, records, key, m) {
    results.forEach(function (r) {
      var rec = records.get(r.doc);
      var title = nameKey(rec.title, m.fillers, m.particles);
      var names = rec.names || [title];
      r.exact = names.indexOf(key) >= 0 ? (rec.kind === "venue" ? 2 : 1) : 0;
      if (title.indexOf(key) >= 0) r.score *= 2;
    });
    return results.sort(byRank);
  }

  /* --- the index files ------------------------------------------------------------- */

  function Index() {
    this.manifest = null;
    this.files = new Map();
  }

  Index.prototype.open = function () {
    var self = this;
    if (!this.manifest) {
      this.manifest = fetch(new URL("manifest.json", INDEX), { cache: "no-cache" }).then(function (r) {
        if (!r.ok) throw new Error("search manifest: " + r.status);
        return r.json();
      }).then(function (m) {
        if (m.format !== FORMAT) throw new Error("search index format " + m.format);
        return m;
      });
      this.manifest.catch(function () { self.manifest = null; });
    }
    return this.manifest;
  };

  /* One index file, fetched once; the stamp keeps a browser cache from mixing two builds. */
  Index.prototype.file = function (path, stamp) {
    var self = this;
    if (!this.files.has(path)) {
      var loading = fetch(new URL(path + "?v=" + stamp, INDEX)).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
      loading.catch(function () { self.files.delete(path); });
      this.files.set(path, loading);
    }
    return this.files.get(path);
  };

  /* The syllable table of the loaded manifest, built once. */
  Index.prototype.pinyin = function (m) {
    if (!this.table) this.table = pinyinTable(m.syllables);
    return this.table;
  };

  /* The decoded list of each token, in order; `known` keeps those already fetched for this query. */
  Index.prototype.lists = function (words, m, known) {
    var self = this;
    return Promise.all(words.map(function (t) {
      if (known.has(t)) return known.get(t);
      return self.file("t/" + shardOf(t, m.shards) + ".json", m.stamp).then(function (shard) {
        var list = decode(Object.prototype.hasOwnProperty.call(shard, t) ? shard[t] : null);
        known.set(t, list);
        return list;
      });
    }));
  };

  /* {results, partial, extra, more, corrected, query}: `query` is what was looked up (the question
   * words left out); `corrected` when the results are for a query one character off. */
  Index.prototype.find = function (text) {
    var self = this;
    return this.open().then(function (m) {
      var t = self.pinyin(m), known = new Map();
      var query = cleanQuery(text, m.fillers, m.particles);
      var words = queryTokens(query, t);
      var after = asksStaff(text, m.staffWords) ? null : m.staff;
      if (!words.length) return { results: [], partial: false, extra: 0, more: false, query: query };
      return self.lists(words, m, known).then(function (lists) {
        var found = rank(lists, m.docs, after);
        found.query = query;
        var missing = new Set(words.filter(function (w, i) { return lists[i].df === 0; }));
        var plans = missing.size && (!found.results.length || found.partial) ? typoPlans(query, missing, t) : [];
        if (!plans.length) return found;
        var extra = Array.from(new Set([].concat.apply([], plans))).filter(function (w) { return !known.has(w); });
        return self.lists(extra, m, known).then(function () {
          for (var i = 0; i < plans.length; i++) {
            var again = rank(plans[i].map(function (w) { return known.get(w); }), m.docs, after);
            if (again.results.length && !again.partial) {
              again.corrected = true;
              again.query = query;
              return again;
            }
          }
          return found;
        });
      });
    });
  };

  /* Records {url, title, summary, kind, label, names} of the given results, keyed by document number. */
  Index.prototype.records = function (results) {
    var self = this;
    return this.open().then(function (m) {
      var chunks = Array.from(new Set(results.map(function (r) { return Math.floor(r.doc / m.chunk); })));
      return Promise.all(chunks.map(function (n) { return self.file("d/" + n + ".json", m.stamp); })).then(function (files) {
        var found = new Map();
        results.forEach(function (r) {
          var x = files[chunks.indexOf(Math.floor(r.doc / m.chunk))][r.doc % m.chunk];
          found.set(r.doc, { url: x[0], title: x[1], summary: x[2], kind: m.kindKeys[x[3]], label: m.kinds[x[3]], names: x[4] });
        });
        return found;
      });
    });
  };

  /* The whole lookup: `find`, then the leading results re-ranked by their records. {found, results, records}. */
  Index.prototype.search = function (text) {
    var self = this;
    return this.find(text).then(function (found) {
      var head = found.results.slice(0, VERIFY);
      return Promise.all([self.open(), self.records(head)]).then(function (both) {
        var m = both[0], records = both[1];
        verify(head, records, nameKey(found.query, m.fillers, m.particles), m);
        return { found: found, results: head.concat(found.results.slice(VERIFY)), records: records };
      });
    });
  };

  lk.search = {
    pinyinTable: pinyinTable, splitPinyin: splitPinyin, cleanQuery: cleanQuery, nameKey: nameKey, queryTokens: queryTokens,
    typoPlans: typoPlans, shardOf: shardOf, rank: rank, asksStaff: asksStaff, Index: Index,
  };

  /* --- the search box ---------------------------------------------------------------- */

  var root = document.querySelector("[data-lk-search]");
  if (!root) return;
  var toggle = document.getElementById("__search"); // Material's switch that shows the dialog
  var input = root.querySelector(".md-search__input");
  var status = root.querySelector("#lk-search-status");
  var list = root.querySelector("#lk-search-list");
  var opener = document.querySelector("[data-lk-search-open]");
  var index = new Index();
  var state = { query: "", results: [], records: new Map(), shown: 0, active: -1, run: 0 };
  var timer = 0;
  /* When nothing is found: the finder, what is on, and the league's hotline for young people. */
  var ROADS = [
    { url: "nearby/", title: "找身边的青年阵地", label: "找阵地", summary: "按距离、县区、服务和开放时间查找" },
    { url: "activities/", title: "看看近期活动", label: "活动", summary: "本周、下周和以后的活动" },
    { url: "tel:12355", title: "拨打 12355 青少年服务台", label: "热线", summary: "心理咨询、法律咨询、权益维护：共青团的青少年服务热线" },
  ];

  function setOpen(open) {
    if (toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function start() {
    index.open().catch(function () { status.textContent = "搜索暂时无法使用，请检查网络后重试。"; });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  }

  function search() {
    var query = input.value.trim();
    var run = ++state.run;
    state.query = query;
    if (!query) {
      show([], new Map(), HINT);
      return;
    }
    status.textContent = "正在搜索…";
    index.search(query).then(function (got) {
      if (run !== state.run) return;
      var found = got.found, results = got.results;
      var n = results.length + (found.more ? " 个以上" : " 个");
      var text = !results.length ? "没有找到与“" + query + "”相关的结果，可以试试："
        : found.corrected ? "没有找到“" + query + "”，以下 " + n + "结果与它只差一个字"
        : found.partial ? "没有同时包含全部字词的结果，以下 " + n + "结果包含其中一部分"
        : found.extra ? "找到 " + (results.length - found.extra) + " 个结果，另有 " + found.extra + " 个结果包含其中一部分"
        : "找到 " + n + "结果";
      show(results, got.records, text);
    }).catch(function () {
      if (run === state.run) show([], new Map(), "搜索暂时无法使用，请检查网络后重试。");
    });
  }

  function show(results, records, text) {
    var query = state.query;
    state.results = results;
    state.records = records;
    state.shown = 0;
    list.replaceChildren();
    status.textContent = text;
    if (!results.length && query) ROADS.forEach(function (road, i) { list.append(option(road, "road-" + i, true)); });
    more(false).then(function () { list.dataset.query = query; }); // tests wait for this
  }

  /* Shows the next PAGE results (fetching their records), with a "show more" option after them. */
  function more(focusFirst) {
    var next = state.results.slice(state.shown, state.shown + PAGE);
    var missing = next.filter(function (r) { return !state.records.has(r.doc); });
    var run = state.run;
    return (missing.length ? index.records(missing) : Promise.resolve(new Map())).then(function (found) {
      if (run !== state.run) return;
      found.forEach(function (v, k) { state.records.set(k, v); });
      var first = state.shown;
      list.querySelector(".lk-search__more")?.remove();
      next.forEach(function (r, i) { list.append(option(state.records.get(r.doc), first + i)); });
      state.shown += next.length;
      if (state.shown < state.results.length) {
        var li = document.createElement("li");
        li.className = "lk-search__option lk-search__more";
        li.id = "lk-search-more";
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = "显示更多结果（还有 " + (state.results.length - state.shown) + " 个）";
        list.append(li);
      }
      input.setAttribute("aria-expanded", String(list.children.length > 0));
      activate(focusFirst ? first : -1);
    });
  }

  /* A result (or, with `road`, a way on when nothing was found) as an option of the list box. */
  function option(record, n, road) {
    var li = document.createElement("li");
    li.className = "md-search-result__item lk-search__option" + (road ? " lk-search__road" : "");
    li.id = "lk-search-option-" + n;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.dataset.href = new URL(record.url, ROOT).href;
    if (road) li.dataset.road = "";
    var title = document.createElement("span");
    title.className = "lk-search__title";
    title.textContent = record.title;
    var kind = document.createElement("span");
    kind.className = "lk-search__kind";
    kind.textContent = record.label;
    var summary = document.createElement("span");
    summary.className = "lk-search__summary";
    summary.textContent = record.summary;
    li.append(title, " ", kind, " ", summary);
    return li;
  }

  function options() {
    return Array.from(list.querySelectorAll("[role=option]"));
  }

  function activate(n) {
    var all = options();
    state.active = n;
    all.forEach(function (li, i) { li.setAttribute("aria-selected", String(i === n)); });
    if (n >= 0 && all[n]) {
      input.setAttribute("aria-activedescendant", all[n].id);
      all[n].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  /* Opens a result through a link, so Material's instant navigation handles it like any other. */
  function choose(li, newTab) {
    if (li.classList.contains("lk-search__more")) {
      more(true);
      return;
    }
    if (newTab) {
      window.open(li.dataset.href, "_blank", "noopener");
      return;
    }
    setOpen(false);
    var a = document.createElement("a");
    a.href = li.dataset.href;
    a.hidden = true;
    root.append(a);
    a.click();
    a.remove();
  }

  input.addEventListener("focus", function () { setOpen(true); start(); });
  input.addEventListener("input", function (e) { if (!e.isComposing) schedule(); });
  input.addEventListener("compositionend", schedule);
  input.addEventListener("keydown", function (e) {
    var all = options();
    if (e.isComposing) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!all.length) return;
      var step = e.key === "ArrowDown" ? 1 : -1;
      activate(state.active < 0 ? (step > 0 ? 0 : all.length - 1) : (state.active + step + all.length) % all.length);
    } else if (e.key === "Enter") {
      if (list.dataset.query !== input.value.trim()) {
        clearTimeout(timer); // the results shown are for an older query: search now instead
        search();
      } else {
        var target = all[state.active] || (all[0] && !all[0].classList.contains("lk-search__more") ? all[0] : null);
        if (target) choose(target, e.ctrlKey || e.metaKey);
      }
    } else if (e.key === "Escape") {
      setOpen(false);
      if (opener && opener.offsetParent) opener.focus();
      else input.blur();
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  });
  list.addEventListener("click", function (e) {
    var li = e.target.closest("[role=option]");
    if (li) choose(li, e.ctrlKey || e.metaKey);
  });
  list.addEventListener("mousemove", function (e) {
    var li = e.target.closest("[role=option]");
    if (li) activate(options().indexOf(li));
  });
  root.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); });
  root.querySelector("form").addEventListener("reset", function () {
    setTimeout(function () { search(); input.focus(); });
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) input.focus();
    else if (!toggle.checked && root.contains(document.activeElement)) document.activeElement.blur();
  });
  if (opener) {
    opener.addEventListener("click", function () { setOpen(true); input.focus(); start(); });
  }
  /* Material's instant navigation swaps the page but keeps the header: close the dialog on every new page. */
  if (window.document$) window.document$.subscribe(function () { setOpen(false); });
  /* "/" opens search from anywhere but a form field. */
  window.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    setOpen(true);
    input.focus();
  });
})();
