"""`contribute/new/`: a form that writes a new venue's file, for staff who have never written YAML.

The form is drawn from the venue schema's JSON Schema (pydantic): each input is labelled with the
field's Chinese title (the names of the field reference), vocabulary fields become selects and
checkboxes of the vocabularies' labels, the opening hours a builder. The page ships that JSON
Schema, and `leaguekit/theme/assets/javascripts/venue-form.js` checks in the browser what it can express
(required, lengths, patterns, ranges, allowed values) and writes the file text. `make check` stays
the authority: a Chromium test fills the form and runs the kit's check on what it wrote.

Everything is in the page and site/ (no server, no request): it works offline and from file://.
With `REPO_URL` set, a button opens the forge's new-file page in the org's folder (GitHub, Gitea and
Forgejo receive the name and the text; a file longer than an address carries is pasted).
"""

from __future__ import annotations

import functools
import sys
import unicodedata
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from .. import urls
from ..content import hours, hours_words, privacy
from ..content.files import PRIVACY_HINT
from ..content.model import BrandEntry, Content
from ..content.schema import DATE_RE, ID_RE, Org, Venue
from .form_lookup import pinyin_table, taken_filter
from .page import GeneratedPage, SearchEntry
from .render import render
from .site import Site

URL = "contribute/new/"
FOLDER = "venues"
# What the form asks, in this order and these groups; schema fields not named here follow under
# OTHER (so a field added to the schema appears in the form), except those in SKIP.
LAYOUT = (
    ("基本信息", ("name", "type", "grade", "org", "district", "town", "address")),
    ("位置", ("location",)),
    ("开放时间和电话", ("hours", "phone")),
    ("服务项目和承接品牌", ("services", "brands")),
)
OTHER = "其他信息（可以不填）"
# A new venue is open and has no old ids; closures and a public mobile are later edits; photos
# go under docs/, which only maintainers change; a form-made venue is real, never sample data.
SKIP = frozenset({"status", "closed_on", "successor", "moved_on", "moved_from", "aliases", "closures", "public_mobile", "photos", "sample"})
# The schema gives the datum a default (WGS-84), but the form asks: coordinates copied from 高德 without
# saying so are the mistake the question is there to prevent.
ASKED = frozenset({"location.datum"})
HINTS = {"location.datum": "坐标是从哪里复制的，就选哪一项；网站读入时统一换算为 WGS-84"}
FORGES = {"github": "GitHub", "gitee": "Gitee", "gitlab": "GitLab", "gitea": "Gitea", "forgejo": "Forgejo"}
# Forges whose new-file page takes the name and the text in its address (`filename`, `value`).
PREFILLED = frozenset({"github", "gitea", "forgejo"})
LEVELS = {"province": "省级团组织", "city": "市级团组织", "district": "县级团组织"}  # orgs at the top of the tree


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    org: str = ""  # brands: the org whose venues may host it


@dataclass(frozen=True)
class Field:
    """One input (or group of inputs) of the form, from one JSON Schema property."""

    key: str  # YAML path: name, location.lat
    label: str
    widget: str  # text | tel | url | number | select | radios | checks | lines | hours
    required: bool
    hint: str = ""
    options: tuple[Option, ...] = ()
    groups: tuple[tuple[str, tuple[Option, ...]], ...] = ()  # a select's <optgroup>s
    reads: str = "text"  # how staff-input.js reads what is typed: text | code | date | number | phone (staff_input.py)

    @property
    def id(self) -> str:
        return "f-" + self.key.replace(".", "-")


@dataclass(frozen=True)
class Section:
    legend: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Forge:
    """Where `REPO_URL` points: the new-file page of a folder, and what the page can be given there."""

    kind: str  # github | gitee | gitlab
    repo: str
    branch: str

    @property
    def name(self) -> str:
        return FORGES[self.kind]

    @property
    def prefilled(self) -> bool:
        return self.kind in PREFILLED

    def new_file(self, folder: str) -> str:
        middle = {"gitlab": "/-/new/", "gitea": "/_new/", "forgejo": "/_new/"}.get(self.kind, "/new/")
        return f"{self.repo}{middle}{self.branch}/{folder}"


_HOSTS = (
    ("github", lambda host: host == "github.com"),
    ("gitee", lambda host: host.endswith("gitee.com")),
    ("gitlab", lambda host: "gitlab" in host),
    ("forgejo", lambda host: "forgejo" in host or host == "codeberg.org"),
    ("gitea", lambda host: "gitea" in host),
)


