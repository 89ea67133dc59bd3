"""Chinese number style: each case is a figure as one of the seed reports prints it."""

from __future__ import annotations

import pytest

from leaguekit.content.numbers import chinese

CASES = [
    # value, unit, qualifier, style, expected (report wording)
    (100000, "人次", "余", "auto", "10万余人次"),
    (28000, "人", "超", "auto", "超2.8万人"),
    (30000, "元", "", "auto", "3万元"),
    (0.95, "%", "", "auto", "95%"),
    (0.9, "%", "以上", "auto", "90%以上"),
    (0.999, "%", "", "auto", "99.9%"),
    (0.0892, "%", "", "auto", "8.92%"),
    (5000000, "人次", "余", "yu-before-wan", "500余万人次"),
    (6000000, "人次", "余", "auto", "600万余人次"),
    (700000, "元", "余", "yu-before-wan", "70余万元"),
    (186000, "元", "", "auto", "18.6万元"),
    (900, "条", "余", "auto", "900余条"),
    (58026, "人", "", "auto", "58026人"),
    (15725, "人次", "", "auto", "15725人次"),
    (12000, "人", "余", "plain", "12000余人"),
    (5000, "元", "", "auto", "5000元"),
    (37000000, "人次", "近", "auto", "近3700万人次"),
    (10000, "个", "近", "bare-wan", "近万个"),
    (1000000, "", "超过", "auto", "超过100万"),
    (500000, "次", "突破", "auto", "突破50万次"),
    (48, "个", "", "auto", "48个"),
    (340000, "", "", "auto", "34万"),
    (250000000, "元", "", "auto", "2.5亿元"),
    (1.5, "期", "", "auto", "1.5期"),
]


@pytest.mark.parametrize(("value", "unit", "qualifier", "style", "expected"), CASES, ids=[c[-1] for c in CASES])
def test_report_wording(value, unit, qualifier, style, expected):
    assert chinese(value, unit, qualifier, style) == expected


def test_float_noise_does_not_leak():
    """YAML floats like 0.1 + 0.2 style noise must not print 30.000000000000004%."""
    assert chinese(0.3, "%") == "30%"
    assert chinese(18.6e4, "元") == "18.6万元"
