"""venues/: one Markdown file per venue, in its org's folder (`venues/<org>/<id>.md`); its org,
type, grade, services, brands and photos must exist."""

from __future__ import annotations

from pathlib import Path

from ... import urls
from .. import photos
from ..crosscheck import Index, check_owner, check_ref, folder_orgs, with_bodies_checked
from ..files import ContentFile, read_folder
from ..hours import parse_hours
from ..model import VenueEntry, city_of, district_name, official_districts
from ..problems import Problem
from ..schema import NAME_MAX, Org, Venue

FOLDER = "venues"
NO_DESCRIPTION = "页面暂按类型、服务项目和开放时间写一句介绍；请在文件末尾（第二个 --- 之后）写几句：阵地做什么、青年来了能做什么"


def read(root: Path, problems: list[Problem], *, raw: bool = False) -> list[ContentFile]:
    files = read_folder(root, FOLDER, Venue, problems, raw=raw)
    if not files:
        # A new site starts empty: it builds, and the reminder says how to add the first venue.
        problems.append(Problem("venues/", 1, "", "还没有任何阵地", "用 make new-venue NAME=… TYPE=… ORG=… DISTRICT=… 添加第一个阵地，参见“参与维护”页", level="warning"))
    return files


def entries(files: list[ContentFile], index: Index, problems: list[Problem]) -> list[VenueEntry]:
    found: list[VenueEntry] = []
    owners = folder_orgs(files, FOLDER, index.vocab.orgs, problems)
    for f, ident in with_bodies_checked(files, index.venue_ids, urls.venue, index.resolve, problems):
        pictures = _photos(f, index, problems)
        if _check(f.record, f, index, problems) & check_owner(f, owners, FOLDER, "所属团组织", problems) & (pictures is not None):
            hours = parse_hours(f.record.hours) if f.record.hours else None
            found.append(VenueEntry(ident, f.rel, f.record, f.body, hours, f.body_line, pictures))
    return found


def _photos(src: ContentFile, index: Index, problems: list[Problem]) -> tuple[photos.PhotoFile, ...] | None:
    """The venue's photo files, each checked (every problem reported); None when one fails."""
    found = [
        photos.check(index.resolve.root, index.resolve, src.rel, p.src, p.alt, (src.line(("photos", i, "src")), f"photos[{i}].src"), problems)
        for i, p in enumerate(src.record.photos)
    ]
    return None if None in found else tuple(found)


def _check(venue: Venue, src: ContentFile, index: Index, problems: list[Problem]) -> bool:
    vocab = index.vocab
    ok = check_ref(problems, src, ("org",), venue.org, vocab.orgs, "团组织", "data/orgs.yml", "所属团组织")
    ok &= check_ref(problems, src, ("type",), venue.type, vocab.venue_types, "阵地类型", "data/venue_types.yml", "阵地类型")
    if venue.grade is not None:
        vtype = vocab.venue_types.get(venue.type)
        if vtype is not None and not vtype.grades:
            problems.append(Problem(src.path, src.line(("grade",)), "grade", f"只适用于分星级的阵地，{vtype.label}不分星级", "请删除 grade 这一行", label="星级", value=venue.grade))
            ok = False
        else:
            ok &= check_ref(problems, src, ("grade",), venue.grade, vocab.grades, "星级", "data/grades.yml", "星级")
    for i, key in enumerate(venue.services):
        ok &= check_ref(problems, src, ("services", i), key, vocab.services, "服务项目", "data/services.yml", "服务项目")
    known_brands = dict.fromkeys(index.brand_ids.values())
    for i, key in enumerate(venue.brands):
        ok &= check_ref(problems, src, ("brands", i), key, known_brands, "品牌", "brands/ 文件夹", "承接品牌")
    if venue.successor is not None:
        if venue.successor == index.venue_ids.get(src.path):
            problems.append(Problem(src.path, src.line(("successor",)), "successor", "是本阵地自己", "写接续本阵地的另一个阵地的文件名；没有就删除 successor", label="接续阵地", value=venue.successor))
            ok = False
        else:
            ok &= check_ref(problems, src, ("successor",), venue.successor, dict.fromkeys(index.venue_ids.values()), "阵地", "venues/ 文件夹", "接续阵地")
    return ok


