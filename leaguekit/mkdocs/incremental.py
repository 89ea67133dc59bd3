"""`mkdocs serve` after its first build: which pages and files a save changes, so only those are drawn and written.

MkDocs keeps one plugin instance per serve process (the plugin has `on_startup`), so the plugin keeps the last
good build here (`Memory`): the content files as read (`content.files.ReadCache`: a save re-reads only what
changed), and for each generated page what it showed. Each rebuild is a MkDocs dirty build (`rebuilder`, which
replaces the server's builder; `Session` does the rest): the site directory is kept, and `Plan` answers every file's `is_modified`:

- a save of venue files only, changing no field a count, a grouping or a neighbour depends on (`LOCAL_FIELDS`):
  the pages of the saved venues and the pages that linked to them last time are drawn again;
- a venue added, removed or renamed, or another field changed: every generated page is drawn again;
- in both cases a drawn page is written only when its HTML, title, description, search entries or share data
  differ from last time; a generated file (finder data, feeds, open data) only when its bytes differ;
- anything else (data/, docs/, mkdocs.yml, macros.py, a photo, brands/, activities/, git history, the date):
  everything is written again, as in a clean build.

A save of the first kind is drawn without MkDocs' build (`Session.quick`): MkDocs' files, pages and nav of the
last good build are kept (`Kept`), so no page or file object is made for every page and nothing walks them all;
the content is loaded and checked as always, the plugins' events run in MkDocs' order for the pages drawn, and a
hand-written page is converted and written only when what its macros made differs. Any other save, a site with
another plugin, or a new day gets MkDocs' (dirty) build below.

Hand-written pages, pages in the nav and /data/ (it describes the downloads) are always drawn. The files beside
the pages are made from rows kept per venue (`generate.site.Reuse`: recomputed only for venues read anew, all of
them after any other change); the search index is kept too (`output.search_index.KeptIndex`: only the tokens of
changed entries re-encoded, only changed shards written), and not written at all when no entry changed;
robots.txt and the sitemap every time; files the last build wrote that this one does not are deleted. A build
that fails keeps the last good site and memory.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import posixpath
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from mkdocs import utils
from mkdocs.commands.build import _build_page, build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from leaguekit import generate, output, urls
from leaguekit.content.files import ReadCache, reusing
from leaguekit.content.model import Content, VenueEntry
from leaguekit.generate import GeneratedPage, scripts
from leaguekit.generate.site import Reuse
from leaguekit.mkdocs.sharing import list_theme_once
from leaguekit.output.search_index import KeptIndex, SearchIndex

log = logging.getLogger("mkdocs.plugins.leaguekit")

# Venue fields shown only on the venue's own page and on pages that link to it (cards, places, activities):
# a save changing only these redraws those pages. Any other field may move the venue between listings,
# change a count or a closed venue's nearest open ones, so every generated page is drawn again.
LOCAL_FIELDS = frozenset({"name", "address", "hours", "closures", "phone", "public_mobile", "established", "partners", "area_m2", "website", "moved_on", "moved_from", "also_known_as"})
HREF = re.compile(r'href="([^"#?]*)')
DIRTY_WARNING = "A 'dirty' build is being performed"
# A quick save runs these plugins' events itself (`Session.quick`); a site naming any other plugin gets
# MkDocs' own build on every save, so that plugin sees each event it expects.
QUICK_PLUGINS = frozenset({"leaguekit", "macros"})
COLLECT_AFTER = 2.0  # seconds after a rebuild: the garbage it left is collected


def digest(data: str | bytes) -> str:
    return hashlib.sha1(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def venue_links(url: str, html: str) -> frozenset[str]:
    """The venue ids a page's article links to (`venues/<id>/`, its poster `venues/<id>/print/` …, however relative)."""
    found = set()
    base = posixpath.dirname(url.rstrip("/")) if url.endswith("/") else posixpath.dirname(url)
    here = url if url.endswith("/") else base + "/"
    for href in HREF.findall(html):
        if "://" in href or href.startswith(("mailto:", "tel:", "/")):
            continue
        parts = posixpath.normpath(posixpath.join(here, href)).split("/")
        if len(parts) >= 2 and parts[0] == "venues":
            found.add(parts[1])
    return frozenset(found)


