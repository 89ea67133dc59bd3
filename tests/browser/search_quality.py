"""The search quality set (tests/search_queries.yml) typed into the real search box in Chromium.

`run(page, base_url, queries)` opens the site at `base_url`, types each query into the header
box the way a visitor does and reads the results the box shows. The test suite runs it on the
sample site (tests/browser/test_search.py); `make bench` runs it with the sample among
generated venues. Needs only a Playwright page; the site may be served from any sub-path.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import yaml

QUERIES = Path(__file__).resolve().parents[1] / "search_queries.yml"
TOP = 5


@dataclass(frozen=True)
class Query:
    text: str
    expect: tuple[str, ...]  # site-root URLs that must all be among the first TOP results


@dataclass(frozen=True)
class Result:
    query: Query
    found: tuple[str, ...]  # the URLs shown, site-root relative, best first
    seconds: float  # from the last keystroke to the results on screen

    @property
    def ok(self) -> bool:
        return set(self.query.expect) <= set(self.found[:TOP])


def load(path: Path = QUERIES) -> list[Query]:
    return [Query(item["q"], tuple(item["expect"])) for item in yaml.safe_load(path.read_text(encoding="utf-8"))]


def open_box(page, base_url: str):
    """The search box on `base_url`'s page, opened as a visitor would (header button on a phone)."""
    page.goto(base_url)
    box = page.locator("#lk-search-input")
    opener = page.locator("[data-lk-search-open]")
    if opener.is_visible():
        opener.click()
    else:
        box.click()
    return box


def search(page, box, text: str, base_url: str) -> tuple[tuple[str, ...], float]:
    """Types `text` (replacing what is there) and returns the result URLs and how long they took."""
    page.evaluate("delete document.getElementById('lk-search-list').dataset.query")
    box.fill(text)
    started = time.perf_counter()
    page.wait_for_function("q => document.getElementById('lk-search-list').dataset.query === q", arg=text.strip())
    seconds = time.perf_counter() - started
    hrefs = page.locator("#lk-search-list [role=option][data-href]").evaluate_all("els => els.map(e => e.dataset.href)")
    return tuple(h.removeprefix(base_url) for h in hrefs), seconds


def run(page, base_url: str, queries: list[Query]) -> list[Result]:
    box = open_box(page, base_url)
    results = []
    for query in queries:
        found, seconds = search(page, box, query.text, base_url)
        results.append(Result(query, found, seconds))
    return results


def share_found(results: list[Result]) -> float:
    return sum(r.ok for r in results) / len(results)


def report(results: list[Result]) -> str:
    """One line per query that missed: what was expected and what came first."""
    lines = [f"{share_found(results):.0%} of {len(results)} queries found their pages in the first {TOP}"]
    for r in results:
        if not r.ok:
            lines.append(f"  {r.query.text}: expected {', '.join(r.query.expect)}; got {', '.join(r.found[:TOP]) or 'nothing'}")
    return "\n".join(lines)
