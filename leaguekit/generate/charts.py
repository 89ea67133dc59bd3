"""Bar and line charts as inline SVG, laid out at build time: no JavaScript.

Python computes every coordinate; `templates/chart.html` only draws. The
viewBox is narrow (320 units) so text stays legible when a phone scales the
chart to its width. Each chart carries its data as table rows too, so the
numbers are readable without the picture.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 320
BAR_ROW = 40
BAR_SPACE = 104  # room right of the longest bar for its value text
LINE_HEIGHT = 190
LINE_PAD = (24, 22, 16, 30)  # top, right, bottom-above-axis-labels, left


@dataclass(frozen=True)
class Datum:
    label: str
    value: float
    text: str
    href: str = ""


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    href: str
    y: float
    width: float


@dataclass(frozen=True)
class Point:
    label: str
    text: str
    x: float
    y: float


@dataclass(frozen=True)
class Chart:
    ident: str
    kind: str
    title: str
    description: str
    height: float
    data: tuple[Datum, ...]
    bars: tuple[Bar, ...] = ()
    points: tuple[Point, ...] = ()
    axis_y: float = 0
    width: float = WIDTH
    key_label: str = "项目"

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:g},{p.y:g}" for p in self.points)


def _describe(title: str, data: list[Datum]) -> str:
    return f"{title}：" + "；".join(f"{d.label} {d.text}" for d in data) + "。"


def bar_chart(ident: str, title: str, data: list[Datum]) -> Chart:
    """Horizontal bars, label above each bar: long Chinese labels fit a phone."""
    top = max((d.value for d in data), default=0) or 1
    bars = tuple(
        Bar(d.label, d.text, d.href, y=4 + i * BAR_ROW, width=round(max(2.0, (WIDTH - BAR_SPACE) * d.value / top) if d.value else 0, 1))
        for i, d in enumerate(data)
    )
    return Chart(ident, "bar", title, _describe(title, data), height=4 + len(data) * BAR_ROW, data=tuple(data), bars=bars)


def line_chart(ident: str, title: str, data: list[Datum]) -> Chart:
    """A series over years; x is proportional to the year, so gaps between years show."""
    top_pad, right, bottom, left = LINE_PAD
    axis_y = LINE_HEIGHT - bottom - 14
    years = [int(d.label[:4]) for d in data]
    first, span = (min(years), (max(years) - min(years)) or 1) if years else (0, 1)
    top = max((d.value for d in data), default=0) or 1
    plot_w = WIDTH - left - right
    points = tuple(
        Point(
            d.label,
            d.text,
            x=round(left + (plot_w * (year - first) / span if len(data) > 1 else plot_w / 2), 1),
            y=round(axis_y - (axis_y - top_pad) * d.value / top, 1),
        )
        for d, year in zip(data, years)
    )
    return Chart(ident, "line", title, _describe(title, data), height=LINE_HEIGHT, data=tuple(data), points=points, axis_y=axis_y, key_label="年份")
