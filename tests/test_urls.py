"""Relative links between generated pages: the site works from any sub-path."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from leaguekit import urls

segment = st.sampled_from(["venues", "a", "b", "districts", "print", "assets"])
pages = st.lists(segment, max_size=3).map(lambda parts: "/".join(parts) + "/" if parts else "")
targets = st.tuples(st.lists(segment, max_size=3), st.sampled_from(["/", "", ".json", "/#x"])).map(
    lambda t: "/".join(t[0]) + t[1] if t[0] else ""
) | st.just("#top")


@settings(max_examples=300, derandomize=True)
@given(pages, targets)
def test_relative_matches_posixpath(here, to):
    """urls.relative does by hand what posixpath.relpath does (a national build calls it millions of times)."""
    path, _, fragment = to.partition("#")
    expected = posixpath.relpath(path or ".", here or ".")
    expected = "./" if expected == "." else expected + ("/" if path == "" or path.endswith("/") else "")
    assert urls.relative(here, to) == expected + (f"#{fragment}" if fragment else "")


def test_examples():
    assert urls.relative("venues/x/", "venues/y/") == "../y/"
    assert urls.relative("venues/x/", "assets/share-card.png") == "../../assets/share-card.png"
    assert urls.relative("", "nearby/") == "nearby/"
    assert urls.relative("nearby/", "") == "../"
    assert urls.relative("districts/", "districts/#d-x") == "./#d-x"
