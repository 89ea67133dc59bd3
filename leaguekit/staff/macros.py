"""Macros for the staff guide (`leaguekit/staff/guide/`, at /contribute/ on every site): the field reference and copy-ready file templates.

Both carry data/ values (labels, keys) into a page Markdown reads next: every value is inert there
(`generate.render.inert`), and a template is drawn as its own code block rather than inside a
fence a value could close."""

from __future__ import annotations

import html
from dataclasses import dataclass

from markupsafe import Markup

from ..content.hours import parse_hours
from ..content.hours_words import to_osm
from ..content.model import Content
from ..generate import held
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
        district = (venue.data.district if venue else None) or (org.region.removeprefix(content.any_org(org.parent).region) if org.parent else org.region)
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
    """`field_reference('venue')`, `venue_template()`, `brand_template()`, `activity_template()`, `hours_words_examples()`;
    `example` (this site's names for the guide's examples), `code(text)` and `shell(text)` to show them as code."""
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
        """The field table for 'venue' or 'brand', from the schema and the vocabularies; put in once the page's
        Markdown is converted (`held`)."""
        return held.hold(env.page, field_table(content, kind))

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

    @env.macro
    def hours_words_examples() -> Markup:
        return hours_words_table()


# Ways of writing opening hours staff use; the guide shows what each becomes, computed by the converter itself.
HOURS_WORDS = (
    "周一至周五 9:00-17:00",
    "工作日 9:00-17:00",
    "每天 8:30-21:00",
    "周一至周五 上午9:00-12:00 下午2:00-5:30",
    "周一至周五 9：00—17：00，周末 9.00-12.00",
    "周二至周日 9点-17点半（周一闭馆）",
    "除周一外 9:00-17:00",
    "周末及节假日 9:00-12:00",
    "每天 9:00-17:00，节假日休息",
    "工作日 9:00-17:00，节假日照常开放",
    "星期二、星期四 晚上7:00-9:00",
)


def hours_words_table() -> Markup:
    """写法 | 文件中写作 | 意思: each example through `hours_words.to_osm` and `hours.format_hours`."""
    rows = [Markup("<tr><th>平时的写法</th><th>文件中写作</th><th>网站显示</th></tr>")]
    for text in HOURS_WORDS:
        osm = to_osm(text)
        rows.append(Markup("<tr><td>") + inert(text) + Markup("</td><td><code>") + inert(osm) + Markup("</code></td><td>") + inert(parse_hours(osm).label()) + Markup("</td></tr>"))
    return Markup('<table class="lk-hours-words">') + Markup("").join(rows) + Markup("</table>")


def code_block(text: str) -> Markup:
    """A YAML code block on one line of HTML (what a ```yaml fence renders to), its text inert."""
    return Markup('<pre><code class="language-yaml">') + inert(text) + Markup("</code></pre>")
