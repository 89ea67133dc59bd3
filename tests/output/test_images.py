"""Derived photos in a built site: never the original, no metadata, upright, a few widths, cached between builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import build_site, make_project, photo, soup, venue_md, write
from PIL import Image

from leaguekit.content.photos import PhotoFile
from leaguekit.output import images

SITE_URL = "https://example.org/kit/"
VENUE = "venues/taigu/test-venue.md"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".heic", ".heif"}


def gps_exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: where (GPS), with what, when, and which way up."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    exif[0x0132] = "2026:11:20 09:30:00"  # DateTime
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (37.0, 25.0, 17.76), 3: "E", 4: (112.0, 33.0, 4.68)})
    return exif


def sideways(root: Path, rel: str) -> Path:
    """300×200 stored, left half red and right half blue, EXIF orientation 6 (turn 90° clockwise to view):
    upright it is 200×300, red on top."""
    image = Image.new("RGB", (300, 200), (220, 0, 0))
    image.paste((0, 0, 220), (150, 0, 300, 200))
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, exif=gps_exif(orientation=6), quality=95)
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("photos") / "project", sample_content=False)
    photo(project, "venues/taigu/photos/door.jpg", (1600, 1200), exif=gps_exif(), quality=92)
    sideways(project, "venues/taigu/photos/sideways.jpg")
    photo(project, "venues/taigu/photos/room.heic", (640, 480), exif=gps_exif(), quality=80)
    photo(project, "docs/assets/photos/old.jpg", (900, 600), exif=gps_exif())
    write(project, VENUE, venue_md(photos=[
        {"src": "photos/door.jpg", "alt": "阵地大门"},
        {"src": "photos/sideways.jpg", "alt": "活动室"},
        {"src": "photos/room.heic", "alt": "阅览区"},
        {"src": "assets/photos/old.jpg", "alt": "旧照片"},
    ]))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_URL", SITE_URL)
        site = build_site(project)
    return project, site


def published_images(site: Path) -> list[Path]:
    """Every image in the site but the kit's own (the share card, the vendored map library's icons)."""
    return [p for p in site.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.name not in ("share-card.png", "favicon.png") and "vendor" not in p.relative_to(site).parts]


def originals(project: Path) -> list[Path]:
    return [*sorted((project / "venues/taigu/photos").iterdir()), project / "docs/assets/photos/old.jpg"]


def test_no_published_image_carries_metadata(built):
    _, site = built
    found = published_images(site)
    assert {p.suffix for p in found} == {".avif", ".webp", ".jpg"}
    for path in found:
        data = path.read_bytes()
        assert b"Exif" not in data and b"xmpmeta" not in data and b"Photoshop" not in data and b"PhoneMaker" not in data, path
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "photoshop"} & set(image.info), (path, image.info.keys())


def test_no_original_bytes_anywhere_in_the_site(built):
    project, site = built
    everything = [p.read_bytes() for p in site.rglob("*") if p.is_file()]
    for original in originals(project):
        data = original.read_bytes()
        with Image.open(original) as image:
            exif = image.getexif().tobytes()
        middle = data[len(data) // 2 : len(data) // 2 + 64]
        for published in everything:
            assert published != data and middle not in published and exif not in published, original
    assert not [p for p in site.rglob("*") if p.suffix.lower() in {".heic", ".heif"}]
    assert not (site / "venues/taigu").exists()
    # The photo kept under docs/ (the old way) still answers at its address, derived.
    with Image.open(site / "assets/photos/old.jpg") as old:
        assert old.format == "JPEG" and old.size == (800, 533) and not old.getexif()


def figures(page) -> list:
    return page.select(".lk-photo")


def srcset_widths(source) -> list[int]:
    return [int(item.split()[-1].rstrip("w")) for item in source["srcset"].split(", ")]


def test_picture_with_srcset_sizes_and_dimensions(built):
    _, site = built
    page = soup(site, "venues/test-venue/")
    door, sideways_, room, old = figures(page)
    assert [s["type"] for s in door.select("source")] == ["image/avif", "image/webp"]
    assert [srcset_widths(s) for s in door.select("source")] == [[480, 800, 1200]] * 2
    assert all(s["sizes"] == "(max-width: 60em) 100vw, 45em" for s in door.select("source"))
    img = door.img
    assert (img["width"], img["height"], img["alt"], img["decoding"]) == ("1200", "900", "阵地大门", "async")
    assert img["src"].endswith("-800.jpg") and door.figcaption.get_text() == "阵地大门"
    # Never upscaled: a 200-pixel-wide photo has one width, its own.
    assert [srcset_widths(s) for s in sideways_.select("source")] == [[200]] * 2
    assert (sideways_.img["width"], sideways_.img["height"]) == ("200", "300")
    assert [srcset_widths(s) for s in room.select("source")] == [[480, 640]] * 2
    # Every URL on the page names a file the site has; none names the original.
    for fig in (door, sideways_, room, old):
        urls = [fig.img["src"]] + [u.split()[0] for s in fig.select("source") for u in s["srcset"].split(", ")]
        for url in urls:
            assert (site / "venues/test-venue" / url).resolve().is_file(), url
            assert not {"door", "sideways", "room", "old"} & set(Path(url).stem.split("-")), url


def test_only_the_first_photo_loads_at_once(built):
    _, site = built
    imgs = [f.img for f in figures(soup(site, "venues/test-venue/"))]
    assert imgs[0].get("loading") is None and imgs[0]["fetchpriority"] == "high"
    assert [i.get("loading") for i in imgs[1:]] == ["lazy"] * 3


def test_photos_are_upright(built):
    _, site = built
    page = soup(site, "venues/test-venue/")
    webp = figures(page)[1].select_one('source[type="image/webp"]')["srcset"].split()[0]
    with Image.open(site / "venues/test-venue" / webp) as image:
        rgb = image.convert("RGB")
        assert rgb.size == (200, 300)
        top, bottom = rgb.getpixel((100, 30)), rgb.getpixel((100, 270))
        assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0], (top, bottom)


def test_first_photo_is_the_share_image_and_the_json_ld_image(built):
    _, site = built
    page = soup(site, "venues/test-venue/")
    og = page.select_one('meta[property="og:image"]')["content"]
    first = figures(page)[0].img["src"]
    assert og == SITE_URL + "assets/photos/" + Path(first).name
    assert page.select_one('meta[name="twitter:image"]')["content"] == og
    assert (page.select_one('meta[property="og:image:width"]')["content"], page.select_one('meta[property="og:image:height"]')["content"]) == ("800", "600")
    shared = site / "assets/photos" / Path(first).name
    assert shared.stat().st_size <= 300 * 1024
    with Image.open(shared) as image:
        assert image.format == "JPEG" and image.size == (800, 600)
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["image"] == {"@type": "ImageObject", "url": og, "width": 800, "height": 600}
    # A page without photos keeps the site's card.
    assert soup(site, "venues/").select_one('meta[property="og:image"]')["content"] == SITE_URL + "assets/share-card.png"


def test_a_rebuild_derives_nothing_again(built, monkeypatch):
    project, site = built
    cache = project / images.CACHE
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert len([p for p in before if p.name == "manifest.json"]) == 4

    def fail(*args):
        raise AssertionError("derived again")

    monkeypatch.setattr(images, "_make", fail)
    monkeypatch.setenv("SITE_URL", SITE_URL)
    again = build_site(project)
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()} == before
    assert sorted(p.relative_to(again).as_posix() for p in published_images(again))


def test_shares_one_set_of_files_for_the_same_photo(tmp_path):
    photo(tmp_path, "a/x.jpg", (500, 400))
    (tmp_path / "b").mkdir()
    (tmp_path / "b/y.jpg").write_bytes((tmp_path / "a/x.jpg").read_bytes())
    found = images.derive(tmp_path, [PhotoFile("a/x.jpg", "", "JPEG", 1), PhotoFile("b/y.jpg", "", "JPEG", 1)])
    assert found["a/x.jpg"] == found["b/y.jpg"]
    assert len(list((tmp_path / images.CACHE).iterdir())) == 1


def test_a_photo_that_cannot_be_decoded_is_one_line(tmp_path):
    """The header passes `make check`; the pixels are cut off: the build stops with the file named."""
    data = photo(tmp_path, "venues/taigu/photos/cut.jpg", (800, 600)).read_bytes()
    (tmp_path / "venues/taigu/photos/cut.jpg").write_bytes(data[: len(data) // 3])
    with pytest.raises(images.DeriveError) as info:
        images.derive(tmp_path, [PhotoFile("venues/taigu/photos/cut.jpg", "", "JPEG", 1)])
    assert str(info.value) == "venues/taigu/photos/cut.jpg: 照片无法解码，文件可能已损坏或不完整；请用手机相册重新导出后再放入"
