"""Finder data: grid cells that stay small, a nearest-first loading order that is exact, and the built files."""

from __future__ import annotations

import json
import random

import pytest
from conftest import SAMPLE, VALID_VENUE, build_site, soup, write

from leaguekit.content import load
from leaguekit.content.geo import distance_m
from leaguekit.content.schedule import build_date
from leaguekit.output import finder_data as export

CONTENT = load(SAMPLE)


def records(n: int, seed: int = 7) -> list[dict]:
    """`n` venues around three towns, most of them in one dense city."""
    rnd = random.Random(seed)
    centres = [(37.87, 112.55, 0.08), (37.42, 112.55, 0.05), (36.1, 111.5, 0.6)]
    out = []
    for i in range(n):
        lat, lng, spread = centres[0] if i % 3 else rnd.choice(centres)
        out.append({"i": f"v{i:05d}", "p": [lat + rnd.gauss(0, spread), lng + rnd.gauss(0, spread)]})
    return out


def test_cells_hold_each_venue_once_and_stay_small():
    data = export.build(records(2000))
    seen = [r["i"] for cell in data.cells.values() for r in cell]
    assert sorted(seen) == [f"v{i:05d}" for i in range(2000)]
    for key, members in data.cells.items():
        s, w, n, e = export.Cell.parse(key).bounds()
        assert len(members) <= export.MAX_PER_CELL
        assert all(s <= r["p"][0] < n and w <= r["p"][1] < e for r in members), key
    assert data.manifest["cells"] == {k: len(v) for k, v in data.cells.items()}
    assert max(export.Cell.parse(k).level for k in data.cells) > 2, "the dense city must be split"


def test_venues_at_one_spot_stop_splitting_at_max_level():
    same = [{"i": f"s{i}", "p": [37.5, 112.5]} for i in range(export.MAX_PER_CELL + 5)]
    data = export.build(same)
    assert list(data.manifest["cells"].values()) == [export.MAX_PER_CELL + 5]
    assert export.Cell.parse(next(iter(data.cells))).level == export.MAX_LEVEL


@pytest.mark.parametrize("where", [(37.87, 112.55), (37.42, 112.55), (36.5, 111.0), (40.0, 116.3)])
def test_first_cells_give_the_true_nearest_venues(where):
    """Loading cells nearest-first and stopping early must not miss a closer venue."""
    data = export.build(records(3000))
    keys = export.first_results_cells(data.manifest, *where, k=20, load=data.cells.__getitem__)
    loaded = [r for key in keys for r in data.cells[key]]
    everything = [r for cell in data.cells.values() for r in cell]
    nearest = sorted(everything, key=lambda r: distance_m(*where, *r["p"]))[:20]
    from_loaded = sorted(loaded, key=lambda r: distance_m(*where, *r["p"]))[:20]
    assert [r["i"] for r in from_loaded] == [r["i"] for r in nearest]
    assert len(keys) < len(data.cells)


def test_sample_site_finder_files(sample_site):
    root = sample_site / export.FOLDER
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["count"] == len(CONTENT.open_venues) == sum(manifest["cells"].values())
    cells = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (root / "cells").glob("*.json")}
    assert set(cells) == set(manifest["cells"])
    by_id = {r["i"]: r for cell in cells.values() for r in cell}
    assert set(by_id) == {v.id for v in CONTENT.open_venues}

    venue = CONTENT.venue["taigu-mingxing-youth-home"]
    rec = by_id[venue.id]
    assert rec["n"] == venue.data.name and rec["a"] == venue.data.address and rec["f"] == venue.data.phone
    assert rec["p"] == [venue.data.location.lat, venue.data.location.lng]
    # The parsed week, never OpenStreetMap text: the browser does not parse hours.
    assert rec["h"] == venue.hours.schedule() and rec["d"] == "晋中市太谷区" and rec["t"] == "youth-home"
    assert set(rec) <= set("intgsdwaypchfxz"), "a record holds only what a result shows"
    assert rec["y"] == "晋中市"  # the city Baidu's route page asks for
    assert manifest["types"]["youth-home"] == "青年之家" and manifest["grades"]["standard"] == "标准型"


