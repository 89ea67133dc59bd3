"""The page shell: what a page loads besides its own HTML, kept to what a phone needs before the first paint.

- Two render-blocking files on every page: Material's main stylesheet, then the kit's stylesheet: the kit's
  STYLESHEETS (and Material's palette CSS when the site's palette names a Material colour or scheme)
  concatenated into one file. A site's own extra_css follows, so it can restyle the kit.
- Scripts are all deferred: Material's bundle (its `document$` still fires: deferred scripts run before
  DOMContentLoaded), the site's own extra_javascript, then the kit's scripts of the parts the page shows
  (leaguekit.generate.scripts), nothing else.
- Every kit script and stylesheet is published under a name carrying its content's hash (`search.js` ->
  `search.1a2b3c4d.js`): a host or CDN may cache it for a year, and an upgrade still reaches every visitor.
  The kit's other files (the map's, the form's) are found by `Site.asset(path)` and loaded by the page
  that uses them.
- Material's own search is not published unless the site turns its search plugin on: a page starts its worker
  (which loads the lunr files) only for Material's search box, and the kit's header has its own search instead.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from leaguekit.generate import scripts

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
# One stylesheet for every page, in this order: the look and the shell (header search, 关怀版), then the cards
# (venues, the finder, the 导航 control; activities) that most pages show. Together about 8 KB gzipped.
STYLESHEETS = ("assets/stylesheets/leaguekit.css", "assets/stylesheets/search.css", "assets/stylesheets/nearby.css", "assets/stylesheets/activities.css")
STYLESHEET = "assets/stylesheets/leaguekit.css"  # the published name's stem
PALETTE = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")
PALETTE_LINK = re.compile(r'\s*<link rel="stylesheet" href="[^"]*assets/stylesheets/palette\.[0-9a-f]+\.min\.css">')
SCRIPT_TAG = re.compile(r"<script src=[^>]*>")
# Material's search worker and the lunr language files it loads: 36 files, about 1 MB, copied into every site.
MATERIAL_SEARCH = ("assets/javascripts/workers/search.", "assets/javascripts/lunr/")


@dataclass(frozen=True)
class Assets:
    """Where the kit's files were published: each source path -> its hashed path (every STYLESHEETS entry
    -> the one stylesheet), as `Site(assets=…)` takes it."""

    published: Mapping[str, str]

    @property
    def stylesheet(self) -> str:
        return self.published[STYLESHEET]

    def scripts(self, parts: Iterable[str]) -> list[str]:
        """The published kit scripts a page showing `parts` loads, in order."""
        return [self.published[path] for path in scripts.files(parts)]


def publish(files: Files, config: MkDocsConfig) -> Assets:
    """The kit's scripts and stylesheets renamed by their hash; STYLESHEETS (with Material's palette CSS
    when `palette_needed`) joined into one stylesheet; Material's search left out when it is off."""
    if not {"search", "material/search"} & set(config.plugins):
        for file in [f for f in files if f.src_uri.startswith(MATERIAL_SEARCH) and f.src_dir in config.theme.dirs]:
            files.remove(file)
    published: dict[str, str] = {}
    joined: dict[str, bytes] = {}
    # A site's custom_dir may replace one of STYLESHEETS: the file MkDocs chose is the one joined.
    for file in [f for f in files if f.abs_src_path and (f.src_uri in STYLESHEETS or _is_kit_asset(f))]:
        data = Path(file.abs_src_path).read_bytes()
        files.remove(file)
        if file.src_uri in STYLESHEETS:
            joined[file.src_uri] = data
            continue
        published[file.src_uri] = _hashed(file.src_uri, data)
        files.append(File(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, dest_uri=published[file.src_uri]))
    palette = [f for f in files if PALETTE.fullmatch(f.src_uri)] if palette_needed(config.theme.get("palette")) else []
    parts = [Path(f.abs_src_path).read_bytes() for f in palette if f.abs_src_path] + [joined[path] for path in STYLESHEETS]
    css = b"\n".join(parts)
    name = _hashed(STYLESHEET, css)
    files.append(File.generated(config, name, content=css))
    published.update(dict.fromkeys(STYLESHEETS, name))
    return Assets(published)


def palette_needed(palette: object) -> bool:
    """Whether Material's palette CSS does anything for this palette: not for the default (light) scheme
    with custom colours (the kit's stylesheet sets them), as the sample and new sites have it."""
    if not palette:
        return False
    entries = palette if isinstance(palette, list) else [palette]
    if len(entries) != 1 or not isinstance(entries[0], Mapping):
        return True  # a light/dark toggle
    entry = entries[0]
    return entry.get("scheme", "default") != "default" or entry.get("primary") != "custom" or entry.get("accent") != "custom"


def without_palette(html: str) -> Markup:
    """Material's styles block without its palette stylesheet (folded into the kit's when needed)."""
    return Markup(PALETTE_LINK.sub("", str(html)))


def deferred(html: str) -> Markup:
    """Material's scripts block (its bundle, the site's extra_javascript) with every script deferred."""
    return Markup(SCRIPT_TAG.sub(lambda m: m[0] if re.search(r"\s(?:defer|async)\b", m[0]) else m[0].replace("<script ", "<script defer ", 1), str(html)))


def _is_kit_asset(file: File) -> bool:
    return file.src_uri.startswith("assets/") and file.src_uri.endswith((".js", ".css")) and Path(file.abs_src_path).is_relative_to(THEME_DIR)


def _hashed(path: str, data: bytes) -> str:
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:8]}{dot}{suffix}"
