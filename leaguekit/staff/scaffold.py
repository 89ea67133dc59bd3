"""`make new-venue` / `make new-brand`: write a new content file that passes `make check` as written.

Staff give the few required values (on the command line, or when asked at a
terminal); every optional field is written below them as a commented example
taken from the schema, so the file itself shows what else may be said.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..content import load, placeholders, staff_input
from ..content.files import ACTIVITY_RESERVED_IDS
from ..content.hours import HoursError, parse_hours
from ..content.hours_words import to_osm
from ..content.model import Content
from ..content.problems import ContentError, Problem, did_you_mean
from ..content.schedule import CHINA
from ..content.schema import ID_RE, Activity, Brand, Location, Venue, Weekly, china_datetime
from ..slugs import slug
from .columns import CHOICE_WORDS
from .vocabulary import value_labels, vocabulary, vocabulary_of, yaml_value

COMMENT_COLUMN = 34


class ScaffoldError(Exception):
    """A value the staff member gave cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Draft:
    path: str
    text: str


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, else `base-2`, `base-3` …: the first free number after the run of taken ones.

    Found by doubling, then halving (O(log n) lookups), not by counting up: a sheet of n rows with
    one name would otherwise cost n² lookups."""
    if base not in taken:
        return base

    def free(n: int) -> bool:
        return f"{base}-{n}" not in taken

    low, high = 1, 2  # base-low is taken (base itself for 1); look for a free high
    while not free(high):
        low, high = high, high * 2
    while high - low > 1:  # base-low taken, base-high free
        middle = (low + high) // 2
        low, high = (low, middle) if free(middle) else (middle, high)
    return f"{base}-{high}"


def _width(text: str) -> int:
    """Columns `text` takes in an editor: Chinese characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line(key: str, value: str, comment: str, commented: bool = False) -> str:
    text = f"{'# ' if commented else ''}{key}: {value}"
    return f"{text}{' ' * max(COMMENT_COLUMN - _width(text), 0)}  # {comment}" if comment else text


def _about(model: type[BaseModel], key: str) -> str:
    info = model.model_fields[key]
    return f"{info.title}：{info.description}" if info.description else str(info.title)


def _live_example(content: Content, info: Any, org: str) -> Any:
    """The schema's example, or for a vocabulary field real keys, so an uncommented line validates."""
    vocab = vocabulary_of(info)
    example = info.examples[0]
    if vocab is None:
        return example
    keys = list(vocabulary(content, vocab))
    if vocab == "brands":
        keys = [b.id for b in content.brands_of_org(org)] or keys
    if not keys:
        return example
    return keys[: max(len(example), 1)] if isinstance(example, list) else (example if example in keys else keys[0])


def _allowed(content: Content, info: Any) -> str:
    """Short vocabularies are listed in the comment itself."""
    vocab = vocabulary_of(info)
    entries = vocabulary(content, vocab) if vocab else {}
    return "、".join(f"{k} {label}" for k, label in entries.items()) if 0 < len(entries) <= 4 else ""


# Fields of a venue's later life (a move, a successor once closed): no example in a new file.
LATER_ONLY = frozenset({"successor", "moved_on", "moved_from"})


def optional_lines(model: type[BaseModel], skip: set[str], content: Content, org: str) -> list[str]:
    """A commented example line for every optional field of `model` not in `skip`."""
    lines = []
    for key, info in model.model_fields.items():
        if info.is_required() or key in skip or not info.examples:
            continue
        about = _allowed(content, info) or _about(model, key)
        if about != _about(model, key):
            about = f"{info.title}：{about}"
        lines.append(_line(key, yaml_value(_live_example(content, info, org)), about, commented=True))
    return lines


def _choose(value: str, choices: dict[str, Any], what: str, where: str) -> str:
    """A key of `choices` named by its key or any of its names (an org by id, full or short name), as the sheet reads it."""
    names = [(k, *(str(getattr(v, attr)) for attr in ("label", "name", "short_name") if hasattr(v, attr))) for k, v in choices.items()]
    found = staff_input.org_id(value, names)
    if found is not None:
        return found
    raise ScaffoldError(f"“{value}”不是已有的{what}；{did_you_mean(value, choices)}（见 {where}）")


