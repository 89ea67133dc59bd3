"""Figures from work reports: stated once in `data/figures/<org>.yml`, shown everywhere.

What a figures file may say (`FigureFile`) and the validated book pages read (`FigureBook`);
`readers.figures` reads the files. Pages look figures up by key through `FigureBook.get`,
which names the missing key and suggests near matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from .. import urls
from .numbers import Qualifier, Style, chinese, digits, period_label
from .problems import Problem, did_you_mean
from .schema import HISTORY_WINDOW, Strict

KEY_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
PERIOD_RE = re.compile(r"^(\d{4})(?:[–-](\d{4}))?$")
FOLDER = "data/figures"


def _normal_period(value: object) -> object:
    """YAML reads 2020 as int; spans are written 2020–2024 (or 2020-2024)."""
    if isinstance(value, int):
        value = str(value)
    if value is None:
        return value
    match = PERIOD_RE.match(str(value))
    if not match or (match.group(2) and match.group(2) <= match.group(1)):
        raise PydanticCustomError("period", "不是年份或年份区间", {"hint": "写成 2020，或 2020–2024（前小后大）"})
    for year in filter(None, match.groups()):
        if not HISTORY_WINDOW[0] <= int(year) <= HISTORY_WINDOW[1]:
            raise PydanticCustomError("date_range", f"年份 {year} 不在 {HISTORY_WINDOW[0]}–{HISTORY_WINDOW[1]} 之间", {"hint": "写报告所说的年份，例如 2020 或 2020–2024"})
    return match.group(1) + (f"–{match.group(2)}" if match.group(2) else "")


class FigureSource(Strict):
    key: str = Field(title="来源标识", examples=["report"])
    title: str = Field(title="文件名称", examples=["共青团某某市委2020年工作撷萃"])
    publisher: str = Field(title="发布单位")
    date: str | None = Field(None, title="日期", description="文件注明的日期；未注明时不写，并在 note 中说明推断")
    note: str = Field("", title="说明", description="日期、时期如何确定等")


class FigureGroup(Strict):
    key: str = Field(title="分组标识", examples=["guidance"])
    label: str = Field(title="分组名称", examples=["团的引领力"])


class Figure(Strict):
    """One number from a report, with what it counts, when and where it is stated."""

    key: str = Field(title="标识", description="英文小写加下划线，例如 youth_study_participants")
    label: str = Field(title="名称", min_length=2)
    value: float = Field(title="数值", ge=0, le=10**12, allow_inf_nan=False, description="按原单位的完整数值：10万写 100000，95% 写 0.95")
    unit: str = Field("", title="单位", examples=["人次"])
    qualifier: Qualifier = Field("", title="限定词", description="余、超、超过、近、约、突破、以上；确数不写")
    style: Style = Field("auto", title="写法", description="auto；plain（不用“万”）；yu-before-wan（500余万）；bare-wan（近万）")
    period: str | None = Field(None, title="时期", description="年份或区间，如 2020 或 2020–2024；不写则用文件的 period")
    group: str = Field(title="分组", description="本文件 groups 中的键")
    section: str = Field(title="出处段落", description="报告中的小标题或段落")
    source: str | None = Field(None, title="来源", description="本文件 sources 中的键；不写则用第一个来源")
    counts: str | None = Field(None, title="对应阵地类型", description="报告中的阵地数量：data/venue_types.yml 中的键，用于与本站收录数对照")
    headline: bool = Field(False, title="要点数据", description="显示在团组织页和首页")

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: object) -> object:
        return _normal_period(value)


class Chart(Strict):
    key: str = Field(title="图表标识")
    title: str = Field(title="图表标题")
    kind: Literal["bar"] = Field("bar", title="图表类型")
    figures: list[str] = Field(title="数据项", min_length=2, description="本文件 figures 中的键，单位须相同")


class FigureFile(Strict):
    """`data/figures/<org>.yml`: one org's reported figures."""

    org: str = Field(title="团组织", description="data/orgs.yml 中的 id")
    period: str | None = Field(None, title="默认时期")
    report_page: str | None = Field(None, title="工作报告页", description="docs/ 下的 Markdown 文件，例如 orgs/mouqu/report.md")
    figures_page: str | None = Field(None, title="数据页", description="docs/ 下的 Markdown 文件，例如 orgs/mouqu/figures.md")
    sources: list[FigureSource] = Field(title="来源", min_length=1)
    groups: list[FigureGroup] = Field(title="分组", min_length=1)
    figures: list[Figure] = Field(title="数据")
    charts: list[Chart] = Field(default_factory=list, title="图表")

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: object) -> object:
        return _normal_period(value)


