"""Property tests: whatever bytes or YAML a contributor sends, the loader answers with content
or the kit's own ContentError (Chinese, with file and line), and a body renders to inert HTML."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import make_project, venue_md
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaguekit.content import body, load
from leaguekit.content.problems import ContentError

# Bounded: a few seconds each in `make test`; derandomized so CI runs the same examples every time.
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.dates().map(str), st.sampled_from(["youth-home", "taigu", "Mo-Fr 09:00-17:00", "off", "PH off", "0354-6230000"]),
)
yaml_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=20)
fields = st.dictionaries(st.sampled_from(["name", "type", "org", "address", "location", "hours", "phone", "services", "brands", "photos", "status", "closed_on", "aliases", "website", "x"]), yaml_values, max_size=8)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("fuzz") / "project", sample_content=False)


def loads_or_refuses(project) -> None:
    try:
        load(project)
    except ContentError as exc:
        assert exc.problems, "an error always names at least one problem"
        for problem in exc.problems:
            assert problem.path and problem.line >= 1
            assert re.search(r"[\u4e00-\u9fff]", problem.message), problem


@FUZZ
@given(data=st.binary(max_size=2000))
def test_any_bytes_as_a_venue_file(base, data):
    (base / "venues/taigu/test-venue.md").write_bytes(data)
    loads_or_refuses(base)


@FUZZ
@given(data=st.binary(max_size=500))
def test_any_bytes_after_valid_front_matter(base, data):
    (base / "venues/taigu/test-venue.md").write_bytes(venue_md("").encode() + data)
    loads_or_refuses(base)


@FUZZ
@given(front=fields)
def test_any_yaml_front_matter(base, front):
    data = {**yaml.safe_load(venue_md("").split("---")[1]), **front}
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n正文\n"
    (base / "venues/taigu/test-venue.md").write_text(text, encoding="utf-8")
    loads_or_refuses(base)


@FUZZ
@given(text=st.text(max_size=3000))
def test_any_text_as_a_data_file(base, text):
    orgs = base / "data/orgs.yml"
    saved = orgs.read_bytes()
    try:
        orgs.write_text(text, encoding="utf-8")
        loads_or_refuses(base)
    finally:
        orgs.write_bytes(saved)


markdown_bits = st.sampled_from([
    "[a](", "](", "![", "<", ">", "&#", "javascript:", "data:", "{:", "on", "=", "\"", "'", "`", "\\", "\n", "\n\n", "    ", "#", "*", "|", "-", "://", "x", "青年",
])


@FUZZ
@given(parts=st.lists(markdown_bits | st.text(max_size=8), max_size=60))
def test_any_markdown_body_renders_inert(parts):
    text = "".join(parts)
    rendered = body.render("v.md", text, 1, "venues/x/", lambda path: None)
    html = rendered.html.lower()
    assert "<script" not in html and "<iframe" not in html and "<style" not in html
    assert not re.search(r"<[^>]+\son\w+\s*=", html), rendered.html
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*(javascript|data|vbscript):", html), rendered.html
    for problem in rendered.problems:
        assert problem.path == "v.md" and problem.line >= 1



plain_bits = st.sampled_from(list("青年之家阵地服务志愿。，、；（）“”abcXYZ019 -.'\"") + ["\n", "\n\n", "  ", "1. ", "- ", "\u3000"])


@FUZZ
@given(parts=st.lists(plain_bits, max_size=80))
def test_plain_prose_shortcut_matches_markdown(parts):
    """Plain paragraphs skip markdown-it for speed; the HTML must be what markdown-it would write."""
    text = "".join(parts)
    context = body._Context("v.md", text, 1, "venues/x/", lambda path: None)
    assert body._convert(context, text) == body._md.render(text)


@FUZZ
@given(parts=st.lists(plain_bits | markdown_bits | st.sampled_from(["13912340001", "１３９１２３４０００１", "\x07", "\u202e"]), max_size=60))
def test_a_body_checked_while_reading_has_the_problems_of_its_check(parts):
    """`check_plain` (while the file is read, before the site's pages are known) answers only for plain
    bodies, and then exactly as `check` does once they are."""
    text = "".join(parts)
    early = body.check_plain("v.md", text, 5)
    assert early is None or list(early) == body.check("v.md", text, 5, "venues/x/", lambda path: None)
    if body.NOT_PLAIN.search(text) is None:
        assert early is not None
