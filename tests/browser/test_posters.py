"""Door posters: one A4 page whose QR code, read back from a rendering, opens the venue's public page."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from conftest import SAMPLE, build_site, make_project, soup
from PIL import Image

from leaguekit.content import load

SITE_URL = "https://example.org/kit/"
CONTENT = load(SAMPLE)


@pytest.fixture(scope="module")
def poster_site(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_URL", SITE_URL)
        return build_site(make_project(tmp_path_factory.mktemp("posters") / "project"))


@pytest.mark.parametrize("venue_id", ["taigu-beiguang-youth-home", "taiyuan-xuezi-guichao-pku"])
def test_poster_prints_on_one_a4_page_and_its_qr_opens_the_venue(browser, poster_site, venue_id):
    page = browser.new_page(viewport={"width": 800, "height": 1200})
    try:
        page.goto((poster_site / f"venues/{venue_id}/print/index.html").as_uri())
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
        assert page.locator(".tools").is_hidden()
        shot = Image.open(io.BytesIO(page.screenshot(full_page=True)))
        codes = [code.text for code in zxingcpp.read_barcodes(shot)]
        assert codes == [f"{SITE_URL}venues/{venue_id}/"]
        venue = CONTENT.venue[venue_id]
        text = page.locator("main").inner_text()
        assert venue.data.name in text and venue.data.address in text and venue.data.phone in text
        assert "周一" in text and f"{SITE_URL}venues/{venue_id}/" in text
        assert "法定节假日\t未说明，请先电话确认" in text  # the sample's hours say nothing of public holidays: neither open nor closed
    finally:
        page.close()


def test_staff_page_lists_every_poster_by_district(poster_site):
    page = soup(poster_site, "contribute/posters/")
    links = [a["href"] for a in page.select(".lk-poster-links a")]
    assert sorted(links) == sorted(f"../../venues/{v.id}/print/" for v in CONTENT.open_venues)
    assert "晋中市太谷区" in [h.get_text().split("（")[0] for h in page.select("article h2")]


def test_no_posters_without_a_public_address(sample_site):
    assert not list(sample_site.glob("venues/*/print"))
    assert "SITE_URL" in soup(sample_site, "contribute/posters/").select_one("article").get_text()
