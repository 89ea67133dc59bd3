"""Open data: venues, brands and activities for other directories and for Excel, under `data/`.

- `venues`, `brands`, `activities` as JSON (one object with the licence and the records),
  GeoJSON (RFC 7946: WGS-84, `[lng, lat]`, no `crs`) and CSV (UTF-8 with a byte-order
  mark, so Excel opens the Chinese text correctly; lists joined with `;`).
- `hsds/`: tables aligned with Open Referral HSDS 3.0 (organization, location, address,
  service, service_at_location, schedule, phone) with a Frictionless `datapackage.json`.
  Brands and activities are services; venues and the places of activities elsewhere are
  locations; a venue's opening hours are schedules of its location. Ids are UUIDs derived
  from the kit's ids, so they stay the same from build to build.

Every value comes from validated content and the build date; nothing reads the clock.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from .. import urls
from ..content.hours import DAYS as HOUR_DAYS
from ..content.model import VenueEntry
from ..content.schedule import ActivityEntry, schedule_text, status
from ..generate.activities import join_label, where
from ..generate.site import Site
from .feeds import stable_uuid

LICENSES = {
    "CC-BY-4.0": ("知识共享署名 4.0 国际许可协议（CC BY 4.0）", "Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/deed.zh-hans"),
    "CC0-1.0": ("知识共享 CC0 1.0 通用公共领域贡献（CC0）", "CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/deed.zh-hans"),
    "ODbL-1.0": ("开放数据库许可协议（ODbL 1.0）", "Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
}
MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")


@dataclass(frozen=True)
class Column:
    key: str
    label: str


VENUE_COLUMNS = (
    Column("id", "标识（文件名，也是网址的一部分）"),
    Column("name", "名称"),
    Column("type", "阵地类型的键"),
    Column("type_label", "阵地类型"),
    Column("grade", "星级的键（仅青年之家）"),
    Column("status", "open 开放 / closed 已关闭"),
    Column("closed_on", "关闭日期"),
    Column("org", "所属团组织的标识"),
    Column("org_name", "所属团组织"),
    Column("district", "县区（含所属城市）"),
    Column("town", "乡镇街道"),
    Column("address", "地址"),
    Column("lat", "纬度（WGS-84）"),
    Column("lng", "经度（WGS-84）"),
    Column("hours", "开放时间（OpenStreetMap 写法）"),
    Column("hours_text", "开放时间（中文）"),
    Column("phone", "电话"),
    Column("services", "服务项目的键"),
    Column("brands", "承接品牌的标识"),
    Column("established", "建成时间"),
    Column("website", "网址"),
    Column("url", "本站页面"),
    Column("sample", "示例数据（地址、坐标等未经核实）"),
)
BRAND_COLUMNS = (
    Column("id", "标识"),
    Column("name", "名称"),
    Column("org", "所属团组织的标识"),
    Column("org_name", "所属团组织"),
    Column("category", "类别的键"),
    Column("category_label", "类别"),
    Column("summary", "简介"),
    Column("started", "开始时间"),
    Column("partners", "合作单位"),
    Column("hosts", "承接阵地的标识"),
    Column("website", "网址"),
    Column("url", "本站页面"),
    Column("sample", "示例数据"),
)
ACTIVITY_COLUMNS = (
    Column("id", "标识"),
    Column("title", "活动名称"),
    Column("summary", "简介"),
    Column("org", "主办团组织的标识"),
    Column("org_name", "主办团组织"),
    Column("brand", "所属品牌的标识"),
    Column("venue", "阵地的标识（在别处举办时为空）"),
    Column("place", "地点名称"),
    Column("address", "地址"),
    Column("district", "县区"),
    Column("lat", "纬度（WGS-84）"),
    Column("lng", "经度（WGS-84）"),
    Column("start", "单次活动的开始时间（北京时间）"),
    Column("end", "单次活动的结束时间（北京时间）"),
    Column("weekly_days", "每周举办的星期（Mo–Su）"),
    Column("weekly_time", "每周举办的时间段"),
    Column("start_date", "每周举办的首次日期"),
    Column("end_date", "每周举办的末次日期"),
    Column("except_dates", "停办日期"),
    Column("schedule", "时间（中文）"),
    Column("sessions", "举办次数"),
    Column("audience", "参加对象"),
    Column("min_age", "最小年龄"),
    Column("max_age", "最大年龄"),
    Column("fee", "费用：free 免费，或金额（元）"),
    Column("walk_in", "到场即可"),
    Column("join_url", "报名链接"),
    Column("join_phone", "报名电话"),
    Column("join_note", "报名说明"),
    Column("capacity", "名额"),
    Column("contact_role", "咨询岗位"),
    Column("contact_phone", "咨询电话"),
    Column("url", "本站页面"),
    Column("calendar", "日历文件（.ics）"),
    Column("sample", "示例数据（日期、地点等为示意）"),
)
KINDS = (("venues", "阵地", VENUE_COLUMNS), ("brands", "品牌项目", BRAND_COLUMNS), ("activities", "活动", ACTIVITY_COLUMNS))


def _link(site: Site, url: str) -> str:
    """A page's absolute address with site_url, else its path from the site root."""
    return site.site_url.rstrip("/") + "/" + url if site.site_url else url