def _datum(value: str) -> str:
    """Which map the coordinates came from: wgs84 | gcj02 | bd09, or the words staff use (高德, 百度地图 …)."""
    labels = value_labels(Location.model_fields["datum"])
    words = {staff_input.name_key(w): k for w, k in CHOICE_WORDS["location.datum"].items()}
    words |= {staff_input.name_key(k): k for k in labels} | {staff_input.name_key(label): k for k, label in labels.items()}
    key = words.get(staff_input.name_key(value).replace("-", ""), words.get(staff_input.name_key(value)))
    if key is None:
        raise ScaffoldError(f"“{value}”不是坐标系；可选：{DATUM_CHOICES}")
    return key


def _coordinate(value: str, what: str) -> float:
    number = staff_input.number(value)
    try:
        return float(number)
    except ValueError:
        raise ScaffoldError(f"{what}“{value}”不是数字：写十进制度（如地图上显示的两个数之一）或 度°分′秒″") from None


def _check_id(ident: str, taken: set[str]) -> str:
    if not ID_RE.match(ident):
        raise ScaffoldError(f"“{ident}”不能作文件名：只用小写英文字母、数字和连字符，例如 mouqu-xinhua-youth-home")
    if ident in taken:
        raise ScaffoldError(f"“{ident}”已被使用（文件名或旧网址），请换一个")
    return ident


def _taken(content: Content) -> set[str]:
    """Ids in use: the venues that validated, their old ids, and every file under venues/ (one with an error too)."""
    # os.walk, not Path.rglob: rglob hashes a Path per file (0.7 s at 5,000 venues, on every build of the staff guide)
    on_disk = {name[:-3] for _, _, names in os.walk(content.root / "venues") for name in names if name.endswith(".md")}
    return set(content.venue) | set(content.aliases) | on_disk


def new_venue_id(name: str, district: str, type_label: str, org: str, taken: set[str]) -> str:
    """A new venue's id: its org, then the pinyin of its name without the district and the type
    (太谷区明星镇青年之家 of taigu -> taigu-mingxingzhen), numbered when taken."""
    core = name.replace(district, "").replace(type_label, "") or name
    return unique_id("-".join(x for x in (org, slug(core)) if x), taken)


def new_venue(content: Content, *, name: str, type: str, org: str, district: str, ident: str = "", address: str = "", lat: float | None = None, lng: float | None = None, datum: str = "", hours: str = "") -> Draft:
    """The file for a new venue; placeholders for address and coordinates are marked `sample: true`.
    The location always says which map its coordinates came from (`datum`; a placeholder point is WGS-84)."""
    if len(name.strip()) < 2:
        raise ScaffoldError("名称至少两个字")
    if not district.strip():
        raise ScaffoldError("请写县区，例如 某某区")
    name, district = name.strip(), district.strip()
    vtype = content.venue_types[_choose(type, content.venue_types, "阵地类型", "data/venue_types.yml")]
    org_rec = content.orgs[_choose(org, content.orgs, "团组织", "data/orgs.yml")]
    taken = _taken(content)
    ident = _check_id(ident, taken) if ident else new_venue_id(name, district, vtype.label, org_rec.id, taken)

    placeholder = not (address and lat is not None and lng is not None)
    if lat is not None and lng is not None and not datum:
        raise ScaffoldError(f"请写坐标是从哪种地图复制的：DATUM=（{DATUM_CHOICES}）")
    if lat is None or lng is None:
        datum = "wgs84"
        lat, lng = placeholders.point(placeholders.venues_near(content, org_rec.id))
    if not address:
        address = placeholders.address(org_rec.region if district in org_rec.region else org_rec.region + district)

    lines = [
        "---",
        "# 新阵地。以“# ”开头的行是可选字段的示例：删去行首的“# ”并改成实际内容即可启用。",
        "# 改完运行 make check；字段说明见网站“参与维护”页。",
        _line("name", yaml_value(name), "名称"),
        _line("type", vtype.key, f"阵地类型：{vtype.label}"),
        _line("org", org_rec.id, f"所属团组织：{org_rec.short_name}"),
        _line("district", yaml_value(district), "县区"),
        _line("address", yaml_value(address), "地址：写到门牌号和楼层"),
        _line("location", yaml_value({"lat": lat, "lng": lng, "datum": datum}), "坐标：datum 是坐标系（" + DATUM_CHOICES + "）" + ("；暂用附近阵地的中心点，请改成实际位置" if placeholder else "")),
    ]
    skip = {"name", "type", "org", "district", "address", "location", "sample", *LATER_ONLY}
    if hours:
        lines.append(_line("hours", yaml_value(hours), "开放时间"))
        skip.add("hours")
    # The body below is a placeholder whatever was given: make check refuses it once sample is gone.
    lines.append(_line("sample", "true", "地址、坐标核实、正文写好后删除此行" if placeholder else "正文写好后删除此行"))
    if not vtype.grades:
        skip.add("grade")
    lines += optional_lines(Venue, skip, content, org_rec.id)
    lines += ["---", "", placeholders.BODIES["venue"], ""]
    return Draft(f"venues/{org_rec.id}/{ident}.md", "\n".join(lines))


