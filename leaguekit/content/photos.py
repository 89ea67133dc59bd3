"""Venue photos as untrusted input: where the file is, what it really is, and whether it is small enough to decode.

A venue's photos live in its org's folder (`venues/<org>/photos/`, written `photos/<file>`), so the
org's reviewers review them; any other path is read relative to docs/ as before. Only the file's
header is read here (`make check` stays fast): its real format must match its name, and its size
in bytes and pixels must stay under limits that keep a decompression bomb from being decoded.
Decoding, orientation and metadata belong to the build (`output.images`).
"""

from __future__ import annotations

import posixpath
import warnings
from dataclasses import dataclass
from pathlib import Path

import pillow_heif
from PIL import Image, UnidentifiedImageError

from .problems import Problem
from .resolver import Resolver

pillow_heif.register_heif_opener()

FOLDER = "photos"  # beside the venue files of an org: venues/<org>/photos/
# What phones and cameras produce, by file extension; anything else is refused.
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".heic": "HEIF", ".heif": "HEIF"}
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "HEIF": "HEIC/HEIF"}
MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000
ACCEPTED = "只接受 JPEG（.jpg）、PNG、WebP 和 HEIC/HEIF 照片"
PIXELS_HINT = "请缩小到 5000 万像素以内（如 8000×6000）再放入"
WHERE_HINT = "照片放在场馆文件旁的 photos/ 文件夹（venues/<团组织>/photos/），写 photos/文件名，例如 photos/door.jpg"


@dataclass(frozen=True)
class PhotoFile:
    """A photo that passed the checks: the file to derive from and what the page says about it."""

    path: str  # from the project root: venues/taigu/photos/door.jpg or docs/assets/photos/x.jpg
    alt: str
    format: str  # Pillow's name: JPEG, PNG, WEBP, HEIF
    size: int  # bytes


def locate(root: Path, resolve: Resolver, venue_file: str, src: str) -> str | None:
    """The photo's path from the project root: `photos/…` beside the venue file (confined to that
    photos/ folder), anything else inside docs/; None when it names no regular file there."""
    clean = posixpath.normpath(src.replace("\\", "/")) if src else ""
    if clean.startswith(FOLDER + "/"):
        folder = posixpath.join(posixpath.dirname(venue_file), FOLDER)
        base = (root / folder).resolve()
        try:
            real = (root / posixpath.dirname(venue_file) / clean).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        return posixpath.join(folder, clean[len(FOLDER) + 1 :]) if real.is_file() and real.is_relative_to(base) else None
    found = resolve.file(src)
    return None if found is None else f"docs/{found}"


def vet(root: Path, path: str) -> tuple[str, str] | None:
    """What is wrong with the photo file at `path` (a Chinese sentence naming it) and how to fix it, or None."""
    file = root / path
    expected = FORMATS.get(Path(path).suffix.lower())
    if expected is None:
        return f"{path} 不是可用的照片格式", ACCEPTED
    size = file.stat().st_size
    if size > MAX_BYTES:
        return f"{path} 有 {size / 1024 / 1024:.1f} MB，超过 20 MB", "请在手机相册中导出较小的版本（如“大”或“中”尺寸）再放入"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the limit below is lower
            with Image.open(file, formats=list(FORMAT_NAMES)) as image:
                actual, (width, height) = image.format, image.size
    except Image.DecompressionBombError:
        return f"{path} 超过 5000 万像素", PIXELS_HINT
    except UnidentifiedImageError:
        return f"{path} 的内容不是 JPEG、PNG、WebP 或 HEIC 图片", "请用手机相册重新导出照片"
    except Exception:  # a decoder meeting a hostile or broken header may raise anything; never a traceback
        return f"{path} 无法读取，文件可能已损坏", "请用手机相册重新导出照片"
    if actual != expected:
        return f"{path} 的扩展名是 {Path(path).suffix}，内容却是 {FORMAT_NAMES[actual]} 图片", "请把扩展名改为与内容一致，或重新导出"
    if width * height > MAX_PIXELS:
        return f"{path} 有 {width}×{height} 像素，超过 5000 万像素", PIXELS_HINT
    return None


def check(root: Path, resolve: Resolver, venue_file: str, src: str, alt: str, where: tuple[int, str], problems: list[Problem]) -> PhotoFile | None:
    """The photo a venue file names, checked; otherwise a problem on its `src` line (`where`: line, field)."""
    line, field = where
    path = locate(root, resolve, venue_file, src)
    if path is None:
        problems.append(Problem(venue_file, line, field, "找不到这张图片", WHERE_HINT + "；docs/ 下的旧照片按 docs/ 内的路径写", label="图片路径", value=src))
        return None
    if (wrong := vet(root, path)) is not None:
        problems.append(Problem(venue_file, line, field, wrong[0], wrong[1], label="图片路径", value=src))
        return None
    return PhotoFile(path, alt, FORMATS[Path(path).suffix.lower()], (root / path).stat().st_size)
