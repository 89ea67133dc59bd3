"""Macros for the staff guide (`leaguekit/staff/guide/`, at /contribute/ on every site): the field reference and copy-ready file templates.

Both carry data/ values (labels, keys) into a page Markdown reads next: every value is inert there
(`generate.render.inert`), and a template is drawn as its own code block rather than inside a
fence a value could close."""

from __future__ import annotations

from markupsafe import Markup

from ..content.model import Content
from ..generate.render import inert
from .reference import field_table
from .scaffold import example_activity, example_brand, example_venue


def register(env) -> None:
    """`field_reference('venue')`, `venue_template()`, `brand_template()`, `activity_template()`."""
    content: Content = env.conf["extra"]["leaguekit"].content

    @env.macro
    def field_reference(kind: str) -> Markup:
        """The field table for 'venue' or 'brand', from the schema and the vocabularies."""
        return field_table(content, kind)

    @env.macro
    def venue_template() -> Markup:
        """What `make new-venue` writes, with example values: copy-ready for the web editor."""
        return code_block(example_venue(content).text)

    @env.macro
    def brand_template() -> Markup:
        return code_block(example_brand(content).text)

    @env.macro
    def activity_template() -> Markup:
        return code_block(example_activity(content).text)


def code_block(text: str) -> Markup:
    """A YAML code block on one line of HTML (what a ```yaml fence renders to), its text inert."""
    return Markup('<pre><code class="language-yaml">') + inert(text) + Markup("</code></pre>")
