"""Finding the front matter (`yamlsource.split_front_matter`, the `---` lines around it) gives exactly what
the regular expression `FRONT_MATTER` finds, without its lazy group trying every character; the tags
`Loader` remembers are PyYAML's."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaguekit.content import yamlsource
from leaguekit.content.yamlsource import FRONT_MATTER, Loader, split_front_matter

DIFFERENTIAL = settings(max_examples=3000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@DIFFERENTIAL
@given(st.lists(st.sampled_from(["---", "--- ", "---\t", "----", " ---", "\n", "\r\n", "\r", "a", "a: b", " ", "\t", "-"]), max_size=14))
def test_front_matter_found_as_the_regular_expression_finds_it(parts):
    text = "".join(parts)
    match = FRONT_MATTER.match(text)
    assert split_front_matter(text) == ((match.group(1), match.end()) if match else None), text


class Uncached(Loader):
    """The kit's loader with PyYAML's resolver asked every time."""

    def resolve(self, kind, value, implicit):
        return yaml.resolver.BaseResolver.resolve(self, kind, value, implicit)


SCALARS = ["x", "yes", "'yes'", '"no"', "~", "", "null", "10", "'10'", "0120", "1_000", "-3", "37.5", ".inf", "1e5", "1.5e+3", "2024-05-01", "1:20", "0x10", "汉字", "k0"]


def test_remembered_tags_are_pyyamls(monkeypatch):
    monkeypatch.setattr(Loader, "_tags", {})
    text = "\n".join(f"k{i}: {value}" for i, value in enumerate(SCALARS)) + "\nlist: [" + ", ".join(v for v in SCALARS if v) + "]\n"
    want = yaml.load(text, Loader=Uncached)
    assert yaml.load(text, Loader=Loader) == want and len(Loader._tags) > len(SCALARS)
    assert repr(yaml.load(text, Loader=Loader)) == repr(want)  # the second time from what was remembered


def test_tags_remembered_are_bounded(monkeypatch):
    monkeypatch.setattr(Loader, "_tags", {})
    monkeypatch.setattr(yamlsource, "TAGS_KEPT", 5)
    text = "\n".join(f"k{i}: {value}" for i, value in enumerate(SCALARS))
    assert repr(yaml.load(text, Loader=Loader)) == repr(yaml.load(text, Loader=Uncached)) and len(Loader._tags) == 5
