"""Finding the front matter (`yamlsource.split_front_matter`, the `---` lines around it) gives exactly what
the regular expression `FRONT_MATTER` finds, without its lazy group trying every character."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaguekit.content.yamlsource import FRONT_MATTER, split_front_matter

DIFFERENTIAL = settings(max_examples=3000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@DIFFERENTIAL
@given(st.lists(st.sampled_from(["---", "--- ", "---\t", "----", " ---", "\n", "\r\n", "\r", "a", "a: b", " ", "\t", "-"]), max_size=14))
def test_front_matter_found_as_the_regular_expression_finds_it(parts):
    text = "".join(parts)
    match = FRONT_MATTER.match(text)
    assert split_front_matter(text) == ((match.group(1), match.end()) if match else None), text