def eager_key(page: GeneratedPage, updated: str) -> tuple:
    """What a generated page shows besides its article: compared to decide whether it is written again."""
    return (page.title, page.description, page.source, page.icon, page.hide, page.image, page.search, repr(page.json_ld), updated)


@dataclass
class PageState:
    key: tuple
    html: str  # digest of the article's HTML
    links: frozenset[str]  # venue ids it links to


@dataclass
class Kept:
    """MkDocs' objects of the last good build, which a quick save draws against (`Session.quick`): while no
    file beyond venue files changed and no page came or went, its files, pages and nav are still this site's."""

    files: Files
    nav: Navigation
    kit_pages: dict  # generated page URL -> its KitPage (the plugin's), in the order MkDocs was given them
    nav_urls: frozenset[str]  # generated pages in the nav
    hand_pages: list  # hand-written pages (MkDocs' Page), in MkDocs' order
    site: dict  # what the plugin gave `generate.Site` beside the content (photos, asset names, addresses)
    assets: object  # the page shell's published assets (`shell.publish`)
    sections: tuple  # config.extra["site_sections"]
    page_paths: frozenset[str]  # what MkDocs writes for the pages
    build_date: str  # MkDocs' build date (each page's update_date, the sitemap's lastmod)


@dataclass
class Memory:
    """The last good build, kept between rebuilds of one serve process."""

    cache: ReadCache = field(default_factory=ReadCache)
    reuse: Reuse = field(default_factory=Reuse)  # per-venue rows of the files beside the pages (generate.site)
    built: bool = False  # a build completed: the site directory holds it
    writing: bool = False  # a build failed after it began writing: the next one writes everything
    inputs: dict[str, tuple[int, int]] = field(default_factory=dict)  # files outside the content readers' cache
    venues: dict[str, VenueEntry] = field(default_factory=dict)  # source path -> venue
    globals: tuple = ()
    pages: dict[str, PageState] = field(default_factory=dict)  # generated page URL -> what it showed
    files: dict[str, str] = field(default_factory=dict)  # generated file path -> digest
    outputs: set[str] = field(default_factory=set)  # every file the build wrote into site/
    scores: dict = field(default_factory=dict)  # search entry -> its tokens' scores (output.search_index)
    search_entries: list = field(default_factory=list)  # what the search index was written from
    search: KeptIndex = field(default_factory=KeptIndex)  # the search index as written (output.search_index)
    venue_pages: dict[str, GeneratedPage] = field(default_factory=dict)  # venue page URL -> its model
    theme_listings: dict[str, list[str]] = field(default_factory=dict)  # theme folder outside the project -> its files
    git_head: str | None = None
    dates: dict[str, str] = field(default_factory=dict)


@dataclass
class Plan:
    """What this build writes. `full`: everything (the first build, or a change the plan cannot follow)."""

    full: bool
    changed: frozenset[str] = frozenset()  # venue ids saved (old and new)
    local: bool = False  # only LOCAL_FIELDS changed
    drawn: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)  # URL -> article HTML drawn to compare and the parts it needs (scripts.needs), used when writing
    states: dict[str, PageState] = field(default_factory=dict)  # what the pages show now (committed on success)
    files: dict[str, str] = field(default_factory=dict)

    def candidates(self, memory: Memory, every: Iterable[str], venue_url: Callable[[str], str]) -> set[str]:
        """The generated pages that may show something else now (of `every` generated page's URL)."""
        if not self.local:
            return set(every)
        found = {venue_url(i) for i in self.changed}
        for url, state in memory.pages.items():
            if state.links & self.changed:
                found.add(url)
        return found


def snapshot(root: Path, paths: Iterable[str], folders: Iterable[str]) -> dict[str, tuple[int, int]]:
    """(mtime, size) of the given files and of every file under the given folders."""
    found: dict[str, tuple[int, int]] = {}

    def stamp(path: Path) -> None:
        try:
            stat = path.stat()
        except OSError:
            return
        found[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)

    for rel in paths:
        stamp(root / rel)
    for folder in folders:
        for dirpath, _dirs, names in os.walk(root / folder):
            for name in names:
                stamp(Path(dirpath) / name)
    return found


def settle(file: File, modified: bool) -> None:
    """Answer MkDocs' dirty-build question for this file from the plan, not from file times."""
    file.is_modified = (lambda: True) if modified else (lambda: False)  # type: ignore[method-assign]


