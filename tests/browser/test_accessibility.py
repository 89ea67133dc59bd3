"""Accessibility and 适老化 on every page type, in Chromium, as visitors use the site.

- Reflow (WCAG 1.4.10 and 1.4.4): nothing reaches past the right edge at 320 CSS px; with the
  browser's text size at 200% (Chromium's font-size setting, 32 px, set through CDP
  `Page.setFontSizes` as the settings page does: everything sized in rem or em grows, the
  layout width does not); at 200% zoom of a 1280 px window (640 CSS px at device scale 2);
  and in 关怀版 at 320 px. Material hides the page's horizontal overflow (`html { overflow-x:
  hidden }`), so the check is on every element's box, not on the scroll width: hidden overflow
  is cut-off text. Boxes inside a scrolling region of their own (wide tables) are allowed. And 关怀版
  with the browser's text at 200% at once on a 390 px phone; on every setting the opened ☰ menu too.
- axe-core (axe-playwright-python) with the WCAG 2.0/2.1 A and AA rules and best practices finds
  nothing on any page type at phone and desktop width, in 关怀版 too, and with the search
  dialog open and showing results.
- The 关怀版 toggle is a real button with aria-pressed, reachable by keyboard, remembered across
  pages and applied before the first paint.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import build_site, make_project, venue_md, write

from .conftest import serve

CLOSED = "test-closed"
FOUND = "nearby/?located"  # the finder after "使用我的位置"
PAGES = [
    "",
    "nearby/",
    FOUND,
    "venues/",
    "types/youth-home/",
    "districts/",
    "districts/jinzhong-taiguqu/",
    "venues/taigu-mingxing-youth-home/",
    f"venues/{CLOSED}/",
    "brands/",
    "brands/taigu-qicai-jiaqi/",
    "orgs/",
    "orgs/taigu/",
    "orgs/taigu/report/",
    "orgs/taigu/figures/",
    "activities/",
    "activities/taigu-qinglian-dajiangtang-2026-12/",
    "activities/months/2026-12/",
    "data/",
    "contribute/",
    "contribute/fields/",
    "contribute/posters/",
    "contribute/new/",
    "venues/taigu-mingxing-youth-home/print/",
    "404.html",
]
SEARCH_PAGES = ["", "venues/taigu-mingxing-youth-home/", "activities/months/2026-12/"]
HERE = {"latitude": 37.4205, "longitude": 112.5530}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# Every visible box whose right edge passes the viewport's, unless a scrolling ancestor holds it.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth, found = [];
  const scrolls = (e) => { for (let p = e.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o === "auto" || o === "scroll") return true; } return false; };
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect(), style = getComputedStyle(e);
    if (r.width && r.height && r.right > width + 1 && style.visibility !== "hidden" && !scrolls(e)) {
      found.push(`${e.tagName.toLowerCase()}.${[...e.classList].join(".")} right=${Math.round(r.right)}`);
    }
  }
  return found.slice(0, 5);
}"""


@pytest.fixture(scope="module")
def a11y_url(tmp_path_factory):
    """The sample with a closed venue, built with a public address (posters, sharing cards), served under /kit/."""
    project = make_project(tmp_path_factory.mktemp("a11y") / "project")
    write(project, f"venues/taigu/{CLOSED}.md", venue_md(name="太谷区旧城青年之家", status="closed", closed_on="2024-06-30", brands=None))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_URL", "https://example.org/kit/")
        site = build_site(project)
    with serve(site, tmp_path_factory.mktemp("www-a11y")) as url:
        yield url


def context(browser, width: int, **options):
    return browser.new_context(
        viewport={"width": width, "height": 800},
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        geolocation=HERE,
        permissions=["geolocation"],
        **options,
    )


def visit(page, base: str, path: str) -> None:
    """Open `path` as a visitor sees it: on the finder, with the list sorted from the visitor's location."""
    page.goto(base + path.removesuffix("?located"))
    if path == FOUND:
        page.get_by_role("button", name="使用我的位置").click()
        page.locator(".lk-place__distance:not(:empty)").first.wait_for()
        # The list scrolls to its top and Material's header fades to the page's title: judge where the fades end.
        page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")


def set_care(page, base: str) -> None:
    page.goto(base)
    page.evaluate("localStorage.setItem('lk-care', '1')")


REFLOW = {
    "320px": dict(width=320),
    "200% text": dict(width=390, font=32),
    "200% zoom": dict(width=640, device_scale_factor=2),
    "care 320px": dict(width=320, care=True),
    # 关怀版 and the browser's largest text at once, on a common phone: what an older visitor sets up.
    "care 200% text 390px": dict(width=390, font=32, care=True),
}


