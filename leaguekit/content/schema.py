"""The content model: what a venue, brand, org and vocabulary entry may say.

Each field's `title` is its Chinese label; error messages and the staff
field reference both read it, so the docs cannot drift from validation.
Cross-references (type, org, brand keys) are checked in `content`, which
knows the vocabularies.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

import prcoords
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from . import staff_input
from .hours import HoursError, parse_hours, selector_suggestion, time_range_suggestion
from .hours_words import osm_hint

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Names Windows keeps for devices: a file or folder so named (an id, an old id) cannot be checked out there.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)})


# Every text and list a contributor writes has a size: without one a 60,000-character name made
# /nearby/ 769 KB gzip, 1,500 other names the search index 14 times bigger, 12,000 old ids as many
# redirect pages. Generous for real content (the longest sample name has 19 characters).
NAME_MAX = 60  # a venue's, brand's, activity's or place's name, a partner
PLACE_MAX = 20  # a district or town
ADDRESS_MAX = 100
SUMMARY_MAX = 200  # a summary, a note, who may come
ID_MAX = 64  # a file name or old id, also a folder of the built site
NAMES_MAX = 20  # other names, old ids, partners
KEYS_MAX = 50  # services, brands, closures, dates skipped
HOURS_MAX = 255  # OpenStreetMap's own limit for a tag value
Name = Annotated[str, Field(min_length=2, max_length=NAME_MAX)]


def windows_reserved(name: str) -> str:
    return f"“{name}”是 Windows 的设备保留名，这样命名的文件在 Windows 电脑上无法检出"

# Mainland China plus Hainan and the South China Sea islands, WGS-84.
CHINA_LAT = (3.8, 53.6)
CHINA_LNG = (73.5, 135.1)

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
PHONE_RE = re.compile(r"^(?:0\d{2,3}-?\d{7,8}(?:-\d{1,5})?|1[3-9]\d{9}|12355|400-?\d{3}-?\d{4}|\d{5})$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# Patterns and hints shared by the validators and the JSON Schema the venue form checks with (`Kind`).
URL_RE = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
URL_HINT = "请写完整网址，例如 https://www.example.cn/"
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_HINT = "请写成 2019、2019-05 或 2019-05-04，月、日须真实存在"
PHONE_HINT = "座机写成 区号-号码，例如 010-12345678；服务热线如 12355"


def _http_url(value: str) -> str:
    if not URL_RE.match(value):
        raise PydanticCustomError("url", "不是以 http:// 或 https:// 开头的网址", {"hint": URL_HINT})
    return value


# Pages, calendars and feeds compute with these dates (weeks, months, recurrences): outside a sane
# window the arithmetic overflows (9999-12-31 + 1 day), so a date there is a message, not a crash.
DATE_WINDOW = (2000, 2100)
# When a venue was set up or a programme began may lie further back.
HISTORY_WINDOW = (1900, 2100)


def _in_window(year: int, window: tuple[int, int], example: str) -> None:
    if not window[0] <= year <= window[1]:
        raise PydanticCustomError("date_range", f"年份 {year} 不在 {window[0]}–{window[1]} 之间", {"hint": f"请写实际的日期，例如 {example}"})


def _date_text(value: object) -> object:
    """YAML reads 2019 as int and 2019-05-04 as a date; keep both as text."""
    return str(value) if isinstance(value, (int, dt.date)) else value


def _date_form(value: str | None) -> str | None:
    """A year, year-month or a date that exists: 2019, 2019-05, 2019-05-04 (never 2024-13-45)."""
    if value is None:
        return value
    match = DATE_RE.match(value)
    try:
        if match is None:
            raise ValueError
        year, month, day = (int(g) if g else 1 for g in match.groups())
        dt.date(year, month, day)
    except ValueError:
        written = staff_input.date(value)
        readable = written != value and DATE_RE.match(written)
        raise PydanticCustomError("date", "不是日期", {"hint": f"应写成 {written}" if readable else DATE_HINT}) from None
    _in_window(year, HISTORY_WINDOW, "2019-05")
    return value


def _iso_date(value: object) -> object:
    """A date that exists, written 2026-10-01. YAML keeps it as text; a bare number is refused
    (pydantic would read 20261001 as seconds since 1970)."""
    day = value if isinstance(value, dt.date) else None
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value.strip()):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    if day is None:
        raise PydanticCustomError("date", "不是日期", {"hint": "请写成 2026-10-01，月、日须真实存在"})
    _in_window(day.year, DATE_WINDOW, "2026-10-01")
    return day


DateValue = Annotated[dt.date, BeforeValidator(_iso_date)]


@dataclass(frozen=True)
class Kind:
    """What kind of text a field holds, in the words of the staff field reference; in the JSON Schema
    (the venue form's checks), the pattern its validator matches, the hint it gives, and a format."""

    label: str
    pattern: str = ""
    hint: str = ""
    format: str = ""

    def __get_pydantic_json_schema__(self, core_schema, handler):
        schema = handler(core_schema)
        schema.update({k: v for k, v in (("pattern", self.pattern), ("hint", self.hint), ("format", self.format)) if v})
        return schema


def _int_text(value: object) -> object:
    """YAML reads 12355 as a number; a phone number is text."""
    return str(value) if isinstance(value, int) else value


def _phone_hint(value: str, fallback: str) -> str:
    """The staffer's own number written the way the check accepts it, when it can be read."""
    folded, lost = staff_input.phone(value)
    if lost:
        return lost
    clean = folded.replace(" ", "")
    return f"应写成 {clean}" if PHONE_RE.match(clean) else fallback


def _venue_phone(value: str) -> str:
    clean = value.replace(" ", "")
    if not PHONE_RE.match(clean):
        raise PydanticCustomError("phone", "不是电话号码", {"hint": _phone_hint(value, PHONE_HINT)})
    return clean


def _hours_text(value: object) -> object:
    """YAML reads an unquoted `off` (or no, false) as false: judge it as the word it was."""
    return {False: "off", True: "on"}[value] if isinstance(value, bool) else value


def _osm_hours(value: str) -> str:
    try:
        parse_hours(value)
    except HoursError as exc:
        raise PydanticCustomError("hours", "开放时间写法不对", {"hint": osm_hint(value, exc)}) from None
    return value


# Reusable field types: one validator each, shared by every model that has such a field.
URL_MAX = 2000  # what every browser and QR code takes
HttpUrl = Annotated[str, Field(max_length=URL_MAX), AfterValidator(_http_url), Kind("网址", URL_RE.pattern, URL_HINT, "uri")]
YearMonthDay = Annotated[str, BeforeValidator(_date_text), AfterValidator(_date_form), Kind("日期", DATE_RE.pattern, DATE_HINT)]
# Spaces are dropped before the pattern is matched ("phone" tells the form to do the same).
VenuePhone = Annotated[str, BeforeValidator(_int_text), AfterValidator(_venue_phone), Kind("电话号码", PHONE_RE.pattern, PHONE_HINT, "phone")]
OsmHours = Annotated[str, BeforeValidator(_hours_text), AfterValidator(_osm_hours), Kind("开放时间", format="opening-hours")]


def _ordered(first: dt.date, last: dt.date) -> None:
    if last < first:
        raise PydanticCustomError("date_order", "结束日期早于开始日期", {"field": "to", "hint": "from 写第一天，to 写最后一天（含当天）"})


# The datum a coordinate was copied in: 天地图 and a phone's GPS give WGS-84, 高德 and 腾讯 GCJ-02, 百度 BD-09.
DATUMS = {"wgs84": "WGS-84", "gcj02": "GCJ-02", "bd09": "BD-09"}
DATUM_LABELS = {"gcj02": "高德地图、腾讯地图（GCJ-02）", "bd09": "百度地图（BD-09）", "wgs84": "天地图、手机 GPS 定位（WGS-84）"}
TO_WGS84 = {"gcj02": prcoords.gcj_wgs_bored, "bd09": prcoords.bd_wgs_bored}


# What staff write instead of a datum key: a map's name (or a spelling of the key), and what to write for it.
DATUM_WORDS = {
    "gcj02": (("高德", "腾讯", "gaode", "amap", "tencent", "qq", "火星"), "高德地图、腾讯地图的坐标请写 gcj02"),
    "bd09": (("百度", "baidu", "bd09"), "百度地图的坐标请写 bd09"),
    "wgs84": (("天地图", "tianditu", "gps", "wgs", "手机"), "天地图和手机 GPS 的坐标请写 wgs84"),
}
DATUM_MISSING = "坐标从哪个地图取得就写哪个：在 location 中写 datum: wgs84（天地图、手机 GPS）、gcj02（高德、腾讯地图）或 bd09（百度地图），例如 {lat: 37.42, lng: 112.55, datum: wgs84}"
DATUM_HINT = "写 gcj02（高德地图、腾讯地图）、bd09（百度地图）或 wgs84（天地图、手机 GPS）"


def datum_hint(value: object) -> str:
    """How to write the datum staff meant: `GCJ-02` says gcj02 (lower case, no hyphen), `高德` too."""
    text = re.sub(r"[\s_\-]", "", str(value)).lower()
    for key, (words, hint) in DATUM_WORDS.items():
        if text == key:
            return f"请写 {key}（小写字母和数字，不带连字符）"
        if any(word in text for word in words):
            return hint
    return DATUM_HINT


def in_china(lat: float, lng: float) -> bool:
    return CHINA_LAT[0] <= lat <= CHINA_LAT[1] and CHINA_LNG[0] <= lng <= CHINA_LNG[1]


class Location(Strict):
    """A point, always WGS-84 once validated: coordinates copied from 高德, 腾讯 or 百度 say their datum
    and are converted here, once, so every page, map link and download agrees."""

    # The JSON Schema (the venue form) says the range `_in_china` checks, whose message is the more helpful.
    lat: float = Field(title="纬度", description="十进制度", examples=[37.4216], json_schema_extra={"minimum": CHINA_LAT[0], "maximum": CHINA_LAT[1]})
    lng: float = Field(title="经度", description="十进制度", examples=[112.5513], json_schema_extra={"minimum": CHINA_LNG[0], "maximum": CHINA_LNG[1]})
    datum: Literal["wgs84", "gcj02", "bd09"] = Field(
        title="坐标系",
        description="高德、腾讯地图的坐标写 gcj02，百度地图的写 bd09，天地图、手机 GPS 的写 wgs84；必填（同一个点在三种坐标系中相差可达 1 公里以上）；读入时统一换算为 WGS-84",
        examples=["gcj02"],
        json_schema_extra={"labels": DATUM_LABELS},
    )

    @field_validator("datum", mode="before")
    @classmethod
    def _datum_key(cls, value: object) -> object:
        if isinstance(value, str) and value in DATUMS:
            return value
        raise PydanticCustomError("datum", "不是坐标系的写法", {"hint": datum_hint(value)})

    @model_validator(mode="wrap")
    @classmethod
    def _to_wgs84(cls, data: object, handler) -> Location:
        written = handler(data)
        if written.datum == "wgs84" or not in_china(written.lat, written.lng):
            return written  # out of range: `_in_china` says so about the numbers as written
        wgs = TO_WGS84[written.datum]((written.lat, written.lng), check_china=False)
        return handler({"lat": round(wgs.lat, 6), "lng": round(wgs.lon, 6), "datum": "wgs84"})

    @model_validator(mode="after")
    def _in_china(self) -> Location:
        lat_ok = CHINA_LAT[0] <= self.lat <= CHINA_LAT[1]
        lng_ok = CHINA_LNG[0] <= self.lng <= CHINA_LNG[1]
        swapped = CHINA_LAT[0] <= self.lng <= CHINA_LAT[1] and CHINA_LNG[0] <= self.lat <= CHINA_LNG[1]
        if not lat_ok:
            raise PydanticCustomError(
                "china_range",
                "不在中国范围内",
                {"field": "lat", "hint": "经纬度是否写反了？" if swapped else f"纬度应在 {CHINA_LAT[0]}–{CHINA_LAT[1]} 之间（WGS-84 十进制度）"},
            )
        if not lng_ok:
            raise PydanticCustomError(
                "china_range",
                "不在中国范围内",
                {"field": "lng", "hint": f"经度应在 {CHINA_LNG[0]}–{CHINA_LNG[1]} 之间（WGS-84 十进制度）"},
            )
        return self


class Photo(Strict):
    src: str = Field(title="图片路径", description="photos/文件名：照片放在场馆文件旁的 photos/ 文件夹；JPEG、PNG、WebP 或 HEIC，20 MB 以内", examples=["photos/baita-door.jpg"])
    alt: str = Field("", title="图片说明", description="替代文字：图里有什么，供读屏软件朗读；不写会提醒", examples=["青年之家活动室"])


class Closure(Strict):
    """Days a venue does not open although its hours say it would: renovation, an event elsewhere."""

    first: DateValue = Field(alias="from", title="开始日期", description="第一天", examples=["2026-12-01"])
    last: DateValue = Field(alias="to", title="结束日期", description="最后一天（含当天）", examples=["2026-12-31"])
    reason: str = Field(title="原因", min_length=2, max_length=20, description="显示为“暂停开放（原因）”", examples=["装修"])

    @model_validator(mode="after")
    def _in_order(self) -> Closure:
        _ordered(self.first, self.last)
        return self


class Venue(Strict):
    """A place young people can walk into: one Markdown file in `venues/`."""

    name: str = Field(title="名称", min_length=2, max_length=NAME_MAX, examples=["某某区某某社区青年之家"])
    type: str = Field(title="阵地类型", description="data/venue_types.yml 中的键", examples=["youth-home"], json_schema_extra={"vocabulary": "venue_types"})
    org: str = Field(title="所属团组织", description="data/orgs.yml 中的 id", examples=["mouqu"], json_schema_extra={"vocabulary": "orgs"})
    address: str = Field(title="地址", min_length=4, max_length=ADDRESS_MAX, examples=["某某省某某市某某区某某路 1 号"])
    location: Location = Field(title="坐标", description="经纬度和坐标系：{lat: 纬度, lng: 经度, datum: wgs84}；从高德、腾讯地图复制的写 datum: gcj02，从百度地图复制的写 datum: bd09", examples=[{"lat": 37.4216, "lng": 112.5513, "datum": "wgs84"}])
    grade: str | None = Field(None, title="星级", description="仅青年之家：data/grades.yml 中的键", examples=["standard"], json_schema_extra={"vocabulary": "grades"})
    district: str | None = Field(None, title="县区", max_length=PLACE_MAX, examples=["某某区"])
    town: str | None = Field(None, title="乡镇街道", max_length=PLACE_MAX, examples=["某某镇"])
    hours: OsmHours | None = Field(None, title="开放时间", max_length=HOURS_MAX, description="OpenStreetMap 写法；节假日休息写 PH off，照常或另有时间写 PH 规则（如 PH 09:00-12:00）；不写 PH，网站显示“节假日开放情况未说明，请先电话确认”", examples=["Mo-Fr 09:00-17:30; Sa 09:00-12:00"])
    closures: list[Closure] = Field(default_factory=list, title="临时闭馆", max_length=KEYS_MAX, description="装修等临时不开放的日期（含首尾两天）；法定节假日不用写", examples=[[{"from": "2026-12-01", "to": "2026-12-31", "reason": "装修"}]])
    phone: VenuePhone | None = Field(None, title="电话", description="办公座机或服务热线，不写个人手机", examples=["010-12345678"])
    public_mobile: bool = Field(False, title="公开服务手机", description="电话是阵地对外公布的服务手机（不是个人手机）时写 true，审核时会核实")
    services: list[str] = Field(default_factory=list, title="服务项目", max_length=KEYS_MAX, description="data/services.yml 中的键", examples=[["study", "volunteer"]], json_schema_extra={"vocabulary": "services"})
    brands: list[str] = Field(default_factory=list, title="承接品牌", max_length=KEYS_MAX, description="brands/ 中品牌文件名", examples=[["qicai-jiaqi"]], json_schema_extra={"vocabulary": "brands"})
    established: YearMonthDay | None = Field(None, title="建成时间", description="年份或 年-月", examples=["2019-05"])
    partners: list[Name] = Field(default_factory=list, title="共建单位", max_length=NAMES_MAX, examples=[["某某镇党群服务中心"]])
    area_m2: float | None = Field(None, title="面积（平方米）", gt=0, examples=[120])
    website: HttpUrl | None = Field(None, title="网址", examples=["https://mp.weixin.qq.com/"])
    photos: list[Photo] = Field(default_factory=list, title="照片", description="第一张是分享图；不放可认出未成年人面部（未经同意）、身份证、手写报名表的照片", examples=[[{"src": "photos/baita-door.jpg", "alt": "青年之家活动室"}]])
    sample: bool = Field(False, title="示例数据", description="地址、坐标、时间等为示意时写 true", examples=[True])
    # Closing and renaming keep printed URLs and QR codes working.
    status: Literal["open", "closed"] = Field("open", title="状态", description="open 开放；closed 已关闭（不删文件，页面保留并指向附近阵地）", examples=["closed"], json_schema_extra={"labels": {"open": "开放", "closed": "已关闭"}})
    closed_on: YearMonthDay | None = Field(None, title="关闭日期", description="status: closed 时必填", examples=["2024-06-30"])
    successor: str | None = Field(None, title="接续阵地", description="已关闭的阵地由哪个阵地接续：写那个阵地的文件名（id），页面会链接过去", examples=["mouqu-xinhua-youth-home"])
    # A venue that moved keeps its id, URL and printed QR codes: the file says where it is now, and since when.
    moved_on: YearMonthDay | None = Field(None, title="搬迁日期", description="搬到现在地址的日期（文件名和网址不变）；此后一年内页面提示已搬迁", examples=["2025-05-01"])
    moved_from: str | None = Field(None, title="原址", max_length=ADDRESS_MAX, description="搬迁前的地址；写了原址就要写搬迁日期", examples=["某某省某某市某某区旧街 1 号"])
    aliases: list[str] = Field(default_factory=list, title="旧网址", max_length=NAMES_MAX, description="改名或移动前的旧文件名；旧网址和二维码会跳转到本页", examples=[["mouqu-old-name"]])
    # Search: what people call the venue besides its full name (北大 for 北京大学). Not `aliases`, which are old ids.
    also_known_as: list[Annotated[str, Field(min_length=2, max_length=40)]] = Field(
        default_factory=list, title="简称或俗称", max_length=NAMES_MAX, description="大家平时怎么叫这个阵地；搜索这些叫法也能找到本页", examples=[["北大学子归巢工作站"]]
    )

    @field_validator("aliases")
    @classmethod
    def _alias_ids(cls, value: list[str]) -> list[str]:
        for index, alias in enumerate(value):
            if len(alias) > ID_MAX:
                raise PydanticCustomError("alias", f"太长（{len(alias)} 个字符，最多 {ID_MAX} 个）", {"field": index, "hint": "旧网址只写改名前的旧文件名（去掉 .md）"})
            if not ID_RE.match(alias):
                raise PydanticCustomError("alias", "不是合法的旧文件名", {"field": index, "hint": "写旧文件名去掉 .md，只含小写英文字母、数字和连字符"})
            if alias in WINDOWS_RESERVED:
                raise PydanticCustomError("alias", windows_reserved(alias), {"field": index, "hint": "旧网址会成为 site/venues/ 下的文件夹；请删除这一项"})
        return value

    @model_validator(mode="after")
    def _closed_has_date(self) -> Venue:
        if self.status == "closed" and self.closed_on is None:
            raise PydanticCustomError("closed_on", "已关闭的阵地需要关闭日期", {"field": "status", "hint": "请添加一行 `closed_on: 2024-06-30`"})
        if self.status == "open" and self.closed_on is not None:
            raise PydanticCustomError("closed_on", "只有已关闭的阵地才写关闭日期", {"field": "closed_on", "hint": "阵地已关闭请写 `status: closed`；否则删除 closed_on"})
        if self.status == "open" and self.successor is not None:
            raise PydanticCustomError("successor", "只有已关闭的阵地才写接续阵地", {"field": "successor", "hint": "阵地已关闭请写 `status: closed` 和关闭日期；否则删除 successor"})
        if self.successor is not None and not ID_RE.match(self.successor):
            raise PydanticCustomError("successor", "不是阵地的文件名", {"field": "successor", "hint": "写接续阵地的文件名去掉 .md，例如 mouqu-xinhua-youth-home"})
        if self.moved_from is not None and self.moved_on is None:
            raise PydanticCustomError("moved_on", "写了原址，没有写搬迁日期", {"field": "moved_from", "hint": "请添加一行 `moved_on: 2025-05-01`（搬到现在地址的日期）"})
        return self

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @model_validator(mode="after")
    def _mobile_is_declared(self) -> Venue:
        if self.public_mobile and not (self.phone and MOBILE_RE.match(self.phone)):
            raise PydanticCustomError("public_mobile", "只在电话是手机号时写", {"field": "public_mobile", "hint": "电话是座机或热线时请删除 public_mobile 这一行"})
        return self


class Brand(Strict):
    """A league work programme with a name of its own: one file in `brands/`."""

    name: str = Field(title="名称", min_length=2, max_length=NAME_MAX, examples=["七彩假期爱心托管班"])
    org: str = Field(title="所属团组织", description="data/orgs.yml 中的 id", examples=["mouqu"], json_schema_extra={"vocabulary": "orgs"})
    category: str = Field(title="类别", description="data/brand_categories.yml 中的键", examples=["care"], json_schema_extra={"vocabulary": "brand_categories"})
    summary: str = Field(title="简介", min_length=4, max_length=SUMMARY_MAX, description="一两句话，显示在列表中", examples=["暑期为农村留守儿童开办的爱心托管班。"])
    started: YearMonthDay | None = Field(None, title="开始时间", examples=["2020"])
    partners: list[Name] = Field(default_factory=list, title="合作单位", max_length=NAMES_MAX, examples=[["某某区教育局"]])
    website: HttpUrl | None = Field(None, title="网址", examples=["https://mp.weixin.qq.com/"])
    sample: bool = Field(False, title="示例数据", examples=[True])


class Contact(Strict):
    role: str = Field(title="岗位", description="写岗位，不写个人姓名", examples=["办公室"])
    phone: str | None = Field(None, title="电话")
    email: str | None = Field(None, title="邮箱")
    wechat: str | None = Field(None, title="微信公众号")
    address: str | None = Field(None, title="地址")


class Org(Strict):
    """A league committee; `parent` builds the tree 太谷 ⊂ 晋中 ⊂ 山西."""

    id: str = Field(title="标识")
    name: str = Field(title="全称", examples=["共青团某某市某某区委员会"])
    short_name: str = Field(title="简称", examples=["某某区共青团"])
    parent: str | None = Field(None, title="上级组织")
    region: str = Field(title="行政区域", examples=["某某省某某市某某区"])
    level: Literal["province", "city", "district"] = Field(title="层级")
    contacts: list[Contact] = Field(default_factory=list, title="联系方式")
    website: str | None = Field(None, title="网址")
    footer: str | None = Field(None, title="页脚文字")
    site_url: HttpUrl | None = Field(None, title="本组织网站地址", description="用本仓库为本组织（及下级）生成的网站的公开地址；有地址的组织由 make build-all 各生成一个网站，其他网站的链接也指向这里", examples=["https://example.cn/mouqu/"])
    site: OrgSite | None = Field(None, title="本组织网站设置", description="生成本组织网站（SITE_ORG）时代替 data/site.yml 中的同名设置：title、description、icp、police_record、feedback 等")


# Everyday words a visitor types for a vocabulary entry (心理咨询 for 心理健康): site search finds the entry's pages by them.
EverydayWords = list[Annotated[str, Field(min_length=2, max_length=20)]]


class VenueType(Strict):
    key: str
    label: str
    plural: str
    icon: str = Field(description="Material 图标名，例如 material/home-heart")
    description: str = ""
    grades: bool = Field(False, description="此类型是否分星级")
    aliases: EverydayWords = Field(default_factory=list, description="搜索用的同义词和俗称")


class Term(Strict):
    """An entry of a simple vocabulary (services, grades, brand categories)."""

    key: str
    label: str
    description: str = ""
    aliases: EverydayWords = Field(default_factory=list, description="搜索用的同义词和俗称")


class PoliceRecord(Strict):
    """公安联网备案: the number and the icon the filing system issues (served from docs/)."""

    number: str = Field(title="公安联网备案号", examples=["京公网安备11010502000001号"])
    icon: str = Field(title="备案图标", description="从全国互联网安全管理服务平台下载的图标，放在 docs/ 下，例如 assets/beian-police.png")

    @field_validator("number")
    @classmethod
    def _number(cls, value: str) -> str:
        if not re.fullmatch(r"\S{1,4}公网安备\s?\d{14}号", value):
            raise PydanticCustomError("police", "不是公安联网备案号", {"hint": "写成 京公网安备11010502000001号（省份简称、公网安备、14 位数字、号）"})
        return value

    @property
    def code(self) -> str:
        return re.sub(r"\D", "", self.number)


class HolidaySource(Strict):
    title: str = Field(title="通知标题", min_length=4, examples=["国务院办公厅关于2026年部分节假日安排的通知"])
    url: HttpUrl = Field(title="通知网址", examples=["https://www.gov.cn/zhengce/content/202511/content_7047090.htm"])
    issued: DateValue = Field(title="发布日期")
    number: str | None = Field(None, title="文号", examples=["国办发明电〔2025〕7号"])


class HolidayPeriod(Strict):
    name: str = Field(title="节日", min_length=2, examples=["国庆节"])
    first: DateValue = Field(alias="from", title="放假第一天")
    last: DateValue = Field(alias="to", title="放假最后一天")

    @model_validator(mode="after")
    def _in_order(self) -> HolidayPeriod:
        _ordered(self.first, self.last)
        return self


class Workday(Strict):
    date: DateValue = Field(title="调休上班日")
    holiday: str = Field(alias="for", title="为哪个节日调休", description="本年 holidays 中的节日名称")


class HolidayYear(Strict):
    """One year of data/holidays.yml: the State Council's notice on that year's public holidays."""

    year: int = Field(title="年份", ge=2000, le=2100)
    source: HolidaySource = Field(title="通知")
    holidays: list[HolidayPeriod] = Field(title="放假安排", min_length=1)
    workdays: list[Workday] = Field(default_factory=list, title="调休上班日")


# A 天地图 key as the console issues it (32 hex digits today); letters and digits only, so it sits in a tile URL as is.
TIANDITU_KEY_RE = re.compile(r"^[0-9A-Za-z]{16,64}$")
TIANDITU_KEY_HINT = "在天地图控制台（console.tianditu.gov.cn）“应用管理”中复制“浏览器端”应用的 Key，原样粘贴"


class MapSettings(Strict):
    """The map beside the finder's list (data/site.yml `map:`); without a key the site has no map and asks nothing of 天地图."""

    provider: Literal["tianditu"] = Field("tianditu", title="地图服务", description="目前只支持 tianditu（天地图）")
    key: str | None = Field(
        None,
        title="天地图 Key",
        description="天地图“浏览器端”应用的 Key，会公开在网页中，请在天地图控制台把它限定为本站域名；也可在生成网站时由环境变量 TIANDITU_KEY 提供",
    )
    review_number: str = Field(
        title="审图号",
        description="天地图底图的审图号，须显示在地图上；以天地图首页（www.tianditu.gov.cn）页脚所示为准",
        examples=["GS（2024）0568号"],
    )

    @field_validator("key")
    @classmethod
    def _key(cls, value: str | None) -> str | None:
        if value is not None and not TIANDITU_KEY_RE.match(value):
            raise PydanticCustomError("tianditu_key", "不是天地图 Key", {"hint": TIANDITU_KEY_HINT})
        return value or None

    @field_validator("review_number")
    @classmethod
    def _review_number(cls, value: str) -> str:
        if not re.fullmatch(r"GS[（(]\d{4}[）)]\d{1,5}号", value):
            raise PydanticCustomError("review_number", "不是审图号", {"hint": "写成 GS（2024）0568号，与天地图首页页脚所示一致"})
        return value


class SiteFields(Strict):
    """The settings a site has, whoever publishes it: data/site.yml's, and an org's `site:` block may override each."""

    title: str = Field(title="站点名称")
    description: str = Field(title="站点简介")
    icp: str | None = Field(None, title="ICP 备案号", description="境内服务器上线前取得，例如 京ICP备2020000000号-1")
    police_record: PoliceRecord | None = Field(None, title="公安联网备案")
    feedback: str | None = Field(None, title="纠错与建议", description="收集纠错的网址（https://…）或邮箱（mailto:…），显示在每页页脚")

    @field_validator("icp")
    @classmethod
    def _icp(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\S{1,4}ICP备\d{6,12}号(?:-\d+)?", value):
            raise PydanticCustomError("icp", "不是 ICP 备案号", {"hint": "写成 京ICP备2020000000号-1，与工信部备案系统中的一致"})
        return value

    @field_validator("feedback")
    @classmethod
    def _feedback(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^mailto:[^@\s]+@[^@\s]+$", value):
            return _http_url(value)
        return value
    data_license: Literal["CC-BY-4.0", "CC0-1.0", "ODbL-1.0"] | None = Field(
        None,
        title="开放数据许可",
        description="/data/ 下载文件的许可，由发布组织选定：CC-BY-4.0（署名）、CC0-1.0（放弃权利）、ODbL-1.0（开放数据库许可）",
        examples=["CC-BY-4.0"],
    )
    map: MapSettings | None = Field(None, title="地图", description="找阵地页的天地图地图；不写或没有 Key 时不显示地图")


class SiteSettings(SiteFields):
    publisher: str = Field(title="发布组织", description="data/orgs.yml 中的 id")


class OrgSite(SiteFields):
    """An org's `site:` block in data/orgs.yml: any of SiteFields, each replacing data/site.yml's when that org's site is built.

    Fields SiteFields requires are optional here; every other field (and its validators) is inherited,
    so a setting added to SiteFields can be overridden per org without touching this class."""

    title: str | None = Field(None, title="站点名称")
    description: str | None = Field(None, title="站点简介")


Org.model_rebuild()


# --- activities ---------------------------------------------------------------

WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DATETIME_FORM = re.compile(r"^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$")
DATE_FORM = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
TIME_RANGE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
LANDLINE_HINT = "座机写成 区号-号码，例如 010-12345678；服务热线如 12355；不写个人手机"
# A contact is a role ("团区委学少部"), never a person: a short name led by a common surname is refused.
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范廖贾夏韦付邹孟熊秦邱尹薛闫段雷侯陶黎贺顾毛郝龚邵钱严覃戴莫孔汤")
PERSON_TITLES = ("老师", "同志", "先生", "女士", "小姐", "主任", "书记", "部长", "校长", "站长", "队长", "干事")
ROLE_WORDS = set("部办室处科组队站台中心委会校馆所团家院局线岗群服务号")


def _date_text_of(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def china_datetime(text: str) -> dt.datetime:
    """`2026-12-05 09:00` as a naive datetime (China time is implied); ValueError when it does not exist."""
    match = DATETIME_FORM.match(text)
    if match is None:
        raise ValueError(text)
    return dt.datetime(*(int(g) for g in match.groups()))


def _datetime_form(value: str) -> str:
    try:
        moment = china_datetime(value)
    except ValueError:
        raise PydanticCustomError("datetime", "不是日期和时刻", {"hint": "请写成 2026-12-05 09:00（北京时间，24 小时制），日期须真实存在"}) from None
    _in_window(moment.year, DATE_WINDOW, "2026-12-05 09:00")
    return value


def _day_form(value: str) -> str:
    match = DATE_FORM.match(value)
    try:
        if match is None:
            raise ValueError
        day = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise PydanticCustomError("date", "不是日期", {"hint": "请写成 2026-10-01，月、日须真实存在"}) from None
    _in_window(day.year, DATE_WINDOW, "2026-10-01")
    return value


def _landline(value: str) -> str:
    """Office lines and hotlines; a mobile number is refused earlier by the privacy guard."""
    clean = value.replace(" ", "")
    if not PHONE_RE.match(clean):
        raise PydanticCustomError("phone", "不是电话号码", {"hint": _phone_hint(value, LANDLINE_HINT)})
    return clean


Landline = Annotated[str, BeforeValidator(_int_text), AfterValidator(_landline), Kind("电话号码")]
Day = Annotated[str, BeforeValidator(_date_text_of), AfterValidator(_day_form), Kind("日期")]
DateTime = Annotated[str, AfterValidator(_datetime_form), Kind("日期和时刻")]


class Place(Strict):
    """Where an activity is held when it is not at one of the site's venues."""

    name: str = Field(title="地点名称", min_length=2, max_length=NAME_MAX, examples=["某某中学报告厅"])
    address: str = Field(title="地址", min_length=4, max_length=ADDRESS_MAX, examples=["某某省某某市某某区某某路 1 号"])
    district: str = Field(title="县区", max_length=PLACE_MAX, description="用于按县区筛选", examples=["某某区"])
    location: Location = Field(title="坐标", description="经纬度和坐标系：{lat: 纬度, lng: 经度, datum: wgs84}；从高德、腾讯地图复制的写 datum: gcj02，从百度地图复制的写 datum: bd09", examples=[{"lat": 37.8570, "lng": 112.5600, "datum": "wgs84"}])


class Weekly(Strict):
    """A weekly course or session: the weekdays, the time, the first and last date and the dates skipped."""

    days: list[str] = Field(title="星期", min_length=1, description="Mo Tu We Th Fr Sa Su 中的一个或几个", examples=[["Tu", "Th"]])
    time: str = Field(title="时间段", description="北京时间，24 小时制", examples=["19:00-21:00"])
    start_date: Day = Field(title="首次日期", examples=["2026-09-01"])
    end_date: Day = Field(title="末次日期", description="与首次日期相距不超过一年", examples=["2027-01-14"])
    except_dates: list[Day] = Field(default_factory=list, title="停办日期", max_length=KEYS_MAX, description="节假日等不举办的日期，须是上面星期中的一天", examples=[["2026-10-01", "2026-10-06"]])

    @field_validator("days")
    @classmethod
    def _weekdays(cls, value: list[str]) -> list[str]:
        for index, day in enumerate(value):
            if day not in WEEKDAYS:
                suggestion = selector_suggestion(str(day))
                hint = f"应写成 {suggestion}（Mo Tu We Th Fr Sa Su 之一）" if suggestion in WEEKDAYS else "写 Mo Tu We Th Fr Sa Su 之一"
                raise PydanticCustomError("weekday", "不是星期写法", {"field": index, "hint": hint})
        if len(set(value)) != len(value):
            raise PydanticCustomError("weekday", "有重复的星期", {"hint": "每个星期只写一次"})
        return value

    @field_validator("time")
    @classmethod
    def _time_range(cls, value: str) -> str:
        match = TIME_RANGE.match(value)
        if match is None:
            suggestion = time_range_suggestion(value)
            hint = f"请写成 \"{suggestion}\"（24 小时制，两位数字，加引号）" if suggestion else "请写成 \"时:分-时:分\"（24 小时制，两位数字，加引号）"
            raise PydanticCustomError("time", "不是时间段", {"hint": hint})
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59 or h2 * 60 + m2 <= h1 * 60 + m1:
            raise PydanticCustomError("time", "时刻不存在或结束不晚于开始", {"hint": "例如 19:00-21:00；跨午夜的活动请用 start 和 end"})
        return value

    @model_validator(mode="after")
    def _range(self) -> Weekly:
        first, last = dt.date.fromisoformat(self.start_date), dt.date.fromisoformat(self.end_date)
        if last < first:
            raise PydanticCustomError("date_order", "早于首次日期", {"field": "end_date", "hint": "末次日期应不早于首次日期"})
        if (last - first).days > 366:
            raise PydanticCustomError("date_span", "与首次日期相距超过一年", {"field": "end_date", "hint": "请按学期或年度分成几个活动文件"})
        wanted = {WEEKDAYS.index(d) for d in self.days}
        for index, text in enumerate(self.except_dates):
            day = dt.date.fromisoformat(text)
            if not first <= day <= last:
                raise PydanticCustomError("except_date", "不在首次日期与末次日期之间", {"field": ("except_dates", index), "hint": f"停办日期应在 {self.start_date} 至 {self.end_date} 之间"})
            if day.weekday() not in wanted:
                raise PydanticCustomError("except_date", "这一天本来就不举办", {"field": ("except_dates", index), "hint": f"{text} 是星期{'一二三四五六日'[day.weekday()]}，不在 days 中；请删除或改正"})
        return self


class Audience(Strict):
    who: str = Field(title="面向人群", min_length=2, max_length=SUMMARY_MAX, description="谁可以参加", examples=["本区 8–14 岁少年儿童及家长"])
    min_age: int | None = Field(None, title="最小年龄", ge=0, le=120, examples=[8])
    max_age: int | None = Field(None, title="最大年龄", ge=0, le=120, examples=[14])

    @model_validator(mode="after")
    def _ages(self) -> Audience:
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise PydanticCustomError("ages", "小于最小年龄", {"field": "max_age", "hint": "最大年龄应不小于最小年龄"})
        return self


class Join(Strict):
    """How to take part: a sign-up link, a phone line, or just come."""

    walk_in: bool = Field(False, title="到场即可", description="不用报名、直接到场时写 true", examples=[True])
    url: HttpUrl | None = Field(None, title="报名链接", examples=["https://mp.weixin.qq.com/"])
    phone: Landline | None = Field(None, title="报名电话", description="办公座机或服务热线，不写个人手机", examples=["010-12345679"])
    note: str | None = Field(None, title="报名说明", max_length=SUMMARY_MAX, examples=["提前一天报名，额满为止"])

    @model_validator(mode="after")
    def _some_way(self) -> Join:
        if not (self.walk_in or self.url or self.phone):
            raise PydanticCustomError("join", "没有写怎样参加", {"hint": "写 walk_in: true（到场即可）、url（报名链接）或 phone（报名电话）中的至少一项"})
        return self


class ActivityContact(Strict):
    role: str = Field(title="岗位", min_length=2, max_length=NAME_MAX, description="写岗位或部门，不写个人姓名", examples=["团区委学少部"])
    phone: Landline | None = Field(None, title="电话", description="办公座机或服务热线，不写个人手机", examples=["010-12345679"])
    email: str | None = Field(None, title="邮箱", max_length=ADDRESS_MAX, examples=["tgqtw@example.cn"])

    @field_validator("role")
    @classmethod
    def _not_a_person(cls, value: str) -> str:
        if looks_like_person(value):
            raise PydanticCustomError("role", "像是个人姓名", {"hint": "联系人写岗位或部门，例如“团区委学少部”“12355 青少年服务台”，不写姓名"})
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", value, re.I):
            raise PydanticCustomError("email", "不是邮箱地址", {"hint": "例如 tgqtw@example.cn；请用单位邮箱"})
        return value


def looks_like_person(text: str) -> bool:
    """张三, 王小明, 王老师, 李主任: a common surname followed by a given name or a personal title."""
    clean = re.sub(r"\s+", "", text)
    if len(clean) < 2 or clean[0] not in SURNAMES:
        return False
    rest = clean[1:]
    for title in PERSON_TITLES:
        rest = rest.removesuffix(title) if len(rest) > len(title) else rest
        if rest in PERSON_TITLES:
            return True
    return not any(ch in ROLE_WORDS for ch in rest) and re.fullmatch(r"[\u4e00-\u9fff]{1,2}", rest) is not None


class Activity(Strict):
    """Something on at a venue or elsewhere, once or weekly: one Markdown file in `activities/`."""

    title: str = Field(title="活动名称", min_length=2, max_length=NAME_MAX, examples=["青联大讲堂：青年创新创业分享"])
    org: str = Field(title="主办团组织", description="data/orgs.yml 中的 id", examples=["mouqu"], json_schema_extra={"vocabulary": "orgs"})
    summary: str = Field(title="简介", min_length=4, max_length=SUMMARY_MAX, description="一两句话，显示在列表、日历和订阅中", examples=["邀请青联委员分享创业经历，现场答疑。"])
    venue: str | None = Field(None, title="阵地", description="在本站阵地举办时写阵地文件名；在别处举办时改写 place", examples=["mouqu-talent-station"], json_schema_extra={"vocabulary": "venues"})
    place: Place | None = Field(None, title="其他地点", description="不在本站阵地举办时写：{name, address, district, location}")
    brand: str | None = Field(None, title="所属品牌", description="brands/ 中品牌文件名", examples=["mouqu-qinglian-dajiangtang"], json_schema_extra={"vocabulary": "brands"})
    start: DateTime | None = Field(None, title="开始时间", description="单次活动：北京时间 年-月-日 时:分", examples=["2026-12-05 09:00"])
    end: DateTime | None = Field(None, title="结束时间", description="单次活动：不晚于开始后 31 天", examples=["2026-12-05 11:30"])
    weekly: Weekly | None = Field(None, title="每周举办", description="每周固定时间的课程或活动：代替 start 和 end")
    audience: Audience = Field(title="参加对象", description="{who: 面向人群, min_age, max_age}", examples=[{"who": "本区青年", "min_age": 16}])
    fee: float | Literal["free"] = Field(title="费用", description="free（免费）或金额（元）", examples=["free"])
    join: Join = Field(title="参加方式", description="{walk_in: true} 到场即可，或 {url: 报名链接}、{phone: 报名电话}", examples=[{"walk_in": True}])
    capacity: int | None = Field(None, title="名额", gt=0, description="人数上限；不限时不写", examples=[40])
    contact: ActivityContact = Field(title="咨询", description="{role: 岗位, phone: 电话}：写岗位，不写个人姓名", examples=[{"role": "团区委学少部", "phone": "010-12345679"}])
    sample: bool = Field(False, title="示例数据", description="日期、地点等为示意时写 true", examples=[True])

    @field_validator("fee", mode="before")
    @classmethod
    def _fee(cls, value: object) -> object:
        if value in ("free", "免费") or (type(value) in (int, float) and value == 0):
            return "free"
        if type(value) in (int, float) and 0 < value <= 100_000:
            return float(value)
        raise PydanticCustomError("fee", "不是费用写法", {"hint": "免费写 free，收费写金额（元），例如 fee: 20"})

    @model_validator(mode="after")
    def _where_and_when(self) -> Activity:
        if (self.venue is None) == (self.place is None):
            raise PydanticCustomError(
                "where", "阵地和其他地点须写且只写一个" if self.venue else "没有写在哪里举办", {"field": "venue", "hint": "在本站阵地举办写 venue: 阵地文件名；在别处举办写 place"}
            )
        single = self.start is not None or self.end is not None
        if single and self.weekly is not None:
            raise PydanticCustomError("when", "单次时间和每周举办只能写一种", {"field": "weekly", "hint": "单次活动写 start 和 end；每周举办的写 weekly，并删除 start、end"})
        if not single and self.weekly is None:
            raise PydanticCustomError("when", "没有写活动时间", {"field": "start", "hint": "单次活动写 start 和 end，例如 start: 2026-12-05 09:00；每周举办的写 weekly"})
        if single:
            if self.end is None:
                raise PydanticCustomError("when", "只有开始时间，缺少结束时间", {"field": "start", "hint": "单次活动须同时写 start 和 end；请在下一行添加 `end: 2026-12-05 11:30`"})
            if self.start is None:
                raise PydanticCustomError("when", "只有结束时间，缺少开始时间", {"field": "end", "hint": "单次活动须同时写 start 和 end；请在上一行添加 `start: 2026-12-05 09:00`"})
            start, end = china_datetime(self.start), china_datetime(self.end)
            if end <= start:
                raise PydanticCustomError("when", "不晚于开始时间", {"field": "end", "hint": "结束时间应晚于开始时间"})
            if end - start > dt.timedelta(days=31):
                raise PydanticCustomError("when", "距开始超过 31 天", {"field": "end", "hint": "长期的课程请用 weekly 写每周的时间"})
        return self
