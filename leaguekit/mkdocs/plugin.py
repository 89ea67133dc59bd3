"""The MkDocs plugin (`plugins: [leaguekit]` in a site's mkdocs.yml): the only place where MkDocs meets the content model.

- on_config: load and validate all content and figures (a problem stops the build
  before `site/` is touched), or take the ones `build-all` loaded (`preloaded`); with `SITE_ORG`
  in the environment, only that org's part (`content.subtree`) at its own `site_url`;
  site name and description from data/, escaped; the footer;
  the kit's theme (`leaguekit/theme/`, after the site's own `custom_dir`).
- on_files: venue photos derived (`leaguekit.output.images`, cached in .cache/images/); one page per venue, brand, listing, district, org and activity and the finder page
  (`leaguekit.generate`), the open-data page (`leaguekit.output.pages`); the files beside them (`leaguekit.output.files`): alias redirects,
  the finder's JSON, the share card, door posters, calendars, feeds and open-data downloads, written by a
  forked process while MkDocs reads and draws the pages (`background`; the door posters shared with the build
  process once its pages are drawn) and moved into site/ in on_post_build.
- on_files/on_env: the page shell (`shell`): the kit's stylesheet and scripts under hashed names.
- on_page_markdown: "最后更新" from git. on_page_context / on_post_page: a generated
  page's HTML exists only while MkDocs writes it; every page's sharing tags and JSON-LD, and the
  kit scripts of the parts it shows (`leaguekit.generate.scripts`).
- Search (`leaguekit.output.search_index`): generated pages bring their own entries (on_files),
  hand-written pages give their text (on_page_content); once MkDocs has read every page (on_env) a
  forked process writes site/search/ while MkDocs draws the pages (`background`), joined in on_post_build.
- on_post_build: robots.txt and a reproducible sitemap.xml.gz.
- on_serve: `mkdocs serve` rebuilds on edits in the content folders; after its first build, each rebuild draws
  and writes only what the save changed (`leaguekit.mkdocs.incremental`; on_nav keeps the nav for a save drawn
  without MkDocs' build). Under serve nothing is forked (the
  server runs threads): the session writes the files beside the pages that changed, and the search index is
  updated in on_post_build.
"""

from __future__ import annotations

import functools
import html
import itertools
import logging
import os
import posixpath
import subprocess
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from leaguekit import build, generate, output
from leaguekit.content import gitdates, schedule, subtree
from leaguekit.content.model import Content
from leaguekit.content.problems import ContentError
from leaguekit.generate import finder_map, footer, fragments, held, scripts
from leaguekit.mkdocs import incremental, shell
from leaguekit.output import images, posters, publish, search_index, share
from leaguekit.staff import GUIDE_DIR

from . import background, drawing

CONTENT_DIRS = ("venues/", "brands/", "activities/", "data/")
SEARCH_SCRATCH = ".search-building"  # where the search index is written before it becomes site/search/
FILES_SCRATCH = ".files-building"  # where the files beside the pages are written before they join site/


