"""venues/: one Markdown file per venue; its org, type, grade, services, brands and photos must exist."""

from __future__ import annotations

from pathlib import Path

from ... import urls
from ..crosscheck import Index, check_ref, with_bodies_checked
from ..files import ContentFile, read_folder
from ..hours import parse_hours
from ..model import VenueEntry
from ..problems import Problem
from ..schema import Venue

FOLDER = "venues"


def read(root: Path, problems: list[Problem]) -> list[ContentFile]:
    files = read_folder(root, FOLDER, Venue, problems)
    if not files:
        problems.append(Problem("venues/", 1, "", "没有任何场馆文件", "在 venues/ 中添加 .md 文件，参见 README"))
    return files


def entries(files: list[ContentFile], index: Index, problems: list[Problem]) -> list[VenueEntry]:
    found: list[VenueEntry] = []
    for f, ident in with_bodies_checked(files, index.venue_ids, urls.venue, index.resolve, problems):
        if _check(f.record, f, index, problems):
            hours = parse_hours(f.record.hours) if f.record.hours else None
            found.append(VenueEntry(ident, f.rel, f.record, f.body, hours, f.body_line))
    return found


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
    for i, photo in enumerate(venue.photos):
        if index.resolve.file(photo.src) is None:
            problems.append(Problem(src.path, src.line(("photos", i, "src")), f"photos[{i}].src", "找不到这张图片", f"图片须放在 docs/ 下，按 docs/ 内的路径写，例如 assets/photos/{Path(photo.src).name or 'x.jpg'}", label="图片路径", value=photo.src))
            ok = False
    return ok


def warnings(venues: list[VenueEntry]) -> list[Problem]:
    """What a venue should say but may leave out: hours, a phone, photo descriptions."""
    found = []
    for v in venues:
        missing = [label for label, value in (("开放时间 hours", v.data.hours), ("电话 phone", v.data.phone)) if value is None]
        if missing:
            found.append(Problem(v.source, 2, "、".join(m.split()[1] for m in missing), f"未填写{'和'.join(m.split()[0] for m in missing)}", "群众需要知道何时开放、如何联系", level="warning"))
        for i, photo in enumerate(v.data.photos):
            if not photo.alt:
                found.append(Problem(v.source, 2, f"photos[{i}].alt", "照片没有图片说明", "请写 alt：图里有什么（例如“青年之家活动室”），供读屏软件朗读", label="图片说明", value=photo.src, level="warning"))
    return found
