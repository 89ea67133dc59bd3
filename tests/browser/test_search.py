"""Site search in Chromium, through the header box as a visitor uses it: the quality set,
what is downloaded and when, keyboard and screen-reader use, and instant navigation."""

from __future__ import annotations

import json
import re

from conftest import REPO, SAMPLE, SQUATTED_NAME, build_site, squat

from leaguekit.content import load
from leaguekit.output.search_text import FILLERS, PARTICLES, shard_of, syllables

from . import search_quality
from .conftest import serve

CONTENT = load(SAMPLE)
CASES = json.loads((REPO / "tests/search_cases.json").read_text(encoding="utf-8"))
QUALITY = 0.95  # share of the quality set found in the first five results on the sample site
FIRST_QUERY_GZIP = 40_000  # bytes of index files (gzip) for a first query on the sample site


def test_js_query_rules_agree_with_python(page, served_site):
    page.goto(served_site)
    got = page.evaluate(
        """([c, syllables, fillers, particles]) => {
            const s = leaguekit.search, t = s.pinyinTable(syllables);
            return [
                c.split.map(x => s.splitPinyin(x.word, t)),
                c.query.map(x => s.queryTokens(x.text, t)),
                c.typo.map(x => s.typoPlans(x.text, new Set(x.missing), t)),
                c.shards.map(x => s.shardOf(x.token, x.shards)),
                c.clean.map(x => s.cleanQuery(x.text, fillers, particles)),
                c.keys.map(x => s.nameKey(x.text, fillers, particles)),
            ];
        }""",
        [CASES, list(syllables()), list(FILLERS), PARTICLES],
    )
    assert got[0] == [c["syllables"] for c in CASES["split"]]
    assert got[1] == [c["tokens"] for c in CASES["query"]]
    assert got[2] == [c["plans"] for c in CASES["typo"]]
    assert got[3] == [c["shard"] for c in CASES["shards"]]
    assert got[4] == [c["clean"] for c in CASES["clean"]]
    assert got[5] == [c["key"] for c in CASES["keys"]]


def test_rank_rules(page, served_site):
    """Lists as search.js decodes them: {df, docs, scores}; a list shorter than df was cut at the build's cap."""
    page.goto(served_site)
    got = page.evaluate(
        """() => {
            const L = (df, pairs) => ({df, docs: pairs.map(p => p[0]), scores: pairs.map(p => p[1])});
            const docs = (r) => r.results.map(x => x.doc);
            const rank = leaguekit.search.rank;
            return [
                // every complete list must hold the document (a cut list only adds score); as only two
                // do, a document holding two of the three tokens follows them
                docs(rank([L(3, [[1, 10], [2, 10], [3, 10]]), L(2, [[2, 50], [3, 5]]), L(900, [[1, 90], [3, 90]])], 1000)),
                // all lists cut: any document in them, those in more lists first, then the best sum
                docs(rank([L(900, [[4, 20], [5, 30]]), L(800, [[5, 30], [6, 70]])], 1000)),
                // nothing holds both complete tokens: documents holding at least half of them, marked partial
                rank([L(1, [[7, 10]]), L(1, [[8, 10]]), L(1, [[7, 10]])], 1000),
                rank([L(0, [])], 1000),
                // staff pages (documents 8 and 9 here) after every other result, whatever their score
                docs(rank([L(4, [[3, 5], [8, 90], [9, 80], [5, 10]])], 10, [8, 10])),
                docs(rank([L(4, [[3, 5], [8, 90], [9, 80], [5, 10]])], 10, null)),
                [leaguekit.search.asksStaff("字段 说明", ["字段说明"]), leaguekit.search.asksStaff("权益维护", ["参与维护"])],
                // three full matches are enough: no partial ones after them
                rank([L(3, [[1, 10], [2, 10], [3, 10]]), L(4, [[1, 5], [2, 5], [3, 5], [4, 50]])], 1000),
                // two are thin: partial matches follow, those holding more of the query first, at least half of it
                rank([L(4, [[1, 10], [2, 10], [5, 10], [6, 10]]), L(4, [[1, 10], [2, 10], [5, 10], [7, 90]]), L(3, [[1, 10], [2, 10], [5, 10]]), L(3, [[1, 10], [2, 10], [6, 90]])], 1000),
                // thin full matches of staff pages only: public partial matches come before them
                docs(rank([L(2, [[3, 5], [8, 90]]), L(2, [[8, 90], [4, 90]])], 10, [8, 10])),
            ];
        }"""
    )
    assert got[0] == [2, 3, 1]  # 1 lacks the second token; 3's 90 on a common token weighs less than 2's 50 on a rare one
    assert got[1] == [5, 6, 4]
    assert [r["doc"] for r in got[2]["results"]] == [7] and got[2]["partial"] is True  # 8 holds one token of three
    assert got[3] == {"results": [], "partial": False, "extra": 0, "more": False}
    assert got[4] == [5, 3, 8, 9] and got[5] == [8, 9, 5, 3]
    assert got[6] == [True, False]
    assert [r["doc"] for r in got[7]["results"]] == [1, 2, 3] and got[7]["extra"] == 0
    assert [r["doc"] for r in got[8]["results"]] == [1, 2, 5, 6] and got[8]["extra"] == 2 and not got[8]["partial"]  # 7 holds one token of four
    assert got[9] == [4, 3, 8]


