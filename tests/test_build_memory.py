"""What a build keeps per page while MkDocs draws a national site (issue 28: at most 1 GB at 69,000 venues):
a generated page's HTML, sharing tags and JSON-LD exist only while its page is written."""

from __future__ import annotations

import json

from conftest import build_site, soup

from leaguekit.mkdocs import plugin


def test_written_pages_keep_no_html_nor_structured_data(project, monkeypatch):
    seen = {}
    on_env = plugin.LeagueKitPlugin.on_env

    def keep_files(self, env, config, files):
        seen["files"] = files
        return on_env(self, env, config, files)

    monkeypatch.setattr(plugin.LeagueKitPlugin, "on_env", keep_files)
    site = build_site(project)
    pages = [f.page for f in seen["files"].documentation_pages()]
    kit_pages = [p for p in pages if isinstance(p, plugin.KitPage)]
    venue_pages = [p for p in kit_pages if p.url.startswith("venues/") and p.generated.source]
    assert venue_pages
    for page in kit_pages:
        assert page.content == "", page.url
        # JSON-LD is made when the page is drawn: a dict held by every page was a third of a national build's memory
        assert not any(isinstance(value, dict | list) for value in vars(page.generated).values()), page.url
    assert not any("share_head" in page.meta for page in pages)
    # … and still drawn into the page
    ld = json.loads(soup(site, venue_pages[0].url).find("script", type="application/ld+json").string)
    assert ld["name"] == venue_pages[0].generated.title and ld["openingHoursSpecification"]
