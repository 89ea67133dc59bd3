"""schema.org structured data (JSON-LD) for search engines: venues as places, committees as organisations.

URLs in the data are site-relative here; `share.head_tags` makes them absolute when the site's
public address is known.
"""

from __future__ import annotations

from ..content.hours import DAYS, Hours
from ..content.model import Content, VenueEntry
from .pictures import Variant

SCHEMA_DAYS = dict(zip(DAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")))


def _time(minutes: int) -> str:
    minutes = min(minutes, 24 * 60 - 1)  # schema.org has no 24:00; 23:59 closes the day
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def opening_hours(hours: Hours) -> list[dict]:
    """One OpeningHoursSpecification per distinct time range, listing the days it applies to."""
    ranges: dict[tuple[int, int], list[str]] = {}
    for day, spans in zip(DAYS, hours.week):
        for span in spans:
            ranges.setdefault(span, []).append(f"https://schema.org/{SCHEMA_DAYS[day]}")
    return [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": days, "opens": _time(start), "closes": _time(end)}
        for (start, end), days in sorted(ranges.items())
    ]


def venue(content: Content, entry: VenueEntry, url: str, image: Variant | None = None) -> dict:
    v = entry.data
    org = content.orgs[v.org]
    city = content.city_of(v.org)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "CivicStructure",
        "name": v.name,
        "url": url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": v.address,
            "addressLocality": content.district(entry).full_name,
            "addressRegion": city.region,
            "addressCountry": "CN",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": v.location.lat, "longitude": v.location.lng},
        "isAccessibleForFree": True,
        "publicAccess": v.is_open,
        "maintainer": {"@type": "Organization", "name": org.name},
    }
    if image is not None:
        data["image"] = {"@type": "ImageObject", "url": image.path, "width": image.width, "height": image.height}
    if v.phone:
        data["telephone"] = v.phone
    if entry.hours and v.is_open:
        data["openingHoursSpecification"] = opening_hours(entry.hours)
    if v.services:
        data["amenityFeature"] = [{"@type": "LocationFeatureSpecification", "name": content.services[s].label, "value": True} for s in v.services]
    return data


def organization(content: Content, org_id: str, url: str, parent_url: str | None) -> dict:
    org = content.orgs[org_id]
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": org.name,
        "alternateName": org.short_name,
        "url": url,
        "areaServed": org.region,
    }
    if org.parent:
        data["parentOrganization"] = {"@type": "Organization", "name": content.any_org(org.parent).name}
        if parent_url:
            data["parentOrganization"]["url"] = parent_url
    points = [{"@type": "ContactPoint", "contactType": c.role, "telephone": c.phone} for c in org.contacts if c.phone]
    if points:
        data["contactPoint"] = points
    return data