def drawn_already() -> str:
    """The article of a page model kept after it was drawn: a later build makes its own model to draw."""
    raise RuntimeError("a kept page model is never drawn again")


def read_hand_page(page, config, files: Files) -> bool:
    """A hand-written page read again and its macros run on this build's content, as MkDocs' build reads it
    (`_populate_page`); converted to HTML only when what its macros made or its front matter differs from last
    time (else its HTML is the last build's, and so is the page MkDocs would write). True: it is written again."""
    before = (page.markdown, dict(page.meta))
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        changed = (page.markdown, page.meta) != before
        if changed:
            page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        return changed
    except Exception as error:
        log.error(f"Error reading page '{page.file.src_uri}':" + ("" if isinstance(error, BuildError) else f" {error}"))
        raise
    finally:
        config._current_page = None


def remove_stale(site_dir: str, previous: set[str], current: set[str]) -> None:
    """Delete what the last build wrote and this one did not (a removed or renamed venue's page), and the
    folders that leaves empty."""
    for path in sorted(previous - current):
        try:
            os.unlink(path)
        except FileNotFoundError:
            continue
        parent = os.path.dirname(path)
        while parent != site_dir and parent.startswith(site_dir) and not os.listdir(parent):
            os.rmdir(parent)
            parent = os.path.dirname(parent)


# Linux file systems whose changes the kernel reports (inotify) whoever makes them; on a network share or a
# Windows drive under WSL a change made elsewhere may never be reported, so there MkDocs' polling stays.
EVENT_FILE_SYSTEMS = frozenset({"ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs", "f2fs", "jfs", "bcachefs"})


def file_system(path: Path, mounts: str = "/proc/mounts") -> str:
    """The type of the file system `path` is on (Linux), '' when unknown."""
    try:
        lines = Path(mounts).read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    where, found = str(path.resolve()), ("", "")
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = where == point or where.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(found[0]):
            found = (point, parts[2])
    return found[1]


def watch_by_events(server, root: Path) -> bool:
    """MkDocs' server polls what it watches twice a second, a stat of every file (0.12 s of CPU each time at
    20,000 venues: a quarter of a core while nothing changes, taken from each save's build too). On Linux, with
    the project on a local file system, the kernel's file events (inotify) tell the same at no cost: the paths
    watched so far move to an observer of events, started here (so a failure, such as too many folders for
    inotify's limit, leaves the polling in place), and the server's own start of it does nothing. True: events."""
    if sys.platform != "linux" or file_system(root) not in EVENT_FILE_SYSTEMS:
        return False
    from watchdog.observers.inotify import InotifyObserver

    polling, watched, refs = server.observer, server._watched_paths, server._watch_refs
    observer = server.observer = InotifyObserver()
    server._watched_paths, server._watch_refs = {}, {}
    try:
        for path, count in watched.items():
            for _ in range(count):
                server.watch(path)
        observer.start()
    except OSError as error:
        observer.stop()
        server.observer, server._watched_paths, server._watch_refs = polling, watched, refs
        log.info(f"Watching for changes by polling ({error})")
        return False
    observer.start = lambda: None  # running already
    return True


class QuietDirty(logging.Filter):
    """MkDocs warns on every dirty build (a strict site would abort on it); here the plugin decides what is
    written, so the warning does not apply."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def rebuilder(config_file: str, site_dir: str, site_url: str, dev_addr: str, strict: bool) -> Callable[[], None]:
    """The server's builder after the first build: config read again (as `mkdocs serve` does), a quick save or a
    dirty build; a build that fails (the Chinese problem list is already in the log) leaves the last good site
    served. `collecting`: the timer that collects the last rebuild's garbage (a test stops it)."""

    def rebuild() -> None:
        log.info("Building documentation...")
        config = load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr, strict=strict)
        config.site_url = site_url
        session = session_of(config)
        # What the last build left (its memory, the read cache) is left out of this build's garbage collections,
        # which would otherwise scan it (0.9 s at 5,000 venues); the cycles it no longer needs are collected
        # once the browser has the new page.
        gc.freeze()
        try:
            if session is None or not session.quick(config):
                build(config, serve_url=site_url, dirty=True)
        except Abort:
            log.error("预览未更新：改正上面列出的问题并保存，网站会自动重新生成；浏览器中仍是上次成功生成的网站")
        finally:
            gc.unfreeze()
            if (pending := getattr(rebuild, "collecting", None)) is not None:
                pending.cancel()  # one collection after the last of several quick saves
            rebuild.collecting = later = threading.Timer(COLLECT_AFTER, gc.collect)  # type: ignore[attr-defined]
            later.daemon = True
            later.start()

    return rebuild


