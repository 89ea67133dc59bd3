"""Fuzz and time contributor bodies at the size limit (200 KB, a content file's maximum).

Python-Markdown once took minutes on 19 KB of nested brackets; the kit now parses bodies with
markdown-it-py (CommonMark, linear time) and reads them with linear checks. This runs the shapes
known to be hard for Markdown parsers and regex-based checks, plus seeded random mixtures of
Markdown punctuation, each about 200 KB, through what `make check` runs on a body
(`body.check`) and what the build runs (`body.render`), and the slowest ones through the whole
`content.load` of a project. Writes bench/results/bodies.json and bodies.md; exits 1 when the
slowest body takes 2 s or more.

    .venv/bin/python bench/bodies.py [--fuzz 200]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import make_project, venue_md  # noqa: E402

from leaguekit.content import body, load  # noqa: E402
from leaguekit.content.problems import ContentError  # noqa: E402
from leaguekit.content.yamlsource import MAX_FILE_BYTES  # noqa: E402

LIMIT_SECONDS = 2.0
OUT = ROOT / "bench" / "results"


def fill(unit: str) -> str:
    """`unit` repeated up to the file limit (in UTF-8 bytes, less room for the front matter)."""
    room = MAX_FILE_BYTES - len(venue_md("").encode()) - 16
    return unit * (room // len(unit.encode()))


SHAPES: dict[str, Callable[[], str]] = {
    "open brackets": lambda: fill("["),
    "nested brackets": lambda: fill("[") [: 90_000] + fill("]")[:90_000],
    "images": lambda: fill("!["),
    "link openers": lambda: fill("[a]("),
    "links in links": lambda: fill("[a") + "](b)",
    "emphasis and brackets": lambda: fill("*["),
    "stars": lambda: fill("*a"),
    "underscores": lambda: fill("_a"),
    "mixed delimiters": lambda: fill("*_"),
    "backtick runs": lambda: "".join("`" * i + "a" for i in range(1, 620)),
    "backticks": lambda: fill("`"),
    "angle brackets": lambda: fill("<"),
    "tag openers": lambda: fill("<a "),
    "email-like": lambda: fill("<a@b>"),
    "entities": lambda: fill("&#"),
    "ampersands": lambda: fill("&"),
    "block quotes": lambda: fill(">"),
    "nested lists": lambda: "".join("  " * (i % 40) + "- a\n" for i in range(2600)),
    "wide table": lambda: "|" + "a|" * 3000 + "\n|" + "-|" * 3000 + "\n" + ("|" + "a|" * 3000 + "\n") * 30,
    "long table": lambda: "a|b\n-|-\n" + fill("a|b\n"),
    "setext lines": lambda: fill("a\n=\n"),
    "reference definitions": lambda: fill("[a]: <"),
    "link destinations": lambda: "[a](" + fill("("),
    "link titles": lambda: fill('[a](b "'),
    "escapes": lambda: fill("\\"),
    "headings": lambda: fill("#"),
    "fences": lambda: fill("```\n"),
    "attribute lists": lambda: fill("{ onx= "),
    "braces": lambda: fill("{"),
    "digit groups": lambda: fill("1 "),
    "dashed digits": lambda: fill("1-"),
    "phone numbers": lambda: fill("13912340001 "),
    "full-width digits": lambda: fill("１"),
    "chinese numerals": lambda: fill("一"),
    "digit entities": lambda: fill("&#49;"),
    "chinese prose": lambda: fill("青年之家开展志愿服务活动，服务青少年。\n"),
    "blank lines": lambda: fill("\n"),
    "blank lines inside": lambda: "a" + fill("\n")[2:] + "b",
    "list markers": lambda: fill("1.\n"),
    "dash lines": lambda: fill("-\n"),
    "spaced tag": lambda: "<" + fill(" "),
    "at signs": lambda: "<a" + fill("@"),
    "one long line": lambda: fill("a"),
}
BITS = ["[a](", "](", "![", "<", ">", "&#", "javascript:", "{:", "on", "=", '"', "'", "`", "\\", "\n", "\n\n", "    ", "#", "*", "_",
        "|", "-", "://", "x", "青年", "1", "3", " ", "[", "]", "(", ")", "!", "~", "<a@", "&amp;", "\u200b", "１"]


def fuzz(count: int, seed: int = 2026) -> dict[str, str]:
    rnd = random.Random(seed)
    found = {}
    for n in range(count):
        weights = [rnd.random() ** 3 for _ in BITS]  # each body leans on a few bits, as pathological inputs do
        parts, size = [], 0
        while size < 190_000:
            bit = rnd.choices(BITS, weights)[0] * rnd.choice((1, 1, 1, 2, 8, 64))
            parts.append(bit)
            size += len(bit.encode())
        found[f"fuzz {n:03d}"] = "".join(parts)
    return found


def timed(function: Callable[..., object], *args: object) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def nowhere(path: str) -> None:
    """No file or page exists: every relative link is a problem to report, the most work for the checks."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fuzz", type=int, default=200, help="random bodies besides the known shapes")
    args = parser.parse_args()
    bodies = {name: make() for name, make in SHAPES.items()} | fuzz(args.fuzz)
    rows = []
    for name, text in bodies.items():
        check = timed(body.check, "venues/taigu/x.md", text, 21, "venues/x/", nowhere)
        render = timed(body.render, "venues/taigu/x.md", text, 21, "venues/x/", nowhere)
        rows.append({"body": name, "bytes": len(text.encode()), "chars": len(text), "check_s": round(check, 3), "render_s": round(render, 3)})
    rows.sort(key=lambda r: -max(r["check_s"], r["render_s"]))
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project", sample_content=False)
        for row in rows[:5]:  # the slowest, through the whole of `make check`'s loading
            (project / "venues/taigu/test-venue.md").write_text(venue_md(bodies[row["body"]]), encoding="utf-8")
            assert (project / "venues/taigu/test-venue.md").stat().st_size <= MAX_FILE_BYTES, row["body"]

            def check_project() -> None:
                try:
                    load(project)
                except ContentError:
                    pass

            row["load_s"] = round(timed(check_project), 3)
        shutil.rmtree(project)
    slowest = max(max(r["check_s"], r["render_s"], r.get("load_s", 0)) for r in rows)
    OUT.mkdir(parents=True, exist_ok=True)
    result = {"bodies": len(rows), "limit_s": LIMIT_SECONDS, "slowest_s": slowest, "rows": rows}
    (OUT / "bodies.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    lines = ["| body | bytes | check (s) | render (s) | make check load (s) |", "| --- | ---: | ---: | ---: | ---: |"]
    lines += [f"| {r['body']} | {r['bytes']:,} | {r['check_s']:.3f} | {r['render_s']:.3f} | {r.get('load_s', '')} |" for r in rows[:15]]
    summary = f"{len(rows)} bodies of up to 200 KB ({len(SHAPES)} known shapes, {args.fuzz} random); slowest {slowest:.2f} s (limit {LIMIT_SECONDS} s)"
    (OUT / "bodies.md").write_text(summary + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(summary)
    print("\n".join(lines))
    return 0 if slowest < LIMIT_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
