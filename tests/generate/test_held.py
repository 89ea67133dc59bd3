"""HTML a macro holds out of a hand-written page's Markdown comes back where the macro stood (leaguekit.generate.held)."""

from __future__ import annotations

import markdown
from markupsafe import Markup

from leaguekit.generate import held


class Page:
    def __init__(self) -> None:
        self.meta: dict = {}


def test_held_html_comes_back_in_place_as_markdown_would_have_passed_it():
    page, table = Page(), Markup("<table><tr><td>*不是强调*</td></tr></table>\n")
    text = f"# 字段\n\n{held.hold(page, table)}\n\n中间\n\n{held.hold(page, Markup('<p>第二块</p>'))}\n"
    converted = markdown.markdown(text)
    assert "<table>" not in converted  # Markdown never saw it
    direct = markdown.markdown(f"# 字段\n\n{table}\n\n中间\n\n<p>第二块</p>\n")
    assert held.put_back(page, converted) == direct


def test_a_mark_no_macro_left_stays_a_comment():
    page = Page()
    typed = "<p>a</p>\n<!-- leaguekit:held 0 -->"
    assert held.put_back(page, typed) == typed
    held.hold(page, Markup("<div>x</div>"))
    assert held.put_back(page, "<!-- leaguekit:held 0 --><!-- leaguekit:held 1 -->") == "<div>x</div><!-- leaguekit:held 1 -->"