def venue_record(site: Site, venue: VenueEntry) -> dict[str, Any]:
    c, v = site.content, venue.data
    return {
        "id": venue.id,
        "name": v.name,
        "type": v.type,
        "type_label": c.venue_types[v.type].label,
        "grade": v.grade,
        "status": v.status,
        "closed_on": v.closed_on,
        "org": v.org,
        "org_name": c.orgs[v.org].name,
        "district": site.district(venue).full_name,
        "town": v.town,
        "address": v.address,
        "lat": v.location.lat,
        "lng": v.location.lng,
        "hours": v.hours,
        "hours_text": venue.hours.label() if venue.hours else None,
        "phone": v.phone,
        "services": list(v.services),
        "brands": list(v.brands),
        "established": v.established,
        "website": v.website,
        "url": _link(site, urls.venue(venue.id)),
        "sample": v.sample,
    }


def brand_record(site: Site, brand) -> dict[str, Any]:
    c, b = site.content, brand.data
    return {
        "id": brand.id,
        "name": b.name,
        "org": b.org,
        "org_name": c.orgs[b.org].name,
        "category": b.category,
        "category_label": c.brand_categories[b.category].label,
        "summary": b.summary,
        "started": b.started,
        "partners": list(b.partners),
        "hosts": [v.id for v in c.venues_hosting(brand.id)],
        "website": b.website,
        "url": _link(site, urls.brand(brand.id)),
        "sample": b.sample,
    }


def activity_record(site: Site, entry: ActivityEntry) -> dict[str, Any]:
    c, a = site.content, entry.data
    place = where(site, entry)
    w = a.weekly
    return {
        "id": entry.id,
        "title": a.title,
        "summary": a.summary,
        "org": a.org,
        "org_name": c.orgs[a.org].name,
        "brand": a.brand,
        "venue": a.venue,
        "place": place.name,
        "address": place.address,
        "district": place.district,
        "lat": place.lat,
        "lng": place.lng,
        "start": a.start,
        "end": a.end,
        "weekly_days": list(w.days) if w else [],
        "weekly_time": w.time if w else None,
        "start_date": w.start_date if w else None,
        "end_date": w.end_date if w else None,
        "except_dates": list(w.except_dates) if w else [],
        "schedule": schedule_text(entry),
        "sessions": len(entry.occurrences),
        "audience": a.audience.who,
        "min_age": a.audience.min_age,
        "max_age": a.audience.max_age,
        "fee": a.fee,
        "walk_in": a.join.walk_in,
        "join_url": a.join.url,
        "join_phone": a.join.phone,
        "join_note": a.join.note,
        "capacity": a.capacity,
        "contact_role": a.contact.role,
        "contact_phone": a.contact.phone,
        "url": _link(site, urls.activity(entry.id)),
        "calendar": _link(site, urls.calendar("activities", entry.id)),
        "sample": a.sample,
    }


