"""The validated content the rest of the kit receives: venues, brands, activities, orgs and vocabularies.

`content.load` builds one `Content` or raises `ContentError`; page generators and output
writers read these objects and never a content file.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .. import urls
from .hours import Calendar, Hours, Period
from .photos import PhotoFile
from .problems import Problem
from .schedule import ActivityEntry
from .schema import Brand, Org, SiteSettings, Term, Venue, VenueType


@dataclass(frozen=True)
class Vocabularies:
    """What data/ says every content file may refer to: the publisher, the org tree and the key lists."""

    settings: SiteSettings | None
    orgs: dict[str, Org]
    venue_types: dict[str, VenueType]
    services: dict[str, Term]
    grades: dict[str, Term]
    brand_categories: dict[str, Term]


@dataclass(frozen=True)
class VenueEntry:
    """A validated venue with where it came from."""

    id: str
    source: str
    data: Venue
    body: str
    hours: Hours | None
    body_line: int = 1
    photos: tuple[PhotoFile, ...] = ()  # the files behind data.photos, checked (`photos`)

    @cached_property
    def closures(self) -> tuple[Period, ...]:
        return tuple(Period(c.first, c.last, c.reason) for c in self.data.closures)


@dataclass(frozen=True)
class BrandEntry:
    id: str
    source: str
    data: Brand
    body: str
    body_line: int = 1


@dataclass(frozen=True)
class District:
    """A county-level area venues are listed under, told apart by its city (two 城区 differ)."""

    key: str
    name: str
    city: str

    @property
    def full_name(self) -> str:
        """`太原市小店区`; a name that already starts with its city or province is kept as written."""
        if re.match(r"^[^市省]{2,}?[省市]", self.name) or not self.city or self.name.startswith(self.city):
            return self.name
        return self.city + self.name

    @property
    def elsewhere(self) -> bool:
        """A place outside the org's city (a 学子归巢 station at a university in 北京市海淀区): listed after
        the city's own districts and not counted among them."""
        return bool(self.city) and bool(re.match(r"^[^市省]{2,}?[省市]", self.name)) and not self.name.startswith(self.city)


def city_of(orgs: dict[str, Org], org_id: str) -> Org:
    """The nearest org at city level (or the top of the tree) above `org_id`: districts are told apart by it."""
    chain = []
    current: str | None = org_id
    while current:
        chain.append(orgs[current])
        current = orgs[current].parent
    return next((o for o in chain if o.level in ("city", "province")), chain[-1])


def district_name(orgs: dict[str, Org], venue: Venue) -> str:
    """The district a venue is listed under: its own `district:`, else its org's region."""
    return venue.district or orgs[venue.org].region


def official_districts(orgs: dict[str, Org]) -> set[tuple[str, str]]:
    """(city id, district name) of every district committee in data/orgs.yml: 太谷区 under jinzhong."""
    found = set()
    for org in orgs.values():
        if org.level == "district" and org.parent in orgs:
            city = city_of(orgs, org.id)
            found.add((city.id, org.region.removeprefix(city.region)))
    return found


@dataclass(frozen=True)
class Elsewhere:
    """What one org's site leaves out (`content.subtree`): the other orgs and their brands and venues,
    kept so a link from inside can reach them on the site of an org that has them."""

    orgs: dict[str, Org] = field(default_factory=dict)
    brands: dict[str, BrandEntry] = field(default_factory=dict)
    venues: dict[str, VenueEntry] = field(default_factory=dict)

    def site_url(self, org_id: str) -> str:
        """The address of the nearest site showing `org_id`'s pages: its own or an org's above it ("" when none is known)."""
        current: str | None = org_id
        while current in self.orgs:
            org = self.orgs[current]
            if org.site_url:
                return org.site_url.rstrip("/") + "/"
            current = org.parent
        return ""


