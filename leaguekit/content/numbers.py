"""Numbers written the way league work reports write them: 10万余人次, 超2.8万人, 95%.

Large round numbers use 万 (and 亿); numbers below 10000, and large numbers
that are not round to two decimals of 万 (58026), stay as digits. The
qualifier is placed where the reports place it: 余 after the number (and
after 万 unless the style says `yu-before-wan`), 超/近/约/突破/超过 before it,
以上 after the unit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

Qualifier = Literal["", "余", "超", "超过", "近", "约", "突破", "以上"]
Style = Literal["auto", "plain", "yu-before-wan", "bare-wan"]

PREFIXES = ("超", "超过", "近", "约", "突破")
WAN = Decimal(10_000)
YI = Decimal(100_000_000)


def digits(value: Decimal) -> str:
    """Shortest plain decimal: 2.80 -> 2.8, 30000.0 -> 30000, never exponent notation."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _round_to(value: Decimal, places: int) -> bool:
    return value == value.quantize(Decimal(1).scaleb(-places))


def split(value: float | int | Decimal, unit: str = "", style: Style = "auto") -> tuple[str, str, str]:
    """(digits, magnitude, unit): 100000 -> ("10", "万", ""), 0.95 % -> ("95", "", "%")."""
    number = Decimal(str(value))
    if unit == "%":
        return digits(number * 100), "", "%"
    if style != "plain" and number >= WAN:
        for size, word in ((YI, "亿"), (WAN, "万")):
            scaled = number / size
            if scaled >= 1 and _round_to(scaled, 2):
                if style == "bare-wan" and scaled == 1:
                    return "", word, unit
                return digits(scaled), word, unit
    return digits(number), "", unit


def chinese(value: float | int | Decimal, unit: str = "", qualifier: Qualifier = "", style: Style = "auto") -> str:
    """The figure as the reports print it, e.g. chinese(100000, "人次", "余") == "10万余人次"."""
    number, magnitude, unit = split(value, unit, style)
    if qualifier == "余":
        if style == "yu-before-wan" and magnitude:
            return f"{number}余{magnitude}{unit}"
        return f"{number}{magnitude}余{unit}"
    text = f"{number}{magnitude}{unit}"
    if qualifier in PREFIXES:
        return qualifier + text
    if qualifier == "以上":
        return text + "以上"
    return text


def period_label(period: str) -> str:
    """2020 -> 2020年; 2020–2024 -> 2020–2024年."""
    return f"{period}年"
