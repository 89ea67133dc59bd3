"""The page shell on a slow phone: with every script deferred, nothing moves when the scripts run
(layout shift 0), each page's own scripts still run, and what needs a script stays out of sight without one."""

from __future__ import annotations

import pytest
from conftest import SAMPLE

from leaguekit.content import load

CONTENT = load(SAMPLE)
VENUE = next(v for v in CONTENT.open_venues if v.data.hours)

# page -> a sign in the page that its own script ran
PAGES = {
    "": "[data-lk-recent][data-months-read]",  # 近期活动 read from the month files
    "nearby/": ".lk-districts .lk-place__open:not([data-state='unknown'])",  # open now, in China time
    f"venues/{VENUE.id}/": ".lk-open:not([data-state='unknown'])",
    "activities/": "[data-lk-activities][data-months-read]",
}


@pytest.mark.parametrize("url", PAGES)
def test_nothing_moves_while_a_slow_phone_runs_the_deferred_scripts(page, served_site, url):
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 100_000})
    page.add_init_script(
        "window.__shifts = []; new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput)"
        " window.__shifts.push([e.value, e.sources.map(s => s.node && (s.node.className || s.node.nodeName))]); })"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    page.goto(served_site + url, wait_until="networkidle")
    page.locator(PAGES[url]).first.wait_for(state="attached")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__shifts") == []
    assert page.evaluate("typeof window.document$") == "object"  # Material's bundle ran, deferred
    assert page.watch.errors == [] and page.watch.foreign == []


def test_without_javascript_the_activity_filters_are_not_shown(browser, served_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        static = context.new_page()
        static.goto(served_site + "activities/")
        assert static.locator(".lk-acts__tools").is_hidden()
        assert static.locator(".lk-act:visible").count() > 0
    finally:
        context.close()
