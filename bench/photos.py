"""`make bench`, venue photos: what 1,000 phone photos cost the build, the first time and once cached.

Generates a directory of BENCH_PHOTOS venues (default 1000, `generate.py`) and one 4000×3000 phone-like
JPEG per venue (about 2.8 MB each: fine structure and grain, each file different), then measures
`make check` and the build without photos, the first build with them (every photo derived, cache
empty) and a rebuild (cache full: the photos are read and hashed only), each in wall and CPU seconds
(the machine may be shared), and the cache's size and what the site publishes. Writes bench/results/photos.json and photos.md.

    python bench/photos.py [COUNT]
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sys
import tempfile
from pathlib import Path

import generate
from PIL import Image, ImageDraw
from run import RESULTS, timed

SIZE = (4000, 3000)
BASES = 8


def base(seed: int) -> Image.Image:
    detail = Image.effect_mandelbrot((1000, 750), (-0.75 - seed * 0.01, 0.05, -0.70, 0.09), 120).resize(SIZE)
    grain = Image.effect_noise((1200, 900), 32).resize(SIZE)
    return Image.merge("RGB", (Image.blend(detail, grain, 0.5), Image.linear_gradient("L").resize(SIZE), grain))


def write_photos(jobs: list[tuple[int, Path]]) -> None:
    """One process's share: a few base pictures, each file stamped with its own number so no two are alike."""
    bases = {}
    for n, path in jobs:
        image = bases.setdefault(n % BASES, base(n % BASES)).copy()
        draw = ImageDraw.Draw(image)
        x, y = (n * 37) % 3600, (n * 53) % 2600
        draw.rectangle((x, y, x + 400, y + 400), fill=((n * 7) % 256, (n * 11) % 256, (n * 13) % 256))
        draw.text((x + 20, y + 20), f"{n:05d}", fill=(255, 255, 255))
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(path, quality=90)


def add_photos(project: Path, count: int) -> int:
    """A photo beside each generated venue, named in its front matter; the bytes written."""
    venues = sorted((project / "venues").glob("*/gen-*.md"))[:count]
    jobs = [(n, v.parent / "photos" / f"{v.stem}.jpg") for n, v in enumerate(venues)]
    cores = os.cpu_count() or 1
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        pool.map(write_photos, [jobs[i::cores] for i in range(cores)])
    for venue in venues:
        text = venue.read_text(encoding="utf-8")
        venue.write_text(text.replace("\n---\n", f"\nphotos:\n- src: photos/{venue.stem}.jpg\n  alt: 阵地外景\n---\n", 1), encoding="utf-8")
    return sum(path.stat().st_size for _, path in jobs)


def tree_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6, 1)


def measure(count: int, work: Path) -> dict:
    project = generate.write(work / "kit", count)
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"]
    check = [sys.executable, "-m", "leaguekit", "check", str(project)]
    row: dict = {"venues": count, "photos": count, "cores": os.cpu_count()}

    def run(name: str, command: list[str]) -> None:
        wall, cpu, peak = timed(command, project)
        row.update({f"{name}_s": round(wall, 1), f"{name}_cpu_s": round(cpu, 1), f"{name}_peak_mb": round(peak / 1e6)})

    run("check_no_photos", check)
    run("build_no_photos", build)
    row["photos_mb"] = round(add_photos(project, count) / 1e6)
    run("check", check)
    run("first_build", build)
    run("rebuild", build)
    row["cache_mb"] = tree_mb(project / ".cache/images")
    row["published_mb"] = tree_mb(project / "site/assets/photos")
    row["per_photo_first_cpu_ms"] = round((row["first_build_cpu_s"] - row["build_no_photos_cpu_s"]) / count * 1000)
    row["per_photo_rebuild_cpu_ms"] = round((row["rebuild_cpu_s"] - row["build_no_photos_cpu_s"]) / count * 1000, 1)
    return row


COLUMNS = [
    ("photos", "photos", "{:,}"),
    ("originals", "photos_mb", "{:,} MB"),
    ("build without photos (wall / CPU)", ("build_no_photos_s", "build_no_photos_cpu_s"), "{} s / {} s"),
    ("first build", ("first_build_s", "first_build_cpu_s"), "{} s / {} s"),
    ("rebuild (cached)", ("rebuild_s", "rebuild_cpu_s"), "{} s / {} s"),
    ("CPU per photo, first build / rebuild", ("per_photo_first_cpu_ms", "per_photo_rebuild_cpu_ms"), "{} ms / {} ms"),
    ("peak memory, first build", "first_build_peak_mb", "{} MB"),
    ("published", "published_mb", "{} MB"),
    ("cache", "cache_mb", "{} MB"),
    ("`make check` without / with photos", ("check_no_photos_s", "check_s"), "{} s / {} s"),
]


def table(row: dict) -> str:
    lines = ["| " + " | ".join(c[0] for c in COLUMNS) + " |", "|" + " ---: |" * len(COLUMNS)]
    lines.append("| " + " | ".join(fmt.format(*(row[k] for k in (key if isinstance(key, tuple) else (key,)))) for _, key, fmt in COLUMNS) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("BENCH_PHOTOS", "1000"))
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lk-bench-photos-") as tmp:
        row = measure(count, Path(tmp))
        shutil.rmtree(Path(tmp) / "kit")
    (RESULTS / "photos.json").write_text(json.dumps(row, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "photos.md").write_text(table(row), encoding="utf-8")
    print(table(row))


if __name__ == "__main__":
    main()
