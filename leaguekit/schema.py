"""The content model: what a venue, brand, org and vocabulary entry may say.

Each field's `title` is its Chinese label; error messages and the staff
field reference both read it, so the docs cannot drift from validation.
Cross-references (type, org, brand keys) are checked in `content`, which
knows the vocabularies.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .hours import HoursError, parse_hours

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Mainland China plus Hainan and the South China Sea islands, WGS-84.
CHINA_LAT = (3.8, 53.6)
CHINA_LNG = (73.5, 135.1)

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
PHONE_RE = re.compile(r"^(?:0\d{2,3}-?\d{7,8}(?:-\d{1,5})?|1[3-9]\d{9}|12355|400-?\d{3}-?\d{4}|\d{5})$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _http_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
        raise PydanticCustomError("url", "不是以 http:// 或 https:// 开头的网址", {"hint": "请写完整网址，例如 https://www.example.cn/"})
    return value


def _date_text(value: object) -> object:
    """YAML reads 2019 as int and 2019-05-04 as a date; keep both as text."""
    return str(value) if isinstance(value, (int, dt.date)) else value


def _date_form(value: str | None) -> str | None:
    """A year, year-month or a date that exists: 2019, 2019-05, 2019-05-04 (never 2024-13-45)."""
    if value is None:
        return value
    match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", value)
    try:
        if match is None:
            raise ValueError
        year, month, day = (int(g) if g else 1 for g in match.groups())
        dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError("date", "不是日期", {"hint": "请写成 2019、2019-05 或 2019-05-04，月、日须真实存在"}) from None
    return value


def _iso_date(value: object) -> object:
    """A date that exists, written 2026-10-01. YAML keeps it as text; a bare number is refused
    (pydantic would read 20261001 as seconds since 1970)."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("date", "不是日期", {"hint": "请写成 2026-10-01，月、日须真实存在"})


DateValue = Annotated[dt.date, BeforeValidator(_iso_date)]


def _ordered(first: dt.date, last: dt.date) -> None:
    if last < first:
        raise PydanticCustomError("date_order", "结束日期早于开始日期", {"field": "to", "hint": "from 写第一天，to 写最后一天（含当天）"})


class Location(Strict):
    lat: float = Field(title="纬度", description="WGS-84 十进制度", examples=[37.4216])
    lng: float = Field(title="经度", description="WGS-84 十进制度", examples=[112.5513])

    @model_validator(mode="after")
    def _in_china(self) -> "Location":
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
    src: str = Field(title="图片路径", description="相对 docs/ 的路径", examples=["assets/photos/baita.jpg"])
    alt: str = Field("", title="图片说明", description="替代文字：图里有什么，供读屏软件朗读；不写会提醒", examples=["青年之家活动室"])


class Closure(Strict):
    """Days a venue does not open although its hours say it would: renovation, an event elsewhere."""

    first: DateValue = Field(alias="from", title="开始日期", description="第一天", examples=["2026-12-01"])
    last: DateValue = Field(alias="to", title="结束日期", description="最后一天（含当天）", examples=["2026-12-31"])
    reason: str = Field(title="原因", min_length=2, max_length=20, description="显示为“暂停开放（原因）”", examples=["装修"])

    @model_validator(mode="after")
    def _in_order(self) -> "Closure":
        _ordered(self.first, self.last)
        return self


