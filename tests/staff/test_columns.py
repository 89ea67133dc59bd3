"""Cells as spreadsheet programs hand them over, read back into front-matter values; anything not
understood is passed on as written for the loader's rules to name."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SAMPLE

from leaguekit.content.schema import Venue
from leaguekit.staff.columns import columns, header_words, vocabularies
from leaguekit.staff.reference import rows

COLS = {c.key: c for c in columns(vocabularies(SAMPLE))}


def read(key: str, cell: object, old: object = None) -> object:
    return COLS[key].read(cell, old).value


def test_every_venue_field_a_cell_can_hold_is_a_column_headed_by_its_reference_name():
    reference = {r.key: r for r in rows(Venue, vocabularies(SAMPLE))}
    assert set(COLS) == {k for k, r in reference.items() if "[]" not in k and k not in ("location", "closures", "photos")} | {"id", "confirm"}
    assert [c.key for c in columns(vocabularies(SAMPLE))][::len(COLS) - 1] == ["id", "confirm"]  # id first, 确认 last
    for key, col in COLS.items():
        if key not in ("id", "confirm"):
            assert col.label == reference[key].label and col.required == reference[key].required
    words = header_words(list(COLS.values()))
    assert words["名称"] is COLS["name"] and words["name"] is COLS["name"] and words["面积(平方米)"] is COLS["area_m2"]


@pytest.mark.parametrize(
    ("key", "cell", "old", "value"),
    [
        ("phone", 3546231234.0, None, "03546231234"),  # a landline typed as a number lost its 0
        ("phone", "3546231234", None, "03546231234"),  # … and was saved to CSV so
        ("phone", 12355.0, None, "12355"),
        ("phone", 4001234567.0, None, "4001234567"),
        ("phone", 13812345678.0, None, "13812345678"),  # a mobile stays one: the loader refuses it
        ("phone", "（0354）6231234", None, "0354-6231234"),
        ("phone", "０３５４－６２３１２３４", None, "0354-6231234"),
        ("location.lat", 37.4216000001, None, 37.4216),
        ("location.lat", "３７．４２１６", None, 37.4216),
        ("location.lat", " 37.4216° ", None, 37.4216),
        ("location.lat", "北纬37度", None, "北纬37度"),  # not a number: the loader says so
        ("area_m2", 160.0, None, 160),
        ("established", dt.date(2021, 5, 1), "2021-05", "2021-05"),  # the sheet made a date of 2021-05
        ("established", dt.date(2021, 5, 1), "2020", "2021-05-01"),
        ("established", dt.datetime(2021, 5, 4, 0, 0), None, "2021-05-04"),
        ("established", 44682.0, None, "2022-05-01"),  # an Excel serial
        ("established", "44682", "2022-05", "2022-05"),
        ("established", dt.date(1905, 7, 12), None, "2020"),  # 2020 typed into a date column
        ("established", 2019.0, None, "2019"),
        ("established", "2019年5月", None, "2019-05"),
        ("established", "2019/5/4", None, "2019-05-04"),
        ("established", "2019-13-45", None, "2019-13-45"),
        ("closed_on", "2024/6/30", None, "2024-06-30"),
        ("hours", "Ｍｏ－Ｆｒ　09：00－17：00", None, "Mo-Fr 09:00-17:00"),
        ("name", "\u3000太谷区北洸乡青年之家 ", None, "太谷区北洸乡青年之家"),
        ("name", "太谷区１号（新）青年之家", None, "太谷区1号（新）青年之家"),  # full-width digits folded, brackets kept
        ("address", "太谷区文庙街\n1 号", None, "太谷区文庙街 1 号"),
        ("services", "文化学习、志愿公益，托管;心理健康", None, ["study", "volunteer", "childcare", "mental-health"]),
        ("services", "study, volunteer", None, ["study", "volunteer"]),
        ("partners", "某某中学、 某某公司 ", None, ["某某中学", "某某公司"]),
        ("type", "青年之家", None, "youth-home"),
        ("org", "共青团晋中市太谷区委员会", None, "taigu"),
        ("org", "太谷共青团", None, "taigu"),
        ("location.datum", "高德", None, "gcj02"),
        ("location.datum", "GCJ02", None, "gcj02"),
        ("location.datum", "百度地图", None, "bd09"),
        ("location.datum", "wgs-84", None, "wgs84"),
        ("status", "已关闭", None, "closed"),
        ("sample", "是", None, True),
        ("sample", False, None, False),
        ("sample", "也许", None, "也许"),
        ("name", "'=1+2", None, "=1+2"),  # the CSV export's apostrophe comes off
        ("name", "   ", None, None),
        ("name", None, None, None),
    ],
)
def test_a_real_cell_reads_as_what_its_writer_meant(key, cell, old, value):
    assert read(key, cell, old) == value


def test_an_unknown_name_says_which_and_what_was_meant():
    cell = COLS["services"].read("文化学习、心里健康")
    assert cell.value == ["study", "心里健康"]
    assert cell.problem == "“心里健康”不是已有的服务项目；是否想写 “心理健康”？"


def test_same_means_the_same_whatever_the_writing():
    assert COLS["phone"].same("0354-6231234", "03546231234")
    assert COLS["location.lat"].same(37.4216, 37.4216)
    assert not COLS["location.datum"].same(None, "wgs84")  # required: no default stands in for it
    assert COLS["sample"].same(None, False) and not COLS["sample"].same(None, True)
    assert COLS["established"].same(2019, "2019")
    assert not COLS["services"].same(["study", "volunteer"], ["volunteer", "study"])
    assert COLS["status"].show(None) == "开放" and COLS["services"].show(["study", "x"]) == "文化学习、x"