def new_brand(content: Content, *, name: str, org: str, category: str, summary: str, ident: str = "") -> Draft:
    if len(name.strip()) < 2:
        raise ScaffoldError("名称至少两个字")
    if len(summary.strip()) < 4:
        raise ScaffoldError("简介至少四个字：一两句话说明这个品牌项目做什么")
    org_rec = content.orgs[_choose(org, content.orgs, "团组织", "data/orgs.yml")]
    cat = content.brand_categories[_choose(category, content.brand_categories, "品牌类别", "data/brand_categories.yml")]
    taken = set(content.brand)
    ident = _check_id(ident, taken) if ident else unique_id("-".join(x for x in (org_rec.id, slug(name.strip())) if x), taken)
    lines = [
        "---",
        "# 新品牌项目。以“# ”开头的行是可选字段的示例：删去行首的“# ”并改成实际内容即可启用。",
        "# 哪些阵地承接本项目，写在各阵地文件的 brands 字段里。改完运行 make check。",
        _line("name", yaml_value(name.strip()), "名称"),
        _line("org", org_rec.id, f"所属团组织：{org_rec.name}"),
        _line("category", cat.key, f"类别：{cat.label}"),
        _line("summary", yaml_value(summary.strip()), "简介：一两句话，显示在列表中"),
        _line("sample", "true", "正文写好后删除此行"),
        *optional_lines(Brand, {"name", "org", "category", "summary", "sample"}, content, org_rec.id),
        "---",
        "",
        placeholders.BODIES["brand"],
        "",
    ]
    return Draft(f"brands/{ident}.md", "\n".join(lines))


def _when(start: str, end: str, today: date) -> tuple[str, str]:
    """`start`/`end` as written (a date alone means 09:00, no end means two hours), or a placeholder Saturday."""
    if not start:
        day = today + timedelta(days=7 + (5 - today.weekday()) % 7)
        return f"{day} 09:00", f"{day} 11:00"
    text = f"{start.strip()} 09:00" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", start.strip()) else start.strip()
    try:
        begin = china_datetime(text)
        finish = china_datetime(end.strip()) if end else begin + timedelta(hours=2)
    except ValueError:
        raise ScaffoldError(f"“{start if not end else start + ' / ' + end}”不是时间：请写成 START=\"2026-12-05 09:00\"（北京时间），END 同样写法") from None
    if finish <= begin:
        raise ScaffoldError("END 应晚于 START")
    return f"{begin:%Y-%m-%d %H:%M}", f"{finish:%Y-%m-%d %H:%M}"