class Venue(Strict):
    """A place young people can walk into: one Markdown file in `venues/`."""

    name: str = Field(title="名称", min_length=2, examples=["太谷区白塔文庙社区青年之家"])
    type: str = Field(title="阵地类型", description="data/venue_types.yml 中的键", examples=["youth-home"], json_schema_extra={"vocabulary": "venue_types"})
    org: str = Field(title="所属团组织", description="data/orgs.yml 中的 id", examples=["taigu"], json_schema_extra={"vocabulary": "orgs"})
    address: str = Field(title="地址", min_length=4, examples=["山西省晋中市太谷区文庙街 1 号"])
    location: Location = Field(title="坐标", description="WGS-84 经纬度：{lat: 纬度, lng: 经度}", examples=[{"lat": 37.4216, "lng": 112.5513}])
    grade: str | None = Field(None, title="星级", description="仅青年之家：data/grades.yml 中的键", examples=["standard"], json_schema_extra={"vocabulary": "grades"})
    district: str | None = Field(None, title="县区", examples=["太谷区"])
    town: str | None = Field(None, title="乡镇街道", examples=["明星镇"])
    hours: str | None = Field(None, title="开放时间", description="OpenStreetMap 写法；法定节假日休息，除非写了 PH（如 PH 09:00-12:00）", examples=["Mo-Fr 09:00-17:30; Sa 09:00-12:00"])
    closures: list[Closure] = Field(default_factory=list, title="临时闭馆", description="装修等临时不开放的日期（含首尾两天）；法定节假日不用写", examples=[[{"from": "2026-12-01", "to": "2026-12-31", "reason": "装修"}]])
    phone: str | None = Field(None, title="电话", description="办公座机或服务热线，不写个人手机", examples=["0354-6231234"])
    public_mobile: bool = Field(False, title="公开服务手机", description="电话是阵地对外公布的服务手机（不是个人手机）时写 true，审核时会核实")
    services: list[str] = Field(default_factory=list, title="服务项目", description="data/services.yml 中的键", examples=[["study", "volunteer"]], json_schema_extra={"vocabulary": "services"})
    brands: list[str] = Field(default_factory=list, title="承接品牌", description="brands/ 中品牌文件名", examples=[["qicai-jiaqi"]], json_schema_extra={"vocabulary": "brands"})
    established: str | None = Field(None, title="建成时间", description="年份或 年-月", examples=["2019-05"])
    partners: list[str] = Field(default_factory=list, title="共建单位", examples=[["太谷区明星镇党群服务中心"]])
    area_m2: float | None = Field(None, title="面积（平方米）", gt=0, examples=[120])
    website: str | None = Field(None, title="网址", examples=["https://mp.weixin.qq.com/"])
    photos: list[Photo] = Field(default_factory=list, title="照片", description="图片放在 docs/ 下；不放可识别未成年人面部的照片", examples=[[{"src": "assets/photos/baita.jpg", "alt": "青年之家活动室"}]])
    sample: bool = Field(False, title="示例数据", description="地址、坐标、时间等为示意时写 true", examples=[True])
    # Closing and renaming keep printed URLs and QR codes working.
    status: Literal["open", "closed"] = Field("open", title="状态", description="open 开放；closed 已关闭（不删文件，页面保留并指向附近阵地）", examples=["closed"])
    closed_on: str | None = Field(None, title="关闭日期", description="status: closed 时必填", examples=["2024-06-30"])
    aliases: list[str] = Field(default_factory=list, title="旧网址", description="改名或移动前的旧文件名；旧网址和二维码会跳转到本页", examples=[["taigu-old-name"]])

    @field_validator("established", "closed_on", mode="before")
    @classmethod
    def _date_text(cls, value: object) -> object:
        return _date_text(value)

    @field_validator("established", "closed_on")
    @classmethod
    def _date_form(cls, value: str | None) -> str | None:
        return _date_form(value)

    @field_validator("aliases")
    @classmethod
    def _alias_ids(cls, value: list[str]) -> list[str]:
        for index, alias in enumerate(value):
            if not ID_RE.match(alias):
                raise PydanticCustomError("alias", "不是合法的旧文件名", {"field": index, "hint": "写旧文件名去掉 .md，只含小写英文字母、数字和连字符"})
        return value

    @model_validator(mode="after")
    def _closed_has_date(self) -> "Venue":
        if self.status == "closed" and self.closed_on is None:
            raise PydanticCustomError("closed_on", "已关闭的阵地需要关闭日期", {"field": "status", "hint": "请添加一行 `closed_on: 2024-06-30`"})
        if self.status == "open" and self.closed_on is not None:
            raise PydanticCustomError("closed_on", "只有已关闭的阵地才写关闭日期", {"field": "closed_on", "hint": "阵地已关闭请写 `status: closed`；否则删除 closed_on"})
        return self

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @field_validator("hours", mode="before")
    @classmethod
    def _hours_text(cls, value: object) -> object:
        """YAML reads an unquoted `off` (or no, false) as false: judge it as the word it was."""
        return {False: "off", True: "on"}[value] if isinstance(value, bool) else value

    @field_validator("hours")
    @classmethod
    def _hours(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                parse_hours(value)
            except HoursError as exc:
                raise PydanticCustomError("hours", "开放时间写法不对", {"hint": str(exc)}) from None
        return value

    @field_validator("phone", mode="before")
    @classmethod
    def _phone_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is not None and not PHONE_RE.match(value.replace(" ", "")):
            raise PydanticCustomError("phone", "不是电话号码", {"hint": "座机写成 0354-6231234，服务热线如 12355"})
        return value.replace(" ", "") if value else value

    @model_validator(mode="after")
    def _mobile_is_declared(self) -> "Venue":
        if self.public_mobile and not (self.phone and MOBILE_RE.match(self.phone)):
            raise PydanticCustomError("public_mobile", "只在电话是手机号时写", {"field": "public_mobile", "hint": "电话是座机或热线时请删除 public_mobile 这一行"})
        return self

    @field_validator("website")
    @classmethod
    def _website(cls, value: str | None) -> str | None:
        return _http_url(value) if value is not None else value


class Brand(Strict):
    """A league work programme with a name of its own: one file in `brands/`."""

    name: str = Field(title="名称", min_length=2, examples=["七彩假期爱心托管班"])
    org: str = Field(title="所属团组织", description="data/orgs.yml 中的 id", examples=["taigu"], json_schema_extra={"vocabulary": "orgs"})
    category: str = Field(title="类别", description="data/brand_categories.yml 中的键", examples=["care"], json_schema_extra={"vocabulary": "brand_categories"})
    summary: str = Field(title="简介", min_length=4, description="一两句话，显示在列表中", examples=["暑期为农村留守儿童开办的爱心托管班。"])
    started: str | None = Field(None, title="开始时间", examples=["2020"])
    partners: list[str] = Field(default_factory=list, title="合作单位", examples=[["太谷区教育局"]])
    website: str | None = Field(None, title="网址", examples=["https://mp.weixin.qq.com/"])
    sample: bool = Field(False, title="示例数据", examples=[True])

    @field_validator("started", mode="before")
    @classmethod
    def _date_text(cls, value: object) -> object:
        return _date_text(value)

    @field_validator("started")
    @classmethod
    def _date_form(cls, value: str | None) -> str | None:
        return _date_form(value)

    @field_validator("website")
    @classmethod
    def _website(cls, value: str | None) -> str | None:
        return _http_url(value) if value is not None else value


class Contact(Strict):
    role: str = Field(title="岗位", description="写岗位，不写个人姓名", examples=["办公室"])
    phone: str | None = Field(None, title="电话")
    email: str | None = Field(None, title="邮箱")
    wechat: str | None = Field(None, title="微信公众号")
    address: str | None = Field(None, title="地址")


class Org(Strict):
    """A league committee; `parent` builds the tree 太谷 ⊂ 晋中 ⊂ 山西."""

    id: str = Field(title="标识")
    name: str = Field(title="全称", examples=["共青团晋中市太谷区委员会"])
    short_name: str = Field(title="简称", examples=["太谷共青团"])
    parent: str | None = Field(None, title="上级组织")
    region: str = Field(title="行政区域", examples=["山西省晋中市太谷区"])
    level: Literal["province", "city", "district"] = Field(title="层级")
    contacts: list[Contact] = Field(default_factory=list, title="联系方式")
    website: str | None = Field(None, title="网址")
    footer: str | None = Field(None, title="页脚文字")


class VenueType(Strict):
    key: str
    label: str
    plural: str
    icon: str = Field(description="Material 图标名，例如 material/home-heart")
    description: str = ""
    grades: bool = Field(False, description="此类型是否分星级")


class Term(Strict):
    """An entry of a simple vocabulary (services, grades, brand categories)."""

    key: str
    label: str
    description: str = ""


class HolidaySource(Strict):
    title: str = Field(title="通知标题", min_length=4, examples=["国务院办公厅关于2026年部分节假日安排的通知"])
    url: str = Field(title="通知网址", examples=["https://www.gov.cn/zhengce/content/202511/content_7047090.htm"])
    issued: DateValue = Field(title="发布日期")
    number: str | None = Field(None, title="文号", examples=["国办发明电〔2025〕7号"])

    @field_validator("url")
    @classmethod
    def _website(cls, value: str) -> str:
        return _http_url(value)


class HolidayPeriod(Strict):
    name: str = Field(title="节日", min_length=2, examples=["国庆节"])
    first: DateValue = Field(alias="from", title="放假第一天")
    last: DateValue = Field(alias="to", title="放假最后一天")

    @model_validator(mode="after")
    def _in_order(self) -> "HolidayPeriod":
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


class SiteSettings(Strict):
    publisher: str = Field(title="发布组织", description="data/orgs.yml 中的 id")
    title: str = Field(title="站点名称")
    description: str = Field(title="站点简介")
    icp: str | None = Field(None, title="ICP 备案号", description="境内服务器上线前取得，例如 晋ICP备2020000000号-1")