def test_nearby_page_lists_every_venue_by_district_without_javascript(sample_site):
    page = soup(sample_site, "nearby/")
    cards = page.select(".lk-districts .lk-place")
    assert sorted(c["data-id"] for c in cards) == sorted(v.id for v in CONTENT.open_venues)
    headings = [s.select_one("h2").get_text() for s in page.select(".lk-district")]
    assert headings == [f"{d.full_name}（{len(vs)}）" for d, vs in CONTENT.venues_by_district()]
    card = page.select_one('.lk-place[data-id="taigu-mingxing-youth-home"]')
    assert card.select_one(".lk-place__name")["href"] == "../venues/taigu-mingxing-youth-home/"
    assert card.select_one(".lk-place__tel")["href"] == "tel:0354-6231035"
    # One 导航 control per card, the map apps inside it, the bus chosen while the distance is unknown.
    assert len(card.select("details.lk-nav")) == 1 and card.select_one("details.lk-nav > summary").get_text() == "导航"
    assert [a["data-app"] for a in card.select(".lk-nav__link")] == ["amap", "baidu", "tencent", "apple"]
    assert card.select_one(".lk-nav__modes input[checked]")["value"] == "bus"
    # What hours.js needs: the parsed week on each card and the holiday table once.
    venue = CONTENT.venue["taigu-mingxing-youth-home"]
    assert json.loads(card["data-schedule"]) == venue.hours.schedule()
    assert json.loads(page.select_one(".lk-finder .lk-calendar").string) == CONTENT.calendar.to_json(build_date({}))
    # The tools are drawn in place (no layout shift); CSS hides them while <html> has Material's no-js class.
    assert not page.select_one(".lk-finder__tools").has_attr("hidden")
    assert ".no-js .lk-finder__tools" in next((sample_site / "assets/stylesheets").glob("leaguekit.*.css")).read_text(encoding="utf-8")
    assert [a.get_text(strip=True) for a in page.select(".md-tabs__link")][1] == "找阵地"


def test_venue_page_has_the_same_map_links_as_the_finder(sample_site):
    venue = soup(sample_site, "venues/taigu-mingxing-youth-home/")
    finder = soup(sample_site, "nearby/").select_one('.lk-place[data-id="taigu-mingxing-youth-home"]')
    hrefs = [a["href"] for a in venue.select("article .lk-nav__link")]
    assert len(hrefs) == 4 and hrefs == [a["href"] for a in finder.select(".lk-nav__link")]
    assert all(a["target"] == "_blank" and "noopener" in a["rel"] for a in venue.select("article .lk-nav__link"))


def test_names_are_escaped_on_the_finder(project):
    """Contributor text reaches the finder as text: escaped in HTML, plain in JSON (nearby.js uses textContent)."""
    payload = '<img src=x onerror=alert(1)>"&'
    write(project, "venues/taigu/test-venue.md", VALID_VENUE.replace("name: 测试社区青年之家", f"name: '{payload}'"))
    site = build_site(project)
    page = soup(site, "nearby/")
    assert not page.select("article img") and payload in page.select_one(".lk-place__name").get_text()
    assert json.loads(page.select_one(".lk-nav")["data-place"])["n"] == payload
    cell = next((site / export.FOLDER / "cells").glob("*.json"))
    assert json.loads(cell.read_text(encoding="utf-8"))[0]["n"] == payload


def test_closed_venue_is_not_in_the_finder_and_gets_no_directions(project):
    write(project, "venues/taigu/old-home.md", VALID_VENUE.replace("测试社区青年之家", "旧青年之家").replace("sample: true", "sample: true\nstatus: closed\nclosed_on: 2024-06-30"))
    site = build_site(project)
    assert [c["data-id"] for c in soup(site, "nearby/").select(".lk-place")] == ["test-venue"]
    cells = [r["i"] for p in (site / export.FOLDER / "cells").glob("*.json") for r in json.loads(p.read_text(encoding="utf-8"))]
    assert cells == ["test-venue"]
    assert not soup(site, "venues/old-home/").select(".lk-nav__link")
    assert len(soup(site, "venues/test-venue/").select(".lk-nav__link")) == 4


def test_closures_reach_the_venue_page_and_the_finder_as_data(project):
    """A closure reason is contributor text: it stays text inside the page's JSON, even `</script>`."""
    reason = "装修</script><b>"
    write(project, "venues/taigu/test-venue.md", VALID_VENUE.replace("sample: true", f"sample: true\nclosures:\n  - {{from: 2026-12-01, to: 2026-12-31, reason: '{reason}'}}"))
    site = build_site(project)
    page = soup(site, "venues/test-venue/")
    assert not page.select("article b")
    data = json.loads(page.select_one(".lk-hours__data").string)
    assert data["z"] == [["2026-12-01", "2026-12-31", reason]] and data["c"] == load(project).calendar.to_json(build_date({}))
    item = page.select_one(".lk-closures__list li")
    assert (item["data-from"], item["data-to"], item.get_text()) == ("2026-12-01", "2026-12-31", f"2026年12月1日至12月31日 暂停开放（{reason}）")
    card = soup(site, "nearby/").select_one(".lk-place")
    assert json.loads(card["data-closures"]) == [["2026-12-01", "2026-12-31", reason]]
    cell = next((site / export.FOLDER / "cells").glob("*.json"))
    assert json.loads(cell.read_text(encoding="utf-8"))[0]["z"] == [["2026-12-01", "2026-12-31", reason]]
