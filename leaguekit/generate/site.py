"""What every generator shares: the validated content, and the cards that show a venue or brand.

Cards are view models (frozen dataclasses); templates only draw them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from .. import urls
from ..content import body, schedule
from ..content.figures import FigureBook
from ..content.geo import DEFAULT_MODE, MODES, NavLink, nav_links, region_of, to_gcj02
from ..content.hours import closures_json
from ..content.model import BrandEntry, Content, District, VenueEntry
from ..content.resolver import Resolver
from .pictures import ImageSet


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Fact:
    label: str
    text: str = ""
    links: tuple[Link, ...] = ()
    href: str = ""


@dataclass(frozen=True)
class Card:
    """One venue or brand in a listing."""

    title: str
    href: str
    meta: tuple[str, ...]
    sample: bool
    summary: str = ""

    @property
    def meta_line(self) -> str:
        """What the card says under its title: the parts of `meta` there are, joined by " · "."""
        return " · ".join(part for part in self.meta if part)


@dataclass(frozen=True)
class Group:
    title: str
    anchor: str
    cards: tuple[Card, ...]
    href: str = ""


@dataclass(frozen=True)
class Count:
    """A link to a smaller listing with how many venues it holds."""

    label: str
    count: int
    href: str
    note: str = ""


@dataclass(frozen=True)
class NavMenu:
    """The one 导航 control of a venue: map apps for a travel mode, and what nearby.js needs to switch mode."""

    key: str  # names the mode choice, unique on a page
    mode: str
    links: tuple[NavLink, ...]
    place: dict  # {n, a, p: [lat, lng] WGS-84, c: [lat, lng] GCJ-02, r: city for Baidu}
    modes: tuple[tuple[str, str], ...] = MODES


def nav_menu(key: str, name: str, address: str, lat: float, lng: float) -> NavMenu:
    gcj, region = to_gcj02(lat, lng), region_of(address)
    return NavMenu(key, DEFAULT_MODE, nav_links(name, address, lat, lng, gcj, region=region), {"n": name, "a": address, "p": [lat, lng], "c": list(gcj), "r": region})


@dataclass(frozen=True)
class Place:
    """One venue as the finder and district pages list it: everything needed to go there."""

    id: str
    name: str
    href: str
    meta: str
    address: str
    schedule: list | None  # Hours.schedule(), for open-now in the browser
    closures: list
    hours_label: str
    phone: str
    sample: bool
    nav: NavMenu
    # data-* attributes the finder's filters read
    type: str
    grade: str
    services: str
    district: str
    town: str
    lat: float
    lng: float


def chunks(items: list, size: int) -> list[list]:
    """`items` in pages of `size` (one empty page when there is nothing)."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


class Reuse:
    """Values computed from one object (a venue as read), kept between `mkdocs serve` rebuilds while it is the
    very same object: the read cache hands back the frozen entry of an unchanged file, so a save recomputes only
    its own venue's rows. Whoever keeps it clears it when anything else (data/, the date …) changed."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, int], tuple[object, object, object]] = {}
        self.used: dict[tuple[str, int], tuple[object, object, object]] = {}
        # A quick save (`mkdocs.incremental`) asks for some kinds of value only for the pages it draws.
        self.adding = False

    def get(self, kind: str, obj: object, compute, tag: object = None):
        """`obj`'s value of `kind`, kept while `obj` is the same object and `tag` equal (a venue's id: it comes
        from the file's name, not its model)."""
        key = (kind, id(obj))
        found = self.used.get(key) or self.kept.get(key)
        if found is None or found[0] is not obj or found[1] != tag:
            found = (obj, tag, compute())
        self.used[key] = found
        return found[2]

    def next_build(self) -> None:
        """A build succeeded: what it did not use (removed venues, other builds' rows) is dropped; after a quick
        save, only of the kinds it used (those it asked for a few objects keep their other values)."""
        if self.adding:
            kinds = {kind for kind, _ in self.used}
            for key in [key for key in self.kept if key[0] in kinds and key not in self.used]:
                del self.kept[key]
            self.kept.update(self.used)
        else:
            self.kept = self.used
        self.used, self.adding = {}, False

    def clear(self) -> None:
        self.kept, self.used, self.adding = {}, {}, False