def records(site: Site, kind: str) -> list[dict[str, Any]]:
    """The records of one kind (one per venue, brand or activity)."""
    c = site.content
    if kind == "venues":
        return [site.reused("record", v, partial(venue_record, site, v)) for v in c.venues]
    if kind == "brands":
        return [brand_record(site, b) for b in c.brands]
    return [activity_record(site, a) for a in c.activities]


def license_of(site: Site) -> dict[str, str] | None:
    key = site.content.settings.data_license
    if key is None:
        return None
    zh, en, url = LICENSES[key]
    return {"name": key, "title": en, "title_zh": zh, "path": url}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json(value: Any) -> str:
    return _dumps(value) + "\n"


def _json_with(head: dict[str, Any], key: str, items: Iterator[str]) -> bytes:
    """`_json(head | {key: [...]})` as UTF-8, from items already encoded (a serve rebuild keeps each venue's).
    Bytes: a national venues.geojson as one Python string is twice its size (Chinese makes every character 2 bytes)."""
    body = b",".join(item.encode("utf-8") for item in items)
    return b"".join(((_dumps(head)[:-1] + "," + _dumps(key) + ":[").encode("utf-8"), body, b"]}\n"))


def _envelope(site: Site, kind: str, title: str) -> dict[str, Any]:
    c = site.content
    return {"title": f"{c.publisher.short_name} · {title}", "publisher": c.publisher.name, "license": license_of(site), "date": site.today.isoformat()}


def _geometry(record: dict[str, Any], kind: str, site: Site) -> dict[str, Any] | None:
    if kind != "brands":
        return {"type": "Point", "coordinates": [record["lng"], record["lat"]]}
    points = [[v.data.location.lng, v.data.location.lat] for v in site.content.venues_hosting(record["id"])]
    return {"type": "MultiPoint", "coordinates": points} if points else None


def geojson(site: Site, kind: str, title: str, rows: list[dict[str, Any]]) -> bytes:
    """RFC 7946: a FeatureCollection, positions `[lng, lat]` in WGS-84; a brand is the MultiPoint of its host venues."""
    def feature(record: dict[str, Any]) -> str:
        properties = {k: v for k, v in record.items() if k not in ("lat", "lng")}
        return _dumps({"type": "Feature", "id": record["id"], "geometry": _geometry(record, kind, site), "properties": properties})

    features = (feature(r) if kind == "brands" else site.reused("feature", r, partial(feature, r)) for r in rows)
    return _json_with({"type": "FeatureCollection", **_envelope(site, kind, title)}, "features", features)


# A cell starting with one of these is a formula to Excel, LibreOffice and WPS (CSV injection, OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    text = ";".join(str(v) for v in value) if isinstance(value, list) else str(value)
    # Text that a spreadsheet would run is written with a leading apostrophe, which shows it as text;
    # the JSON and GeoJSON keep the true value.
    return "'" + text if text.lstrip(" ").startswith(FORMULA_START) else text


