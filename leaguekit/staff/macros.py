"""Macros for the staff guide (`docs/contribute/`): the field reference and copy-ready file templates."""

from __future__ import annotations

from markupsafe import Markup

from ..content.model import Content
from .reference import field_table
from .scaffold import example_activity, example_brand, example_venue


def register(env) -> None:
    """`field_reference('venue')`, `venue_template()`, `brand_template()`, `activity_template()`."""
    content: Content = env.conf["extra"]["leaguekit"].content

    @env.macro
    def field_reference(kind: str) -> Markup:
        """The field table for 'venue' or 'brand', from the schema and the vocabularies."""
        return Markup(field_table(content, kind))

    @env.macro
    def venue_template() -> Markup:
        """What `make new-venue` writes, with example values: copy-ready for the web editor."""
        return Markup(example_venue(content).text)  # inside a code block: Markdown escapes it

    @env.macro
    def brand_template() -> Markup:
        return Markup(example_brand(content).text)

    @env.macro
    def activity_template() -> Markup:
        return Markup(example_activity(content).text)