def test_quality_set_on_the_sample(page, served_site, sample_site):
    queries = search_quality.load()
    assert len(queries) >= 90
    results = search_quality.run(page, served_site, queries)
    assert search_quality.share_found(results) >= QUALITY, search_quality.report(results)
    # Staff pages come first only when asked for by their words, never for a public query.
    words = json.loads((sample_site / "search/manifest.json").read_text(encoding="utf-8"))["staffWords"]
    for r in results:
        public = not any(w in r.query.text.replace(" ", "") for w in words)
        staff_first = bool(r.found) and r.found[0].startswith("contribute/")
        assert staff_first != public or not r.found, (r.query.text, r.found[:3])
    assert page.watch.errors == [] and page.watch.foreign == []


def test_a_query_one_character_off_says_so(page, served_site):
    box = search_quality.open_box(page, served_site)
    found, _ = search_quality.search(page, box, "青年只家", served_site)
    assert found[0] == "types/youth-home/"
    assert re.fullmatch(r"没有找到“青年只家”，以下 \d+ 个结果与它只差一个字", page.locator("#lk-search-status").inner_text())
    found, _ = search_quality.search(page, box, "青年之家", served_site)  # spelt right: no such note
    assert page.locator("#lk-search-status").inner_text().startswith("找到 ")


def test_nothing_is_fetched_before_the_box_opens_and_a_first_query_is_small(page, served_site, sample_site):
    first = search_quality.first_query(page, served_site, "青年之家", "venues/taigu-baita-wenmiao-youth-home/")
    assert first.before_opening == ()
    assert all(url.startswith(served_site + "search/") for url in first.files)
    manifest = json.loads((sample_site / "search/manifest.json").read_text(encoding="utf-8"))
    shards = {u.split("/search/t/")[1].split(".")[0] for u in first.files if "/search/t/" in u}
    assert shards == {str(shard_of(t, manifest["shards"])) for t in ("青年", "年之", "之家")}
    assert any("/search/d/" in u for u in first.files)
    assert first.gzip_bytes < FIRST_QUERY_GZIP, first.files
    assert page.watch.errors == [] and page.watch.foreign == []


def options(page) -> list[dict]:
    return page.locator("#lk-search-list [role=option]").evaluate_all(
        "els => els.map(e => ({id: e.id, selected: e.getAttribute('aria-selected'), text: e.innerText, href: e.dataset.href || ''}))"
    )


