"""Macros for the staff guide (`leaguekit/staff/guide/`, at /contribute/ on every site): the field reference and copy-ready file templates.

Both carry data/ values (labels, keys) into a page Markdown reads next: every value is inert there
(`generate.render.inert`), and a template is drawn as its own code block rather than inside a
fence a value could close."""

from __future__ import annotations

import html
from dataclasses import dataclass

from markupsafe import Markup

from ..content.model import Content
from ..generate.render import inert
from .reference import field_table
from .scaffold import example_activity, example_brand, example_org, example_venue


@dataclass(frozen=True)
class Example:
    """What the guide's examples name, taken from this site's own data: a 西安 site's staff read of 西安,
    never of the kit's sample. With no venue yet, the names are made up from the org's district."""

    org: str
    org_name: str
    district: str
    venue_name: str
    venue_id: str
    venue_file: str
    new_name: str

    @classmethod
    def of(cls, content: Content) -> Example:
        org = content.orgs[example_org(content)]
        venue = next(iter(content.venues_of_org(org.id)), None) or next(iter(content.venues), None)
        district = (venue.data.district if venue else None) or (org.region.removeprefix(content.orgs[org.parent].region) if org.parent else org.region)
        type_label = next(iter(content.venue_types.values())).label
        return cls(
            org=venue.data.org if venue else org.id,
            org_name=content.orgs[venue.data.org].short_name if venue else org.short_name,
            district=district,
            venue_name=venue.data.name if venue else f"{district}某某社区{type_label}",
            venue_id=venue.id if venue else f"{org.id}-example",
            venue_file=venue.source if venue else f"venues/{org.id}/{org.id}-example.md",
            new_name=f"{district}某某街道{type_label}",
        )


def register(env) -> None:
    """`field_reference('venue')`, `venue_template()`, `brand_template()`, `activity_template()`; `example`
    (this site's names for the guide's examples), `code(text)` and `shell(text)` to show them as code."""
    content: Content = env.conf["extra"]["leaguekit"].content
    example = Example.of(content)
    env.variables["example"] = example

    @env.macro
    def code(text: str) -> Markup:
        """Inline code holding a value from data/ (a code span in Markdown would show its character references)."""
        return Markup("<code>") + Markup(html.escape(str(text))) + Markup("</code>")

    @env.macro
    def shell(text: str) -> Markup:
        """A shell block whose `{org}`, `{district}`, `{venue_name}`, `{venue_file}`, `{new_name}` are this site's."""
        filled = text.format(**{k: getattr(example, k) for k in example.__dataclass_fields__})
        return Markup('<pre><code class="language-sh">') + Markup(html.escape(filled)) + Markup("</code></pre>")

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
