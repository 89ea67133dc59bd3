"""The kit's Jinja environment: templates in `leaguekit/generate/templates/`, everything autoescaped.

Templates only draw; the view models handed to them are computed in Python.
"""

from __future__ import annotations

import jinja2

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


def render(template: str, **context: object) -> str:
    return _env.get_template(template).render(**context)
