"""Defence in depth: even if a hostile body got past `make check`, the page the kit renders runs nothing.

The body check is switched off for this one build, so the renderer and the nh3 allowlist are the only guard.
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from conftest import build_site, venue_md, write

from leaguekit.content import body

PAYLOADS = "\n\n".join([
    "\\`<img src=x onerror=\"window.__xss='img'\">\\`",
    "<script>window.__xss='script'</script>",
    "## 自动聚焦\n{: autofocus onfocus=\"window.__xss='focus'\" tabindex=0 }",
    "[点我](javascript:window.__xss='link') [再点][r]\n\n[r]: &#106;avascript:window.__xss='ref'",
    "![图](data:image/svg+xml,<svg onload=\"window.__xss='svg'\">)",
    "<iframe src=\"javascript:parent.__xss='frame'\"></iframe>",
    "<a href=x onmouseover=\"window.__xss='hover'\">悬停</a>",
    "<details open ontoggle=\"window.__xss='toggle'\"><summary>x</summary></details>",
    "<!--<img src=x onerror=\"window.__xss='comment'\">-->",
    "[x](vbscript:msgbox) <javascript:window.__xss='auto'>",
])


@pytest.fixture
def hostile_site(project, monkeypatch):
    monkeypatch.setattr(body, "check", lambda *args, **kwargs: [])
    write(project, "venues/taigu/test-venue.md", venue_md(PAYLOADS, name="<svg onload=\"window.__xss='name'\">测试"))
    site = build_site(project)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_hostile_venue_page_runs_no_script(page, hostile_site):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_site + "venues/test-venue/")
    article = page.locator("article")
    article.hover()
    for link in article.locator("a").all():
        if link.is_visible():
            link.hover()
            link.focus()
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    handlers = page.evaluate("""() => [...document.querySelectorAll('article *')]
        .flatMap(el => [...el.attributes].map(a => a.name)).filter(n => n.startsWith('on') || n === 'autofocus')""")
    assert handlers == []
    hrefs = page.evaluate("() => [...document.querySelectorAll('article a[href], article img[src], article iframe')].map(e => e.getAttribute('href') || e.getAttribute('src') || 'iframe')")
    assert all(not h.lower().lstrip().startswith(("javascript", "data", "vbscript")) and h != "iframe" for h in hrefs), hrefs
    assert "<svg onload" in page.locator("h1").inner_text()
    assert page.watch.errors == []
