"""Public pages speak to the public: no staff wording, field names or YAML; whom to call; small things a visitor trips on.

The dated sample (built 2026-11-26) read on a phone on Wednesday 2026-12-02 10:00 China time.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from conftest import SAMPLE

from leaguekit.content import load

CHINA = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=CHINA)
CONTENT = load(SAMPLE)
# What only staff should read: field names, file names, YAML and Markdown syntax.
STAFF_WORDS = re.compile(r"字段|data/\w+\.yml|data_license|front matter|brands:|hours:|status: closed|```|\{\{|\]\(")


def test_no_page_for_visitors_speaks_to_staff(dated_site):
    """Every page outside the staff guide, as text a visitor reads (scripts and the open-data tables' own columns aside)."""
    checked = 0
    for path in dated_site.rglob("index.html"):
        rel = path.relative_to(dated_site).as_posix()
        if rel.startswith(("contribute/", "staff/", "data/")):
            continue
        html = path.read_text(encoding="utf-8")
        article = html[html.find("<article"): html.find("</article>")]
        text = re.sub(r"<script.*?</script>|<[^>]+>", " ", article, flags=re.S)
        assert not STAFF_WORDS.search(text), (rel, STAFF_WORDS.search(text).group())
        checked += 1
    assert checked > 100
    data = (dated_site / "data/index.html").read_text(encoding="utf-8")
    assert "data/site.yml" not in data and "data_license" not in data


def test_an_aid_programme_without_venues_says_whom_to_call(page, served_dated_site):
    page.clock.install(time=NOW)
    page.goto(served_dated_site + "brands/taigu-xiwang-yuanmeng/")
    article = page.locator("article")
    assert "brands 字段" not in article.inner_text()
    assert page.locator("h2#join").inner_text() == "怎么申请"
    lead = page.locator("h2#join + p").inner_text()
    assert lead == "需要资助或帮扶的青少年和家庭，可以联系主办的共青团晋中市太谷区委员会了解申请条件和办法："
    call = page.locator("h2#join ~ dl a[href='tel:12355']")
    assert call.inner_text() == "12355"
    assert page.locator("h2#hosts + p").inner_text() == "本项目暂未列出承接阵地，请按上面的方式联系主办单位。"
    # A programme people take part in, with venues, says 怎么参加 and points to them too.
    page.goto(served_dated_site + "brands/taiyuan-xuezi-guichao/")
    assert page.locator("h2#join").inner_text() == "怎么参加"
    assert page.locator("h2#join + p").inner_text().endswith("，也可以到下面的承接阵地咨询：")
    assert page.watch.errors == []


def test_districts_elsewhere_come_last_and_are_not_counted_among_the_citys(page, served_dated_site):
    """The 学子归巢 stations at universities in 北京市海淀区 and 上海市普陀区 are Taiyuan's, but not Taiyuan's districts."""
    page.clock.install(time=NOW)
    page.goto(served_dated_site + "districts/")
    assert page.locator("article p").first.inner_text() == "7 个县区和外地 2 处，共 34 个阵地。"
    headings = page.locator("article h2 > a").all_inner_texts()
    assert [h.split("（")[0] for h in headings[-2:]] == ["北京市海淀区", "上海市普陀区"] and headings[0] == "晋中市太谷区（21）"
    page.goto(served_dated_site)
    assert "分布在 7 个县区" in page.locator("article").inner_text()
    page.goto(served_dated_site + "nearby/")
    page.locator(".lk-finder__tools").wait_for()
    options = page.locator("select[name=district] option").evaluate_all("els => els.map(e => e.textContent)")
    assert options[-2:] == ["北京市海淀区", "上海市普陀区"]
    # Grades of a youth home are 等级, not stars.
    assert page.locator("select[name=grade]").evaluate("s => s.closest('label').firstChild.textContent") == "等级"
    assert page.locator("select[name=grade] option").first.text_content() == "全部等级"
    assert page.watch.errors == []


def test_activity_cards_say_who_may_come_and_how(page, served_dated_site):
    page.clock.install(time=NOW)
    page.goto(served_dated_site + "activities/?audience=children")
    page.locator("[data-lk-activities][data-months-read]").wait_for()
    shown = page.locator(".lk-act:visible").evaluate_all("els => els.map(e => e.dataset.id)")
    assert shown and "taigu-laba-zhou-2027" not in shown  # 12 岁以上: not a 少儿 activity
    page.goto(served_dated_site + "activities/?audience=teens")
    page.locator("[data-lk-activities][data-months-read]").wait_for()
    assert "taigu-laba-zhou-2027" in page.locator(".lk-act:visible").evaluate_all("els => els.map(e => e.dataset.id)")
    # An invitation-only activity: no 电话报名 on its card or its page; the phone is for questions.
    page.goto(served_dated_site + "activities/")
    page.locator("[data-lk-activities][data-months-read]").wait_for()
    meta = page.locator('.lk-act[data-id="taiyuan-nuandong-2026-12"] .lk-act__meta').inner_text()
    assert "电话报名" not in meta and "凭通知参加；咨询 0351-3081209" in meta
    # The feed is offered to people: 订阅更新.
    atom = page.locator("#subscribe + ul a[type='application/atom+xml']")
    assert atom.inner_text() == "订阅更新"
    page.goto(served_dated_site + "activities/taiyuan-nuandong-2026-12/")
    facts = page.locator("article .lk-facts").inner_text()
    assert "电话报名" not in facts and "凭通知参加" in facts and "咨询电话" in facts
    assert page.watch.errors == []
