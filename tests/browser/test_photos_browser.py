"""Venue photos on a phone, in Chromium: what a visitor downloads, and which photo loads first."""

from __future__ import annotations

import pytest
from conftest import build_site, make_project, venue_md, write
from PIL import Image

from .conftest import serve

BUDGET = 200 * 1024  # bytes of images for a venue page with two photos on a phone


def phone_photo(path, seed: int) -> None:
    """A 4000×3000 JPEG of about 2.8 MB, like a phone's: fine structure (a Mandelbrot view) and grain that
    survive scaling down to 1,200 pixels, so the derived files weigh what a real photo's do (about 90 KB in AVIF)."""
    size = (4000, 3000)
    detail = Image.effect_mandelbrot((1000, 750), (-0.75 - seed * 0.01, 0.05, -0.70, 0.09), 120).resize(size)
    grain = Image.effect_noise((1200, 900), 32).resize(size)
    image = Image.merge("RGB", (Image.blend(detail, grain, 0.5), Image.linear_gradient("L").resize(size), grain))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=90)


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("photos") / "project", sample_content=False)
    phone_photo(project / "venues/taigu/photos/door.jpg", 1)
    phone_photo(project / "venues/taigu/photos/room.jpg", 2)
    write(project, "venues/taigu/test-venue.md", venue_md(photos=[{"src": "photos/door.jpg", "alt": "阵地大门"}, {"src": "photos/room.jpg", "alt": "活动室"}]))
    with serve(build_site(project), tmp_path_factory.mktemp("www-photos")) as url:
        yield url


@pytest.fixture
def phone(browser):
    """A 390 px phone at three device pixels per CSS pixel (the densest common screen: the heaviest choice)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True, locale="zh-CN")
    yield context.new_page()
    context.close()


def test_two_photos_weigh_at_most_200_kb_on_a_phone(photo_site, phone):
    images: list[tuple[str, int]] = []
    phone.on("requestfinished", lambda r: r.resource_type == "image" and images.append((r.url, r.sizes()["responseBodySize"])))
    phone.goto(photo_site + "venues/test-venue/", wait_until="networkidle")
    phone.mouse.wheel(0, 20000)  # scrolled to the end: the lazy photo too
    phone.wait_for_function("[...document.querySelectorAll('.lk-photo img')].every(i => i.complete && i.naturalWidth > 0)")
    phone.wait_for_load_state("networkidle")
    photos = [(url, size) for url, size in images if "/assets/photos/" in url]
    assert len(photos) == 2 and all(url.endswith(".avif") for url, _ in photos), images
    assert sum(size for _, size in images) <= BUDGET, images


def test_first_photo_is_not_lazy_and_is_shown_upright_at_its_size(photo_site, phone):
    phone.goto(photo_site + "venues/test-venue/", wait_until="load")
    first = phone.evaluate(
        "(() => { const i = document.querySelector('.lk-photo img'); const r = i.getBoundingClientRect();"
        " return {loading: i.loading, complete: i.complete, src: i.currentSrc, w: r.width, h: r.height, nw: i.naturalWidth, nh: i.naturalHeight}; })()"
    )
    assert first["loading"] == "auto" and first["complete"] and first["nw"] > 0
    assert first["src"].endswith("-1200.avif")
    assert abs(first["nw"] / first["nh"] - 4 / 3) < 0.01 and abs(first["w"] / first["h"] - 4 / 3) < 0.01 and first["w"] <= 390
    assert phone.evaluate("document.querySelectorAll('.lk-photo img')[1].loading") == "lazy"