@dataclass(frozen=True)
class Content:
    """Everything the site shows, validated and cross-checked."""

    root: Path
    settings: SiteSettings
    orgs: dict[str, Org]
    venue_types: dict[str, VenueType]
    services: dict[str, Term]
    grades: dict[str, Term]
    brand_categories: dict[str, Term]
    venues: list[VenueEntry]
    brands: list[BrandEntry]
    calendar: Calendar = field(default_factory=Calendar)
    warnings: list[Problem] = field(default_factory=list)
    activities: list[ActivityEntry] = field(default_factory=list)
    elsewhere: Elsewhere = field(default_factory=Elsewhere)

    @classmethod
    def of(cls, root: Path, vocab: Vocabularies, **entries: object) -> Content:
        """Content with data/'s vocabularies (their settings valid) and the entries given."""
        assert vocab.settings is not None
        return cls(
            root=root,
            settings=vocab.settings,
            orgs=vocab.orgs,
            venue_types=vocab.venue_types,
            services=vocab.services,
            grades=vocab.grades,
            brand_categories=vocab.brand_categories,
            **entries,
        )

    def vocabulary(self, name: str) -> dict[str, str]:
        """Keys and Chinese labels of the vocabulary a schema field names (`json_schema_extra={"vocabulary": …}`)."""
        table: dict[str, object] = {
            "venue_types": self.venue_types,
            "grades": self.grades,
            "services": self.services,
            "brand_categories": self.brand_categories,
            "orgs": self.orgs,
            "brands": self.brand,
            "venues": self.venue,
        }[name]
        return {key: _label_of(value) for key, value in table.items()}

    @cached_property
    def activity(self) -> dict[str, ActivityEntry]:
        return {a.id: a for a in self.activities}

    def activities_at(self, venue_id: str) -> list[ActivityEntry]:
        return [a for a in self.activities if a.data.venue == venue_id]

    def activities_of_brand(self, brand_id: str) -> list[ActivityEntry]:
        return [a for a in self.activities if a.data.brand == brand_id]

    def activities_of_org(self, org_id: str) -> list[ActivityEntry]:
        """Activities an org or any org below it holds."""
        orgs = set(self.org_tree(org_id))
        return [a for a in self.activities if a.data.org in orgs]

    @cached_property
    def venue(self) -> dict[str, VenueEntry]:
        return {v.id: v for v in self.venues}

    @cached_property
    def brand(self) -> dict[str, BrandEntry]:
        return {b.id: b for b in self.brands}

    @cached_property
    def open_venues(self) -> list[VenueEntry]:
        """Venues that are not closed: the ones listings, counts and the finder show.

        Closed venues keep their own page (see `venues`) so printed URLs still work.
        """
        return [v for v in self.venues if v.data.is_open]

    @cached_property
    def aliases(self) -> dict[str, VenueEntry]:
        """Old venue ids (from `aliases:`) and the venue each now redirects to."""
        return {alias: v for v in self.venues for alias in v.data.aliases}

    @property
    def publisher(self) -> Org:
        return self.orgs[self.settings.publisher]

    def any_org(self, org_id: str) -> Org:
        """An org of this site or, for a parent outside it, of the whole tree (for its name)."""
        return self.orgs.get(org_id) or self.elsewhere.orgs[org_id]

    def any_brand(self, brand_id: str) -> BrandEntry:
        """A brand of this site or one a venue here hosts for an org outside it."""
        return self.brand.get(brand_id) or self.elsewhere.brands[brand_id]

    def any_venue(self, venue_id: str) -> VenueEntry:
        """A venue of this site or one outside it where an activity here takes place."""
        return self.venue.get(venue_id) or self.elsewhere.venues[venue_id]

    def link(self, here: str, url: str, org_id: str) -> str:
        """From page `here` to the page at `url` about `org_id`'s content: relative on this site, absolute on
        the site of an org outside it that shows the page, "" when no such site is known (say it, do not link)."""
        if org_id in self.orgs:
            return urls.relative(here, url)
        base = self.elsewhere.site_url(org_id)
        return base + url if base else ""

    @cached_property
    def _hosts(self) -> dict[str, list[VenueEntry]]:
        found: dict[str, list[VenueEntry]] = defaultdict(list)
        for v in self.open_venues:
            for b in v.data.brands:
                found[b].append(v)
        return found

    def venues_hosting(self, brand_id: str) -> list[VenueEntry]:
        return self._hosts.get(brand_id, [])

    @cached_property
    def _children(self) -> dict[str | None, list[str]]:
        found: dict[str | None, list[str]] = defaultdict(list)
        for org in self.orgs.values():
            found[org.parent].append(org.id)
        return found

    def org_tree(self, org_id: str) -> list[str]:
        """The org and all orgs below it, parents first."""
        found = [org_id]
        for child in self._children.get(org_id, []):
            found.extend(self.org_tree(child))
        return found

    def org_chain(self, org_id: str) -> list[Org]:
        """The org and its parents up to the root."""
        chain = []
        current: str | None = org_id
        while current:
            chain.append(self.any_org(current))
            current = chain[-1].parent
        return chain

    @cached_property
    def _by_org(self) -> dict[str, list[VenueEntry]]:
        found: dict[str, list[VenueEntry]] = defaultdict(list)
        for v in self.open_venues:
            found[v.data.org].append(v)
        return found

    def venues_of_org(self, org_id: str, *, include_children: bool = True) -> list[VenueEntry]:
        """Open venues of the org (and the orgs below it), by id."""
        orgs = self.org_tree(org_id) if include_children else [org_id]
        found = [v for o in orgs for v in self._by_org.get(o, [])]
        return found if len(orgs) == 1 else sorted(found, key=lambda v: v.id)

    def brands_of_org(self, org_id: str, *, include_children: bool = True) -> list[BrandEntry]:
        orgs = set(self.org_tree(org_id)) if include_children else {org_id}
        return [b for b in self.brands if b.data.org in orgs]

    def venues_by_type(self) -> list[tuple[VenueType, list[VenueEntry]]]:
        groups: dict[str, list[VenueEntry]] = defaultdict(list)
        for v in self.open_venues:
            groups[v.data.type].append(v)
        return [(t, groups.get(t.key, [])) for t in self.venue_types.values()]

    def city_of(self, org_id: str) -> Org:
        """The nearest org at city level (or the top of the tree) above `org_id`: districts are told apart by it.
        Worked out once per org (asked once per venue, 69,000 times, by the checks and the build)."""
        found = self._cities.get(org_id)
        if found is None:
            found = self._cities[org_id] = city_of(self._tree, org_id)
        return found

    @cached_property
    def _cities(self) -> dict[str, Org]:
        return {}

    @cached_property
    def _tree(self) -> dict[str, Org]:
        """Every org, this site's and the rest: districts and cities are named after the whole tree."""
        return {**self.elsewhere.orgs, **self.orgs} if self.elsewhere.orgs else self.orgs

    def district(self, venue: VenueEntry) -> District:
        return self._districts[venue.id]

    @cached_property
    def _districts(self) -> dict[str, District]:
        """Each venue's district, with a URL key that does not depend on which file sorts first: when
        two names in a city share a pinyin key, the one with a district committee, else the one with
        more venues, keeps it, and the other gets a suffix made from its own name."""
        from ..slugs import district_key  # pinyin tables load only for a build

        named: dict[tuple[str, str], list[VenueEntry]] = defaultdict(list)
        for v in self.venues:
            named[(self.city_of(v.data.org).id, district_name(self.orgs, v.data))].append(v)
        official = official_districts(self._tree)
        by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for ident in named:
            by_key[district_key(*ident)].append(ident)
        found = {}
        for base, idents in by_key.items():
            ranked = sorted(idents, key=lambda i: (i not in official, -len(named[i]), i[1]))
            for ident in ranked:
                key = base if ident == ranked[0] else f"{base}-{hashlib.sha256(ident[1].encode()).hexdigest()[:6]}"
                city = self._tree[ident[0]]
                parent = self._tree[city.parent].region if city.parent else ""
                district = District(key, ident[1], city.region.removeprefix(parent))
                found.update((v.id, district) for v in named[ident])
        return found

    def venues_by_district(self) -> list[tuple[District, list[VenueEntry]]]:
        """Districts with their open venues, largest first; places outside the org's city last."""
        groups: dict[District, list[VenueEntry]] = defaultdict(list)
        for v in self.open_venues:
            groups[self.district(v)].append(v)
        return sorted(groups.items(), key=lambda item: (item[0].elsewhere, -len(item[1]), item[0].key))


def _label_of(value: object) -> str:
    """An org's short name, a term's label, a brand's or venue's name."""
    if isinstance(value, Org):
        return value.short_name
    if isinstance(value, (BrandEntry, VenueEntry)):
        return value.data.name
    return value.label  # type: ignore[attr-defined]