class CompiledTemplates(jinja2.BytecodeCache):
    """Theme templates compiled once per process: `build-all` runs a build per org and `mkdocs serve` one per
    edit, each with a new theme environment that would compile Material's and the kit's templates again
    (about 2 seconds). Jinja checks each entry against its template's source, so an edited template recompiles."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()
QUIET_DIRTY = incremental.QuietDirty()


class KitPage(Page):
    """A page the kit draws itself: MkDocs' Markdown step is skipped (the kit's HTML,
    with contributor text already sanitised, is the content)."""

    def __init__(self, generated: generate.GeneratedPage, file: File, config: MkDocsConfig, updated: str):
        super().__init__(None, file, config)
        self.generated = generated
        self.updated = updated  # "最后更新": the page's source file's last commit (listings: of any content)
        self.read_source(config)  # the sitemap reads `meta` of pages a serve rebuild does not draw

    def _set_canonical_url(self, base: str | None) -> None:
        """As MkDocs sets it (urljoin, urlsplit), by concatenation for the kit's plain relative URLs
        (0.5 s at 5,000 venues on every build and every `make serve` save)."""
        url = self.url
        prefix = _base_path(base) if base else None
        if prefix is None or not _plain_url(url):
            super()._set_canonical_url(base)
            return
        self.canonical_url = (base if base.endswith("/") else base + "/") + url
        self.abs_url = prefix + url

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = self.generated.meta() | ({"updated": self.updated} if self.updated else {})

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])


def build_of(config: MkDocsConfig) -> build.Build:
    return config.extra["leaguekit"]


def content_of(config: MkDocsConfig) -> Content:
    return build_of(config).content


def _safe(text: str) -> Markup:
    """Material prints site_name, site_description and copyright unescaped in places."""
    return Markup(html.escape(text))


class LeagueKitPlugin(BasePlugin):
    """Registered as `leaguekit` under the `mkdocs.plugins` entry point (pyproject.toml)."""

    # A build `build-all` loaded once and cut to one org's part; None: load from disk.
    preloaded: build.Build | None = None
    # `build-all`: search tokens by entry, shared by the run's sites (an entry on several sites is tokenised once).
    shared_scores: dict | None = None
    serving = False
    # `mkdocs serve`: the last good build, and what this build writes (leaguekit.mkdocs.incremental)
    session: incremental.Session | None = None
    search_job: background.Job | None = None  # from on_env to on_post_build
    files_job: background.Job | None = None  # from on_files to on_post_build
    # The door posters, made from the front by the files' process and from the back by this one once its pages
    # are drawn (on_post_build): the longest part of a national build with its address.
    poster_share: tuple[generate.Site, background.Claims] | None = None
    nav = None  # MkDocs' Navigation, from on_nav
    drawing: drawing.Drawing | None = None  # the pages a forked process draws, from on_env to on_post_build
    page_paths: frozenset[str] = frozenset()  # what MkDocs writes for the pages: a file beside them never replaces one

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"  # `mkdocs serve` keeps its own local address
        if self.serving:
            self.session = incremental.Session()
            logging.getLogger("mkdocs.commands.build").addFilter(QUIET_DIRTY)

    def on_shutdown(self) -> None:
        """With on_startup, MkDocs keeps one instance of the plugin per process: a part given for one build
        must not be the next build's."""
        self.preloaded = self.shared_scores = None
        self.session = self.nav = None  # the nav holds every page of the build
        logging.getLogger("mkdocs.commands.build").removeFilter(QUIET_DIRTY)

    @event_priority(100)  # before mkdocs-macros reads config.extra
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.session is not None and self.session.configured is config:
            return config  # a serve save's quick path configured it, then left the build to MkDocs
        root = Path(config.config_file_path).parent
        _add_theme(config)
        if self.session is not None:
            self.session.keep_theme_listing(config.theme, root)
        loaded = self.preloaded
        if loaded is None:
            try:
                content, figures = self._load(root)
                today = schedule.build_date()
                loaded = build.Build(content, figures, self._dates(root, today), today)
                if site_org := os.environ.get("SITE_ORG", "").strip():
                    loaded = loaded.site_of(site_org)
            except ContentError as exc:
                raise PluginError(f"内容有误，未生成网站：\n{exc}") from None
            except subtree.UnknownOrg as exc:
                raise PluginError(f"未生成网站：{exc}") from None
        content = loaded.content
        try:
            finder_map.map_key(content.settings.map)
        except finder_map.MapKeyError as exc:
            raise PluginError(str(exc)) from None
        publisher = content.publisher
        if publisher.site_url and loaded.site_org and not self.serving:
            config.site_url = publisher.site_url.rstrip("/") + "/"
        config.extra["footer"] = footer.footer(content)
        config.site_name = _safe(f"{publisher.short_name} · {content.settings.title}")
        config.site_description = _safe(content.settings.description)
        if not config.repo_url:  # no repository, no "编辑此页"
            config.edit_uri = config.edit_uri_template = None
        # The 404 page links from the site's own path (it is served at any depth).
        path = urlsplit(config.site_url).path if config.site_url else ""
        config.extra["site_path"] = path.rstrip("/") + "/" if path else ""
        config.extra["leaguekit"] = loaded
        config.extra["content_updated"] = gitdates.newest(loaded.dates, CONTENT_DIRS)
        if self.session is not None:
            config_file = Path(config.config_file_path).relative_to(root).as_posix()
            globals_ = (str(config.site_name), str(config.site_description), config.extra["footer"], config.extra["content_updated"], loaded.today, loaded.dates, tuple(config.extra_css), tuple(map(str, config.extra_javascript)))
            self.session.plan_build(root, content, config_file, _docs_dir(config), globals_)
        return config

    def _load(self, root: Path):
        if self.session is None:
            return build.load(root)
        with self.session.reading():
            return build.load(root)

    def _dates(self, root: Path, today) -> dict[str, str]:
        """Git dates; a serve rebuild reuses the last ones while the checkout's HEAD is the same commit."""
        if self.session is None:
            return gitdates.last_changed(root, today)
        memory = self.session.memory
        head = _git_head(root)
        if not (memory.built and head == memory.git_head):
            memory.dates, memory.git_head = gitdates.last_changed(root, today), head
        return memory.dates

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        docs = _docs_dir(config)
        in_nav = set(_nav_paths(config.nav or []))
        loaded = build_of(config)
        for file in [f for f in files if _org_of_page(f.src_uri) in loaded.content.elsewhere.orgs]:
            files.remove(file)  # another org's hand-written pages (work report, figures) are on its own site
        assets = loaded.extras["assets"] = shell.publish(files, config)
        derived = _photos(files, config)
        # Under `mkdocs serve` the address is the preview's own: no door poster may carry it in its QR code, so the
        # preview is the site as built without SITE_URL.
        public = "" if self.serving else config.site_url or ""
        built = generate.Site(loaded.content, figures=loaded.figures, dates=loaded.dates, today=loaded.today, site_url=public, repo_url=config.repo_url, edit_uri=config.edit_uri, images=derived, assets=assets.published, reuse=self.session.memory.reuse if self.session is not None else None)
        if self.session is None:  # forked before the pages are made: the process writing the files never holds them
            claims = _poster_claims(built)
            self.poster_share = (built, claims) if claims is not None else None
            self.files_job = background.Job.start(partial(_write_files, built, claims), Path(config.site_dir) / FILES_SCRATCH)
        index = loaded.extras["search_index"] = search_index.SearchIndex(self.session.memory.scores, self.session.memory.search) if self.session is not None else search_index.SearchIndex(self.shared_scores)
        kit_pages: list[KitPage] = []
        pages = self.session.pages(built) if self.session is not None else itertools.chain(generate.pages(built), output.pages(built))
        for page in pages:
            index.add(page.url, page.search)
            if (existing := files.get_file_from_path(page.src_uri)) is not None:
                files.remove(existing)
            inclusion = InclusionLevel.INCLUDED if page.src_uri in in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src_uri, content="", inclusion=inclusion)
            # "编辑此页" opens the venue or brand file: edit_uri in mkdocs.yml ends at docs/, so step out of it.
            file.edit_uri = posixpath.relpath(page.source, docs) if page.source and config.edit_uri else None
            updated = loaded.dates.get(page.source, "") if page.source else config.extra["content_updated"]
            kit_pages.append(KitPage(page, file, config, updated))
            files.append(file)
        # The staff guide comes with the kit; a site's own docs/contribute/<page>.md replaces the kit's.
        for path in sorted(GUIDE_DIR.glob("*.md")):
            if files.get_file_from_path(f"contribute/{path.name}") is None:
                files.append(File.generated(config, f"contribute/{path.name}", abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV))
        # Top-level sections, for the 404 page to find the site root in an address (…/kit/venues/x/ → /kit/).
        config.extra["site_sections"] = sorted({f.url.split("/")[0] for f in files.documentation_pages() if "/" in f.url})
        # Redirects, finder data, share card, posters, calendars, feeds and open data: MkDocs never reads them.
        self.page_paths = frozenset(f.dest_uri for f in files.documentation_pages())
        if self.session is not None:  # serve: written in this process, only those that changed
            self.session.settle(files, kit_pages, built, assets, in_nav, tuple(config.extra["site_sections"]))
            self.session.write_files(config.site_dir, self.page_paths)
        return files

    @event_priority(-100)  # last: the nav the pages are drawn with
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        """The nav, for the process drawing pages beside MkDocs (on_env); serve keeps it for the next save
        (`incremental.Session.quick`)."""
        self.nav = nav
        if self.session is not None:
            self.session.keep_nav(nav)
        return nav

    @event_priority(-100)  # last: the environment the pages are drawn with, when a forked process shares them
    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Each build makes a new theme environment, so templates need no stat() on every include of every page;
        the menu is drawn once per distinct state (leaguekit.generate.fragments), afresh for each build.
        A forked process draws pages from the back while MkDocs draws from the front (`drawing`)."""
        if self.session is not None:
            self.session.memory.writing = True  # from here on site/ changes: a failure makes the next build whole
        env.auto_reload = False
        env.bytecode_cache = COMPILED
        drawn = fragments.Fragments()
        env.globals["memo"] = drawn.memo
        env.globals["nav_state"] = drawn.nav_state
        # The page shell (leaguekit.mkdocs.shell): one kit stylesheet, every script deferred.
        env.globals["kit_stylesheet"] = build_of(config).extras["assets"].stylesheet
        env.filters["without_palette"] = shell.without_palette
        env.filters["deferred"] = shell.deferred
        # Every page has been read, so every search entry is known: the index is written beside the pages
        # (under serve, in on_post_build: only when an entry changed).
        if self.session is None:
            index = build_of(config).extras["search_index"]
            scratch = Path(config.site_dir) / SEARCH_SCRATCH
            if self.shared_scores is None:
                self.search_job = background.Job.start(index.write, scratch)
            else:  # build-all: tokenised here, where the next site's build finds them; what is left is not worth a fork
                index.score()
                self.search_job = background.Job(index.write, scratch)
            self.drawing = drawing.Drawing.start(files, config, self.nav, env, self)
        return env

    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        """`updated`: the last commit date of a hand-written page's file (KitPage knows its own)."""
        if isinstance(page, KitPage):
            return markdown
        if updated := build_of(config).dates.get(posixpath.join(_docs_dir(config), page.file.src_uri), ""):
            page.meta["updated"] = updated
        return markdown

    @event_priority(100)  # what another plugin reads of the page holds the HTML its macros drew
    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        if not isinstance(page, KitPage):
            html = held.put_back(page, html)
            loaded = build_of(config)
            meta = page.meta
            entry = search_index.page_entry(page.url, page.title, meta.get("description", ""), html, loaded.content, loaded.figures, keywords=str(meta.get("keywords") or ""))
            loaded.extras["search_index"].add(page.url, [entry])
        return html

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        """The page's kit scripts: those of the parts its templates drew (leaguekit.generate.scripts)."""
        if self.drawing is not None and not self.drawing.mine(page):
            context["drawn_elsewhere"] = True
            return context
        generated = page.generated if isinstance(page, KitPage) else None
        if generated is not None:
            with scripts.collect() as parts:
                page.content = self.session.article(page) if self.session is not None else generated.render()
        else:  # what its macros drew, and what its front matter names (`parts: [finder]`)
            parts = page.meta.get("parts") or []
            if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
                raise PluginError(f"{page.file.src_uri}：parts 应是页面部件名称的列表，例如 parts: [finder]")
        try:
            context["kit_scripts"] = build_of(config).extras["assets"].scripts(parts)
        except scripts.UnknownPart as exc:
            raise PluginError(f"{page.file.src_uri}：parts 中{exc}") from None
        site_name = html.unescape(str(config.site_name))
        page.meta["share_head"] = share.head_tags(
            title=generated.title if generated else (site_name if page.is_homepage else page.title or ""),
            description=generated.description if generated else page.meta.get("description") or content_of(config).settings.description,
            site_name=site_name,
            url=page.url,
            site_url=config.site_url,
            json_ld=generated.json_ld if generated else None,
            image=generated.image if generated else None,
        )
        return context

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        """Drawn: a large build should not keep every page's HTML nor its sharing tags (3 KB a page)."""
        if isinstance(page, KitPage):
            page.content = ""
        page.meta.pop("share_head", None)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        out = Path(config.site_dir)
        if self.session is not None:
            self._post_serve_build(out, config)
            return
        if self.poster_share is not None:
            (built, claims), self.poster_share = self.poster_share, None
            _write_posters(built, claims.backs(), out / FILES_SCRATCH)
        if self.drawing is not None:
            pages, self.drawing = self.drawing, None
            pages.finish()
        files_job, self.files_job = self.files_job, None
        job, self.search_job = self.search_job, None
        try:
            files_job.finish(out, merge=True, keep=self.page_paths)
        except background.JobFailed as exc:
            job.cancel()
            raise PluginError(f"数据文件未能生成，网站未生成：{exc}") from None
        try:
            job.finish(out / search_index.FOLDER)
        except background.JobFailed as exc:
            raise PluginError(f"搜索索引未能生成，网站未生成：{exc}") from None
        _publish(out, config)

    def _post_serve_build(self, out: Path, config: MkDocsConfig) -> None:
        """`mkdocs serve`: the search index written in this process unless no entry changed, then remembered."""
        index = build_of(config).extras["search_index"]
        if not self.session.search_unchanged(index.entries):
            index.write(out / search_index.FOLDER)
        if not self.session.quick_saving:  # a quick save leaves sitemap.xml as it was: robots.txt and the split sitemap too
            _publish(out, config)
        self.session.remember(config.site_dir, index.entries)

    def on_build_error(self, *, error: Exception) -> None:
        """A page failed: the files and the search index being written beside the pages are stopped and removed."""
        jobs, self.files_job, self.search_job, self.drawing = (self.files_job, self.search_job, self.drawing), None, None, None
        self.poster_share = None
        for job in jobs:
            if job is not None:
                job.cancel()

    def on_serve(self, server, config: MkDocsConfig, builder):
        """`mkdocs serve` rebuilds on edits in the content folders, without a `watch:` list in every site's mkdocs.yml;
        after the first build, with the kit's builder (`incremental.rebuilder`), told of changes by file events
        where the system has them (`incremental.watch_by_events`)."""
        root = Path(config.config_file_path).parent
        for name in CONTENT_DIRS:
            if (root / name).is_dir():
                server.watch(str(root / name))
        if self.session is not None:
            host, port = config.dev_addr
            server.builder = incremental.rebuilder(config.config_file_path, config.site_dir, config.site_url, f"{host}:{port}", config.strict)
            incremental.watch_by_events(server, root)
        return server


