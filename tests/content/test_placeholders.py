"""A scaffolded file passes as written (it says sample: true); without that line every placeholder
left in it is an error with the line, the field and what to fill in."""

from __future__ import annotations

import re

import pytest
from conftest import write

from leaguekit.content import load, placeholders
from leaguekit.content.problems import ContentError
from leaguekit.staff import scaffold

KEEP = "；核实之前请保留 sample: true（页面显示“示例数据”）"


def problems_of(project) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(project)
    return [str(p) for p in info.value.problems if p.level == "error"]


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def scaffolded(project, kind: str, **values: str) -> tuple[str, str]:
    draft = getattr(scaffold, f"new_{kind}")(load(project), **values)
    write(project, draft.path, draft.text)
    load(project)  # the promise: it passes as written
    return draft.path, draft.text


def without_sample(project, path: str, text: str) -> str:
    text = re.sub(r"^sample: true.*\n", "", text, flags=re.M)
    write(project, path, text)
    return text


def test_scaffolded_venue_without_sample_names_every_placeholder(project):
    path, text = scaffolded(project, "venue", name="太谷区明星镇测试青年之家", type="youth-home", org="taigu", district="太谷区", ident="taigu-new")
    text = without_sample(project, path, text)
    # The one venue of the org is the centre the scaffold used.
    assert re.search(r"^location: \{lat: 37\.42, lng: 112\.55, datum: wgs84\}", text, re.M)
    assert problems_of(project) == [
        f"{path}:{line_of(text, 'address:')} address（地址）= 山西省晋中市太谷区（详细地址待补充） 还是模板的占位文字；请写实际地址，写到门牌号和楼层{KEEP}",
        f"{path}:{line_of(text, 'location:')} location（坐标） 还是模板的占位坐标（本团组织各阵地的中心点）；请在地图上找到实际位置，复制经纬度；从高德、腾讯地图复制的加 datum: gcj02，从百度地图复制的加 datum: bd09{KEEP}",
        f"{path}:{line_of(text, '（待补充')} 正文 还是模板的占位文字；请写这个阵地做什么、青年来了能做什么{KEEP}",
    ]

    # Uncommented as it stands, the example phone is refused too.
    text = re.sub(r"^# phone: ", "phone: ", text, flags=re.M)
    write(project, path, text)
    assert f"{path}:{line_of(text, 'phone:')} phone（电话）= 010-12345678 还是模板中的示例电话；请写阵地的办公座机或服务热线；没有就删除这一行{KEEP}" in problems_of(project)

    filled = (
        text.replace("（详细地址待补充）", "明星镇明星村 18 号")
        .replace("{lat: 37.42, lng: 112.55, datum: wgs84}", "{lat: 37.401233, lng: 112.530211, datum: gcj02}")
        .replace(placeholders.BODIES["venue"], "明星镇的青年之家，周末有亲子阅读。")
        .replace("010-12345678", "0354-6239999")
    )
    write(project, path, filled)
    venue = load(project).venue["taigu-new"]
    assert not venue.data.sample and venue.data.address == "山西省晋中市太谷区明星镇明星村 18 号"


@pytest.mark.parametrize("written", ["待补充", "待 补 充", "待\u200b补充", "（详细地址待补充。）"])
def test_marked_text_is_found_however_it_is_spaced(project, written):
    write(project, "venues/taigu/test-venue.md", (project / "venues/taigu/test-venue.md").read_text(encoding="utf-8").replace("sample: true\n", "").replace("town: 明星镇", f"town: {written}"))
    assert problems_of(project) == [f"venues/taigu/test-venue.md:7 town（乡镇街道）= {written} 还是模板的占位文字；请填写实际的乡镇街道{KEEP}"]


def test_sample_files_may_keep_placeholders(project):
    write(project, "venues/taigu/test-venue.md", (project / "venues/taigu/test-venue.md").read_text(encoding="utf-8").replace("town: 明星镇", "town: 待补充"))
    assert load(project).venue["test-venue"].data.town == "待补充"


def test_real_coordinates_at_the_centre_of_other_venues_are_not_a_placeholder(project):
    """Only the point as the scaffold writes it (4 decimals) counts; six decimals copied from a map are a real spot."""
    text = (project / "venues/taigu/test-venue.md").read_text(encoding="utf-8")
    write(project, "venues/taigu/other.md", text.replace("lat: 37.42", "lat: 37.43").replace("lng: 112.55", "lng: 112.57"))
    write(project, "venues/taigu/third.md", text.replace("sample: true\n", "").replace("lat: 37.42", "lat: 37.425").replace("lng: 112.55", "lng: 112.56"))
    errors = problems_of(project)
    assert errors == [f"venues/taigu/third.md:9 location（坐标） 还是模板的占位坐标（本团组织各阵地的中心点）；请在地图上找到实际位置，复制经纬度；从高德、腾讯地图复制的加 datum: gcj02，从百度地图复制的加 datum: bd09{KEEP}"]
    write(project, "venues/taigu/third.md", text.replace("sample: true\n", "").replace("lat: 37.42", "lat: 37.425013").replace("lng: 112.55", "lng: 112.560027"))
    assert "third" in load(project).venue


def test_scaffolded_brand_and_activity_without_sample(project):
    brand, brand_text = scaffolded(project, "brand", name="测试品牌二", org="taigu", category="care", summary="为青少年提供法律咨询。", ident="taigu-b2")
    activity, text = scaffolded(project, "activity", title="某某宣讲", org="taigu", start="2026-12-05 09:00", ident="taigu-talk")
    brand_text = without_sample(project, brand, brand_text)
    text = without_sample(project, activity, text)
    assert problems_of(project) == [
        f"{activity}:{line_of(text, 'summary:')} summary（简介）= （待补充）一两句话说明活动内容。 还是模板的占位文字；请用一两句话写清内容{KEEP}",
        f"{activity}:{line_of(text, '  name:')} place.name（地点名称）= （待补充）活动地点 还是模板的占位文字；请写活动地点的名称，例如“某某中学报告厅”{KEEP}",
        f"{activity}:{line_of(text, '  address:')} place.address（地址）= 山西省晋中市太谷区（详细地址待补充） 还是模板的占位文字；请写活动地点的实际地址，写到门牌号{KEEP}",
        f"{activity}:{line_of(text, '  location:')} place.location（坐标） 还是模板的占位坐标（本团组织各阵地的中心点）；请在地图上找到实际位置，复制经纬度；从高德、腾讯地图复制的加 datum: gcj02，从百度地图复制的加 datum: bd09{KEEP}",
        f"{activity}:{line_of(text, '  who:')} audience.who（面向人群）= （待补充）面向哪些青少年 还是模板的占位文字；请写谁可以参加，例如“本区 8–14 岁少年儿童及家长”{KEEP}",
        f"{activity}:{line_of(text, '（待补充：')} 正文 还是模板的占位文字；请写活动内容、流程、需要带什么{KEEP}",
        f"{brand}:{line_of(brand_text, '（待补充：')} 正文 还是模板的占位文字；请写项目的由来、内容和成效{KEEP}",
    ]
