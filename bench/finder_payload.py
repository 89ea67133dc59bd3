"""How many bytes a phone downloads for its first result list on /nearby/.

Synthetic venues at three sizes: 20 (one county), 1,000 (a province) and
69,000 (every 青年之家 in China). For phones at a dense and a sparse spot it
counts what `nearby.js` fetches for the 20 nearest venues: `manifest.json` plus
the cells `leaguekit.output.finder_data.first_results_cells` names, raw and gzip-compressed
(level 9, as a static host would serve them). The pages themselves are measured by
`bench/run.py` on real builds.

Run with `make bench`; writes bench/results/finder-payload.json and .md.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import time
from pathlib import Path

from leaguekit.content.hours import parse_hours
from leaguekit.output import finder_data as export

OUT = Path(__file__).parent / "results"
SIZES = (20, 1000, 69000)
TYPES = ["youth-home"] * 6 + ["practice-base", "youth-station", "talent-station", "youth-federation-home"]
GRADES = ["standard", "standard", "standard", "demonstration", "flagship"]
SERVICES = ["study", "volunteer", "employment", "mental-health", "legal", "childcare", "practice", "arts-sports", "rights", "governance"]
HOURS = ["Mo-Fr 09:00-17:30; Sa 09:00-12:00", "Mo-Fr 09:00-12:00,14:30-17:30", "Mo-Su 08:30-21:00", "Tu-Su 09:00-17:00", "Mo-Fr 08:30-12:00,14:30-18:00; Sa,Su 09:00-11:30"]
CHARS = "东南西北中新兴华阳光明安平和顺丰泰康宁胜利文化建设团结友谊长青春城关河山湖林园桥庄镇村街道社区"
PROVINCES = ["山西省", "河北省", "河南省", "山东省", "江苏省", "浙江省", "广东省", "四川省", "湖北省", "湖南省"]
# Big cities get dense clusters; the rest of the venues are spread over counties.
CITIES = [(39.90, 116.40), (31.23, 121.47), (23.13, 113.26), (22.54, 114.06), (30.57, 104.07), (29.56, 106.55), (30.59, 114.30), (34.34, 108.94), (37.87, 112.55), (36.65, 117.12)]
DENSE = (31.23, 121.47)  # the phone in a dense city centre
SPARSE = (37.42, 112.55)  # the phone in a county town


def word(rnd: random.Random, n: int) -> str:
    return "".join(rnd.choice(CHARS) for _ in range(n))


def synthetic(n: int, seed: int = 2026) -> list[dict]:
    """`n` finder records shaped like real ones: Chinese names and addresses, hours, phone, GCJ-02."""
    rnd = random.Random(seed)
    if n <= 20:
        centres = [(37.42, 112.55, 0.08)]  # one county
    elif n <= 1000:
        centres = [(37.87, 112.55, 0.15)] + [(rnd.uniform(35.0, 40.5), rnd.uniform(110.5, 114.0), 0.12) for _ in range(110)]
    else:
        counties = [(rnd.uniform(22.0, 46.0), rnd.uniform(100.0, 125.0), 0.15) for _ in range(2800)]
        centres = counties + [(lat, lng, 0.12) for lat, lng in CITIES] * 40
    records = []
    for i in range(n):
        lat, lng, spread = rnd.choice(centres)
        if n <= 20:
            lat, lng = SPARSE
        lat, lng = round(lat + rnd.gauss(0, spread), 6), round(lng + rnd.gauss(0, spread), 6)
        province = rnd.choice(PROVINCES)
        district = word(rnd, 2) + "区"
        town = word(rnd, 2) + rnd.choice(["镇", "街道", "乡"])
        vtype = rnd.choice(TYPES)
        rec = {"i": f"v{i:05d}-{word(rnd, 0)}{rnd.randrange(10**6):06d}", "n": f"{district}{town}{word(rnd, 3)}社区青年之家", "t": vtype}
        if vtype == "youth-home":
            rec["g"] = rnd.choice(GRADES)
        rec["s"] = rnd.sample(SERVICES, rnd.randint(2, 5))
        rec["d"] = district
        rec["w"] = town
        rec["a"] = f"{province}{word(rnd, 2)}市{district}{town}{word(rnd, 3)}路{rnd.randint(1, 300)}号党群服务中心{rnd.randint(1, 4)}楼"
        rec["p"] = [lat, lng]
        rec["c"] = list(export.to_gcj02(lat, lng))
        rec["h"] = rnd.choice(HOURS)
        rec["f"] = f"0{rnd.randint(310, 999)}-{rnd.randint(2000000, 8999999)}"
        records.append(rec)
    return records


def national_data(n: int = 69000, vocab: dict | None = None) -> export.FinderData:
    """The finder data of `n` synthetic venues, their hours parsed by the kit as a build would."""
    records = synthetic(n)
    weeks = {text: parse_hours(text).schedule() for text in {r["h"] for r in records}}
    for r in records:
        r["h"] = weeks[r["h"]]
    return export.build(records, vocab)


def national(site: Path, n: int = 69000) -> export.FinderData:
    """Replace a built site's finder data by `national_data(n)`, the site's own labels kept; returns what was
    written (bench/map_markers.py, the map's budget test)."""
    folder = site / export.FOLDER
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    data = national_data(n, {k: manifest[k] for k in ("types", "grades", "services")})
    shutil.rmtree(folder)
    for path, text in data.files():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    return data


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in SIZES:
        started = time.perf_counter()
        records = synthetic(n)
        data = export.build(records, {"types": {t: t for t in set(TYPES)}, "grades": {g: g for g in GRADES}, "services": {s: s for s in SERVICES}})
        manifest_gz = export.gzip_size(export._json(data.manifest))
        for spot, (lat, lng) in (("dense", DENSE), ("sparse", SPARSE)):
            raw, gz, keys = export.first_results_bytes(data, lat, lng)
            rows.append({
                "venues": n, "phone": spot, "cells_total": len(data.cells), "cells_loaded": len(keys),
                "manifest_gzip": manifest_gz, "first_list_raw": raw, "first_list_gzip": gz,
                "seconds": round(time.perf_counter() - started, 2),
            })
    (OUT / "finder-payload.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    lines = [
        "| venues | phone at | cells (loaded / all) | manifest gz | first result list raw | first result list gz |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['venues']:,} | {r['phone']} | {r['cells_loaded']} / {r['cells_total']} | {r['manifest_gzip'] / 1024:.1f} KB | "
            f"{r['first_list_raw'] / 1024:.1f} KB | {r['first_list_gzip'] / 1024:.1f} KB |"
        )
    table = "\n".join(lines) + "\n"
    (OUT / "finder-payload.md").write_text(table, encoding="utf-8")
    print(table)
    worst = max(r["first_list_gzip"] for r in rows)
    print(f"Largest first result list: {worst / 1024:.1f} KB gzip (goal: under 60 KB).")
    return 0 if worst < 60 * 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
