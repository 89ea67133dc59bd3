"""Two checks that were quadratic, timed at growing sizes to show they are linear now.

- The near-duplicate district warning (`make check`): district names meet through the texts left
  when one character is taken out, a set of variants per name that is linear because names have a
  maximum length (`schema.PLACE_MAX`; a 40,000-character district once took 1.6 GB and is now one
  message). Timed over 1,000 to 25,000 distinct districts of the longest allowed length in one
  city (CPU time, the best of three), and `make check`'s whole load of a file with a 40,000-character district (time, peak memory).
- New ids for rows with one name (`make new-venue`, `make import-sheet`): `unique_id` finds the
  first free number by doubling and halving, not by counting up. Timed for 1,000 to 50,000 rows.

Writes bench/results/linear.json and linear.md; exits 1 when the time per item at the largest
size is more than 4 times that at the smallest (a quadratic grows 25-50 times over these sizes),
or the long district takes 2 s or more.

    .venv/bin/python bench/linear.py
"""

from __future__ import annotations

import gc
import json
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import make_project, venue_md  # noqa: E402

from leaguekit.content import load  # noqa: E402
from leaguekit.content.model import VenueEntry  # noqa: E402
from leaguekit.content.problems import ContentError  # noqa: E402
from leaguekit.content.readers import venues as venue_reader  # noqa: E402
from leaguekit.content.schema import PLACE_MAX  # noqa: E402
from leaguekit.staff.scaffold import new_venue_id  # noqa: E402

OUT = ROOT / "bench" / "results"
DISTRICTS = (1_000, 5_000, 25_000)
ROWS = (1_000, 10_000, 50_000)
RUNS = 3  # the best of three: the machine may be shared
GROWTH_LIMIT = 4.0
LONG_DISTRICT = 40_000
LONG_LIMIT_S = 2.0
CHARS = "东南西北中新兴华阳光明安平和顺丰泰康宁胜利文化建设团结友谊长青春城关河山湖林园桥庄镇村街道社区"


def districts(orgs: dict, count: int) -> float:
    """Seconds for the venue warnings over `count` venues, each in its own district of PLACE_MAX characters."""
    rnd = random.Random(count)
    entries = []
    for n in range(count):
        name = "".join(rnd.choice(CHARS) for _ in range(PLACE_MAX - 1)) + "区"
        data = SimpleNamespace(org="taigu", district=name, hours="Mo-Fr 09:00-17:00", phone="0354-6230000", photos=[])  # what the warnings read
        entries.append(VenueEntry(f"v{n}", f"venues/taigu/v{n}.md", data, "", None))  # type: ignore[arg-type]
    return best(lambda: venue_reader.warnings(entries, [], orgs))


def new_ids(count: int) -> float:
    """Seconds for `count` new ids of rows that all carry one name."""
    def rows() -> None:
        taken: set[str] = set()
        for _ in range(count):
            taken.add(new_venue_id("太谷区明星镇青年之家", "太谷区", "青年之家", "taigu", taken))
        assert len(taken) == count

    return best(rows)


def best(work: Callable[[], object]) -> float:
    """CPU seconds of the fastest of RUNS runs."""
    times = []
    for _ in range(RUNS):
        gc.collect()
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def long_district() -> tuple[float, int, str]:
    """`make check`'s load of a project whose one venue has a 40,000-character district: seconds, peak bytes, the message."""
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project", sample_content=False)
        (project / "venues/taigu/test-venue.md").write_text(venue_md(district="区" * LONG_DISTRICT), encoding="utf-8")
        tracemalloc.start()
        started = time.perf_counter()
        try:
            load(project)
            message = ""
        except ContentError as exc:
            message = next(line for line in str(exc).splitlines() if "district" in line)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return seconds, peak, message


def growth(rows: list[dict]) -> float:
    return rows[-1]["us_per_item"] / rows[0]["us_per_item"]


def main() -> int:
    orgs = load(ROOT).orgs
    district_rows = [{"items": n, "seconds": round(s, 3), "us_per_item": round(s / n * 1e6, 2)} for n in DISTRICTS for s in [districts(orgs, n)]]
    id_rows = [{"items": n, "seconds": round(s, 3), "us_per_item": round(s / n * 1e6, 2)} for n in ROWS for s in [new_ids(n)]]
    seconds, peak, message = long_district()
    result = {
        "districts": district_rows,
        "district_growth": round(growth(district_rows), 2),
        "new_ids": id_rows,
        "new_id_growth": round(growth(id_rows), 2),
        "long_district": {"chars": LONG_DISTRICT, "seconds": round(seconds, 3), "peak_mb": round(peak / 1e6, 1), "message": message},
        "growth_limit": GROWTH_LIMIT,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "linear.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    lines = ["| check | items | seconds | µs per item |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| near-duplicate districts ({PLACE_MAX} characters each) | {r['items']:,} | {r['seconds']:.3f} | {r['us_per_item']:.1f} |" for r in district_rows]
    lines += [f"| new ids, one name for every row | {r['items']:,} | {r['seconds']:.3f} | {r['us_per_item']:.1f} |" for r in id_rows]
    summary = (
        f"Per-item time from the smallest to the largest size: districts ×{result['district_growth']}, new ids ×{result['new_id_growth']} "
        f"(limit ×{GROWTH_LIMIT}). A {LONG_DISTRICT:,}-character district: {seconds:.2f} s, peak {peak / 1e6:.1f} MB, one message."
    )
    (OUT / "linear.md").write_text(summary + "\n\n" + "\n".join(lines) + "\n\n" + message + "\n", encoding="utf-8")
    print(summary)
    print("\n".join(lines))
    print(message)
    ok = result["district_growth"] <= GROWTH_LIMIT and result["new_id_growth"] <= GROWTH_LIMIT and seconds < LONG_LIMIT_S and message
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
