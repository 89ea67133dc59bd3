"""`make build`: fails loudly on bad content and never leaves a half-written site/."""

from __future__ import annotations

import os
import subprocess

from conftest import REPO, VALID_VENUE, build_site, soup, write


def make(project, target: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "VENV": str(REPO / ".venv")}
    return subprocess.run(["make", "-s", target, f"VENV={REPO / '.venv'}"], cwd=project, env=env, capture_output=True, text=True, timeout=600)


def test_broken_venue_fails_build_and_keeps_site(project):
    first = make(project, "build")
    assert first.returncode == 0, first.stderr
    before = (project / "site/venues/test-venue/index.html").read_bytes()

    write(project, "venues/taigu/test-venue.md", VALID_VENUE.replace("lat: 37.42", "lat: 112.55").replace("lng: 112.55", "lng: 37.42"))
    write(project, "venues/taigu/second.md", VALID_VENUE.replace("org: taigu", "org: taigo"))
    second = make(project, "build")

    assert second.returncode != 0
    assert "venues/taigu/test-venue.md:10 location.lat（纬度）= 112.55 不在中国范围内；经纬度是否写反了？" in second.stderr
    assert "venues/taigu/second.md:5 org（所属团组织）= taigo 是未知的团组织；是否想写 “taigu”？" in second.stderr
    assert (project / "site/venues/test-venue/index.html").read_bytes() == before
    assert not list(project.glob(".site-*"))


def test_check_lists_problems_and_summary(project):
    ok = make(project, "check")
    assert ok.returncode == 0
    assert "内容检查通过：1 个阵地，1 个品牌项目" in ok.stdout

    write(project, "venues/taigu/test-venue.md", VALID_VENUE.replace("type: youth-home", "type: youth-hom"))
    bad = make(project, "check")
    assert bad.returncode != 0
    assert "venues/taigu/test-venue.md:3 type（阵地类型）= youth-hom 是未知的阵地类型" in bad.stderr
    assert "内容检查：1 个错误" in bad.stderr


def test_contributor_jinja_is_not_executed(project):
    write(project, "venues/taigu/test-venue.md", VALID_VENUE.replace("测试阵地的正文。", "看看 {{ cycler.__init__.__globals__.os.getcwd() }} 和 {% raw %}x{% endraw %}"))
    write(project, "brands/test-brand.md", (REPO / "tests/conftest.py").read_text(encoding="utf-8").split('VALID_BRAND = """\\\n')[1].split('"""')[0].replace("测试品牌的正文。", "{{ 6 * 7 }}"))
    site = build_site(project)
    venue = soup(site, "venues/test-venue/").select_one("article").get_text()
    assert "cycler" in venue and "{{" in venue and "{% raw %}" in venue
    assert str(project) not in venue
    brand = soup(site, "brands/test-brand/").select_one("article").get_text()
    assert "{{ 6 * 7 }}" in brand and "42" not in brand


def test_html_in_names_is_escaped(project):
    payload = '<img src=x onerror=alert(1)></title><script>alert()</script>'  # 60 characters, a name's maximum
    write(project, "venues/taigu/test-venue.md", VALID_VENUE.replace("name: 测试社区青年之家", f"name: '{payload}'").replace("town: 明星镇", "town: '\"><b>x</b>'"))
    site = build_site(project)
    for url in ("venues/test-venue/", "venues/", "districts/", "types/youth-home/", "brands/test-brand/", "orgs/taigu/"):
        page = soup(site, url)
        assert page.select("script:not([src]):not([id]):not([type])") == [] or all("alert" not in s.get_text() for s in page.select("script:not([type='application/ld+json'])")), url
        assert not page.select("img[onerror]"), url
        assert not page.select("article b"), url
        assert payload in page.get_text(), url
    title = soup(site, "venues/test-venue/").title.get_text()
    assert title.startswith(payload)


def test_footer_shows_what_is_configured(project):
    bare = soup(build_site(project), "venues/test-venue/").select_one(".lk-footer")
    assert bare.select_one(".lk-footer__org").get_text(strip=True).startswith("主办：共青团山西省委员会")
    assert bare.select_one('.lk-footer__contacts a[href="tel:12355"]')
    assert not bare.select(".lk-icp, .lk-police") and "纠错" not in bare.get_text()
    assert [a["href"] for a in bare.select(".lk-footer__links a")] == ["../../data/", "../../contribute/"]

    write(project, "docs/assets/beian-police.png", "")
    (project / "docs/assets/beian-police.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    settings = project / "data/site.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "icp: 晋ICP备2020000001号-1\nfeedback: mailto:jiucuo@example.cn\n"
        + "police_record:\n  number: 晋公网安备14070302000001号\n  icon: assets/beian-police.png\n",
        encoding="utf-8",
    )
    footer = soup(build_site(project), "venues/test-venue/").select_one(".lk-footer")
    icp = footer.select_one("a.lk-icp")
    assert (icp["href"], icp.get_text(strip=True)) == ("https://beian.miit.gov.cn/", "晋ICP备2020000001号-1")
    police = footer.select_one("a.lk-police")
    assert police["href"] == "https://beian.mps.gov.cn/#/query/webSearch?code=14070302000001"
    assert police.get_text(strip=True) == "晋公网安备14070302000001号" and police.img["src"] == "../../assets/beian-police.png"
    assert footer.select_one('a[href="mailto:jiucuo@example.cn"]').get_text() == "纠错与建议"


def test_footer_settings_are_checked(project):
    settings = project / "data/site.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "icp: 备案中\npolice_record:\n  number: 晋公网安备123号\n  icon: assets/none.png\n", encoding="utf-8")
    done = make(project, "check")
    lines = settings.read_text(encoding="utf-8").splitlines()
    icp, number = lines.index("icp: 备案中") + 1, lines.index("  number: 晋公网安备123号") + 1
    assert f"data/site.yml:{icp} icp（ICP 备案号）= 备案中 不是 ICP 备案号；写成 京ICP备2020000000号-1" in done.stderr
    assert f"data/site.yml:{number} police_record.number（公安联网备案号）= 晋公网安备123号 不是公安联网备案号" in done.stderr


def test_no_edit_link_without_a_repository(project):
    page = soup(build_site(project), "venues/test-venue/")
    assert not page.select("a.md-content__button") and "your-org" not in str(page)