@dataclass(frozen=True)
class FigureEntry:
    """A validated figure with its org, resolved period, group and source."""

    org: str
    data: Figure
    period: str
    group: FigureGroup
    source: FigureSource
    path: str
    line: int

    @property
    def key(self) -> str:
        return self.data.key

    @property
    def ref(self) -> str:
        return f"{self.org}.{self.key}"

    @property
    def text(self) -> str:
        d = self.data
        return chinese(d.value, d.unit, d.qualifier, d.style)

    @property
    def machine_value(self) -> str:
        """The value for <data value>: 100000, 0.95 (never 100000.0)."""
        return digits(Decimal(str(self.data.value)))

    @property
    def period_text(self) -> str:
        return period_label(self.period)

    @property
    def anchor(self) -> str:
        return "fig-" + self.key.replace("_", "-")

    @property
    def provenance(self) -> str:
        """One line a journalist can cite: label, value, period, document, section."""
        return f"{self.data.label}：{self.text}（{self.period_text}）。来源：{self.source.publisher}《{self.source.title}》“{self.data.section}”"


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    kind: str
    figures: tuple[FigureEntry, ...]


@dataclass(frozen=True)
class OrgFigures:
    org: str
    path: str
    sources: tuple[FigureSource, ...]
    groups: tuple[FigureGroup, ...]
    figures: dict[str, FigureEntry]
    charts: dict[str, ChartSpec]
    report_page: str | None
    figures_page: str | None

    def in_group(self, group: str) -> list[FigureEntry]:
        return [f for f in self.figures.values() if f.group.key == group]

    @property
    def headline(self) -> list[FigureEntry]:
        return [f for f in self.figures.values() if f.data.headline]

    @property
    def reported_counts(self) -> list[FigureEntry]:
        return [f for f in self.figures.values() if f.data.counts]


class FigureNotFound(KeyError):
    """A page asked for a figure, group or chart that no figures file defines."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class FigureBook:
    """All orgs' figures; looked up by `org.key`, or by `key` with a page's default org."""

    orgs: dict[str, OrgFigures]

    @cached_property
    def all(self) -> dict[str, FigureEntry]:
        return {f.ref: f for o in self.orgs.values() for f in o.figures.values()}

    def org(self, org: str | None) -> OrgFigures:
        if org is None or org not in self.orgs:
            where = f"“{org}”" if org else "（页面未指定 org）"
            raise FigureNotFound(f"团组织 {where} 没有数据文件；{did_you_mean(org or '', self.orgs)}（见 {FOLDER}/）")
        return self.orgs[org]

    def get(self, key: str, org: str | None = None) -> FigureEntry:
        org_id, _, name = key.rpartition(".")
        org_id = org_id or org
        found = self.orgs.get(org_id or "")
        if found is not None and name in found.figures:
            return found.figures[name]
        choices = list(found.figures) if found is not None else list(self.all)
        wanted = name if found is not None else key
        where = found.path if found is not None else f"{FOLDER}/"
        raise FigureNotFound(f"找不到数据项 “{key}”（团组织 {org_id or '未指定'}）；{did_you_mean(wanted, choices)}（见 {where}）")

    def group(self, key: str, org: str | None = None) -> tuple[FigureGroup, list[FigureEntry]]:
        figures = self.org(org)
        for group in figures.groups:
            if group.key == key:
                return group, figures.in_group(key)
        raise FigureNotFound(f"找不到分组 “{key}”；{did_you_mean(key, [g.key for g in figures.groups])}（见 {figures.path}）")

    def chart(self, key: str, org: str | None = None) -> ChartSpec:
        figures = self.org(org)
        if key not in figures.charts:
            raise FigureNotFound(f"找不到图表 “{key}”；{did_you_mean(key, figures.charts)}（见 {figures.path}）")
        return figures.charts[key]


STALE_AFTER_YEARS = 3


def stale_figures(book: FigureBook, year: int) -> list[Problem]:
    """One warning per data file whose figures end more than three years before `year`."""
    warnings = []
    for org in book.orgs.values():
        old = [f for f in org.figures.values() if int(f.period[-4:]) < year - STALE_AFTER_YEARS]
        if old:
            first = min(old, key=lambda f: f.line)
            newest = max(int(f.period[-4:]) for f in old)
            warnings.append(
                Problem(
                    org.path,
                    first.line,
                    "period",
                    f"有 {len(old)} 项数据的时期早于 {year - STALE_AFTER_YEARS} 年（最晚 {newest} 年）",
                    "请核实是否已有新数据；更新数值时一并修改 period 和 source",
                    level="warning",
                )
            )
    return warnings


def page_url(path: str) -> str:
    """Directory URL MkDocs gives docs/`path`: orgs/taigu/report.md -> orgs/taigu/report/."""
    return urls.page_of_doc(path)