def test_keyboard_and_screen_reader(page, served_site):
    page.goto(served_site + "brands/")
    dialog = page.locator("[data-lk-search]")
    assert dialog.get_attribute("role") == "dialog" and dialog.get_attribute("aria-label") == "搜索本站"
    page.keyboard.press("/")
    box = page.locator("#lk-search-input")
    assert page.evaluate("document.activeElement.id") == "lk-search-input"
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("placeholder") == "搜索阵地、县区、服务"
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox" and listbox.get_attribute("aria-label") == "搜索结果"
    status = page.locator("#lk-search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"

    search_quality.search(page, box, "北洸", served_site)
    shown = options(page)
    assert status.inner_text() == f"找到 {len(shown)} 个结果"
    assert box.get_attribute("aria-expanded") == "true"
    assert shown[0]["text"].splitlines()[0].startswith("太谷区北洸乡青年之家")
    assert "青年之家（标准型） · 晋中市太谷区 · 北洸乡 · " in shown[0]["text"]
    assert box.get_attribute("aria-activedescendant") is None
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("ArrowUp")
    first = options(page)[0]
    assert first["selected"] == "true" and box.get_attribute("aria-activedescendant") == first["id"]
    assert [o["selected"] for o in options(page)[1:]] == ["false"] * (len(shown) - 1)
    box.press("Enter")
    page.wait_for_url(served_site + "venues/taigu-beiguang-youth-home/")
    assert page.locator("article h1").inner_text() == "太谷区北洸乡青年之家"

    page.keyboard.press("/")
    assert page.locator("#__search").is_checked()
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    assert page.watch.errors == []


def test_questions_find_what_they_ask_about(page, served_site):
    """Question words and fillers are left out; a thin full match is followed by partial ones, and says so."""
    box = search_quality.open_box(page, served_site)
    found, _ = search_quality.search(page, box, "青年之家电话", served_site)
    assert found[0] == "types/youth-home/" and not any(u.startswith("contribute/") for u in found)
    assert re.fullmatch(r"找到 \d+ 个结果", page.locator("#lk-search-status").inner_text())
    found, _ = search_quality.search(page, box, "北洸乡青年之家几点开门？", served_site)
    assert found[0] == "venues/taigu-beiguang-youth-home/"
    status = page.locator("#lk-search-status").inner_text()
    full, extra = map(int, re.fullmatch(r"找到 (\d+) 个结果，另有 (\d+) 个结果包含其中一部分", status).groups())
    assert full < 3 and extra > 0  # other youth homes of 乡 towns follow
    assert page.watch.errors == []


def test_no_result_offers_the_finder_activities_and_12355(page, served_site):
    box = search_quality.open_box(page, served_site)
    found, _ = search_quality.search(page, box, "量子计算机", served_site)
    assert found == ()
    assert page.locator("#lk-search-status").inner_text() == "没有找到与“量子计算机”相关的结果，可以试试："
    roads = options(page)
    assert [o["href"] for o in roads] == [served_site + "nearby/", served_site + "activities/", "tel:12355"]
    assert [o["text"].splitlines()[0] for o in roads] == ["找身边的青年阵地 找阵地", "看看近期活动 活动", "拨打 12355 青少年服务台 热线"]
    assert box.get_attribute("aria-expanded") == "true"
    box.press("Enter")
    page.wait_for_url(served_site + "nearby/")
    assert page.watch.errors == []


def test_show_more(page, served_site):
    box = search_quality.open_box(page, served_site)
    found, _ = search_quality.search(page, box, "青年之家", served_site)
    shown = options(page)
    assert len(found) == 8 and shown[-1]["text"].startswith("显示更多结果（还有 ")
    assert found[0] == "types/youth-home/"
    box.press("ArrowUp")  # from the box, up wraps to the last option: "show more"
    box.press("Enter")
    page.wait_for_function("document.querySelectorAll('#lk-search-list [data-href]').length > 8")
    assert box.get_attribute("aria-activedescendant") == "lk-search-option-8"  # the first new result


def test_a_result_opens_its_page_and_search_works_there(page, served_site):
    """Plain page loads (no instant navigation: it would fetch sitemap.xml, which grows with the site)."""
    box = search_quality.open_box(page, served_site)
    search_quality.search(page, box, "七彩假期", served_site)
    box.press("Enter")
    page.wait_for_url(served_site + "brands/taigu-qicai-jiaqi/")
    page.locator("article h1", has_text="七彩假期爱心托管班").wait_for()
    box = search_quality.open_box(page, None)
    found, _ = search_quality.search(page, box, "学子归巢", served_site)
    assert "brands/taiyuan-xuezi-guichao/" in found[:2]
    assert page.watch.errors == [] and page.watch.foreign == []


def test_ranking_cannot_be_squatted(page, project, tmp_path):
    """Hostile pages of a small project (conftest.squat): 14 brands of another org named like a venue,
    another org's venue calling itself by that name and by a service's, brands named like a service,
    its everyday word and a venue type. The venue, the finder and the type page keep the top result."""
    with serve(build_site(squat(project)), tmp_path / "www") as base:
        box = search_quality.open_box(page, base)
        found, _ = search_quality.search(page, box, SQUATTED_NAME, base)
        assert found[:2] == ("venues/test-venue/", "brands/own-venue-name/")  # ties go to the venue
        found, _ = search_quality.search(page, box, "测试社区 青年之家！", base)
        assert found[0] == "venues/test-venue/"
        for query, first in (("文化学习", "nearby/?service=study"), ("自习", "nearby/?service=study"), ("青年之家", "types/youth-home/")):
            found, _ = search_quality.search(page, box, query, base)
            assert found[0] == first, (query, found[:3])
        found, _ = search_quality.search(page, box, "太原市小店区测试青年之家", base)
        assert found[0] == "venues/squat-alias-venue/"  # its own name is its own
        assert page.watch.errors == []