def table(columns: list[str], rows: list[dict[str, Any]], *, bom: bool, reused=None) -> bytes:
    """CSV with CRLF line ends; `bom` for the files people open in Excel. `reused`: `Site.reused`, so a serve
    rebuild keeps the line of each row it kept."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    if reused is None:
        for row in rows:
            writer.writerow([_cell(row.get(k)) for k in columns])
        return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")
    kind = "csv:" + ",".join(columns)

    def line(row: dict[str, Any]) -> str:
        one = io.StringIO()
        csv.writer(one, lineterminator="\r\n").writerow([_cell(row.get(k)) for k in columns])
        return one.getvalue()

    lines = b"".join(reused(kind, row, partial(line, row)).encode("utf-8") for row in rows)  # as UTF-8: see _json_with
    return b"".join(((("\ufeff" if bom else "") + out.getvalue()).encode("utf-8"), lines))


# --- Open Referral HSDS 3.0 -------------------------------------------------------

# The fields of each HSDS 3.0 table that the kit fills, with their types from the
# specification's tabular data package. HSDS makes an address's postal_code required;
# the kit does not collect postal codes, so here it is optional (and left empty).
HSDS_TABLES: dict[str, tuple[str, tuple[tuple[str, str, str, bool], ...]]] = {
    "organization": ("organizations.csv", (
        ("id", "string", "uuid", True), ("name", "string", "", True), ("alternate_name", "string", "", False),
        ("description", "string", "", True), ("website", "string", "uri", False), ("parent_organization_id", "string", "uuid", False),
    )),
    "location": ("locations.csv", (
        ("id", "string", "uuid", True), ("location_type", "string", "", True), ("organization_id", "string", "uuid", False),
        ("name", "string", "", False), ("description", "string", "", False), ("latitude", "number", "", False), ("longitude", "number", "", False),
        ("external_identifier", "string", "", False), ("external_identifier_type", "string", "", False),
    )),
    "address": ("addresses.csv", (
        ("id", "string", "uuid", True), ("location_id", "string", "uuid", False), ("address_1", "string", "", True),
        ("city", "string", "", True), ("region", "string", "", False), ("state_province", "string", "", True),
        ("postal_code", "string", "", False), ("country", "string", "", True), ("address_type", "string", "", True),
    )),
    "service": ("services.csv", (
        ("id", "string", "uuid", True), ("organization_id", "string", "uuid", True), ("name", "string", "", True),
        ("description", "string", "", False), ("url", "string", "uri", False), ("status", "string", "", True),
        ("application_process", "string", "", False), ("fees_description", "string", "", False),
        ("eligibility_description", "string", "", False), ("minimum_age", "number", "", False), ("maximum_age", "number", "", False),
    )),
    "service_at_location": ("service_at_location.csv", (
        ("id", "string", "uuid", True), ("service_id", "string", "uuid", True), ("location_id", "string", "uuid", True), ("description", "string", "", False),
    )),
    "schedule": ("schedules.csv", (
        ("id", "string", "uuid", True), ("service_id", "string", "uuid", False), ("location_id", "string", "uuid", False),
        ("service_at_location_id", "string", "uuid", False), ("valid_from", "date", "", False), ("valid_to", "date", "", False),
        ("dtstart", "date", "", False), ("timezone", "number", "", False), ("until", "date", "", False), ("freq", "string", "", False),
        ("byday", "string", "", False), ("description", "string", "", False), ("opens_at", "time", "", False), ("closes_at", "time", "", False),
        ("notes", "string", "", False),
    )),
    "phone": ("phones.csv", (
        ("id", "string", "uuid", True), ("location_id", "string", "uuid", False), ("service_id", "string", "uuid", False),
        ("organization_id", "string", "uuid", False), ("number", "string", "", True), ("type", "string", "", False), ("description", "string", "", False),
    )),
}
HSDS_ENUMS = {
    ("location", "location_type"): ["physical", "postal", "virtual"],
    ("address", "address_type"): ["physical", "postal", "virtual"],
    ("service", "status"): ["active", "inactive", "defunct", "temporarily closed"],
    ("schedule", "freq"): ["WEEKLY", "MONTHLY"],
}
HSDS_REFERENCES = {
    "organization": (("parent_organization_id", "organization"),),
    "location": (("organization_id", "organization"),),
    "address": (("location_id", "location"),),
    "service": (("organization_id", "organization"),),
    "service_at_location": (("service_id", "service"), ("location_id", "location")),
    "schedule": (("service_id", "service"), ("location_id", "location"), ("service_at_location_id", "service_at_location")),
    "phone": (("location_id", "location"), ("service_id", "service"), ("organization_id", "organization")),
}
CHINA_OFFSET = 8


def _time(minutes: int) -> str:
    """HSDS wants times with their offset: `19:00:00+08:00`."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00+08:00"


def _province(address: str, fallback: str) -> str:
    match = re.match(r"^(.{2,8}?(?:省|自治区)|" + "|".join(MUNICIPALITIES) + ")", address)
    return match.group(1) if match else fallback


