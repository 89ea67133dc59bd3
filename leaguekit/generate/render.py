"""The kit's Jinja environment: templates in `leaguekit/generate/templates/`, everything autoescaped.

Templates only draw; the view models handed to them are computed in Python. What macros print
into a hand-written page (`render_in_markdown`, `inert`) goes through Markdown afterwards, with
attr_list and md_in_html: there every value is also made inert to Markdown.
"""

from __future__ import annotations

import json
import re

import jinja2
from markupsafe import Markup

from . import scripts

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("leaguekit.generate", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    auto_reload=False,  # templates ship with the kit: no stat() per render on a 69,000-page build
)
# `tojson` (HTML-safe: <, >, & and ' escaped) for data the browser reads, compact and with Chinese kept.
_env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
# Code points HTML forbids in a document (C1 controls, noncharacters), which json keeps raw with Chinese kept:
# written as JSON escapes, so the page validates and the browser reads the same string.
_NONCHARACTERS = "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
_HTML_FORBIDDEN = re.compile(f"[\x7f-\x9f\ufdd0-\ufdef{_NONCHARACTERS}]")


def _json_escaped(char: re.Match[str]) -> str:
    return json.dumps(char.group(), ensure_ascii=True)[1:-1]


def _dumps(value: object, **kwargs) -> str:
    return _HTML_FORBIDDEN.sub(_json_escaped, json.dumps(value, **kwargs))


_env.policies["json.dumps_function"] = _dumps
# `{{ needs("hours") }}` beside the markup a kit script brings to life: the page loads that script (scripts.py).
_env.globals["needs"] = scripts.needs

# Every ASCII character Markdown or its extensions could read as syntax (punctuation, line breaks, tabs).
MARKDOWN_ACTIVE = re.compile(r"[!-/:-@\[-`{-~\t\n\r\x0b\x0c]")


def inert(value: object) -> object:
    """Text that stays text wherever it lands in a page Markdown reads next: every ASCII punctuation
    mark (& < > " ' among them) and line break written as a character reference, so no code fence,
    link, emphasis, attribute list (`{: onclick=…}`) or HTML block can start in it. The browser shows
    the same characters. Markup (HTML the kit drew) and numbers pass unchanged."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(MARKDOWN_ACTIVE.sub(lambda m: f"&#{ord(m.group())};", value))


# Templates drawn into hand-written pages: the same templates, every printed value inert.
_markdown_env = _env.overlay(finalize=inert)


def compile_all() -> None:
    """Every template of the kit compiled and kept in this process (`output.prepare`)."""
    for name in _env.list_templates():
        _env.get_template(name)


def render(template: str, **context: object) -> str:
    return _env.get_template(template).render(**context)


def render_in_markdown(template: str, **context: object) -> Markup:
    """A template for a macro's output in a docs/ page: data/ values cannot turn into Markdown there."""
    return Markup(_markdown_env.get_template(template).render(**context))
