"""The activity cards of each month as JSON (`assets/activities/<YYYY-MM>.json`).

The home page's "近期活动" and `/activities/` are read weeks after the build: activities.js
fetches the reader's month (and the next ones while it needs more) and files the cards by
the reader's clock, so what is on today shows whatever the build date. A month's file holds
only the activities on in that month, so a phone's download does not grow with the archive.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from .. import urls
from ..generate import Site
from ..generate.activities import month_cards


def files(site: Site) -> Iterator[tuple[str, str]]:
    for key, cards in month_cards(site).items():
        yield urls.activity_month_cards(key), json.dumps(cards, ensure_ascii=False, separators=(",", ":"))