def _add_theme(config: MkDocsConfig) -> None:
    """The kit's templates sit between the site's own `custom_dir` (which wins) and Material;
    its styles and scripts are the page shell's (leaguekit.mkdocs.shell)."""
    if str(shell.THEME_DIR) not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(shell.THEME_DIR))


@functools.cache
def _base_path(base: str) -> str | None:
    """The path of site_url, when joining a plain relative URL to it is appending (else None)."""
    parts = urlsplit(base if base.endswith("/") else base + "/")
    return parts.path if parts.scheme in ("http", "https") and parts.netloc and not parts.query and not parts.fragment and "#" not in base and "?" not in base else None


def _plain_url(url: str) -> bool:
    """No scheme, query, fragment, leading or double slash, nor a `.` or `..` segment: urljoin would only append it."""
    return not (url.startswith("/") or "//" in url or any(c in url for c in ":?#;\\") or any(part in (".", "..") for part in url.split("/")))


def _publish(out: Path, config: MkDocsConfig) -> None:
    """robots.txt, and the sitemap split and gzipped reproducibly."""
    (out / "robots.txt").write_text(publish.robots_txt(config.site_url), encoding="utf-8")
    sitemap = out / "sitemap.xml"
    if sitemap.exists():
        for name, data in publish.split_sitemap(sitemap.read_bytes(), config.site_url).items():
            (out / name).write_bytes(data)
        # MkDocs stamps the .gz with the clock; rewrite it without
        (out / "sitemap.xml.gz").write_bytes(publish.gzip_bytes(sitemap.read_bytes(), "sitemap.xml"))


