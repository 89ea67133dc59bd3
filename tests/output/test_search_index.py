"""The static search index: tokens, what each page is found by, and files that stay small.

Queries in the browser are tested in tests/browser/test_search.py; the tokens and shard
numbers here are the ones search.js must produce too (tests/search_cases.json).
"""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, build_site, squat

from leaguekit import generate, output
from leaguekit.content import load
from leaguekit.content.readers.figures import load as load_figures
from leaguekit.generate import page
from leaguekit.generate.page import KINDS, SearchEntry
from leaguekit.output import search_index, search_text
from leaguekit.output.search_index import CAP, CHUNK, SearchIndex

CONTENT = load(SAMPLE)
CASES = json.loads((REPO / "tests/search_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["tokens"], ids=lambda c: c["text"])
def test_tokens(case):
    assert search_text.tokens(case["text"], unigrams=case["unigrams"]) == case["tokens"]


@pytest.mark.parametrize("case", CASES["names"], ids=lambda c: c["text"])
def test_names_are_found_by_pinyin_initials_prefixes_and_gap_pairs(case):
    held = set(search_text.name_tokens(case["text"]))
    for query in case["found_by"]:
        looked_up = [query] if search_text.GAP in query else search_text.query_tokens(query)
        assert looked_up and set(looked_up) <= held, query


@pytest.mark.parametrize("case", CASES["clean"], ids=lambda c: c["text"])
def test_clean_query(case):
    assert search_text.clean_query(case["text"]) == case["clean"]


@pytest.mark.parametrize("case", CASES["keys"], ids=lambda c: c["text"])
def test_name_key(case):
    assert search_text.name_key(case["text"]) == case["key"]


@pytest.mark.parametrize("case", CASES["split"], ids=lambda c: c["word"][:12])
def test_split_pinyin(case):
    assert search_text.split_pinyin(case["word"], *search_text._tables()) == case["syllables"]


@pytest.mark.parametrize("case", CASES["query"], ids=lambda c: c["text"])
def test_query_tokens(case):
    assert search_text.query_tokens(case["text"]) == case["tokens"]


@pytest.mark.parametrize("case", CASES["typo"], ids=lambda c: c["text"])
def test_typo_plans(case):
    assert search_text.typo_plans(case["text"], set(case["missing"])) == case["plans"]


@pytest.mark.parametrize("case", CASES["shards"], ids=lambda c: f"{c['token']}/{c['shards']}")
def test_shard_of(case):
    assert search_text.shard_of(case["token"], case["shards"]) == case["shard"]


def test_syllables_are_the_standard_table_without_vowelless_interjections():
    table = search_text.syllables()
    assert 400 <= len(table) <= 440 and list(table) == sorted(set(table))
    assert {"a", "zhuang", "lv", "lve", "er", "yo"} <= set(table)
    assert not {"m", "n", "ng", "hm", "hng"} & set(table)


def test_markdown_text_keeps_words_not_markup():
    text = page.markdown_text("## 活动\n\n**每周六**开放，详见[报名须知](../brands/x.md)。![门口](a.jpg)\n\n- 读书会\n\n```\n代码\n```", limit=400)
    assert text == "活动 每周六开放，详见报名须知。门口 读书会 代码"  # what a reader sees: an image's alt text, code as shown
    assert len(page.markdown_text("青" * 1000)) == page.BODY_CHARS


def test_html_text_leaves_out_scripts_styles_and_svg():
    html = "<h2>数据</h2><svg><title>图表</title><text>12</text></svg><script>var x = 1;</script><style>p{}</style><p>共&nbsp;<b>12</b> 个</p>"
    assert search_index.html_text(html) == "数据 共 12 个"


def pages() -> dict[str, generate.GeneratedPage]:
    site = generate.Site(CONTENT, figures=load_figures(SAMPLE, CONTENT))
    return {p.url: p for p in itertools.chain(generate.pages(site), output.pages(site))}


def test_venue_entry_describes_the_venue():
    venue = CONTENT.venue["taigu-beiguang-youth-home"]
    (entry,) = pages()[f"venues/{venue.id}/"].search
    assert entry.kind == "venue" and entry.title == "太谷区北洸乡青年之家"
    assert entry.summary == "青年之家（标准型） · 晋中市太谷区 · 北洸乡 · " + venue.data.address
    for word in ("青年之家", "晋中市太谷区", "文化学习", "志愿公益", "太谷共青团"):
        assert word in entry.keywords
    assert "自习" in entry.related and "志愿者" in entry.related  # the services' everyday words (data/services.yml aliases)
    assert "自习" not in entry.keywords  # below the services' names: a brand named for the need comes first
    district = pages()["districts/jinzhong-taiguqu/"].search[0]
    assert "北洸乡" in district.places.split()  # a town's pinyin finds its district page
    pku = pages()["venues/taiyuan-xuezi-guichao-pku/"].search[0]
    assert pku.names == "北大学子归巢工作站 北大工作站 北京大学学子归巢工作站"  # also_known_as, and the place in brackets before the type
    assert pages()["venues/taiyuan-liuxiang-youth-station/"].search[0].names == "柳巷青春驿站"
    assert entry.body and entry.body in page.markdown_text(venue.body)
    assert entry.group.startswith(CONTENT.district(venue).key)


def test_every_page_but_later_list_pages_is_findable():
    found = pages()
    silent = [url for url, p in found.items() if not p.search]
    assert all("/page/" in url for url in silent), silent
    kinds = {e.kind for p in found.values() for e in p.search}
    assert kinds == set(KINDS) - {"report", "figures", "page"}  # those are hand-written pages
    assert [e.kind for e in found["contribute/new/"].search] == ["staff"]  # the venue form, a staff page like the guide


def test_brand_and_service_entries():
    found = pages()
    (brand,) = found["brands/taigu-qicai-jiaqi/"].search
    assert brand.kind == "brand" and brand.summary == CONTENT.brand["taigu-qicai-jiaqi"].data.summary
    assert found["brands/taiyuan-chuang-qingchun/"].search[0].names == "创青春"  # “创青春”太原青年创业创新大赛
    assert page.quoted_names("“浓情腊八，温暖‘粥’到！”志愿服务 「青春」“青春”") == "浓情腊八，温暖‘粥’到！ 青春"
    finder = {e.at: e for e in found["nearby/"].search}
    assert finder[""].kind == "finder"
    offered = {s for v in CONTENT.open_venues for s in v.data.services}
    assert set(finder) - {""} == {f"?service={s}" for s in offered}
    assert finder["?service=lodging"].title == "提供短期住宿服务的阵地"


def test_scores_rank_title_over_keywords_over_body_and_hubs_over_listings():
    venue = SearchEntry(kind="venue", title="北洸乡青年之家", keywords="托管", body="托管 读书 读书")
    scores = search_index._scores(venue)
    assert scores["北洸"] > scores["托管"] > scores["读书"]
    related = search_index._scores(SearchEntry(kind="venue", title="北洸乡青年之家", keywords="托管", related="看孩子", body="读书"))
    assert related["托管"] > related["看孩"] > related["读书"]  # a service's everyday words weigh less than its name
    assert scores["北"] == scores["北洸"]  # titles index single characters too
    assert "读" not in scores  # body text does not
    listing = search_index._scores(SearchEntry(kind="listing", title="北洸乡青年之家"))
    district = search_index._scores(SearchEntry(kind="district", title="北洸乡青年之家"))
    assert district["北洸"] > scores["北洸"] > listing["北洸"]
    shorter = search_index._scores(SearchEntry(kind="venue", title="北洸青年之家"))
    assert shorter["北洸"] > scores["北洸"]


def read_index(folder: Path) -> tuple[dict, dict[str, list[int]], list[list]]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    postings: dict[str, list[int]] = {}
    for n in range(manifest["shards"]):
        shard = json.loads((folder / f"t/{n}.json").read_text(encoding="utf-8"))
        assert all(search_text.shard_of(t, manifest["shards"]) == n for t in shard)
        postings.update(shard)
    docs = [r for n in range(-(-manifest["docs"] // manifest["chunk"])) for r in json.loads((folder / f"d/{n}.json").read_text(encoding="utf-8"))]
    assert len(docs) == manifest["docs"]
    return manifest, postings, docs


def decode(entry: list[int]) -> tuple[int, list[tuple[int, int]]]:
    doc, pairs = 0, []
    for i in range(1, len(entry), 2):
        doc += entry[i]
        pairs.append((doc, entry[i + 1]))
    return entry[0], pairs


def test_common_tokens_keep_their_best_postings_and_count(tmp_path):
    index = SearchIndex()
    for i in range(CAP + 50):
        title = "北洸乡青年之家" if i % 100 == 7 else f"第{i}号阵地"
        index.add(f"venues/v{i:04d}/", [SearchEntry(kind="venue", title=title, body="青年之家")])
    stats = index.write(tmp_path / "search")
    _, postings, docs = read_index(tmp_path / "search")
    df, pairs = decode(postings["之家"])
    assert df == CAP + 50 and len(pairs) == CAP and stats.truncated >= 1
    titled = {d for d, (url, title, *_) in enumerate(docs) if title == "北洸乡青年之家"}
    assert titled <= {d for d, _ in pairs}  # the title hits are kept
    df, pairs = decode(postings["北洸"])
    assert df == len(pairs) == len(titled)


def test_sample_index_files(sample_site):
    folder = sample_site / "search"
    manifest, postings, docs = read_index(folder)
    assert manifest["kinds"] == [label for label, _ in KINDS.values()]
    urls = [r[0] for r in docs]
    assert len(urls) == len(set(urls))
    for venue in CONTENT.venues:
        assert f"venues/{venue.id}/" in urls
    for url in urls:
        path = url.partition("?")[0]
        assert (sample_site / path / "index.html").is_file(), url
    # the same district's venues sit together (one record file per query, usually)
    taigu = [i for i, r in enumerate(docs) if r[3] == list(KINDS).index("venue") and "晋中市太谷区" in r[2]]
    assert taigu == list(range(taigu[0], taigu[0] + len(taigu)))
    kinds = {r[0]: manifest["kinds"][r[3]] for r in docs}
    assert kinds["orgs/taigu/report/"] == "工作报告" and kinds["orgs/taiyuan/figures/"] == "报告数据"
    assert kinds["contribute/"] == kinds["contribute/fields/"] == kinds["contribute/posters/"] == "工作人员" and kinds[""] == "页面"
    staff = [n for n, r in enumerate(docs) if r[0].startswith("contribute/")]
    assert manifest["staff"] == [staff[0], staff[-1] + 1] == [len(docs) - len(staff), len(docs)]  # stored last, side by side
    assert {"参与维护", "字段说明", "门牌海报", "海报", "字段", "新增阵地"} <= set(manifest["staffWords"])
    assert not {"权益维护", "维护", "托管"} & set(manifest["staffWords"])
    assert manifest["syllables"] == list(search_text.syllables())
    report = next(r for r in docs if r[0] == "orgs/taigu/report/")
    assert report[2].startswith("共青团晋中市太谷区委员会 · ")
    assert {d for d, _ in decode(postings["石榴"])[1]} == {urls.index("orgs/taigu/report/"), urls.index("orgs/taigu/figures/")}
    for path in folder.rglob("*.json"):
        assert len(gzip.compress(path.read_bytes())) < 12_000, path
    assert all(len(json.loads((folder / f"d/{n}.json").read_text(encoding="utf-8"))) <= CHUNK for n in range(-(-len(docs) // CHUNK)))


def test_a_page_owns_only_names_no_stronger_claim_holds():
    """The kit's own pages (types, the finder by service) first, then venues' and orgs' own names,
    then anything else an org publishes; a page of the same org as the strongest claim shares it."""
    entries = [
        SearchEntry(kind="type", title="青年之家", answers=("团员之家",)),
        SearchEntry(kind="finder", title="提供心理健康服务的阵地", answers=("心理健康", "心理咨询"), at="?service=mental-health"),
        SearchEntry(kind="venue", title="太谷区北洸乡青年之家", org="taigu", answers=("北洸青年之家",)),
        SearchEntry(kind="venue", title="心理咨询", org="taiyuan", answers=("太谷区北洸乡青年之家", "小店驿站")),
        SearchEntry(kind="brand", title="太谷区北洸乡青年之家", org="taiyuan"),
        SearchEntry(kind="brand", title="太谷区 北洸乡青年之家！", org="taigu"),
        SearchEntry(kind="brand", title="团员之家", org="taigu"),
        SearchEntry(kind="activity", title="青年之家开放日", org="taigu"),
    ]
    assert search_index.owned_names(entries) == [
        ["青年之家", "团员之家"],
        ["提供心理健康服务阵地", "心理健康", "心理咨询"],
        ["太谷区北洸乡青年之家", "北洸青年之家"],
        ["小店驿站"],  # named like a service, and calling itself by another org's venue's name
        [],  # another org's venue's name
        None,  # its own org's venue's name (as typed, without spaces and punctuation): the venue still comes first
        [],  # a type's everyday name
        None,
    ]


def test_squatters_own_nothing_in_the_built_index(project):
    """Hostile pages of a small project (conftest.squat): the records say who owns which name."""
    site = build_site(squat(project))
    _, _, docs = read_index(site / "search")
    names = {r[0]: (r[4] if len(r) > 4 else None) for r in docs}
    assert names["venues/test-venue/"] is None  # its own name
    assert names["brands/own-venue-name/"] is None
    assert all(names[f"brands/squat-venue-{n:02d}/"] == [] for n in range(14))
    assert names["brands/squat-service/"] == names["brands/squat-alias/"] == names["brands/squat-type/"] == []
    assert names["venues/squat-alias-venue/"] is None  # its own name only: not the other org's venue's, not the service's
    assert {"文化学习", "自习"} <= set(names["nearby/?service=study"])
    kinds = [r[3] for r in docs]
    assert kinds.index(list(KINDS).index("venue")) < kinds.index(list(KINDS).index("brand"))  # venues are stored first


def _folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _venues(names: dict[int, str], kept: search_index.KeptIndex | None, summary: str = "") -> SearchIndex:
    index = SearchIndex({}, kept)
    syllables = "安宁平和顺丰泰康兴华阳光明新城东西南北中山河湖林园桥庄长青春永福德"
    for i in range(400):
        word = syllables[i % len(syllables)] + syllables[i * 7 % len(syllables)] + syllables[i * 13 % len(syllables)]
        title = names.get(i, f"{word}社区青年之家")
        index.add(f"venues/v{i:03d}/", [SearchEntry(kind="venue", title=title, summary=summary if i == 9 else "", keywords=f"{word} 托管 读书", body=f"{word}镇 {title} 第{i}号 活动 自习", group=f"d{i % 9}", org="taigu")])
    return index


def test_a_kept_index_rewrites_only_what_changed_and_equals_a_whole_write(tmp_path):
    """`mkdocs serve` keeps the index (KeptIndex): after entries change, added and lost tokens included, the files
    equal a whole write of the same entries, and unchanged shards are not written again."""
    kept = search_index.KeptIndex()
    _venues({}, kept).write(tmp_path / "served")
    assert len(list((tmp_path / "served/t").iterdir())) > 3
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "served/t").iterdir()}
    renamed = {5: "鹦鹉螺号青年之家", 77: "完全不同的名字驿站", 300: "安宁社区青年之家"}
    _venues(renamed, kept).write(tmp_path / "served")
    _venues(renamed, None).write(tmp_path / "whole")
    assert _folder_bytes(tmp_path / "served") == _folder_bytes(tmp_path / "whole")
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "served/t").iterdir()}
    _venues(renamed, kept, summary="周末").write(tmp_path / "served")  # one entry, a few tokens
    _venues(renamed, None, summary="周末").write(tmp_path / "whole")
    assert _folder_bytes(tmp_path / "served") == _folder_bytes(tmp_path / "whole")
    assert sum(p.stat().st_mtime_ns == t for p, t in stamps.items()) > len(stamps) / 2
