"""What a page makes the browser fetch before its first paint, read from its HTML: stylesheets
(`<link rel=stylesheet>` not limited to print) and scripts loaded without `defer`, `async` or
`type=module`, in the head or the body (a script in the body still stops the parser there).
`make audit` reports this count beside Lighthouse's; the tests hold each page to it."""

from __future__ import annotations

from html.parser import HTMLParser

NOT_SCRIPT = ("application/json", "application/ld+json", "text/template")


class _Blocking(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and "stylesheet" in a.get("rel", "").lower().split() and a.get("media", "all").strip().lower() not in ("print", "not all"):
            if "disabled" not in a and "href" in a:
                self.found.append(a["href"])
        elif tag == "script" and "src" in a and "defer" not in a and "async" not in a:
            if a.get("type", "").strip().lower() not in ("module", *NOT_SCRIPT):
                self.found.append(a["src"])


def render_blocking(html: str) -> list[str]:
    """The addresses of the page's render-blocking stylesheets and scripts, in document order."""
    parser = _Blocking()
    parser.feed(html)
    parser.close()
    return parser.found