def _poster_claims(built: generate.Site) -> background.Claims | None:
    count = posters.count(built.content, built.site_url)
    if not count:
        return None
    try:
        return background.Claims(count)
    except OSError:  # no shared semaphores here: the files' process makes every poster
        return None


def _write_files(built: generate.Site, poster_claims: background.Claims | None, folder: Path) -> None:
    """`output.files` under `folder`, as MkDocs would write them (text as UTF-8; a later file of one path wins);
    with `poster_claims`, the door posters last, from the front until the build process meets them from the back."""
    for path, data in output.files(built, with_posters=poster_claims is None):
        _write(folder, path, data)
        del data  # not kept while the next file is made (a national venues.geojson is 40 MB)
    if poster_claims is not None:
        _write_posters(built, poster_claims.fronts(), folder)


def _write_posters(built: generate.Site, indexes: Iterable[int], folder: Path) -> None:
    for index in indexes:
        poster = posters.poster_at(built.content, index, built.site_url)
        _write(folder, poster.path, poster.html)


def _write(folder: Path, path: str, data: str | bytes) -> None:
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _photos(files: Files, config: MkDocsConfig) -> dict:
    """Venue photos derived (`leaguekit.output.images`, cached outside site/) and their files added;
    a photo kept under docs/ is never published as taken: its own address serves the derived JPEG."""
    root = Path(config.config_file_path).parent
    cache = root / images.CACHE
    photos = [p for v in content_of(config).venues for p in v.photos]
    try:
        derived = images.derive(root, photos, cache)
    except images.DeriveError as exc:
        raise PluginError(f"照片有误，未生成网站：\n{exc}") from None
    for path, source in images.files(derived, cache):
        files.append(File.generated(config, path, abs_src_path=str(source)))
    docs = _docs_dir(config) + "/"
    for photo in {p.path: p for p in photos if p.path.startswith(docs)}.values():
        rel = photo.path.removeprefix(docs)
        if (original := files.get_file_from_path(rel)) is not None:
            files.remove(original)
        files.append(File.generated(config, rel, abs_src_path=str(images.cached_file(cache, derived[photo.path].fallback.path))))
    return derived


def _git_head(root: Path) -> str | None:
    """The checked-out commit ('' outside git): git dates change only with it."""
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _org_of_page(src_uri: str) -> str:
    """`taigu` for a hand-written page under docs/orgs/taigu/."""
    parts = src_uri.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "orgs" else ""


def _nav_paths(items) -> list[str]:
    """Every file named in mkdocs.yml's nav."""
    found: list[str] = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += _nav_paths(value)
        elif isinstance(value, str):
            found.append(value)
    return found


def _docs_dir(config: MkDocsConfig) -> str:
    """docs_dir relative to the project root, e.g. 'docs'."""
    return Path(config.docs_dir).relative_to(Path(config.config_file_path).parent).as_posix()
