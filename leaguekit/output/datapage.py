"""`/data/`: the page that lists the open-data downloads (`opendata`): what each file holds and under which licence."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from .. import urls
from ..generate.page import GeneratedPage, SearchEntry
from ..generate.render import render
from ..generate.site import Site
from . import opendata

URL = "data/"


def pages(site: Site) -> Iterator[GeneratedPage]:
    yield GeneratedPage(
        url=URL,
        title="开放数据",
        description="阵地、品牌项目和活动的 JSON、GeoJSON、CSV 下载，以及 Open Referral HSDS 3.0 数据包和活动日历，供其他名录和地图复用。",
        render=partial(html, site),
        icon="material/database-export",
        search=(SearchEntry(kind="listing", title="开放数据", summary="阵地、品牌项目和活动的数据下载（JSON、GeoJSON、CSV、HSDS）"),),
    )


def html(site: Site) -> str:
    c, here = site.content, URL
    described = opendata.descriptions(site)
    return render(
        "data.html",
        files=[(f, urls.relative(here, urls.data_file(f.path))) for f in described],
        kinds=opendata.KINDS,
        license=opendata.license_of(site),
        publisher=c.publisher.name,
        today=site.today.isoformat(),
        calendar=urls.relative(here, urls.calendar("site")),
        atom=urls.relative(here, urls.atom()),
        activities=urls.relative(here, "activities/"),
    )