def _city_and_region(district: str) -> tuple[str, str]:
    """`晋中市太谷区` → (晋中市, 太谷区); `北京市海淀区` → (北京市, 海淀区)."""
    match = re.match(r"^(.+?[市州盟])(.*)$", district)
    return (match.group(1), match.group(2) or district) if match else (district, district)


class _Tally:
    """A table that counts its rows and keeps none: what the /data/ page says of a table is its length."""

    def __init__(self) -> None:
        self.rows = 0

    def append(self, row: Any) -> None:
        self.rows += 1

    def __len__(self) -> int:
        return self.rows


class Hsds:
    """The seven tables, filled row by row with ids that follow from the kit's ids (`count_only`: only counted)."""

    def __init__(self, site: Site, *, count_only: bool = False):
        self.site = site
        self.tables: dict[str, Any] = {name: _Tally() if count_only else [] for name in HSDS_TABLES}
        self.province = site.content.org_chain(site.content.settings.publisher)[-1].region

    def id(self, *parts: str) -> str:
        return str(stable_uuid("hsds", self.site.content.settings.publisher, *parts))

    def add(self, table: str, **row: Any) -> str:
        row["id"] = self.id(table, row.pop("key"))
        self.tables[table].append(row)
        return row["id"]

    def build(self) -> dict[str, list[dict[str, Any]]]:
        c, site = self.site.content, self.site
        for org in c.orgs.values():
            self.add("organization", key=org.id, name=org.name, alternate_name=org.short_name, description=f"共青团组织，行政区域：{org.region}",
                     website=org.website, parent_organization_id=self.id("organization", org.parent) if org.parent else None)
            for index, contact in enumerate(org.contacts):
                if contact.phone:
                    self.add("phone", key=f"org/{org.id}/{index}", organization_id=self.id("organization", org.id), number=contact.phone, type="voice", description=contact.role)
        for venue in c.venues:
            for name, row in site.reused("hsds", venue, partial(self.venue_rows, venue)):
                self.tables[name].append(row)
        for brand in c.brands:
            service = self.add("service", key=f"brand/{brand.id}", organization_id=self.id("organization", brand.data.org), name=brand.data.name,
                               description=brand.data.summary, url=self.url(urls.brand(brand.id)), status="active")
            for venue in c.venues_hosting(brand.id):
                self.add("service_at_location", key=f"brand/{brand.id}/{venue.id}", service_id=service, location_id=self.id("location", f"venue/{venue.id}"))
        for entry in c.activities:
            self.activity(entry)
        return self.tables

    def venue_rows(self, venue: VenueEntry) -> list[tuple[str, dict[str, Any]]]:
        """A venue's rows (table, row): its location, address, phone and schedules."""
        site, kept = self.site, self.tables
        self.tables = {name: [] for name in HSDS_TABLES}
        try:
            self.location(f"venue/{venue.id}", venue.data.org, venue.data.name, site.content.venue_types[venue.data.type].label, venue.data.address,
                          site.district(venue).full_name, venue.data.location.lat, venue.data.location.lng, venue.id, "leaguekit venue id")
            location = self.id("location", f"venue/{venue.id}")
            if venue.data.phone:
                self.add("phone", key=f"venue/{venue.id}", location_id=location, number=venue.data.phone, type="voice", description=f"{venue.data.name}电话")
            if venue.hours is not None and venue.data.is_open:
                self.hours(venue, location)
            return [(name, row) for name, rows in self.tables.items() for row in rows]
        finally:
            self.tables = kept

    def url(self, page: str) -> str | None:
        return _link(self.site, page) if self.site.site_url else None

    def location(self, key: str, org: str, name: str, description: str, address: str, district: str, lat: float, lng: float, external: str, external_type: str) -> None:
        location = self.add("location", key=key, location_type="physical", organization_id=self.id("organization", org), name=name, description=description,
                            latitude=lat, longitude=lng, external_identifier=external, external_identifier_type=external_type)
        city, region = _city_and_region(district)
        self.add("address", key=key, location_id=location, address_1=address, city=city, region=region,
                 state_province=_province(address, self.province), postal_code=None, country="CN", address_type="physical")

    def hours(self, venue: VenueEntry, location: str) -> None:
        """One WEEKLY schedule per opening range, with the weekdays that share it."""
        assert venue.hours is not None
        ranges: dict[tuple[int, int], list[str]] = {}
        for day, spans in enumerate(venue.hours.week):
            for span in spans:
                ranges.setdefault(span, []).append(HOUR_DAYS[day].upper())
        for (begin, end), days in sorted(ranges.items()):
            self.add("schedule", key=f"venue/{venue.id}/{begin}-{end}", location_id=location, timezone=CHINA_OFFSET, freq="WEEKLY", byday=",".join(days),
                     opens_at=_time(begin), closes_at=_time(end), description=venue.hours.label())

    def activity(self, entry: ActivityEntry) -> None:
        site, a = self.site, entry.data
        place = where(site, entry)
        if a.venue:
            location = self.id("location", f"venue/{a.venue}")
        else:
            self.location(f"activity/{entry.id}", a.org, place.name, "活动地点", place.address, place.district, place.lat, place.lng, entry.id, "leaguekit activity id")
            location = self.id("location", f"activity/{entry.id}")
        over = status(entry.occurrences, site.now).state == "over"
        service = self.add(
            "service", key=f"activity/{entry.id}", organization_id=self.id("organization", a.org), name=a.title, description=a.summary,
            url=self.url(urls.activity(entry.id)), status="inactive" if over else "active",
            application_process=join_label(entry) + (f"。{a.join.note}" if a.join.note else ""),
            fees_description="免费" if a.fee == "free" else f"{a.fee:g} 元", eligibility_description=a.audience.who,
            minimum_age=a.audience.min_age, maximum_age=a.audience.max_age,
        )
        at = self.add("service_at_location", key=f"activity/{entry.id}", service_id=service, location_id=location)
        first, last = entry.first, entry.last
        schedule: dict[str, Any] = {
            "service_id": service, "service_at_location_id": at, "timezone": CHINA_OFFSET, "description": schedule_text(entry),
            "opens_at": _time(first.start.hour * 60 + first.start.minute), "closes_at": _time(first.end.hour * 60 + first.end.minute),
        }
        if a.weekly:
            schedule.update(valid_from=a.weekly.start_date, valid_to=a.weekly.end_date, dtstart=a.weekly.start_date, until=a.weekly.end_date,
                            freq="WEEKLY", byday=",".join(d.upper() for d in a.weekly.days),
                            notes=("停办：" + "、".join(sorted(a.weekly.except_dates))) if a.weekly.except_dates else None)
        else:
            schedule.update(valid_from=first.start.date().isoformat(), valid_to=last.end.date().isoformat(), dtstart=first.start.date().isoformat())
        self.add("schedule", key=f"activity/{entry.id}", **schedule)
        for index, (number, what) in enumerate(((a.join.phone, "报名电话"), (a.contact.phone, f"咨询：{a.contact.role}"))):
            if number:
                self.add("phone", key=f"activity/{entry.id}/{index}", service_id=service, number=number, type="voice", description=what)


