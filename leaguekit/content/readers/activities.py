"""activities/: one Markdown file per activity, in its org's folder (`activities/<org>/<id>.md`); its
org, venue and brand must exist, and it must have a session."""

from __future__ import annotations

from pathlib import Path

from ... import urls
from ..crosscheck import Index, check_owner, check_ref, folder_orgs, with_bodies_checked
from ..files import ACTIVITY_RESERVED_IDS, ContentFile, read_folder
from ..model import VenueEntry
from ..problems import Problem
from ..schedule import ActivityEntry, occurrences_of
from ..schema import Activity

FOLDER = "activities"


def read(root: Path, problems: list[Problem]) -> list[ContentFile]:
    return read_folder(root, FOLDER, Activity, problems, ACTIVITY_RESERVED_IDS)


def entries(files: list[ContentFile], index: Index, venues: dict[str, VenueEntry], problems: list[Problem]) -> list[ActivityEntry]:
    """Activities whose org, venue and brand exist, with their sessions; a closed venue hosts none after it closed."""
    found: list[ActivityEntry] = []
    known_venues = dict.fromkeys(index.venue_ids.values())
    known_brands = dict.fromkeys(index.brand_ids.values())
    owners = folder_orgs(files, FOLDER, index.vocab.orgs, problems)
    for f, ident in with_bodies_checked(files, index.activity_ids, urls.activity, index.resolve, problems):
        a, src = f.record, f
        ok = check_ref(problems, src, ("org",), a.org, index.vocab.orgs, "团组织", "data/orgs.yml", "主办团组织")
        ok &= check_owner(f, owners, FOLDER, "主办团组织", problems)
        if a.venue is not None:
            ok &= check_ref(problems, src, ("venue",), a.venue, known_venues, "阵地", "venues/ 文件夹", "阵地")
        if a.brand is not None:
            ok &= check_ref(problems, src, ("brand",), a.brand, known_brands, "品牌", "brands/ 文件夹", "所属品牌")
        sessions = occurrences_of(a)
        if not sessions:
            problems.append(Problem(f.rel, src.line(("weekly", "except_dates")), "weekly.except_dates", "把每一次都停办了", "请检查 days、日期范围和停办日期", label="停办日期"))
            ok = False
        venue = venues.get(a.venue) if a.venue else None
        if ok and venue is not None and not venue.data.is_open and sessions[-1].start.date().isoformat() > str(venue.data.closed_on):
            problems.append(Problem(f.rel, src.line(("venue",)), "venue", f"已于 {venue.data.closed_on} 关闭", "请改在开放的阵地举办，或用 place 写实际地点", label="阵地", value=a.venue))
            ok = False
        if ok:
            found.append(ActivityEntry(ident, f.rel, a, f.body, sessions, f.body_line))
    return found
