"""The home page on a phone, as a teenager or a parent opens it: where to go, and what is on.

The dated sample (built 2026-11-26) read on 2026-12-02, so there are activities to come whatever the real date.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

SCREEN = 844  # a common phone's first screen, CSS px
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_first_screen_leads_to_venues_and_activities_not_to_big_numbers(page, served_dated_site, care):
    served_site = served_dated_site
    page.clock.set_fixed_time(NOW)
    if care:
        page.goto(served_site)
        page.evaluate("localStorage.setItem('lk-care', '1')")
    page.goto(served_site)
    # 活动 is linked from the page itself, not only from the tabs behind the ☰ menu, and in sight.
    link = page.locator("article a.md-button", has_text="看看有什么活动")
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= SCREEN
    assert link.get_attribute("href") == "activities/"
    link_near = page.locator("article a.md-button", has_text="找离我最近的阵地")
    assert link_near.bounding_box()["y"] < box["y"]
    # The coming activities follow the buttons; the type tiles no longer fill the first screen.
    recent = page.locator("article [data-lk-recent]")
    assert recent.locator(".lk-act:visible").count() >= 1
    assert page.locator("article .lk-tiles").bounding_box()["y"] >= SCREEN
    page.locator("article [data-lk-recent] .lk-recent__more a").first.click()
    page.wait_for_url(served_site + "activities/")
    assert page.watch.errors == [] and page.watch.foreign == []
