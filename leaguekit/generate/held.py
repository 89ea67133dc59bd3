"""HTML a macro draws for a hand-written page, held out of the page's Markdown and put in once it is converted.

The field reference's tables are most of the staff guide's field page, and most of what that page says
differently on two orgs' sites. Markdown would parse them as HTML blocks only to pass them through unchanged:
23 ms of the sample page's 24 ms of conversion. Held, the page's Markdown is the same text on every site, which `build-all`
converts once (`sharing.MarkdownMemo`), and cheaper to convert on any one. `hold` leaves an HTML comment
naming the block's place in the page's order; the plugin's on_page_content (`put_back`) swaps each for its HTML.
"""

from __future__ import annotations

import re

from markupsafe import Markup

KEY = "leaguekit_held"  # in page.meta: the HTML held for the page, in the order its macros drew it
PLACE = re.compile(r"<!-- leaguekit:held (\d+) -->")


def hold(page, html: Markup) -> Markup:
    """The mark `page`'s Markdown carries instead of `html`."""
    held = page.meta.setdefault(KEY, [])
    held.append(str(html).rstrip("\n"))  # as Markdown passes an HTML block through: without its last line break
    return Markup(f"<!-- leaguekit:held {len(held) - 1} -->")


def put_back(page, html: str) -> str:
    """`html` (the page converted) with each mark its macros left replaced by what they drew; a mark no macro
    left for this page (typed by hand) stays the comment it is. What they drew stays in the page's meta: a
    `make serve` save converts the page again only when its text or meta changed (`incremental.read_hand_page`),
    so a table that changed under the same text is seen there."""
    held = page.meta.get(KEY)
    if not held:
        return html
    return PLACE.sub(lambda found: held[int(found.group(1))] if int(found.group(1)) < len(held) else found.group(0), html)
