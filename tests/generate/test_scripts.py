"""Which kit scripts a page loads: the parts its templates say they draw (leaguekit.generate.scripts)."""

from __future__ import annotations

import pytest

from leaguekit.generate import scripts
from leaguekit.generate.render import render

RECENT = {"cards": [], "limit": 3, "total": 0, "more": "activities/", "calendar": "feeds/activities.ics", "feed": None}


def test_a_template_says_which_parts_it_draws_and_the_drawer_collects_them():
    with scripts.collect() as parts:
        html = render("activities_recent.html", **RECENT)
    assert parts == {"activities"}
    assert "data-lk-recent" in html and "needs" not in html  # needs() prints nothing
    # Outside a collect() block a template draws as before, and tells no one.
    assert render("activities_recent.html", **RECENT) == html


def test_an_inner_collection_also_counts_for_the_page_around_it():
    with scripts.collect() as page:
        scripts.needs("hours")
        with scripts.collect() as macro:
            scripts.needs("activities")
    assert macro == {"activities"} and page == {"hours", "activities"}


def test_scripts_come_once_each_in_load_order_with_the_search_box_on_every_page():
    assert scripts.files([]) == ["assets/javascripts/search.js"]
    # hours.js before nearby.js, which asks it whether a venue is open; nearby.js once for two parts.
    assert scripts.files(["activities", "directions", "finder", "hours"]) == [
        "assets/javascripts/hours.js", "assets/javascripts/nearby.js", "assets/javascripts/activities.js", "assets/javascripts/search.js",
    ]


def test_an_unknown_part_is_named_with_the_ones_there_are():
    with pytest.raises(scripts.UnknownPart, match="“map”不是可用的页面部件（可用：search、hours、directions、finder、activities）"):
        scripts.files(["map"])
    with pytest.raises(scripts.UnknownPart):
        scripts.needs("hour")
