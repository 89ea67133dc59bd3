"""Derived photos: what the build publishes instead of the file staff put in (Hugo's image processing as the model).

Each photo is decoded once (JPEG at a reduced scale when that still leaves enough pixels), turned upright
by its EXIF orientation, converted to sRGB, flattened onto white and copied into a new image that carries
no metadata at all (EXIF with GPS, XMP, IPTC, maker notes, thumbnails, ICC profile). It is resized to
`WIDTHS` (never upscaled) and encoded as AVIF and WebP, plus one JPEG every browser and chat app reads:
the `<img>` fallback and the share image, at most 300 KB.

The results are cached by the hash of the original's bytes and the recipe in `CACHE`, under the project
and outside site/, so a rebuild with unchanged photos only reads and hashes them. Published names hold
that hash, never the original's file name. Misses are derived on every core.
"""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
import shutil
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from ..content.photos import PhotoFile
from ..generate.pictures import ImageSet, Variant

CACHE = ".cache/images"  # relative to the project root; delete it to derive everything again
URL_FOLDER = "assets/photos"
WIDTHS = (480, 800, 1200)
# (MIME type, extension, Pillow options), best first: browsers take the first <source> they decode.
ENCODINGS = (
    ("image/avif", "avif", {"quality": 50, "speed": 8}),
    ("image/webp", "webp", {"quality": 72, "method": 4}),
)
FALLBACK_WIDTH = 800
SHARE_MAX_BYTES = 300 * 1024  # what chat apps fetch for a link preview
JPEG_QUALITIES = (80, 70, 60, 50, 40)
SRGB = ImageCms.createProfile("sRGB")
# Part of every key, so a change to how photos are derived changes every name: the settings above, and
# a number to raise when the steps in `_decode` change.
RECIPE = repr((1, WIDTHS, ENCODINGS, FALLBACK_WIDTH, SHARE_MAX_BYTES, JPEG_QUALITIES))


class DeriveError(Exception):
    """A photo that passed the header checks but could not be decoded; the message is one Chinese line."""


def key_of(data: bytes) -> str:
    return hashlib.sha256(RECIPE.encode() + b"\0" + data).hexdigest()[:20]


def derive(root: Path, photos: Iterable[PhotoFile], cache: Path | None = None) -> dict[str, ImageSet]:
    """Every photo's derived files, from the cache or made now: photo path -> ImageSet."""
    cache = cache or root / CACHE
    keys: dict[str, str] = {}
    missing: dict[str, str] = {}  # key -> a photo path with those bytes
    for photo in photos:
        if photo.path in keys:
            continue
        key = keys[photo.path] = key_of((root / photo.path).read_bytes())
        if not (cache / key / "manifest.json").is_file():
            missing.setdefault(key, photo.path)
    failed = [message for message in _make_all(root, cache, missing) if message]
    if failed:
        raise DeriveError("\n".join(sorted(failed)))
    sets = {key: _image_set(key, json.loads((cache / key / "manifest.json").read_text(encoding="utf-8"))) for key in set(keys.values())}
    return {path: sets[key] for path, key in keys.items()}


def files(images: dict[str, ImageSet], cache: Path) -> Iterator[tuple[str, Path]]:
    """(path under site/, cached file) for every derived file, each once."""
    seen: set[str] = set()
    for images_set in images.values():
        for variant in (images_set.fallback, *(v for _, variants in images_set.sources for v in variants)):
            if variant.path not in seen:
                seen.add(variant.path)
                yield variant.path, cached_file(cache, variant.path)


def cached_file(cache: Path, path: str) -> Path:
    """assets/photos/<key>-<width>.<ext> is cached as <key>/<width>.<ext>."""
    key, _, name = Path(path).name.partition("-")
    return cache / key / name


def _image_set(key: str, manifest: dict) -> ImageSet:
    def variant(ext: str, width: int, height: int) -> Variant:
        return Variant(f"{URL_FOLDER}/{key}-{width}.{ext}", width, height)

    sources = tuple((kind, tuple(variant(ext, w, h) for w, h in manifest[ext])) for kind, ext, _ in ENCODINGS)
    return ImageSet(sources=sources, fallback=variant("jpg", *manifest["jpg"]))


def _make_all(root: Path, cache: Path, missing: dict[str, str]) -> list[str | None]:
    jobs = [(root / path, path, cache, key) for key, path in sorted(missing.items())]
    cores = os.cpu_count() or 1
    # Fork only a process with one thread (`make build`); `make serve` watches files in threads.
    if len(jobs) < 2 or cores < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_make(*job) for job in jobs]
    with ProcessPoolExecutor(max_workers=cores, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_make, *zip(*jobs), chunksize=4))


def _make(source: Path, shown: str, cache: Path, key: str) -> str | None:
    """Derive one photo into cache/<key>/ (written whole, then renamed into place); an error as one line."""
    try:
        upright = _decode(source)
    except Exception:  # any decoder failure on untrusted bytes is the file's fault, reported on one line
        return f"{shown}: 照片无法解码，文件可能已损坏或不完整；请用手机相册重新导出后再放入"
    work = cache / f"{key}.tmp{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    manifest: dict[str, list] = {}
    sizes = _sizes(upright.size)
    scaled = {}
    image = upright
    for width, height in reversed(sizes):  # each smaller size from the one above: fast and sharp enough
        image = scaled[width] = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    for _, ext, options in ENCODINGS:
        manifest[ext] = [list(size) for size in sizes]
        for width, _height in sizes:
            scaled[width].save(work / f"{width}.{ext}", format=ext.upper(), **options)
    fallback = min(sizes, key=lambda s: abs(s[0] - FALLBACK_WIDTH))
    (work / f"{fallback[0]}.jpg").write_bytes(_jpeg(scaled[fallback[0]]))
    manifest["jpg"] = list(fallback)
    (work / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    try:
        work.rename(cache / key)
    except OSError:  # another build made it meanwhile
        shutil.rmtree(work, ignore_errors=True)
    return None


def _decode(source: Path) -> Image.Image:
    """The photo upright in sRGB, as a new image without any metadata."""
    with Image.open(source) as image:
        image.draft("RGB", (WIDTHS[-1], WIDTHS[-1]))  # JPEG: decode at 1/2, 1/4 … while both sides stay ≥ the widest width
        icc = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
    if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
        rgba = upright.convert("RGBA")
        upright = Image.new("RGB", rgba.size, "white")
        upright.paste(rgba, mask=rgba.getchannel("A"))
    elif upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    if icc:
        try:
            upright = ImageCms.profileToProfile(upright, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or mismatched profile: the pixels as they are, read as sRGB
    rgb = upright.convert("RGB")
    return Image.frombytes("RGB", rgb.size, rgb.tobytes())  # new: nothing of the file's info comes along


def _sizes(size: tuple[int, int]) -> list[tuple[int, int]]:
    """WIDTHS, never wider than the photo itself (the photo's own width instead), with heights in proportion."""
    width, height = size
    widths = sorted({min(w, width) for w in WIDTHS})
    return [(w, max(1, round(height * w / width))) for w in widths]


def _jpeg(image: Image.Image) -> bytes:
    """The fallback JPEG at the best quality that keeps it under SHARE_MAX_BYTES."""
    for quality in JPEG_QUALITIES:
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=quality, optimize=True, progressive=True)
        if out.tell() <= SHARE_MAX_BYTES:
            break
    return out.getvalue()
