"""The search quality set (tests/search_queries.yml) typed into the real search box in Chromium.

`run(page, base_url, queries)` opens the site at `base_url`, types each query into the header
box the way a visitor does and reads the results the box shows. `first_query(page, base_url,
text)` measures what one visitor's first query downloads and how long its results take. The
test suite runs both on the sample site (tests/browser/test_search.py); `make bench` runs
them with the sample among generated venues (on a page with CPU throttling set through CDP).
Needs only a Playwright page; the site may be served from any sub-path.
"""

from __future__ import annotations

import gzip
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


def open_box(page, base_url: str | None):
    """The search box on `base_url`'s page (None: the page already open), opened as a visitor
    would (header button on a phone)."""
    if base_url is not None:
        page.goto(base_url)
    box = page.locator("#lk-search-input")
    opener = page.locator("[data-lk-search-open]")
    if opener.is_visible():
        opener.click()
    else:
        box.click()
    return box


def search(page, box, text: str, base_url: str) -> tuple[tuple[str, ...], float]:
    """Types `text` (replacing what is there) and returns the result URLs (not the ways on offered
    when nothing is found) and how long they took."""
    page.evaluate("delete document.getElementById('lk-search-list').dataset.query")
    box.fill(text)
    started = time.perf_counter()
    page.wait_for_function("q => document.getElementById('lk-search-list').dataset.query === q", arg=text.strip())
    seconds = time.perf_counter() - started
    hrefs = page.locator("#lk-search-list [role=option][data-href]:not([data-road])").evaluate_all("els => els.map(e => e.dataset.href)")
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


@dataclass(frozen=True)
class FirstQuery:
    before_opening: tuple[str, ...]  # search files fetched before the box was opened (should be none)
    files: dict[str, int]  # search files fetched for the query: URL -> gzip -9 size of the body
    seconds: float  # from the input event to the results on screen, measured in the page

    @property
    def gzip_bytes(self) -> int:
        return sum(self.files.values())


def first_query(page, base_url: str, text: str, path: str = "") -> FirstQuery:
    """Opens `base_url + path` in a fresh page, waits until it is idle, opens the box and types `text`."""
    bodies: dict[str, bytes] = {}
    page.on("response", lambda r: "/search/" in r.url and r.ok and bodies.setdefault(r.url, r.body()))
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    before = tuple(bodies)
    box = open_box(page, base_url)
    page.evaluate(
        """() => {
            const box = document.getElementById('lk-search-input'), list = document.getElementById('lk-search-list');
            box.addEventListener('input', () => { window.lkSearchStarted = performance.now(); }, {once: true});
            new MutationObserver(() => { if (list.dataset.query) window.lkSearchShown ??= performance.now(); })
                .observe(list, {attributes: true, attributeFilter: ['data-query']});
        }"""
    )
    search(page, box, text, base_url)
    seconds = page.evaluate("window.lkSearchShown - window.lkSearchStarted") / 1000
    return FirstQuery(before, {url: len(gzip.compress(body, 9)) for url, body in bodies.items()}, seconds)