def datapackage(site: Site, counts: dict[str, int]) -> dict[str, Any]:
    """Frictionless tabular data package describing the HSDS tables."""
    c = site.content
    resources = []
    for name, (path, fields) in HSDS_TABLES.items():
        schema_fields = []
        for key, kind, form, required in fields:
            field: dict[str, Any] = {"name": key, "type": kind}
            if form:
                field["format"] = form
            constraints: dict[str, Any] = {"required": required}
            if key == "id":
                constraints["unique"] = True
            if (name, key) in HSDS_ENUMS:
                constraints["enum"] = HSDS_ENUMS[(name, key)]
            field["constraints"] = constraints
            schema_fields.append(field)
        keys = [{"fields": column, "reference": {"resource": "" if target == name else target, "fields": "id"}} for column, target in HSDS_REFERENCES[name]]
        resources.append({
            "name": name, "path": path, "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "description": f"HSDS 3.0 {name}：{counts[name]} 行",
            "schema": {"fields": schema_fields, "primaryKey": ["id"], "foreignKeys": keys},
        })
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": f"leaguekit-{c.settings.publisher}-hsds",
        "title": f"{c.publisher.short_name} · {c.settings.title}（Open Referral HSDS 3.0 表格）",
        "description": "按 Open Referral Human Services Data Specification 3.0 组织的阵地、品牌项目和活动数据。HSDS 要求的邮政编码本站不收集，postal_code 留空。",
        "version": site.today.isoformat(),
        "created": f"{site.today.isoformat()}T00:00:00+08:00",
        "sources": [{"title": "Open Referral HSDS 3.0", "path": "https://docs.openreferral.org/en/v3.0/"}],
        "resources": resources,
    }
    license_ = license_of(site)
    if license_ is not None:
        package["licenses"] = [{k: license_[k] for k in ("name", "path", "title")}]
    return package


