"""A page the kit generates: its address, what MkDocs' theme needs to know, how to draw it, and how search finds it
(`SearchEntry`; `output.search_index` turns the entries into the index files)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import urls
from ..content import body
from .pictures import Variant

BODY_CHARS = 400  # how much of a venue's or brand's text is searchable
QUOTED = re.compile(r"[“「『]([^“”「」『』]{2,20})[”」』]")  # “创青春”太原青年创业创新大赛: what people call it

# kind: (label shown with a result, rank weight). Documents are stored in this order.
KINDS: dict[str, tuple[str, float]] = {
    "type": ("阵地类型", 1.3),
    "district": ("县区", 1.2),
    "org": ("团组织", 1.2),
    "finder": ("找阵地", 1.1),
    # A venue is stored before any brand or activity and weighs as much: a page named like it
    # neither outscores it nor, on a tie, comes first (search_index.owned_names does the rest).
    "venue": ("阵地", 1.0),
    "brand": ("品牌项目", 1.0),
    "activity": ("活动", 0.9),
    "listing": ("列表", 0.6),
    "report": ("工作报告", 0.7),
    "figures": ("报告数据", 0.6),
    "page": ("页面", 0.7),
    # Pages for league staff (参与维护, 字段说明, 门牌海报): search.js lists them after every public
    # result unless the query holds one of their words (`SearchEntry.keywords`).
    "staff": ("工作人员", 0.6),
}

@dataclass(frozen=True)
class SearchEntry:
    """What search knows about a page: filled in by the page's generator (or from a
    hand-written page's text), turned into tokens only when the index is written."""

    kind: str
    title: str
    summary: str = ""
    keywords: str = ""  # words the page should be found by: type, district, services, their everyday words …
    names: str = ""  # the page's other names (short names, aliases): found like the title, by pinyin too
    places: str = ""  # where it is (district, town): found like keywords, by pinyin too
    # Everyday words for what the page offers rather than what it is (a venue's services' and type's):
    # below keywords, so the brand or activity named for a need comes before the thousands of venues listing it.
    related: str = ""
    body: str = ""
    weight: float = 1.0  # on top of the kind's weight, e.g. lower for a closed venue
    group: str = ""  # entries with the same group are stored side by side (a district's venues)
    at: str = ""  # appended to the page's URL: "?service=lodging" finds the page pre-filtered
    org: str = ""  # the org that publishes it (data/orgs.yml id); "" for the kit's own pages (types, districts, the finder)
    answers: tuple[str, ...] = ()  # names besides the title a query may be exactly (a service's everyday words)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown search kind {self.kind!r}")


def quoted_names(title: str) -> str:
    """The quoted names in a title (“创青春”, “圆梦龙城”), for `SearchEntry.names`: people call a
    programme by them, and as short names they outscore the many longer titles holding their words."""
    return " ".join(dict.fromkeys(QUOTED.findall(title)))


def markdown_text(markdown: str, limit: int = BODY_CHARS) -> str:
    """The words a reader sees in a contributor's Markdown body (the text its checks read), at most `limit` characters."""
    return body.text(markdown, limit)


@dataclass(frozen=True)
class GeneratedPage:
    """`render()` returns the article's HTML; it runs only when MkDocs writes this page, so
    a 69,000-venue build never holds every page's HTML at once."""

    url: str
    title: str
    description: str
    render: Callable[[], str] = field(compare=False, repr=False)
    source: str = ""  # the content file behind the page: its edit link and "最后更新"
    icon: str = ""
    hide: tuple[str, ...] = ()
    # schema.org data (site-relative URLs), made when the page is drawn (`json_ld`): held for every page it was a
    # third of what a national build keeps per venue
    structured_data: Callable[[], dict] | None = field(default=None, compare=False, repr=False)
    image: Variant | None = None  # what a chat app shows beside a shared link (none: the site's share card)
    # How site search finds this page (none: not findable, e.g. page 2 of a list).
    search: tuple[SearchEntry, ...] = ()

    @property
    def json_ld(self) -> dict | None:
        return self.structured_data() if self.structured_data is not None else None

    @property
    def src_uri(self) -> str:
        return urls.source_uri(self.url)

    def meta(self) -> dict[str, object]:
        """Front matter for the theme. Material prints `page.meta.title` and `.description`
        unescaped, so both are escaped here; macros never run on generated pages."""
        meta: dict[str, object] = {
            "title": html.escape(self.title),
            "description": html.escape(self.description),
            "render_macros": False,
        }
        if self.icon:
            meta["icon"] = self.icon
        if self.hide:
            meta["hide"] = list(self.hide)
        return meta
