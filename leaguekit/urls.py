"""Where each generated page lives, and relative links between them.

Links are relative so `site/` works from any sub-path of any static host.
"""

from __future__ import annotations


def venue(ident: str) -> str:
    return f"venues/{ident}/"


def poster(venue_id: str) -> str:
    """A venue's door poster, a standalone A4 page."""
    return venue(venue_id) + "print/"


def brand(ident: str) -> str:
    return f"brands/{ident}/"


def venue_type(key: str) -> str:
    return f"types/{key}/"


def org(ident: str) -> str:
    return f"orgs/{ident}/"


def district(key: str) -> str:
    """One page per district (`content.District.key`, e.g. taiyuan-xiaodianqu)."""
    return f"districts/{key}/"


def page_of_doc(path: str) -> str:
    """Directory URL MkDocs gives docs/`path`: orgs/taigu/report.md -> orgs/taigu/report/, index.md -> ''."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative(from_url: str, to_url: str) -> str:
    """Link from page `from_url` to `to_url`, both site-root relative directory URLs.

    Plain string work (no posixpath.relpath): a national build makes millions of these links.
    """
    path, _, fragment = to_url.partition("#")
    here = [p for p in from_url.split("/") if p]
    there = [p for p in path.split("/") if p]
    common = 0
    while common < len(here) and common < len(there) and here[common] == there[common]:
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    is_dir = path == "" or path.endswith("/")
    link = "/".join(parts) + ("/" if is_dir and parts else "") if parts else "./"
    return link + (f"#{fragment}" if fragment else "")


def source_uri(url: str) -> str:
    """The virtual Markdown file MkDocs builds into `url`."""
    return url.rstrip("/") + ".md" if url.count("/") > 1 else url + "index.md"


# --- activities, their feeds and the open data ---------------------------------


def activity(ident: str) -> str:
    return f"activities/{ident}/"


def activity_month(key: str) -> str:
    """Past and coming activities of one month, `key` like 2026-10."""
    return f"activities/months/{key}/"


def calendar(kind: str, ident: str = "") -> str:
    """iCalendar files: the whole site (`calendar("site")`), or one activity, venue or brand."""
    return "feeds/activities.ics" if kind == "site" else f"feeds/{kind}/{ident}.ics"


def atom(org: str = "") -> str:
    """Atom feed of new activities: the whole site, or one org (its child orgs included)."""
    return f"feeds/orgs/{org}.xml" if org else "feeds/activities.xml"


def data_file(name: str) -> str:
    """A download on the open-data page, e.g. `venues.geojson` or `hsds/datapackage.json`."""
    return f"data/{name}"


# The finder's grid cells (`output.finder_data`), fetched by nearby.js from /nearby/.
FINDER_DATA = "assets/finder"

# The activity cards of each month (`output.activity_months`), fetched by activities.js to show what is on
# by the reader's clock: `assets/activities/2027-02.json`.
ACTIVITY_MONTHS = "assets/activities"


def activity_month_cards(key: str) -> str:
    return f"{ACTIVITY_MONTHS}/{key}.json"

# Every top-level folder the kit writes: an org's own site published inside the publisher's (`build-all`
# into site/) must not take one of these names, nor a folder of the site's docs/.
SECTIONS = frozenset(u.split("/")[0] for u in (venue("x"), brand("x"), venue_type("x"), org("x"), district("x"), activity("x"), atom(), data_file("x"), FINDER_DATA, ACTIVITY_MONTHS, "nearby/", "search/", "contribute/"))
