"""What a link shows when pasted into a chat app or found by a search engine.

Every page gets Open Graph and Twitter-card tags (title, description, URL, the share card)
and, where the page has one, its schema.org JSON-LD. The share card is a PNG drawn at
build time in the league style (Pillow) naming the org whose site it is, so a link to 太谷's
site does not look like the province's in a chat. The name is set in the machine's Chinese font
(fontconfig's choice for zh-CN, else the usual macOS and Windows ones); a machine without one
draws the card without it and says so.
"""

from __future__ import annotations

import functools
import html
import io
import json
import logging
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup
from PIL import Image, ImageDraw, ImageFont

from .. import urls
from ..generate.pictures import Variant

CARD = "assets/share-card.png"
CARD_SIZE = (1200, 630)
RED, DARK, WHITE = (176, 23, 31), (138, 15, 22), (255, 255, 255)
# The org's name: between the flag and the dark band, at most NAME_SIZE px, smaller when long.
NAME_BOX = (60, 440, 1140, 540)
NAME_SIZE, NAME_MIN = 64, 36
# Where a machine without fontconfig keeps a Chinese font: macOS, then Windows (file, face in a collection).
KNOWN_FONTS = (
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
    ("/System/Library/Fonts/Hiragino Sans GB.ttc", 0),
    ("C:/Windows/Fonts/msyhbd.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
)
log = logging.getLogger("mkdocs.plugins.leaguekit")


@functools.cache
def chinese_font() -> tuple[str, int] | None:
    """(file, face index) of a bold sans-serif font with Chinese glyphs, once per process; None without one."""
    if shutil.which("fc-match"):
        run = functools.partial(subprocess.run, capture_output=True, text=True, check=False, timeout=30)
        best = run(["fc-match", "-f", "%{file}\t%{index}", "sans-serif:lang=zh-cn:weight=bold"]).stdout
        covering = set(run(["fc-list", ":lang=zh-cn", "-f", "%{file}\t%{index}\n"]).stdout.splitlines())
        if best in covering:  # fc-match answers even without a Chinese font
            file, index = best.split("\t")
            return file, int(index)
    found = next(((f, i) for f, i in KNOWN_FONTS if Path(f).is_file()), None)
    if found is None:
        log.info("未找到中文字体，分享图片上不写团组织名称。Debian/Ubuntu 可安装：apt-get install fonts-noto-cjk")
    return found


def name_line(name: str) -> tuple[str, ImageFont.FreeTypeFont] | None:
    """What the card sets for `name` and in which font: NAME_SIZE px, smaller to fit NAME_BOX's width down
    to NAME_MIN px, and past that cut with "…"; None without a Chinese font."""
    if (found := chinese_font()) is None or not name:
        return None
    box = NAME_BOX[2] - NAME_BOX[0]
    font = ImageFont.truetype(found[0], NAME_SIZE, index=found[1])
    if (width := font.getlength(name)) <= box:
        return name, font
    font = ImageFont.truetype(found[0], max(NAME_MIN, int(NAME_SIZE * box / width)), index=found[1])
    keep = min(len(name), int(len(name) * box / font.getlength(name)) + 1)
    while keep < len(name) and font.getlength(name[:keep] + "…") > box:
        keep -= 1
    return (name if keep == len(name) else name[:keep] + "…"), font


def card_png(name: str) -> bytes:
    """The share card of `name`'s site: league red, a white flag, the org's name under it."""
    image = Image.new("RGB", CARD_SIZE, RED)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1200, 630), fill=DARK)
    # The flag of the favicon (32-unit grid) at 12×, centred.
    scale, x0, y0 = 12, 600 - 16 * 12, 315 - 16 * 12 - 20
    flag = [(9, 6), (9, 27), (12, 27), (12, 19), (23, 19), (20, 14), (23, 9), (12, 9), (12, 6)]
    draw.polygon([(x0 + x * scale, y0 + y * scale) for x, y in flag], fill=WHITE)
    if (line := name_line(name)) is not None:
        draw.text(((NAME_BOX[0] + NAME_BOX[2]) / 2, (NAME_BOX[1] + NAME_BOX[3]) / 2), line[0], font=line[1], fill=WHITE, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _absolute(site_url: str | None, here: str, target: str) -> str:
    """`target` (site-relative) as an absolute URL when the site's address is known, else relative to `here`."""
    if site_url or urlsplit(target).scheme:  # another org's site is always named in full
        return urljoin((site_url or "").rstrip("/") + "/", target)
    return urls.relative(here, target)


def _json_ld(data: dict, site_url: str | None, here: str) -> str:
    """JSON safe inside <script>: its URLs resolved, `<`, `>` and `&` escaped."""

    def resolve(value):
        if isinstance(value, dict):
            return {k: (_absolute(site_url, here, v) if k == "url" and isinstance(v, str) else resolve(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return value

    text = json.dumps(resolve(data), ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def head_tags(*, title: str, description: str, site_name: str, url: str, site_url: str | None, json_ld: dict | None = None, image: Variant | None = None) -> Markup:
    """<meta> tags and JSON-LD for the page at site-relative `url` (plain strings: every page
    of a national build gets these, so no template engine per page). `image`: the page's own
    share image (a venue's first photo, as `images` derived it), else the site's card."""
    shown = image or Variant(CARD, *CARD_SIZE)
    image_url = _absolute(site_url, url, shown.path)
    tags = [
        ("property", "og:type", "website"),
        ("property", "og:locale", "zh_CN"),
        ("property", "og:site_name", site_name),
        ("property", "og:title", title),
        ("property", "og:description", description),
        *([("property", "og:url", _absolute(site_url, url, url))] if site_url else []),
        ("property", "og:image", image_url),
        ("property", "og:image:width", str(shown.width)),
        ("property", "og:image:height", str(shown.height)),
        ("property", "og:image:alt", title if image else site_name),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image_url),
    ]
    text = "".join(f'<meta {kind}="{name}" content="{html.escape(value)}">\n' for kind, name, value in tags)
    if json_ld:
        text += f'<script type="application/ld+json">{_json_ld(json_ld, site_url, url)}</script>\n'
    return Markup(text)