def new_activity(content: Content, *, title: str, org: str, venue: str = "", brand: str = "", start: str = "", end: str = "", ident: str = "", today: date | None = None) -> Draft:
    """The file for a new activity; a placeholder time or place is marked `sample: true`."""
    if len(title.strip()) < 2:
        raise ScaffoldError("活动名称至少两个字")
    title = title.strip()
    org_rec = content.orgs[_choose(org, content.orgs, "团组织", "data/orgs.yml")]
    if venue and venue not in content.venue:
        raise ScaffoldError(f"“{venue}”不是已有的阵地；{did_you_mean(venue, content.venue)}（见 venues/ 文件夹）")
    brand_id = _choose(brand, content.brand, "品牌", "brands/ 文件夹") if brand else ""
    begin, finish = _when(start, end, today or datetime.now(CHINA).date())
    taken = set(content.activity) | ACTIVITY_RESERVED_IDS
    ident = _check_id(ident, taken) if ident else unique_id("-".join(x for x in (org_rec.id, slug(title)) if x), taken)
    contact = next((c for c in org_rec.contacts if c.phone), None)

    lines = [
        "---",
        "# 新活动。以“# ”开头的行是可选字段的示例：删去行首的“# ”并改成实际内容即可启用。",
        "# 改完运行 make check；字段说明见网站“参与维护”页。",
        _line("title", yaml_value(title), "活动名称"),
        _line("org", org_rec.id, f"主办团组织：{org_rec.name}"),
        _line("summary", yaml_value(placeholders.ACTIVITY_SUMMARY), "简介：显示在列表、日历和订阅中"),
    ]
    if venue:
        lines.append(_line("venue", venue, f"阵地：{content.venue[venue].data.name}"))
    else:
        lat, lng = placeholders.point(placeholders.venues_near(content, org_rec.id))
        district = org_rec.region.removeprefix(content.any_org(org_rec.parent).region) if org_rec.parent else org_rec.region
        lines += [
            "place:                              # 不在本站阵地举办：地点名称、地址、县区、坐标（WGS-84）",
            f"  name: {yaml_value(placeholders.PLACE_NAME)}",
            f"  address: {yaml_value(placeholders.address(org_rec.region))}",
            f"  district: {yaml_value(district)}",
            f"  location: {yaml_value({'lat': lat, 'lng': lng, 'datum': 'wgs84'})}",
        ]
    if brand_id:
        lines.append(_line("brand", brand_id, f"所属品牌：{content.brand[brand_id].data.name}"))
    lines += [
        _line("start", begin, "开始时间（北京时间）"),
        _line("end", finish, "结束时间"),
        "# weekly:                           # 每周举办的课程：删去 start、end，启用下面几行",
        # Dates need no quotes: the kit's YAML reader keeps them as text.
        *(f"#   {key}: {yaml_value(info.examples[0]).replace(chr(39), '')}" for key, info in Weekly.model_fields.items()),
        "audience:                           # 参加对象",
        f"  who: {yaml_value(placeholders.AUDIENCE)}",
        "  # min_age: 8",
        "  # max_age: 14",
        _line("fee", "free", "费用：free 免费，或金额（元），例如 20"),
        "join:                               # 参加方式",
        "  walk_in: true                     # 到场即可；需要报名时改写 url（报名链接）或 phone（报名电话）",
        "  # note: 提前一天报名，额满为止",
        "contact:                            # 咨询：写岗位，不写个人姓名",
        f"  role: {yaml_value(contact.role if contact else '办公室')}",
    ]
    if contact:
        lines.append(f"  phone: {yaml_value(contact.phone)}")
    lines.append(_line("sample", "true", "日期、地点核实后删除此行"))
    written = {"title", "org", "summary", "venue", "place", "start", "end", "weekly", "audience", "fee", "join", "contact", "sample"}
    lines += optional_lines(Activity, written | ({"brand"} if brand_id else set()), content, org_rec.id)
    lines += ["---", "", placeholders.BODIES["activity"], ""]
    return Draft(f"activities/{org_rec.id}/{ident}.md", "\n".join(lines))


def example_activity(content: Content) -> Draft:
    """A filled-in example of what `make new-activity` writes (for the staff guide)."""
    org = example_org(content)
    venue = next((v.id for v in content.venues_of_org(org)), "")
    return new_activity(content, title="某某青年夜校课程", org=org, venue=venue, start="2026-12-05 09:00", end="2026-12-05 11:00", ident=f"{org}-example")


def example_org(content: Content) -> str:
    """The schema's example org when it exists, else the first district-level org."""
    example = Venue.model_fields["org"].examples[0]
    if example in content.orgs:
        return example
    return next((o.id for o in content.orgs.values() if o.level == "district"), next(iter(content.orgs)))


def example_venue(content: Content) -> Draft:
    """A filled-in example of what `make new-venue` writes (for the staff guide)."""
    org = content.orgs[example_org(content)]
    vtype = next(iter(content.venue_types.values()))
    district = org.region.removeprefix(content.any_org(org.parent).region) if org.parent else org.region
    return new_venue(content, name=f"{district}某某社区{vtype.label}", type=vtype.key, org=org.id, district=district, ident=f"{org.id}-example")