def forge(repo_url: str, edit_uri: str) -> Forge | None:
    """The forge `repo_url` is on (by host; a self-hosted GitLab, Gitea or Forgejo says so in its name;
    Codeberg runs Forgejo), and the branch `edit_uri` edits (`edit/main/docs/`, `-/edit/main/docs/`,
    Gitea's `_edit/main/docs/`)."""
    if not repo_url:
        return None
    host = urlsplit(repo_url).hostname or ""
    kind = next((k for k, match in _HOSTS if match(host)), "")
    if not kind:
        return None
    parts = [p.removeprefix("_") for p in (edit_uri or "").split("/") if p]
    branch = parts[parts.index("edit") + 1] if "edit" in parts[:-1] else "main"
    return Forge(kind, repo_url.rstrip("/").removesuffix(".git"), branch)


def pages(site: Site) -> list[GeneratedPage]:
    return [
        GeneratedPage(
            url=URL,
            title="新增阵地：填表生成文件",
            description="填写表格，生成新阵地的文件，复制到仓库中提交；不需要会写 YAML。",
            render=partial(page, site),
            search=(SearchEntry(kind="staff", title="新增阵地：填表生成文件", summary="填写表格生成新阵地的文件", keywords="新增阵地 表单 填表"),),
        )
    ]


def schema() -> dict[str, Any]:
    return Venue.model_json_schema(by_alias=True)


