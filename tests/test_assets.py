"""The kit's scripts and stylesheets are published under names carrying their content's hash, so a host or
CDN may cache them for a year and an upgrade of the kit still reaches every visitor."""

from __future__ import annotations

import hashlib
import re

from conftest import build_site, soup

from leaguekit.mkdocs.plugin import KIT_CSS, KIT_JS, THEME_DIR

HASHED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{8})\.(?P<suffix>js|css)$")


def test_kit_files_carry_their_hash_and_pages_name_them(project):
    site = build_site(project)
    page = soup(site, "venues/test-venue/")
    named = [s["src"] for s in page.select("script[src]")] + [link["href"] for link in page.select("link[rel=stylesheet]")]
    kit = {path.rpartition("/")[2].rpartition(".")[0] for path in (*KIT_JS, *KIT_CSS)}
    ours = [ref.removeprefix("../../") for ref in named if HASHED.match(ref.rpartition("/")[2]) and HASHED.match(ref.rpartition("/")[2])["stem"] in kit]
    assert len(ours) == len(KIT_JS) + len(KIT_CSS)
    for ref in ours:
        match = HASHED.match(ref.rpartition("/")[2])
        source = THEME_DIR / ref.replace(f".{match['digest']}.", ".")
        assert (site / ref).read_bytes() == source.read_bytes()
        assert match["digest"] == hashlib.sha256(source.read_bytes()).hexdigest()[:8]
    # No unhashed copy of a kit file is left to be served stale.
    assert not (site / "assets/javascripts/search.js").exists() and not (site / "assets/stylesheets/leaguekit.css").exists()
    form = soup(site, "contribute/new/")
    assert HASHED.match(form.select_one('script[src*="/venue-form."]')["src"].rpartition("/")[2])
