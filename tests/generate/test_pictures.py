"""A derived photo as a page draws it, and where staff read how to add one."""

from __future__ import annotations

from conftest import build_site, soup

from leaguekit.generate.pictures import ImageSet, Variant, picture

SET = ImageSet(
    sources=(
        ("image/avif", (Variant("assets/photos/k-480.avif", 480, 360), Variant("assets/photos/k-800.avif", 800, 600))),
        ("image/webp", (Variant("assets/photos/k-480.webp", 480, 360), Variant("assets/photos/k-800.webp", 800, 600))),
    ),
    fallback=Variant("assets/photos/k-800.jpg", 800, 600),
)


def test_picture_urls_are_relative_to_the_page_and_sized_by_the_largest():
    drawn = picture(SET, "venues/a/", "大门", eager=False)
    assert drawn.sources == (
        ("image/avif", "../../assets/photos/k-480.avif 480w, ../../assets/photos/k-800.avif 800w"),
        ("image/webp", "../../assets/photos/k-480.webp 480w, ../../assets/photos/k-800.webp 800w"),
    )
    assert (drawn.src, drawn.width, drawn.height, drawn.alt, drawn.eager) == ("../../assets/photos/k-800.jpg", 800, 600, "大门", False)


def test_the_form_and_the_staff_guide_say_where_photos_go(project):
    site = build_site(project)
    guide = soup(site, "contribute/admin/")
    section = guide.find(id="photos")
    assert section is not None and section.get_text() == "阵地照片"
    text = guide.get_text()
    for words in ("venues/taigu/photos/", "GPS", "身份证", "报名表", "未成年人", "20 MB", ".cache/images/"):
        assert words in text, words
    filler = soup(site, "contribute/").get_text()
    for words in ("大门", "拍摄地点", "签到表"):
        assert words in filler, words
    note = soup(site, "contribute/new/").select_one(".lk-vform__photos")
    assert "photos/" in note.get_text() and "原图不会发布" in note.get_text()
    assert note.a["href"] == "../#photos"