def _resolve(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The property itself: `$ref` followed, an optional's `anyOf: [X, null]` reduced to X (title and hints kept)."""
    if "anyOf" in prop:
        inner = next(p for p in prop["anyOf"] if p.get("type") != "null")
        prop = {**_resolve(inner, defs), **{k: v for k, v in prop.items() if k != "anyOf"}}
    if "$ref" in prop:
        prop = {**defs[prop["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in prop.items() if k != "$ref"}}
    return prop


def _hint(prop: dict[str, Any]) -> str:
    """The description staff can act on, and the schema's example; a vocabulary's `data/…中的键` is for files, not a select."""
    text = "" if prop.get("vocabulary") else prop.get("description", "")
    example = prop.get("examples", [None])[0]
    if isinstance(example, (str, int, float)) and not isinstance(example, bool) and not prop.get("vocabulary") and prop.get("format") != "opening-hours":
        text += ("；" if text else "") + f"例如 {example}"
    return text


def fields_of(site: Site, key: str, prop: dict[str, Any], required: bool, defs: dict[str, Any]) -> list[Field]:
    prop = _resolve(prop, defs)
    label = prop.get("title", key)
    if prop.get("type") == "object":
        inner = prop.get("properties", {})
        return [f for name, sub in inner.items() for f in fields_of(site, f"{key}.{name}", sub, name in prop.get("required", ()) or f"{key}.{name}" in ASKED, defs)]
    if vocab := prop.get("vocabulary") or (prop.get("items") or {}).get("vocabulary"):
        return [_vocabulary_field(site, key, label, prop, vocab, required)]
    if "enum" in prop:
        labels = prop.get("labels", {})
        return [Field(key, label, "radios", required, HINTS.get(key, prop.get("description", "")), tuple(Option(v, labels.get(v, v)) for v in prop["enum"]))]
    if prop.get("type") == "array":
        return [Field(key, label, "lines", required, "；".join(x for x in ("每行写一个", _hint(prop)) if x))]
    if prop.get("format") == "opening-hours":
        return [Field(key, label, "hours", required)]  # the builder explains itself (venue_form.html)
    widget = "number" if prop.get("type") in ("number", "integer") else {"phone": "tel", "uri": "url"}.get(prop.get("format", ""), "text")
    reads = {"number": "number", "tel": "phone", "url": "code"}.get(widget, "date" if prop.get("pattern") == DATE_RE.pattern else "text")
    return [Field(key, label, widget, required, _hint(prop), reads=reads)]


def _vocabulary_field(site: Site, key: str, label: str, prop: dict[str, Any], vocab: str, required: bool) -> Field:
    c = site.content
    entries = c.vocabulary(vocab)
    if vocab == "orgs":
        groups: dict[str, list[Option]] = {}
        for org in c.orgs.values():
            group = f"{entries[org.parent] if org.parent in entries else c.any_org(org.parent).name}下属" if org.parent else LEVELS[org.level]
            groups.setdefault(group, []).append(Option(org.id, entries[org.id]))  # the label the sheet and the scaffold show
        return Field(key, label, "select", required, groups=tuple((name, tuple(opts)) for name, opts in groups.items()))
    if vocab == "brands":
        options = tuple(Option(b.id, b.data.name, b.data.org) for b in hostable_brands(c))
    else:
        options = tuple(Option(k, v) for k, v in entries.items())
    return Field(key, label, "checks" if prop.get("type") == "array" else "select", required, options=options)


def orgs_above(c: Content) -> list[Org]:
    """The orgs above the publisher: on an org's own site (`SITE_ORG`) its parents, whose brands its venues
    may host; none on the publisher's whole site."""
    return c.org_chain(c.publisher.id)[1:]


def hostable_brands(c: Content) -> list[BrandEntry]:
    """The brands the form offers: the site's own, then those of the orgs above it (a 太谷 venue may host a
    晋中 or 山西 programme), which venue-form.js narrows to the chosen org's."""
    above = {o.id for o in orgs_above(c)}
    return [*c.brands, *(b for b in c.elsewhere.brands.values() if b.data.org in above)]


def sections(site: Site) -> list[Section]:
    data = schema()
    props, defs, required = data["properties"], data.get("$defs", {}), set(data.get("required", ()))
    named = {key for _, keys in LAYOUT for key in keys}
    layout = [*LAYOUT, (OTHER, tuple(k for k in props if k not in named and k not in SKIP))]
    return [Section(legend, tuple(f for key in keys for f in fields_of(site, key, props[key], key in required, defs))) for legend, keys in layout]


@functools.cache
def privacy_data() -> dict[str, Any]:
    """privacy.py's constants for staff-input.js, which reads every field and the body as `make check` does:
    the separators, Chinese numerals, blanks, and the digits outside Unicode's decimal digits (❶, ➀ …)
    that keep their digit value after NFKC (the browser knows the decimal ones, \\p{Nd})."""
    digits = {
        cp: str(value)
        for cp in range(0x80, sys.maxunicode + 1)
        if (value := unicodedata.digit(chr(cp), None)) is not None and unicodedata.category(chr(cp)) != "Nd" and unicodedata.normalize("NFKC", chr(cp)) == chr(cp)
    }
    return {
        "separators": "".join(sorted(privacy.SEPARATORS)),
        "maxGap": privacy.MAX_GAP,
        "chinese": privacy.CHINESE_DIGITS,
        "blanks": privacy.BLANKS,
        "dateSeparators": privacy.DATE_SEPARATORS,
        "digits": digits,
        "hint": PRIVACY_HINT,
    }


def taken_ids(c: Content) -> list[str]:
    """Every venue id and old id in the repository: ids are unique across the tree, so an org's site knows its
    other orgs' too."""
    outside = c.elsewhere.venues.values()
    return [*c.venue, *c.aliases, *(v.id for v in outside), *(a for v in outside for a in v.data.aliases)]


def districts_named(content: Any) -> set[str]:
    return {part for v in content.venues for part in (v.data.district, v.data.town) if part}


def page(site: Site) -> str:
    c = site.content
    data = schema()
    districts: dict[str, list[str]] = {}
    for v in c.venues:
        name = v.data.district
        if name and name not in districts.setdefault(v.data.org, []):
            districts[v.data.org].append(name)
    found = forge(site.repo_url, site.edit_uri)
    script = {
        "schema": data,
        "idPattern": ID_RE.pattern,
        "folder": FOLDER,
        "gradedTypes": [t.key for t in c.venue_types.values() if t.grades],
        # a venue may host its org's and the orgs' above brands, up to the root of the tree (org sites too)
        "orgParents": {org.id: org.parent for org in [*c.orgs.values(), *orgs_above(c)]},
        "districts": districts,
        "forge": {"kind": found.kind, "name": found.name, "newFile": found.new_file(FOLDER), "prefilled": found.prefilled} if found else None,
        "hoursMessages": {"notAfterStart": hours.NOT_AFTER_START, "overlapping": hours.OVERLAPPING},
        "hoursWords": hours_words.browser_data(),
        # The file name proposed from the name, and ids already used (form_lookup).
        "pinyin": pinyin_table([*(v.data.name for v in c.venues), *(o.region for o in c.orgs.values()), *districts_named(c)]),
        "taken": taken_filter(taken_ids(c)),
        "typeLabels": {t.key: t.label for t in c.venue_types.values()},
        "privacy": privacy_data(),
    }
    return render(
        "venue_form.html",
        sections=sections(site),
        forge=found,
        data=script,
        script=urls.relative(URL, site.asset("assets/javascripts/venue-form.js")),
        staff_input=urls.relative(URL, site.asset("assets/javascripts/staff-input.js")),
        stylesheet=urls.relative(URL, site.asset("assets/stylesheets/venue-form.css")),
        guide=urls.relative(URL, "contribute/"),
        fields_page=urls.relative(URL, "contribute/fields/"),
    )