def session_of(config) -> Session | None:
    """The serve session of the kit's plugin in `config` (MkDocs keeps that plugin's instance between builds)."""
    for plugin in config.plugins.values():
        if isinstance(session := getattr(plugin, "session", None), Session):
            return session
    return None


class Session:
    """One serve process's builds: the plugin hands each build's state here (`plan` in on_config, `pages` and
    `settle` in on_files, `keep_nav` in on_nav, `article` when a page is written, `remember` after the build).
    `quick` draws a save the plan fully follows without MkDocs' build."""

    def __init__(self) -> None:
        self.memory = Memory()
        self.plan: Plan | None = None
        self.kept: Kept | None = None
        self.configured = None  # the config `quick` ran on_config for, when it then left the build to MkDocs
        self._quick = False
        self._nav: Navigation | None = None

    def quick(self, config) -> bool:
        """A save of venue files changing only fields shown where the venue is linked (`Plan.local`), drawn
        against the last build's MkDocs objects (`Kept`) without MkDocs' build, which would make a page and a file
        object for every page and walk them all several times: content loaded and checked as always
        (on_config), the saved venues' pages and the pages that linked to them drawn and written when they
        differ, the hand-written pages drawn again, the files beside the pages and the search index written where
        they differ; every plugin event of those steps runs, in MkDocs' order. False: after on_config (run here
        for `configured`, so the plugin does not load the content twice), this save needs MkDocs' build."""
        self.configured = None
        kept, memory = self.kept, self.memory
        if kept is None or memory.writing or not memory.built or set(config.plugins) - QUICK_PLUGINS or utils.get_build_date() != kept.build_date:
            return False
        start = time.monotonic()
        counter = utils.CountHandler()
        counter.setLevel(logging.WARNING)
        if config.strict:
            logging.getLogger("mkdocs").addHandler(counter)
        try:
            config = config.plugins.on_config(config)
            self.configured = config
            plan = self.plan
            models = entries = None
            if not (plan.full or not plan.local or not plan.changed or self._globals + (kept.sections,) != memory.globals):
                loaded = config.extra["leaguekit"]
                memory.reuse.adding = True
                site = generate.Site(loaded.content, figures=loaded.figures, dates=loaded.dates, today=loaded.today, reuse=memory.reuse, **kept.site)
                models = self._quick_models(site, kept)
                entries = None if models is None else self._quick_entries(kept, {url: page.search for url, page in models.items()})
            if entries is not None:
                self._quick = True
                self._globals += (kept.sections,)
                self._quick_draw(config, site, kept, models, entries)
            else:
                memory.reuse.adding = False
            if counts := counter.get_counts():  # MkDocs' build, if it follows, does not count what on_config said
                raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
            if entries is None:
                return False
            logging.getLogger("mkdocs.commands.build").info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
            return True
        except Exception as error:
            config.plugins.on_build_error(error=error)
            if isinstance(error, BuildError):
                log.error(str(error))
                raise Abort("Aborted with a BuildError!") from None
            raise
        finally:
            logging.getLogger("mkdocs").removeHandler(counter)

    def _quick_models(self, site: generate.Site, kept: Kept) -> dict[str, GeneratedPage] | None:
        """The models of the generated pages a local save may change (`Plan.candidates`, /data/, the pages in the
        nav), by URL; None when one of them is not in the last build or a title in the nav changes (every page's
        menu shows it)."""
        memory, plan = self.memory, self.plan
        about = list(output.pages(site))
        self.about_files = {p.url for p in about}
        wanted = plan.candidates(memory, (), urls.venue) | self.about_files | kept.nav_urls
        models = {p.url: p for p in about}
        for section in generate.SECTIONS:
            if section is generate.venues:
                models |= {url: generate.venues.page(site, v) for v in site.content.venues if (url := urls.venue(v.id)) in wanted}
            else:
                models |= {p.url: p for p in section.pages(site) if p.url in wanted}
        if set(models) != wanted or not wanted <= set(kept.kit_pages) or not wanted <= set(memory.pages):
            return None
        if any(models[url].title != memory.pages[url].key[0] for url in kept.nav_urls):
            return None
        return models

    def _quick_draw(self, config, site: generate.Site, kept: Kept, models: dict[str, GeneratedPage], entries: list) -> None:
        memory, plan = self.memory, self.plan
        loaded = config.extra["leaguekit"]
        config.plugins.on_pre_build(config=config)
        loaded.extras["assets"] = kept.assets
        config.extra["site_sections"] = list(kept.sections)
        index = loaded.extras["search_index"] = SearchIndex(memory.scores, memory.search)
        self._files, self._kit_pages, self._venue_pages = kept.files, list(kept.kit_pages.values()), dict(memory.venue_pages)
        plan.states = dict(memory.pages)
        draw = []
        for url, page in models.items():
            kit_page = kept.kit_pages[url]
            updated = loaded.dates.get(page.source, "") if page.source else config.extra["content_updated"]
            with scripts.collect() as parts:
                html = page.render()
            old, state = memory.pages[url], PageState(eager_key(page, updated), digest(html), venue_links(url, html))
            plan.states[url] = state
            if url in self._venue_pages:
                self._venue_pages[url] = page
            if (old.key, old.html) != (state.key, state.html):
                kit_page.generated, kit_page.updated = page, updated
                kit_page.read_source(config)
                plan.drawn[url] = (html, frozenset(parts))
                draw.append(kit_page)
        self._generated = dict(output.files(site))
        plan.files = {path: digest(data) for path, data in self._generated.items()}
        changed = sum(memory.files.get(path) != found for path, found in plan.files.items())
        log.info(f"Rewriting {len(draw)} of {len(kept.kit_pages)} generated pages and {changed} of {len(plan.files)} generated files, without MkDocs' build")
        nav = config.plugins.on_nav(kept.nav, config=config, files=kept.files)
        draw += [page for page in kept.hand_pages if read_hand_page(page, config, kept.files)]
        index.entries = entries + index.entries  # the hand-written pages' entries follow the generated ones
        env = config.plugins.on_env(config.theme.get_env(), config=config, files=kept.files)
        self.write_files(config.site_dir, kept.page_paths)
        docs = kept.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for page in draw:
            _build_page(page, config, docs, nav, env, excluded=page.file.inclusion.is_excluded())
        for url, page in models.items():  # kept without what draws them (this build's content): never drawn again
            done = replace(page, render=drawn_already)
            if kept.kit_pages[url].generated is page:
                kept.kit_pages[url].generated = done
            if url in self._venue_pages:
                self._venue_pages[url] = done
        for page in kept.hand_pages:
            page.validate_anchor_links(files=kept.files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)

    def _quick_entries(self, kept: Kept, searches: dict[str, tuple]) -> list | None:
        """The generated pages' search entries as the last build added them, those of `searches`' pages
        replaced in place (a page's entries are added together); the hand-written pages' are left out.
        None when a page had none last time and has some now: where MkDocs' build would add them is unknown."""
        hand = {p.url for p in kept.hand_pages}
        entries, placed = [], set()
        for at, entry in self.memory.search_entries:
            url = at[: len(at) - len(entry.at)]
            if url in hand:
                continue
            if url not in searches:
                entries.append((at, entry))
            elif url not in placed:
                placed.add(url)
                entries += [(url + e.at, e) for e in searches[url]]
        if any(searches[url] for url in searches.keys() - placed):
            return None
        return entries

    @contextmanager
    def reading(self) -> Iterator[None]:
        """A content load reusing the files as last read; the files read anew since the last good build stay
        `changed` until a build succeeds (a save after a failed one may fix another file)."""
        cache = self.memory.cache
        pending = cache.changed
        with reusing(cache):
            try:
                yield
            finally:
                cache.changed |= pending

    def keep_theme_listing(self, theme, root: Path) -> None:
        """MkDocs lists every theme file on each build (Material's icons: 0.4–0.6 s); the folders outside the
        project (Material, the kit's theme) are listed once per serve process, the site's own each time."""
        list_theme_once(theme, root, self.memory.theme_listings)

    def plan_build(self, root: Path, content: Content, config_file: str, docs_dir: str, globals_: tuple) -> None:
        """What this build writes: everything, or what the saved venue files change."""
        memory = self.memory
        memory.reuse.adding = False
        photos = [p.path for v in content.venues for p in v.photos]
        self._inputs = snapshot(root, [config_file, "macros.py", *photos], ["data", docs_dir])
        self._venues = {v.source: v for v in content.venues}
        self._globals = globals_
        changed = memory.cache.changed
        if not memory.built or memory.writing or self._inputs != memory.inputs or any(not (rel.startswith("venues/") and rel.endswith(".md")) for rel in changed):
            self.plan = Plan(full=True)
            memory.reuse.clear()
            return
        ids, local = set(), True
        for rel in changed:
            old, new = memory.venues.get(rel), self._venues.get(rel)
            ids |= {v.id for v in (old, new) if v is not None}
            if old is None or new is None or old.photos != new.photos:  # added, removed, or another org's (SITE_ORG)
                local = False
            elif old.data.model_dump(exclude=LOCAL_FIELDS) != new.data.model_dump(exclude=LOCAL_FIELDS):
                local = False
        self.plan = Plan(full=False, changed=frozenset(ids), local=local)

    def pages(self, site: generate.Site) -> Iterator[GeneratedPage]:
        """Every generated page. When only venue fields shown where the venue is linked changed, a venue page that
        cannot show anything else keeps its last model (title, description, search entries, JSON-LD), drawn, if
        ever, from this build's content. /data/ comes last (`about_files`)."""
        plan, memory = self.plan, self.memory
        about = list(output.pages(site))  # /data/: describes the downloads, so it changes with them
        self.about_files = {p.url for p in about}
        self._venue_pages: dict[str, GeneratedPage] = {}
        self._kept_models: set[str] = set()  # venue page URLs whose model is the last build's
        if plan.full or not plan.local:
            yield from generate.pages(site)
            yield from about
            return
        redraw = plan.candidates(memory, (), urls.venue)
        for section in generate.SECTIONS:
            if section is not generate.venues:
                yield from section.pages(site)
                continue
            for venue in site.content.venues:
                url = urls.venue(venue.id)
                old = memory.venue_pages.get(url)
                if old is None or url in redraw:
                    page = generate.venues.page(site, venue)
                else:
                    page = replace(old, render=partial(generate.venues.html, site, venue))
                    self._kept_models.add(url)
                self._venue_pages[url] = page
                yield page
        yield from about

    def settle(self, files: Files, kit_pages: list, site: generate.Site, assets, in_nav: set[str], sections: tuple) -> None:
        """Which pages are drawn: every page's `is_modified` answers from the plan; which of the files beside the
        pages (`output.files`) `write_files` writes. `kit_pages`: the plugin's KitPages (`generated`, `updated`,
        `file`, `url`); `site` and `assets` as the plugin made them (kept for `quick`)."""
        memory, plan = self.memory, self.plan
        self._files, self._kit_pages = files, kit_pages
        self._in_nav, self._sections, self._assets = in_nav, sections, assets
        self._site = {"images": site.images, "assets": site.assets, "site_url": site.site_url, "repo_url": site.repo_url, "edit_uri": site.edit_uri}
        self._globals += (sections,)
        if not plan.full and self._globals != memory.globals:
            plan.full = True
            memory.reuse.clear()
        self._generated = dict(output.files(site))  # computed here, after the reused rows are known to hold
        if plan.full:
            for file in files:
                settle(file, True)
            plan.files = {path: digest(data) for path, data in self._generated.items()}
            if memory.built:
                log.info("Rewriting every page: a change beyond venue fields shown only where the venue is linked")
            return
        candidates = plan.candidates(memory, (p.url for p in kit_pages), urls.venue) | self.about_files
        for page in kit_pages:
            url, nav = page.url, page.file.src_uri in in_nav
            old = memory.pages.get(url)
            if old is not None and url in self._kept_models and old.key[-1] == page.updated:
                key = old.key  # the last build's model (`pages`): its key is the same
            else:
                key = eager_key(page.generated, page.updated)
            if old is not None and url not in candidates and old.key == key:
                plan.states[url] = old
                settle(page.file, nav)
                continue
            with scripts.collect() as parts:
                html = page.generated.render()
            state = plan.states[url] = PageState(key, digest(html), venue_links(url, html))
            modified = old is None or (old.key, old.html) != (state.key, state.html)
            if modified and nav and (old is None or old.key[0] != key[0]):
                plan.full = True  # a title in the nav: every page's menu
            if modified or nav:
                plan.drawn[url] = (html, frozenset(parts))
            settle(page.file, modified or nav)
        plan.files = {path: digest(data) for path, data in self._generated.items()}
        kit = {p.file.src_uri for p in kit_pages}
        for file in files.documentation_pages():
            if file.src_uri not in kit:
                settle(file, True)  # hand-written pages: few, and they may count venues
        if plan.full:
            for file in files:
                settle(file, True)
        else:
            changed = sum(memory.files.get(path) != found for path, found in plan.files.items())
            log.info(f"Rewriting {len(plan.drawn)} of {len(kit_pages)} generated pages and {changed} of {len(plan.files)} generated files")

    @property
    def quick_saving(self) -> bool:
        """This build is a quick save (`quick`): MkDocs writes no sitemap."""
        return self._quick

    def keep_nav(self, nav: Navigation) -> None:
        self._nav = nav

    def write_files(self, site_dir: str, page_paths: frozenset[str]) -> None:
        """The files beside the pages that changed (all in a full build) into site/; a page keeps its place."""
        memory, plan = self.memory, self.plan
        memory.writing = True  # from here on site/ changes: a failure makes the next build whole
        self._page_paths = page_paths
        self._written = set()
        for path, data in self._generated.items():
            if path in page_paths:
                continue
            target = os.path.normpath(os.path.join(site_dir, path))
            self._written.add(target)
            if plan.full or memory.files.get(path) != plan.files[path]:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as out:
                    out.write(data.encode("utf-8") if isinstance(data, str) else data)
        self._generated = {}

    def article(self, page) -> str:
        """The article HTML of a KitPage being written (drawn already when the plan compared it)."""
        plan = self.plan
        drawn = plan.drawn.pop(page.url, None) if plan is not None else None
        if drawn is None:
            html = page.generated.render()
        else:
            html, parts = drawn
            scripts.needs(*parts)  # the scripts it loads, as if drawn now
        if plan is not None and plan.full:
            plan.states[page.url] = PageState(eager_key(page.generated, page.updated), digest(html), venue_links(page.url, html))
        return html

    def search_unchanged(self, entries: list) -> bool:
        """No search entry differs from what the last build wrote the index from (so it is not written again)."""
        return self.plan is not None and not self.plan.full and entries == self.memory.search_entries

    def remember(self, site_dir: str, entries: list) -> None:
        """This build is the last good one; what it wrote and the last one did not is deleted."""
        memory, plan = self.memory, self.plan
        current = {f.abs_dest_path for f in self._files if f.inclusion.is_in_serve()} | self._written
        if memory.built:
            remove_stale(site_dir, memory.outputs, current)
        memory.outputs = current
        memory.pages, memory.files = plan.states, plan.files
        memory.inputs, memory.venues, memory.globals = self._inputs, self._venues, self._globals
        memory.built, memory.writing = True, False
        memory.search_entries = entries
        memory.venue_pages = self._venue_pages or {p.url: p.generated for p in self._kit_pages if p.generated.source.startswith("venues/") and p.url.startswith("venues/")}
        live = {entry for _, entry in entries}
        memory.scores = {entry: found for entry, found in memory.scores.items() if entry in live}
        memory.cache.changed = set()
        memory.reuse.next_build()
        if not self._quick:
            self.kept = self._keep()
        self.plan, self.configured, self._quick = None, None, False

    def _keep(self) -> Kept | None:
        """MkDocs' objects of the build that just succeeded, for the next save's `quick`."""
        if self._nav is None:
            return None
        kit = {p.file.src_uri for p in self._kit_pages}
        docs = self._files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        return Kept(
            files=self._files,
            nav=self._nav,
            kit_pages={p.url: p for p in self._kit_pages},
            nav_urls=frozenset(p.url for p in self._kit_pages if p.file.src_uri in self._in_nav),
            hand_pages=[f.page for f in docs if f.src_uri not in kit],
            site=self._site,
            assets=self._assets,
            sections=self._sections,
            page_paths=self._page_paths,
            build_date=self._kit_pages[0].update_date if self._kit_pages else utils.get_build_date(),
        )