def warnings(venues: list[VenueEntry], files: list[ContentFile], orgs: dict[str, Org]) -> list[Problem]:
    """What a venue should say but may leave out (hours, a phone, photo descriptions), and a district
    name one character away from another in the same city (a typo, or a look-alike)."""
    by_path = {f.rel: f for f in files}
    found = _near_districts(venues, by_path, orgs)
    for v in venues:
        missing = [label for label, value in (("开放时间 hours", v.data.hours), ("电话 phone", v.data.phone)) if value is None]
        if missing:
            found.append(Problem(v.source, 2, "、".join(m.split()[1] for m in missing), f"未填写{'和'.join(m.split()[0] for m in missing)}", "群众需要知道何时开放、如何联系", level="warning"))
        if v.data.is_open and not v.body.strip():
            found.append(Problem(v.source, v.body_line, "正文", "没有介绍", NO_DESCRIPTION, level="warning"))
        for i, photo in enumerate(v.data.photos):
            if not photo.alt.strip():
                line = by_path[v.source].line(("photos", i)) if v.source in by_path else 2
                found.append(Problem(v.source, line, f"photos[{i}].alt", "照片没有图片说明", "请写 alt：图里有什么（例如“青年之家活动室”），供读屏软件朗读", label="图片说明", value=photo.src, level="warning"))
    return found


def _near_districts(venues: list[VenueEntry], files: dict[str, ContentFile], orgs: dict[str, Org]) -> list[Problem]:
    """A warning for each district name one character away (replaced, added or left out) from a name
    in the same city that has a district committee or at least as many venues: a typo or a look-alike.
    Names meet through the texts left when one character is taken out, so the cost is linear in the names."""
    uses: dict[tuple[str, str], list[VenueEntry]] = {}
    cities: dict[str, str] = {}  # org id → its city's, worked out once per org
    for v in venues:
        name = district_name(orgs, v.data)
        if len(name) <= NAME_MAX:  # longer is refused by the schema; the bound keeps the variants linear
            if (city := cities.get(v.data.org)) is None:
                city = cities[v.data.org] = city_of(orgs, v.data.org).id
            uses.setdefault((city, name), []).append(v)
    official = official_districts(orgs)

    def rank(ident: tuple[str, str]) -> tuple[bool, int, str]:
        return ident in official, len(uses[ident]), ident[1]

    def shorter(ident: tuple[str, str]) -> set[tuple[str, str]]:
        city, name = ident
        return {(city, name[:i] + name[i + 1 :]) for i in range(len(name))}

    replaced: dict[tuple[str, int, str], list[tuple[str, str]]] = {}  # same text with position i taken out
    added: dict[tuple[str, str], tuple[str, str]] = {}  # the best name one character longer
    for ident in uses:
        city, name = ident
        for i in range(len(name)):
            best = replaced.setdefault((city, i, name[:i] + name[i + 1 :]), [])
            best.append(ident)
            best.sort(key=rank, reverse=True)
            del best[2:]  # the two best: each member's best other is among them
        for short in shorter(ident):
            if short not in added or rank(ident) > rank(added[short]):
                added[short] = ident
    found = []
    for ident in sorted(uses):
        city, name = ident
        near = [n for i in range(len(name)) for n in replaced[(city, i, name[:i] + name[i + 1 :])] if n != ident]
        near += [n for n in shorter(ident) if n in uses] + ([added[ident]] if ident in added else [])
        if not near:
            continue
        other = max(near, key=rank)
        if rank(other)[:2] < rank(ident)[:2] or (ident in official and other in official):
            continue
        first = min(uses[ident], key=lambda v: v.source)
        found.append(Problem(
            first.source, files[first.source].line(("district",)) if first.source in files else 2, "district",
            f"与同一城市已有的县区“{other[1]}”（{len(uses[other])} 个阵地）只差一个字",
            "是否写错了？同一县区请写同一个名称，县区页面按名称生成；确是另一个县区则不必修改", label="县区", value=name, level="warning",
        ))
    return found
