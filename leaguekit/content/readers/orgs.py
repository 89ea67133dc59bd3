"""data/: the site's settings, the org tree (`orgs.yml`), the vocabularies and the holiday table.

Read first: every venue, brand and activity is checked against these, so `content.load` stops
here when one is broken rather than repeat the same error for every file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from ... import urls
from .. import holidays
from ..crosscheck import check_ref
from ..files import RESERVED_IDS, data_file
from ..hours import Calendar
from ..model import Vocabularies
from ..problems import Problem
from ..resolver import Resolver
from ..schema import ID_RE, WINDOWS_RESERVED, Org, SiteSettings, Term, VenueType, windows_reserved
from ..validation import validate
from ..yamlsource import YamlSource, dotted

M = TypeVar("M", bound=BaseModel)

VOCABULARIES = ("orgs.yml", "venue_types.yml", "services.yml", "grades.yml", "brand_categories.yml")
# Every data/ file this reader parses (`files.check_other_data` checks the rest line by line).
FILES = frozenset({"data/site.yml", holidays.PATH} | {f"data/{name}" for name in VOCABULARIES})


def read(root: Path, problems: list[Problem]) -> Vocabularies:
    settings = _read_settings(root, problems)
    orgs, orgs_src, org_index = _read_records(root, "orgs.yml", Org, "id", problems)
    vocab = Vocabularies(
        settings=settings,
        orgs=orgs,
        venue_types=_read_list(root, "venue_types.yml", VenueType, "key", problems),
        services=_read_list(root, "services.yml", Term, "key", problems),
        grades=_read_list(root, "grades.yml", Term, "key", problems),
        brand_categories=_read_list(root, "brand_categories.yml", Term, "key", problems),
    )
    _check_orgs(root, orgs, orgs_src, org_index, settings, problems)
    return vocab


def read_calendar(root: Path, problems: list[Problem]) -> Calendar:
    src = data_file(root, holidays.PATH, problems, "每年的法定节假日和调休上班日（照国务院办公厅通知）")
    return holidays.calendar(src, problems) if src is not None else Calendar()


def _read_list(root: Path, name: str, model: type[M], key: str, problems: list[Problem]) -> dict[str, M]:
    """A YAML list of records in data/, keyed by `key`."""
    return _read_records(root, name, model, key, problems)[0]


def _read_records(root: Path, name: str, model: type[M], key: str, problems: list[Problem]) -> tuple[dict[str, M], YamlSource | None, dict[str, int]]:
    """The records, the parsed file and each record's place in its list (for later messages' lines)."""
    rel = f"data/{name}"
    src = data_file(root, rel, problems, "每一项以“- ”开头的列表")
    if src is None:
        return {}, None, {}
    if not isinstance(src.data, list):
        problems.append(Problem(rel, 1, "", "应为列表", "每一项以“- ”开头"))
        return {}, src, {}
    records: dict[str, M] = {}
    index_of: dict[str, int] = {}
    for index, item in enumerate(src.data):
        record = validate(model, item, src, (index,), problems)
        if record is None:
            continue
        ident = getattr(record, key)
        if ident in records:
            problems.append(Problem(rel, src.line((index, key)), key, f"“{ident}”重复", "每个键只能出现一次"))
        elif not ID_RE.match(ident):
            problems.append(Problem(rel, src.line((index, key)), key, f"“{ident}”不是合法的键", "只用小写英文字母、数字和连字符，例如 youth-home"))
        elif model is Org and ident in RESERVED_IDS:
            problems.append(Problem(rel, src.line((index, key)), key, f"“{ident}”是保留名，会占用网站自动生成的页面", "请换一个 id"))
        elif ident in WINDOWS_RESERVED:
            problems.append(Problem(rel, src.line((index, key)), key, windows_reserved(ident), "请换一个 id"))
        else:
            records[ident] = record
            index_of[ident] = index
    return records, src, index_of


def _read_settings(root: Path, problems: list[Problem]) -> SiteSettings | None:
    src = data_file(root, "data/site.yml", problems, "publisher、title、description")
    settings = validate(SiteSettings, src.data, src, (), problems) if src is not None else None
    if settings is not None and settings.police_record and Resolver(root, set()).file(settings.police_record.icon) is None:
        loc = ("police_record", "icon")
        problems.append(Problem(src.path, src.line(loc), dotted(loc), "找不到备案图标", "请从全国互联网安全管理服务平台下载图标，放到 docs/ 下，按 docs/ 内的路径写", label="备案图标", value=settings.police_record.icon))
    return settings


def _check_orgs(root: Path, orgs: dict[str, Org], src: YamlSource | None, index_of: dict[str, int], settings: SiteSettings | None, problems: list[Problem]) -> None:
    if not orgs or src is None:
        return
    for org in orgs.values():
        index = index_of[org.id]
        if org.parent is not None:
            check_ref(problems, src, (index, "parent"), org.parent, orgs, "上级组织", "data/orgs.yml", "上级组织")
        seen, current = set(), org.id
        while current in orgs and current not in seen:
            seen.add(current)
            current = orgs[current].parent
        if current in seen:
            problems.append(Problem("data/orgs.yml", src.line((index, "parent")), "parent", "上下级关系成了环", "请检查 parent，最上级组织不写 parent"))
        if org.site_url and (org.id in urls.SECTIONS or (root / "docs" / org.id).is_dir()):
            problems.append(Problem("data/orgs.yml", src.line((index, "id")), "id", f"“{org.id}”与网站的栏目文件夹同名，本组织的网站放进发布组织网站的 {org.id}/ 时会覆盖它", "请换一个 id（改 id 时一并改 venues/、activities/ 下的文件夹名）"))
        police = org.site.police_record if org.site else None
        if police and Resolver(root, set()).file(police.icon) is None:
            loc = (index, "site", "police_record", "icon")
            problems.append(Problem("data/orgs.yml", src.line(loc), dotted(loc[1:]), "找不到备案图标", "请从全国互联网安全管理服务平台下载图标，放到 docs/ 下，按 docs/ 内的路径写", label="备案图标", value=police.icon))
    if settings is not None and settings.publisher not in orgs:
        settings_src = YamlSource("data/site.yml", (root / "data/site.yml").read_text(encoding="utf-8"), 1, [])
        check_ref(problems, settings_src, ("publisher",), settings.publisher, orgs, "团组织", "data/orgs.yml", "发布组织")
