"""Venue photos read as untrusted files: where they may live, what they must really be, how large."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import REPO, photo, venue_md, write
from PIL import Image

from leaguekit.content import load
from leaguekit.content.problems import ContentError

VENUE = "venues/taigu/test-venue.md"


def with_photos(project, *srcs: str) -> list[int]:
    """The venue with these photos (alt written); the line of each `src`."""
    text = write(project, VENUE, venue_md(photos=[{"src": s, "alt": "活动室"} for s in srcs])).read_text(encoding="utf-8")
    lines = text.splitlines()
    return [next(n for n, row in enumerate(lines, 1) if row.endswith(f"src: {s}")) for s in srcs]


def problems_of(project) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(project)
    return [str(p) for p in info.value.problems]


def test_photos_beside_the_venue_file_and_under_docs(project):
    photo(project, "venues/taigu/photos/door.jpg")
    photo(project, "venues/taigu/photos/room.heic")
    photo(project, "docs/assets/photos/old.png")
    with_photos(project, "photos/door.jpg", "photos/room.heic", "assets/photos/old.png")
    venue = load(project).venue["test-venue"]
    assert [(p.path, p.format, p.alt) for p in venue.photos] == [
        ("venues/taigu/photos/door.jpg", "JPEG", "活动室"),
        ("venues/taigu/photos/room.heic", "HEIF", "活动室"),
        ("docs/assets/photos/old.png", "PNG", "活动室"),
    ]


def test_a_photo_stays_in_its_orgs_photos_folder(project):
    photo(project, "venues/taiyuan/photos/theirs.jpg")
    photo(project, "venues/taigu/elsewhere.jpg")
    lines = with_photos(project, "photos/../../taiyuan/photos/theirs.jpg", "photos/../elsewhere.jpg", "photos/none.jpg")
    found = problems_of(project)
    for line, src in zip(lines, ("photos/../../taiyuan/photos/theirs.jpg", "photos/../elsewhere.jpg", "photos/none.jpg")):
        assert any(p.startswith(f"{VENUE}:{line} photos[") and f"= {src} 找不到这张图片；照片放在场馆文件旁的 photos/ 文件夹" in p for p in found), found


def test_photos_folder_holds_images_not_content(project):
    """Files in venues/<org>/photos/ are not venue files: no '只能放 .md' error, and no page from a .md there."""
    photo(project, "venues/taigu/photos/door.jpg")
    write(project, "venues/taigu/photos/notes.md", venue_md())
    content = load(project)
    assert [v.id for v in content.venues] == ["test-venue"]


def bomb(path, size) -> None:
    """A PNG declaring `size` pixels in a few kilobytes: one bit a pixel, all zero."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("1", size).save(path, optimize=False)


HOSTILE = [
    ("gif", lambda p: photo(p.parent, p.name, fmt="GIF"), "photos/a.gif", "venues/taigu/photos/a.gif 不是可用的照片格式；只接受 JPEG（.jpg）、PNG、WebP 和 HEIC/HEIF 照片"),
    ("png-named-jpg", lambda p: photo(p.parent, p.name, fmt="PNG"), "photos/a.jpg", "venues/taigu/photos/a.jpg 的扩展名是 .jpg，内容却是 PNG 图片；请把扩展名改为与内容一致，或重新导出"),
    ("text-named-jpg", lambda p: p.write_text("这不是照片\n", encoding="utf-8"), "photos/a.jpg", "venues/taigu/photos/a.jpg 的内容不是 JPEG、PNG、WebP 或 HEIC 图片；请用手机相册重新导出照片"),
    ("broken-jpeg", lambda p: p.write_bytes(b"\xff\xd8\xff\xc0\x00\x11\x08\xff\xff"), "photos/a.jpg", "venues/taigu/photos/a.jpg 无法读取，文件可能已损坏；请用手机相册重新导出照片"),
    ("over-20mb", lambda p: (photo(p.parent, p.name), os.truncate(p, 21 * 1024 * 1024)), "photos/a.jpg", "venues/taigu/photos/a.jpg 有 21.0 MB，超过 20 MB；请在手机相册中导出较小的版本（如“大”或“中”尺寸）再放入"),
    ("100-megapixels", lambda p: bomb(p, (10000, 10000)), "photos/a.png", "venues/taigu/photos/a.png 有 10000×10000 像素，超过 5000 万像素；请缩小到 5000 万像素以内（如 8000×6000）再放入"),
    # Over twice Pillow's own limit: Pillow raises DecompressionBombError while opening; caught like the rest.
    ("pillow-bomb", lambda p: bomb(p, (20000, 10000)), "photos/a.png", "venues/taigu/photos/a.png 超过 5000 万像素；请缩小到 5000 万像素以内（如 8000×6000）再放入"),
]


@pytest.mark.parametrize(("make_file", "src", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_hostile_photo_is_refused_on_one_line(project, make_file, src, message):
    path = project / "venues/taigu" / src
    path.parent.mkdir(parents=True, exist_ok=True)
    make_file(path)
    (line,) = with_photos(project, src)
    assert f"{VENUE}:{line} photos[0].src（图片路径）= {src} {message}" in problems_of(project)


def test_make_check_names_the_file_without_a_traceback(project):
    bomb(project / "venues/taigu/photos/big.png", (20000, 10000))
    (project / "venues/taigu/photos/fake.jpg").write_text("not a photo", encoding="utf-8")
    lines = with_photos(project, "photos/big.png", "photos/fake.jpg")
    result = subprocess.run([sys.executable, "-m", "leaguekit", "check"], cwd=project, capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    errors = (result.stderr + result.stdout).splitlines()
    assert f"{VENUE}:{lines[0]} photos[0].src（图片路径）= photos/big.png venues/taigu/photos/big.png 超过 5000 万像素；请缩小到 5000 万像素以内（如 8000×6000）再放入" in errors
    assert f"{VENUE}:{lines[1]} photos[1].src（图片路径）= photos/fake.jpg venues/taigu/photos/fake.jpg 的内容不是 JPEG、PNG、WebP 或 HEIC 图片；请用手机相册重新导出照片" in errors


def test_photo_without_alt_warns_on_its_line(project):
    photo(project, "venues/taigu/photos/door.jpg")
    text = write(project, VENUE, venue_md(photos=[{"src": "photos/door.jpg", "alt": " "}])).read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row == "photos:") + 1
    assert [str(w) for w in load(project).warnings] == [
        f"{VENUE}:{line} photos[0].alt（图片说明）= photos/door.jpg 照片没有图片说明；请写 alt：图里有什么（例如“青年之家活动室”），供读屏软件朗读（提醒）"
    ]


def test_a_symbolic_link_is_no_photo(project):
    """A link in photos/ could publish any file of the machine that builds the site."""
    photo(project, "docs/assets/photos/real.jpg")
    (project / "venues/taigu/photos").mkdir(parents=True)
    (project / "venues/taigu/photos/link.jpg").symlink_to(project / "docs/assets/photos/real.jpg")
    (line,) = with_photos(project, "photos/link.jpg")
    found = problems_of(project)
    assert "venues/taigu/photos/link.jpg:1 文件名 是符号链接，不允许；请放入文件本身，不要用链接" in found
    assert any(p.startswith(f"{VENUE}:{line} photos[0].src（图片路径）= photos/link.jpg 找不到这张图片") for p in found), found