class Site:
    """The content a build shows, with the helpers every section's generator needs."""

    # A listing shows every venue as a card up to this many; above it, it links to smaller pages
    # (types → districts), so no page grows with the size of the directory.
    INLINE_LIMIT = 300
    # Venues per page of a district's list (pages 2, 3 … follow).
    PAGE_SIZE = 200

    def __init__(
        self,
        content: Content,
        figures: FigureBook | None = None,
        *,
        dates: Mapping[str, str] | None = None,
        site_url: str | None = "",
        today: date | None = None,
        repo_url: str | None = "",
        edit_uri: str | None = "",
        images: Mapping[str, ImageSet] | None = None,
        assets: Mapping[str, str] | None = None,
        reuse: Reuse | None = None,
    ):
        self.content = content
        self.figures = figures or FigureBook({})
        self.dates = dates or {}  # path → last commit date (gitdates)
        self.site_url = site_url or ""  # the public address: QR codes and absolute links need it
        self.repo_url = repo_url or ""  # the repository (REPO_URL) and mkdocs.yml's edit_uri: the venue form's new-file link
        self.edit_uri = edit_uri or ""
        self.images = images or {}  # photo path -> its derived files (output.images); photos without are not drawn
        self.assets = assets or {}  # a kit file's path -> its published name, with a content hash (the plugin)
        self.today = today or schedule.build_date()
        self.memo: dict[str, object] = {}  # results two sections share, computed once per build
        self._reuse = reuse  # `mkdocs serve`: per-venue rows kept from the last build

    def reused(self, kind: str, obj: object, compute):
        """`compute()`, or its value from the last build when `obj` is the same object (under `mkdocs serve`);
        the value must follow from `obj` and what only a full rebuild changes (data/, settings, the date).
        A venue (rebuilt on every load) is known by its model, which the read cache keeps, and its id."""
        if self._reuse is None:
            return compute()
        if isinstance(obj, VenueEntry):
            return self._reuse.get(kind, obj.data, compute, obj.id)
        return self._reuse.get(kind, obj, compute)

    def asset(self, path: str) -> str:
        """Where a kit script or stylesheet is published (`assets/javascripts/map.js` -> `…/map.1a2b3c4d.js`)."""
        return self.assets.get(path, path)

    @cached_property
    def calendar(self) -> dict:
        """The holiday calendar for the browser (`Calendar.to_json`), worked out once: every venue page carries it."""
        return self.content.calendar.to_json(self.today)

    @property
    def now(self) -> datetime:
        """The moment pages are filed by without JavaScript: the start of the build date in China."""
        return schedule.start_of_day(self.today)

    def everyday_words(self, text: str) -> list[str]:
        """The everyday words of each service that `text` names by its label or one of them (a brand
        called 七彩假期爱心托管班 names 托管): search finds the brand or activity by all of them (暑假托管, 看孩子)."""
        found: list[str] = []
        for term in self.content.services.values():
            words = (term.label, *term.aliases)
            if any(w in text for w in words):
                found += words
        return found

    @cached_property
    def resolve(self) -> Resolver:
        c = self.content
        pages = {urls.venue(v.id) for v in c.venues} | {urls.brand(b.id) for b in c.brands}
        pages |= {urls.org(o) for o in c.orgs} | {urls.venue_type(k) for k in c.venue_types}
        pages |= {urls.activity(a.id) for a in c.activities}
        return Resolver(c.root, pages)

    def body_html(self, source: str, text: str, first_line: int, here: str) -> str:
        """The contributor's Markdown as sanitised HTML (problems were reported by `make check`)."""
        return body.render(source, text, first_line, here, self.resolve).html

    def type_label(self, venue: VenueEntry) -> str:
        label = self.content.venue_types[venue.data.type].label
        if venue.data.grade:
            label += f"（{self.content.grades[venue.data.grade].label}）"
        return label

    def district(self, venue: VenueEntry) -> District:
        return self.content.district(venue)

    def card(self, venue: VenueEntry, here: str) -> Card:
        place = " · ".join(x for x in (self.district(venue).full_name, venue.data.town) if x)
        return Card(
            title=venue.data.name,
            href=urls.relative(here, urls.venue(venue.id)),
            meta=(self.type_label(venue), place),
            sample=venue.data.sample,
        )

    def place(self, venue: VenueEntry, here: str) -> Place:
        v = venue.data
        return Place(
            id=venue.id,
            name=v.name,
            href=urls.relative(here, urls.venue(venue.id)),
            meta=" · ".join(x for x in (self.type_label(venue), self.district(venue).full_name, v.town) if x),
            address=v.address,
            schedule=venue.hours.schedule() if venue.hours else None,
            closures=closures_json(venue.closures),
            hours_label=venue.hours.label() if venue.hours else "",
            phone=v.phone or "",
            sample=v.sample,
            nav=nav_menu(venue.id, v.name, v.address, v.location.lat, v.location.lng),
            type=v.type,
            grade=v.grade or "",
            services=" ".join(v.services),
            district=self.district(venue).full_name,
            town=v.town or "",
            lat=v.location.lat,
            lng=v.location.lng,
        )

    def brand_card(self, brand: BrandEntry, here: str) -> Card:
        c = self.content
        hosts = len(c.venues_hosting(brand.id))
        return Card(
            title=brand.data.name,
            href=urls.relative(here, urls.brand(brand.id)),
            meta=(c.brand_categories[brand.data.category].label, c.orgs[brand.data.org].short_name, f"{hosts} 个承接阵地"),
            sample=brand.data.sample,
            summary=brand.data.summary,
        )

    def type_groups(self, venues: list[VenueEntry], here: str) -> list[Group]:
        """Cards grouped by venue type, each heading linking to the type's listing."""
        groups = []
        for vtype in self.content.venue_types.values():
            members = [v for v in venues if v.data.type == vtype.key]
            if members:
                groups.append(
                    Group(
                        title=f"{vtype.plural}（{len(members)}）",
                        anchor=f"type-{vtype.key}",
                        cards=tuple(self.card(v, here) for v in members),
                        href=urls.relative(here, urls.venue_type(vtype.key)),
                    )
                )
        return groups

    def district_groups(self, venues: list[VenueEntry], here: str) -> list[Group]:
        """Cards grouped by district, largest first, each heading linking to the district's page."""
        groups: dict[District, list[VenueEntry]] = {}
        for v in venues:
            groups.setdefault(self.district(v), []).append(v)
        return [
            Group(f"{d.full_name}（{len(vs)}）", f"d-{d.key}", tuple(self.card(v, here) for v in vs), href=urls.relative(here, urls.district(d.key)))
            for d, vs in sorted(groups.items(), key=lambda kv: (kv[0].elsewhere, -len(kv[1]), kv[0].key))
        ]

    def district_counts(self, venues: list[VenueEntry], here: str, anchor: str = "") -> list[Count]:
        """One link per district with its number of `venues` (for listings too large for cards)."""
        groups: dict[District, int] = {}
        for v in venues:
            d = self.district(v)
            groups[d] = groups.get(d, 0) + 1
        return [
            Count(d.full_name, n, urls.relative(here, urls.district(d.key)) + (f"#{anchor}" if anchor else ""))
            for d, n in sorted(groups.items(), key=lambda kv: (kv[0].elsewhere, -kv[1], kv[0].key))
        ]