def example_brand(content: Content) -> Draft:
    org = example_org(content)
    category = next(iter(content.brand_categories))
    return new_brand(content, name="某某品牌项目", org=org, category=category, summary="一两句话说明这个项目为谁做什么。", ident=f"{org}-example")


# --- command line -------------------------------------------------------------

VENUE_ASK = (("name", "阵地名称（例如 某某区某某街道青年之家）"), ("type", "阵地类型"), ("org", "所属团组织"), ("district", "县区（例如 某某区）"))
BRAND_ASK = (("name", "品牌项目名称"), ("org", "所属团组织"), ("category", "品牌类别"), ("summary", "一两句话的简介"))
ACTIVITY_ASK = (("title", "活动名称"), ("org", "主办团组织"))
DATUM_ASK = (("datum", "坐标是从哪种地图复制的"),)
HOLIDAYS_ASK = (("holidays", "法定节假日（元旦、春节、国庆等）开不开放？答 休息、照常开放，或节假日的时间（如 9:00-12:00）"),)
# The holiday question's answers as the words hours_words reads after the week's hours.
HOLIDAY_ANSWERS = {"休息": "节假日休息", "不开放": "节假日休息", "闭馆": "节假日休息", "照常开放": "节假日照常开放", "照常": "节假日照常开放", "开放": "节假日照常开放"}
MAKE_VARS = {
    "name": "NAME", "type": "TYPE", "org": "ORG", "district": "DISTRICT", "category": "CATEGORY", "summary": "SUMMARY", "title": "TITLE",
    "ident": "ID", "address": "ADDRESS", "lat": "LAT", "lng": "LNG", "datum": "DATUM", "hours": "HOURS", "holidays": "HOLIDAYS",
    "venue": "VENUE", "brand": "BRAND", "start": "START", "end": "END",
}
DATUM_CHOICES = "wgs84 天地图或手机 GPS；gcj02 高德或腾讯地图；bd09 百度地图"
TARGETS = {"venue": "new-venue", "brand": "new-brand", "activity": "new-activity"}


def _choices(content: Content, key: str) -> str:
    """What may be answered, each key with the label the sheet and the form show."""
    vocab = {"type": "venue_types", "org": "orgs", "category": "brand_categories"}.get(key)
    if key == "datum":
        return DATUM_CHOICES
    return "；".join(f"{k} {label}" for k, label in content.vocabulary(vocab).items()) if vocab else ""


def _answer(key: str, value: str, content: Content, given: dict[str, Any] | None = None) -> str:
    """One answer checked the moment it is given: the value to use, or ScaffoldError saying why not."""
    value = value.strip()
    if key in ("name", "title") and len(value) < 2:
        raise ScaffoldError("名称至少两个字")
    if key == "district" and not value:
        raise ScaffoldError("请写县区，例如 某某区")
    if key == "summary" and len(value) < 4:
        raise ScaffoldError("简介至少四个字：一两句话说明这个品牌项目做什么")
    if key == "type":
        return _choose(value, content.venue_types, "阵地类型", "data/venue_types.yml")
    if key == "org":
        return _choose(value, content.orgs, "团组织", "data/orgs.yml")
    if key == "category":
        return _choose(value, content.brand_categories, "品牌类别", "data/brand_categories.yml")
    if key == "datum":
        return _datum(value)
    if key == "hours":
        return _hours(value)
    if key == "holidays":
        _hours(str((given or {}).get("hours", "")), value)  # refused here, so that it is asked again
    return value


def _hours(text: str, holidays: str = "") -> str:
    """Opening hours as OSM text, from OSM or staff's words; `holidays` answers the holiday question."""
    words = f"{text}；{HOLIDAY_ANSWERS.get(holidays.strip(), '节假日 ' + holidays)}" if holidays else text
    if not holidays:
        try:
            return parse_hours(text).source
        except HoursError:
            pass
    try:
        return to_osm(words)
    except HoursError as exc:
        raise ScaffoldError(f"开放时间“{words}”：{exc}") from None