@pytest.mark.parametrize("mode", REFLOW)
def test_every_page_reflows_without_horizontal_scrolling(browser, a11y_url, mode):
    opts = dict(REFLOW[mode])
    font, care = opts.pop("font", None), opts.pop("care", False)
    ctx = context(browser, opts.pop("width"), **opts)
    try:
        page = ctx.new_page()
        if font:
            cdp = ctx.new_cdp_session(page)
            cdp.send("Page.enable")
            cdp.send("Page.setFontSizes", {"fontSizes": {"standard": font, "fixed": font * 13 // 16}})
        if care:
            set_care(page, a11y_url)
        failures = {}
        for path in PAGES:
            visit(page, a11y_url, path)
            if font:  # the setting really applies: Material's root is 125% of it
                assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= font
            if found := page.evaluate(OVERFLOW_JS):
                failures[path or "/"] = found
        # The ☰ menu, opened, fits the screen too.
        visit(page, a11y_url, "")
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")
        if found := page.evaluate(OVERFLOW_JS):
            failures["/ (menu open)"] = found
        assert failures == {}
    finally:
        ctx.close()


def violations(page) -> list[str]:
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): " + "; ".join(str(n["target"]) for n in v["nodes"][:4])
        for v in result.response["violations"]
    ]


def open_search(page, width: int) -> None:
    if width < 960:
        page.locator("[data-lk-search-open]").click()
    else:
        page.locator("#lk-search-input").click()
    box = page.locator("#lk-search-input")
    box.fill("青年之家")
    box.press("End")
    page.locator("#lk-search-list [role=option]").first.wait_for()
    # On a phone Material fades the search panel in; axe would measure contrast through the fade.
    page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_on_any_page_type(browser, a11y_url, width, care):
    ctx = context(browser, width)
    try:
        page = ctx.new_page()
        if care:
            set_care(page, a11y_url)
        found = {}
        for path in PAGES:
            visit(page, a11y_url, path)
            if page.locator("[data-lk-care]").count():
                assert page.locator("html.lk-care").count() == int(care)
            if v := violations(page):
                found[path or "/"] = v
        for path in SEARCH_PAGES:
            visit(page, a11y_url, path)
            open_search(page, width)
            if v := violations(page):
                found[f"{path or '/'} (search open)"] = v
        assert found == {}
    finally:
        ctx.close()


# Whether the page was already in 关怀版 when <body> first appeared, i.e. before anything was painted.
CARE_AT_BODY = """new MutationObserver((_, seen) => {
  if (document.body) { window.careAtBody = document.documentElement.classList.contains("lk-care"); seen.disconnect(); }
}).observe(document, {childList: true, subtree: true});"""


def test_care_mode_is_a_remembered_keyboard_toggle_applied_before_the_first_paint(browser, a11y_url):
    ctx = context(browser, 390)
    try:
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.add_init_script(CARE_AT_BODY)
        text_size = "() => parseFloat(getComputedStyle(document.querySelector('article p:not(.lk-open)')).fontSize)"
        page.goto(a11y_url + "venues/taigu-mingxing-youth-home/")
        assert page.get_by_role("button", name="关怀版", pressed=False).is_visible()
        normal = page.evaluate(text_size)
        for _ in range(8):  # from the top of the page, a few Tabs reach it
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.lkCare !== undefined"):
                break
        else:
            pytest.fail("the 关怀版 toggle is not reachable with Tab")
        page.keyboard.press("Enter")
        assert page.get_by_role("button", name="关怀版", pressed=True).is_visible()
        assert page.evaluate(text_size) >= 20 > normal
        assert page.evaluate("getComputedStyle(document.querySelector('article p:not(.lk-open)')).color") == "rgb(0, 0, 0)"

        page.goto(a11y_url + "activities/")  # another page: remembered, and in care mode from the first paint
        assert page.evaluate("window.careAtBody") is True
        toggle = page.get_by_role("button", name="关怀版", pressed=True)
        toggle.focus()
        page.keyboard.press("Space")
        assert page.get_by_role("button", name="关怀版", pressed=False).is_visible()
        page.goto(a11y_url + "orgs/")
        assert page.evaluate("window.careAtBody") is False
        assert page.evaluate(text_size) == normal
        assert errors == []
    finally:
        ctx.close()


# Whether the element at `selector` (first match) overlaps any visible link, button, disclosure or line of text.
COVERS_JS = """(selector) => {
  const top = document.querySelector(selector).getBoundingClientRect(), hits = [];
  for (const e of document.querySelectorAll("article a, article button, article summary, article h1, article h2, article p, article span")) {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(e).visibility === "hidden") continue;
    if (r.left < top.right && top.left < r.right && r.top < top.bottom && top.top < r.bottom) hits.push(e.tagName + "." + e.className + " " + e.textContent.trim().slice(0, 12));
  }
  return hits;
}"""


def care_at_200(browser, a11y_url, font: int = 32):
    """A 390 px phone in 关怀版 with the browser's text at `font` px (32: 200%), its clock frozen on a Wednesday morning."""
    ctx = context(browser, 390, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = ctx.new_page()
    page.clock.install(time=datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    cdp = ctx.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": font, "fixed": font * 13 // 16}})
    set_care(page, a11y_url)
    return ctx, page


def test_care_mode_at_200_percent_text_keeps_the_name_the_figures_and_the_nearest_venue_in_sight(browser, a11y_url):
    ctx, page = care_at_200(browser, a11y_url)
    try:
        page.goto(a11y_url)
        # No sideways scrolling, and no figure cut at the tile's edge.
        assert page.evaluate("document.documentElement.scrollWidth") == 390
        cut = page.locator(".lk-figtile__value").evaluate_all("els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)")
        assert page.locator(".lk-figtile__value").count() and cut == []
        # The site's name stays in the header, beside ☰, 关怀版 and search.
        name = page.locator(".md-header__topic:first-child .md-ellipsis")
        box = name.bounding_box()
        assert name.evaluate("e => getComputedStyle(e).visibility") == "visible" and box["width"] >= 100 and box["x"] + box["width"] <= 390
        assert name.evaluate("e => e.scrollHeight <= e.clientHeight + 1")  # nothing of the name clipped
        assert name.inner_text().replace("\n", "") == page.evaluate("document.querySelector('.md-header__topic:first-child').textContent.trim()")

        # After 使用我的位置 the nearest venue, compact, with its distance and open state, is on the first screen.
        page.goto(a11y_url + "nearby/")
        page.get_by_role("button", name="使用我的位置").click()
        first = page.locator(".lk-near__list .lk-place").first
        first.locator(".lk-place__distance:not(:empty)").wait_for()
        page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")
        for part in (".lk-place__name", ".lk-place__distance", ".lk-place__open"):
            r = first.locator(part).bounding_box()
            assert 60 <= r["y"] and r["y"] + r["height"] <= 800, part
        assert first.locator(".lk-place__addr").is_hidden() and first.bounding_box()["height"] < 1000
        assert page.evaluate("document.activeElement.id") == "lk-near-title"

        # 回到页面顶部 shows on scrolling back up: a 44 px arrow that covers no text and no 导航 button.
        page.mouse.wheel(0, 2500)
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -400)
        top = page.locator(".md-top")
        page.wait_for_function("!document.querySelector('.md-top').hidden")
        page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")
        box = top.bounding_box()
        assert 44 <= box["width"] <= 50 and 44 <= box["height"] <= 50
        assert page.evaluate(COVERS_JS, ".md-top") == []

        # A phone number stays on one line, on the venue page and on a card.
        page.goto(a11y_url + "venues/taigu-mingxing-youth-home/")
        numbers = page.locator("article .lk-tel")
        assert numbers.count() >= 2
        assert numbers.evaluate_all("els => els.map(e => e.getClientRects().length)") == [1] * numbers.count()
        assert page.evaluate("document.documentElement.scrollWidth") == 390
    finally:
        ctx.close()


@pytest.mark.parametrize("font", [16, 32], ids=["care", "care 200% text"])
def test_care_mode_radio_buttons_and_toggles_are_at_least_44_px(browser, a11y_url, font):
    ctx, page = care_at_200(browser, a11y_url, font)
    try:
        page.goto(a11y_url + "nearby/")
        page.locator(".lk-finder__tools").wait_for()
        switch = page.locator(".lk-open-switch")
        assert switch.bounding_box()["height"] >= 44
        card = page.locator(".lk-districts .lk-place").first
        card.locator(".lk-nav > summary").click()
        for label in card.locator(".lk-nav__modes label").all():
            box = label.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, label.inner_text()
        radio = card.locator(".lk-nav__modes input").first.bounding_box()
        assert radio["width"] >= 20 and radio["height"] >= 20  # big enough to see which is chosen
    finally:
        ctx.close()