@dataclass(frozen=True)
class DataFile:
    """One download: its path under data/, format, what it holds and how many records."""

    path: str
    format: str
    about: str
    count: int
    unit: str = "条"


def descriptions(site: Site) -> list[DataFile]:
    """What the /data/ page says of each download, from the records and tables alone: the downloads
    themselves are written in another process (`leaguekit.mkdocs.background`)."""
    if "opendata" not in site.memo:
        c = site.content
        counts = {"venues": len(c.venues), "brands": len(c.brands), "activities": len(c.activities)}
        tallies = Hsds(site, count_only=True).build()
        site.memo["opendata"] = _describe(counts, {name: len(t) for name, t in tallies.items()})
    return site.memo["opendata"]


def _describe(counts: dict[str, int], table_rows: dict[str, int]) -> list[DataFile]:
    described: list[DataFile] = []
    for kind, label, _ in KINDS:
        count = counts[kind]
        point = "品牌的承接阵地（MultiPoint）" if kind == "brands" else "坐标（Point）"
        described += [
            DataFile(f"{kind}.json", "JSON", f"全部{label}，字段见下表", count),
            DataFile(f"{kind}.geojson", "GeoJSON", f"全部{label}，{point}，[经度, 纬度]，WGS-84", count),
            DataFile(f"{kind}.csv", "CSV", f"全部{label}，UTF-8（带 BOM，Excel 可直接打开），多个值用 ; 分隔", count),
        ]
    for name, (path, _) in HSDS_TABLES.items():
        described.append(DataFile(f"hsds/{path}", "CSV", f"HSDS 3.0 {name} 表（UTF-8，无 BOM）", table_rows[name]))
    described.append(DataFile("hsds/datapackage.json", "JSON", "上面七张表的数据包描述（Frictionless Data Package：字段、类型、主键和外键）", len(HSDS_TABLES), "张表"))
    return described


def files(site: Site) -> Iterator[tuple[str, str | bytes]]:
    """Every download; what `descriptions` says of them comes from the same records."""
    counts = {}
    for kind, label, columns in KINDS:  # one kind's records at a time
        rows = records(site, kind)
        counts[kind] = len(rows)
        encoded = (site.reused("json", r, partial(_dumps, r)) for r in rows) if kind == "venues" else map(_dumps, rows)
        yield urls.data_file(f"{kind}.json"), _json_with(_envelope(site, kind, label), kind, encoded)
        yield urls.data_file(f"{kind}.geojson"), geojson(site, kind, label, rows)
        yield urls.data_file(f"{kind}.csv"), table([col.key for col in columns], rows, bom=True, reused=site.reused if kind == "venues" else None)
    tables = Hsds(site).build()
    table_rows = {name: len(rows) for name, rows in tables.items()}
    for name, (path, fields) in HSDS_TABLES.items():  # each table let go once written
        yield urls.data_file(f"hsds/{path}"), table([f[0] for f in fields], tables.pop(name), bom=False, reused=site.reused)
    yield urls.data_file("hsds/datapackage.json"), _json(datapackage(site, table_rows))
    site.memo.setdefault("opendata", _describe(counts, table_rows))
