"""What a page knows of a photo: the derived files' URLs and sizes (`output.images` makes them), drawn as
`<picture>` with `srcset` and `sizes`, `width`/`height` (no layout shift), lazy except the page's first."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls

# How wide a photo is drawn: the whole screen on a phone, the content column (about 45em) beyond.
SIZES = "(max-width: 60em) 100vw, 45em"


@dataclass(frozen=True)
class Variant:
    path: str  # site-relative
    width: int
    height: int


@dataclass(frozen=True)
class ImageSet:
    """One photo as the build derived it: the same picture at a few widths in each modern format,
    and one JPEG that every browser and chat app reads (the `<img>` fallback and the share image)."""

    sources: tuple[tuple[str, tuple[Variant, ...]], ...]  # (MIME type, variants narrowest first), best format first
    fallback: Variant

    @property
    def largest(self) -> Variant:
        return self.sources[0][1][-1] if self.sources else self.fallback


@dataclass(frozen=True)
class Picture:
    """One photo on one page, its URLs relative to that page."""

    sources: tuple[tuple[str, str], ...]  # (type, srcset)
    src: str
    width: int
    height: int
    alt: str
    eager: bool  # the first photo of a page: what a visitor sees first loads at once
    sizes: str = SIZES


def picture(images: ImageSet, here: str, alt: str, *, eager: bool) -> Picture:
    def srcset(variants: tuple[Variant, ...]) -> str:
        return ", ".join(f"{urls.relative(here, v.path)} {v.width}w" for v in variants)

    largest = images.largest
    return Picture(
        sources=tuple((kind, srcset(variants)) for kind, variants in images.sources),
        src=urls.relative(here, images.fallback.path),
        width=largest.width,
        height=largest.height,
        alt=alt,
        eager=eager,
    )
