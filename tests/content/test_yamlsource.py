"""The plain-document reader (`yamlsource._plain_document`, what most front matter goes through) gives
exactly libyaml's data, values and types and key order alike, or hands the document to libyaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO, venue_md
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaguekit.content.yamlsource import FRONT_MATTER, Loader, YamlSource, _plain_document, split_front_matter

DIFFERENTIAL = settings(max_examples=3000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def libyaml(text: str):
    return yaml.load(text, Loader=Loader)


def same_as_libyaml(text: str) -> bool:
    """True when the plain reader read `text` (and agreed with libyaml), False when it left it to libyaml."""
    got = _plain_document(text)
    if got is None:
        return False
    want = libyaml(text)  # raises if libyaml refuses what the plain reader accepted
    assert repr(got) == repr(want) and got == want, (text, got, want)
    return True


def fronts(folder: Path) -> list[str]:
    return [m.group(1) for p in sorted(folder.rglob("*.md")) if (m := FRONT_MATTER.match(p.read_text(encoding="utf-8")))]


def test_every_sample_file_reads_the_same_and_most_take_the_plain_path():
    texts = fronts(REPO / "venues") + fronts(REPO / "brands") + fronts(REPO / "activities") + [venue_md().split("---\n")[1]]
    plain = [same_as_libyaml(t) for t in texts]
    assert sum(plain) > 0.9 * len(plain)


@pytest.mark.parametrize("text, data", [
    ("name: 某某青年之家\nhours: Mo-Fr 09:00-17:30; Sa 09:00-12:00\n", {"name": "某某青年之家", "hours": "Mo-Fr 09:00-17:30; Sa 09:00-12:00"}),
    ("phone: 0354-6230000\nzip: 0120\nn: 045\nt: 1:20\nh: 0x10", {"phone": "0354-6230000", "zip": "0120", "n": "045", "t": "1:20", "h": "0x10"}),
    ("a: 10\nb: 1_000\nc: -3\nd: 37.5\ne: .inf\nf: 13912340001", {"a": 10, "b": 1000, "c": -3, "d": 37.5, "e": float("inf"), "f": 13912340001}),
    ("a: yes\nb: Off\nc: ~\nd: null\ne:\nf: 'yes'\ng: \"no\"\nh: 2024-05-01", {"a": True, "b": False, "c": None, "d": None, "e": None, "f": "yes", "g": "no", "h": "2024-05-01"}),
    ("a: x #note\nb: x#y\nc: 'it''s' # note\n# comment\n  # indented comment\nd: [x, y z , 1]\ne: []", {"a": "x", "b": "x#y", "c": "it's", "d": ["x", "y z", 1], "e": []}),
    ("services:\n- study\n- 1\nlocation:\n  lat: 37.4\n  lng: 112.5\ntags:\n    - a\nend: z", {"services": ["study", 1], "location": {"lat": 37.4, "lng": 112.5}, "tags": ["a"], "end": "z"}),
])
def test_plain_documents(text, data):
    assert same_as_libyaml(text)
    assert repr(_plain_document(text)) == repr(data)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x",  # anchors: refused by YamlSource
    "a: 1\na: 2",  # a repeated key: libyaml's nodes report the line
    "a: |\n  text",  # block scalar
    "a: long\n  continued line",  # a plain scalar over two lines
    "photos:\n- src: a.jpg\n  alt: b",  # a list of mappings
    "a: {b: c}", "a: [b, [c]]", "a: [b: c]", "a: [x,]", "a: [x, 'y']",
    "a: b: c", "a: b:", "a:b", "a : b", "on: 1", "<<: x", "'a': b", "- a", "a: - b", "a: !!int 1", "a: \"x\\ty\"",
    "a:\n\tb: 1", "a: 1\r\nb: 2", "a: x\u2028y", "a: \ufeffx", "a: \x07", "---\na: 1", "a:\n  b: 1\n c: 2", "a:\n  - b\n  c: 1",
    "", "# only a comment", "plain text",
])
def test_anything_else_goes_to_libyaml(text):
    assert _plain_document(text) is None


def test_no_resolver_claims_every_first_character():
    """What lets the plain reader take text starting with any other character as text, unresolved."""
    assert None not in Loader.yaml_implicit_resolvers


def test_lines_are_libyamls_when_a_message_needs_one():
    text = "name: x\n# c\nlocation:\n  lat: 1\nservices:\n- a\n- b\n"
    src = YamlSource("f.md", text, 2, [])
    assert src.ok and src.data == {"name": "x", "location": {"lat": 1}, "services": ["a", "b"]}
    lines = {loc: src.line(loc) for loc in [("name",), ("location",), ("location", "lat"), ("services", 1), ("missing",), ("location", "lng")]}
    assert lines == {("name",): 2, ("location",): 4, ("location", "lat"): 5, ("services", 1): 8, ("missing",): 2, ("location", "lng"): 4}


keys = st.sampled_from(["name", "a", "b", "on", "yes", "null", "Null", "_x", "k-1", "<<", "1", "a b", "'q'", "x:"])
separators = st.sampled_from([": ", ":", ":  ", " : ", ": # c ", ":\t"])
values = st.one_of(
    st.sampled_from([
        "", "~", "null", "NULL", "yes", "No", "on", "OFF", "true", "y", "0", "0120", "045", "0x10", "0o7", "0b1", "1:20", "1_000", "+1", "-1",
        "1e5", "1.5e+3", "1.", ".5", ".inf", "-.inf", ".NaN", "1_0.5", "2024-01-01", "=", "<<", "'a''b'", "'a' #c", "'a' b", "'a", '"q"',
        '"a\\nb"', '"a', "a #b", "a#b", "a: b", "a:b", "a:", "a :b", "[a, b]", "[a,,b]", "[]", "[ ]", "[a, [b]]", "[1, yes, ~]", "[a b, c]",
        "[a]#c", "[a] #c", "{a: b}", "{}", "- x", "|", ">-", "&x", "*x", "!!str 1", "!x", "%x", "@x", "`x", "?x", ":x", "-x", "- ", "#c",
        "汉字", "太谷区 胡村镇", "\u00a0x", "x\u00a0", "\ufeffx", "x\u2028y", "x\u0085y", "x\ty", "x\x07", "x  ", "x\\y", "13912340001",
    ]),
    st.text(alphabet="ab1:#'\"[], -.~\u00a0汉", max_size=8),
)
lines = st.one_of(
    st.tuples(st.sampled_from([0, 0, 0, 1, 2, 2, 4]), keys, separators, values).map(lambda t: " " * t[0] + t[1] + t[2] + t[3]),
    st.tuples(st.sampled_from([0, 2, 4]), values).map(lambda t: " " * t[0] + "- " + t[1]),
    st.sampled_from(["", "  ", "# comment", "  # comment", "---", "...", "-", "  -"]),
)

# Mostly well-formed lines, so that most documents take the plain path and their values are compared.
simple_keys = st.text(alphabet="abcnoyesulNOY_", min_size=1, max_size=4).filter(lambda k: not k[0].isdigit())
fine = st.one_of(
    st.sampled_from(["", "~", "null", "yes", "No", "on", "0", "0120", "1:20", "1_000", "+1", "-1", "-.5", "1e5", "1.5e+3", "1.", ".inf", "-.inf",
                     ".NaN", "2024-01-01", "'a''b'", "'a' #c", '"q"', "a #b", "a#b", "a:b", "[a, b]", "[]", "[1, yes, ~, -2]", "#c", "汉字 字",
                     "\u00a0x", "x\u00a0", "13912340001", "0354-6230000", "Mo-Fr 09:00-17:00; PH off"]),
    st.text(alphabet="ab1:#'[], -.~\u00a0汉", max_size=6),
)


@st.composite
def nearly(draw) -> str:
    """A document of the plain shape (mappings, lists, comments) with one line in three from `lines`."""
    out: list[str] = []
    for key in draw(st.lists(simple_keys, min_size=1, max_size=6)):
        kind = draw(st.sampled_from(["scalar", "scalar", "mapping", "list", "empty", "noise"]))
        if kind == "scalar":
            out.append(f"{key}: {draw(fine)}")
        elif kind == "mapping":
            indent = " " * draw(st.sampled_from([1, 2, 4]))
            out += [f"{key}:"] + [f"{indent}{k}: {draw(fine)}" for k in draw(st.lists(simple_keys, min_size=1, max_size=3))]
        elif kind == "list":
            indent = " " * draw(st.sampled_from([0, 2]))
            out += [f"{key}:"] + [f"{indent}- {draw(fine)}" for _ in range(draw(st.integers(1, 3)))]
        elif kind == "empty":
            out.append(f"{key}:")
        else:
            out.append(draw(lines))
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(["", "# c", "   # c", "  "])))
    return "\n".join(out)

@DIFFERENTIAL
@given(st.lists(lines, min_size=1, max_size=10))
def test_any_document_reads_as_libyaml_reads_it(parts):
    same_as_libyaml("\n".join(parts))


@DIFFERENTIAL
@given(nearly())
def test_nearly_plain_documents_read_as_libyaml_reads_them(text):
    same_as_libyaml(text)


@DIFFERENTIAL
@given(st.lists(st.sampled_from(["---", "--- ", "---\t", "----", " ---", "\n", "\r\n", "\r", "a", "a: b", " ", "\t", "-"]), max_size=14))
def test_front_matter_found_as_the_regular_expression_finds_it(parts):
    text = "".join(parts)
    match = FRONT_MATTER.match(text)
    assert split_front_matter(text) == ((match.group(1), match.end()) if match else None), text
