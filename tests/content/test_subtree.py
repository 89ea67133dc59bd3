"""One org's part of the content (`SITE_ORG`): what it holds, whose settings it has, where its links lead."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import VALID_BRAND, venue_md, write

from leaguekit import build, urls
from leaguekit.content import subtree
from leaguekit.content.problems import ContentError


def set_orgs(project: Path, **fields: dict) -> None:
    """Add `fields[org id]` to that org in data/orgs.yml."""
    path = project / "data/orgs.yml"
    orgs = yaml.safe_load(path.read_text(encoding="utf-8"))
    for org in orgs:
        org.update(fields.get(org["id"], {}))
    path.write_text(yaml.safe_dump(orgs, allow_unicode=True, sort_keys=False), encoding="utf-8")


def with_a_provincial_brand(project: Path) -> None:
    """The taigu venue also hosts a brand the province runs; a taiyuan venue exists beside it."""
    write(project, "brands/province-brand.md", VALID_BRAND.replace("org: taigu", "org: shanxi").replace("测试品牌", "全省品牌"))
    write(project, "venues/taigu/test-venue.md", venue_md(brands=["test-brand", "province-brand"]))
    write(project, "venues/taiyuan/city-venue.md", venue_md(name="太原测试青年之家", org="taiyuan", district="小店区", town=None, address="山西省太原市小店区测试路 2 号", location={"lat": 37.8, "lng": 112.55}, brands=[]))


def test_the_part_holds_the_subtree_and_is_published_by_the_org(project):
    with_a_provincial_brand(project)
    set_orgs(project, taigu={"site": {"title": "太谷青年阵地", "icp": "晋ICP备2020000001号-1"}})
    whole = build.Build(*build.load(project))
    part = whole.site_of("taigu").content
    assert [v.id for v in part.venues] == ["test-venue"] and [b.id for b in part.brands] == ["test-brand"]
    assert list(part.orgs) == ["taigu"] and part.publisher.name == "共青团晋中市太谷区委员会"
    # The org's block wins field by field; the rest is data/site.yml's.
    assert (part.settings.title, part.settings.icp, part.settings.description) == ("太谷青年阵地", "晋ICP备2020000001号-1", whole.content.settings.description)
    # The whole tree still names the districts as the publisher's site does.
    assert part.district(part.venues[0]) == whole.content.district(whole.content.venue["test-venue"])
    assert [v.id for v in whole.site_of("shanxi").content.venues] == ["city-venue", "test-venue"]


def test_links_leaving_the_subtree_reach_the_site_that_has_the_page(project):
    with_a_provincial_brand(project)
    loaded = build.Build(*build.load(project))
    part = loaded.site_of("taigu").content
    here = urls.venue("test-venue")
    assert part.link(here, urls.brand("test-brand"), "taigu") == "../../brands/test-brand/"
    assert part.link(here, urls.brand("province-brand"), "shanxi") == ""  # no address known: no link
    set_orgs(project, shanxi={"site_url": "https://sx.example.org/youth"})
    part = build.Build(*build.load(project)).site_of("taigu").content
    assert part.link(here, urls.brand("province-brand"), "shanxi") == "https://sx.example.org/youth/brands/province-brand/"
    # jinzhong has no site of its own; the province's site shows its page.
    assert part.link(here, urls.org("jinzhong"), "jinzhong") == "https://sx.example.org/youth/orgs/jinzhong/"


def test_an_unknown_org_lists_the_orgs(project):
    with pytest.raises(subtree.UnknownOrg) as info:
        build.Build(*build.load(project)).site_of("taigux")
    assert str(info.value).splitlines() == [
        "SITE_ORG=“taigux”不是 data/orgs.yml 中的团组织。可用的团组织：",
        "  shanxi：共青团山西省委员会",
        "  jinzhong：共青团晋中市委员会",
        "  taigu：共青团晋中市太谷区委员会",
        "  taiyuan：共青团太原市委员会",
    ]


def test_each_orgs_settings_are_checked_where_they_are_written(project):
    set_orgs(project, taigu={"site_url": "taigu.example.org", "site": {"icp": "太谷备案", "titel": "太谷"}})
    assert problems_of(project) == [
        "data/orgs.yml:30 site_url（本组织网站地址）= taigu.example.org 不是以 http:// 或 https:// 开头的网址；请写完整网址，例如 https://www.example.cn/",
        "data/orgs.yml:32 site.icp（ICP 备案号）= 太谷备案 不是 ICP 备案号；写成 京ICP备2020000000号-1，与工信部备案系统中的一致",
        "data/orgs.yml:33 site.titel= 太谷 是不认识的字段；是否想写 “title”？ 不需要的字段请删除。",
    ]
    set_orgs(project, taigu={"site_url": "https://taigu.example.org/", "site": {"police_record": {"number": "晋公网安备14070302000001号", "icon": "assets/none.png"}}})
    assert problems_of(project) == ["data/orgs.yml:34 site.police_record.icon（备案图标）= assets/none.png 找不到备案图标；请从全国互联网安全管理服务平台下载图标，放到 docs/ 下，按 docs/ 内的路径写"]


def problems_of(project: Path) -> list[str]:
    """The problems `make check` lists for data/orgs.yml, one per line."""
    with pytest.raises(ContentError) as info:
        build.load(project)
    return [line for line in str(info.value).splitlines() if line.startswith("data/orgs.yml")]


def test_an_org_site_cannot_take_the_name_of_a_site_folder(project):
    """build-all into site/ puts each org's site in site/<id>/: an id like `feeds` or `contribute` would replace that folder."""
    path = project / "data/orgs.yml"
    orgs = yaml.safe_load(path.read_text(encoding="utf-8"))
    for ident in ("feeds", "contribute"):
        orgs.append({"id": ident, "name": "共青团测试市委员会", "short_name": "测试共青团", "parent": "shanxi", "region": "山西省测试市", "level": "city", "site_url": f"https://{ident}.example.org/"})
    path.write_text(yaml.safe_dump(orgs, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = problems_of(project)
    assert [line.split(" ", 2)[1] for line in found] == ["id", "id"]
    assert "“feeds”与网站的栏目文件夹同名，本组织的网站放进发布组织网站的 feeds/ 时会覆盖它；请换一个 id" in found[0]
    assert "“contribute”与网站的栏目文件夹同名" in found[1]