def fill(values: dict[str, str], ask: tuple[tuple[str, str], ...], content: Content, target: str, prompt: Callable[[str], str] | None) -> dict[str, str]:
    """Every value of `ask` checked; at a terminal, what is missing or wrong is asked for again, at once;
    otherwise say exactly what to add."""
    missing = [key for key, _ in ask if not values.get(key)]
    if missing and prompt is None:
        example = " ".join(f"{MAKE_VARS[k]}=…" for k, _ in ask)
        raise ScaffoldError(f"缺少 {'、'.join(MAKE_VARS[k] for k in missing)}；请这样运行：make {target} {example}")
    for key, label in ask:
        given = values.get(key, "")
        while True:
            if given:
                try:
                    values[key] = _answer(key, given, content, values)
                    break
                except ScaffoldError as exc:
                    if prompt is None:
                        raise
                    print(f"{exc}。请重新填写。")
            choices = _choices(content, key)
            if choices:
                print(f"可选：{choices}")
            given = prompt(f"{label}：").strip()  # type: ignore[misc]
    return values


def _shell(text: str) -> str:
    """A value as the shell takes it: plain when only letters (Chinese too), digits and -./:, else quoted."""
    return text if re.fullmatch(r"[\w@%+=:,./-]+", text) else shlex.quote(text)


def rerun(kind: str, values: dict[str, Any]) -> str:
    """The command that makes the same file again with every answer given so far."""
    parts = [f"{MAKE_VARS[k]}={_shell(str(v))}" for k, v in values.items() if v not in (None, "") and k in MAKE_VARS]
    return f"make {TARGETS[kind]} " + " ".join(parts)


def run(kind: str, root: Path, values: dict[str, Any], prompt: Callable[[str], str] | None) -> tuple[Path, list[Problem]]:
    """Write the new file under `root` and check it; returns its path and the problems other files have.

    Another file's error does not stop the scaffold (it is checked only for what it writes); when the
    new file cannot be made, the message ends with the command that gives the same answers again."""
    content = load(root, strict=False)
    try:
        return _make(kind, root, values, content, prompt)
    except (ScaffoldError, EOFError, KeyboardInterrupt) as exc:
        why = str(exc) if isinstance(exc, ScaffoldError) else "已中断"
        if prompt is not None and any(values.get(k) for k in MAKE_VARS):
            raise ScaffoldError(f"{why}\n已填写的内容没有丢失，改正后可以这样重新运行：\n  {rerun(kind, values)}") from None
        raise ScaffoldError(why) from None


def _make(kind: str, root: Path, values: dict[str, Any], content: Content, prompt: Callable[[str], str] | None) -> tuple[Path, list[Problem]]:
    if kind == "venue":
        values = fill(values, VENUE_ASK, content, "new-venue", prompt)
        pasted = staff_input.pair(str(values.get("lat") or "")) if not values.get("lng") else None
        if pasted:  # both numbers in LAT, as a coordinate picker shows them: split, as the form does
            values["lat"], values["lng"] = pasted
        for key, what in (("lat", "纬度"), ("lng", "经度")):
            if isinstance(values.get(key), str):
                values[key] = _coordinate(values[key], what) if values[key] else None
        if values.get("lat") is not None and values.get("lng") is not None:
            values = fill(values, DATUM_ASK, content, "new-venue", prompt)
        if values.get("hours"):
            values["hours"] = _answer("hours", values["hours"], content)
            if not re.search(r"(^|[ ,;])PH\b", values["hours"]):
                values = fill(values, HOLIDAYS_ASK, content, "new-venue", prompt)
                values["hours"] = _hours(values["hours"], values.pop("holidays"))
        values.pop("holidays", None)
        draft = new_venue(content, **values)
    elif kind == "brand":
        values = fill(values, BRAND_ASK, content, "new-brand", prompt)
        draft = new_brand(content, **values)
    else:
        values = fill(values, ACTIVITY_ASK, content, "new-activity", prompt)
        draft = new_activity(content, **values)
    path = root / draft.path
    if path.exists():
        raise ScaffoldError(f"{draft.path} 已存在，请换一个 ID")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(draft.text, encoding="utf-8")
    try:
        load(root)  # the promise: the file passes `make check` as written
    except ContentError as exc:
        mine = [p for p in exc.problems if p.path == draft.path and p.level == "error"]
        if mine:
            path.unlink()
            raise ScaffoldError("新文件没有通过检查，未创建：" + "；".join(p.text for p in mine)) from None
        return path, [p for p in exc.problems if p.level == "error"]
    return path, []


def interactive() -> Callable[[str], str] | None:
    return input if sys.stdin.isatty() else None
