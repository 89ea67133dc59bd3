"""What `build-all`'s builds share, one org's site after another in one process: work whose result does not
depend on the org, done once and checked before it is reused.

- The theme's file listing (`list_theme_once`): MkDocs lists every file of every theme folder on each build
  (Material's icons: about 0.15 s a site). Folders outside the project (Material, the kit's theme) are listed
  once per process; the site's own each time. Names under a dot folder are left out: MkDocs' listing skips
  them as theme files anyway.
- A hand-written page's Markdown converted to HTML (`MarkdownMemo`): the staff guide and an org's pages are
  the same text on several sites. MkDocs' conversion reads the page's text (after macros), its own file and
  the site's files (a link is rewritten to the file it names, or warned about). The memo keys the result by
  the text, the page's file and the Markdown configuration, records every file the conversion looked up, and
  reuses it only when this site's files answer each lookup the same way; a conversion that logged anything
  is never reused, so each site reports its own warnings.
- A hand-written page's text compiled as a template by mkdocs-macros (`MarkdownMemo.compile`): before its
  Markdown is converted, every page is a Jinja template, and most are the same text on every site. Jinja's
  code for a text depends on nothing else but the environment's syntax, extensions and options and which
  filters and tests it has (`code_settings`); the memo keys the code by both.
- What mkdocs-macros asks git on every build (`git_asked_once`: twelve commands for its `git` variable): the
  sites of one run share the checkout, so the answer of the first is every site's.
"""

from __future__ import annotations

import copy
import functools
import logging
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs_macros import context as macros_context
from mkdocs_macros.plugin import MacrosPlugin


def list_theme_once(theme, root: Path, listings: dict[str, list[str]]) -> None:
    """Make `theme`'s environment list the folders outside `root` from `listings` (filled on first use)."""
    get_env = theme.get_env

    def listing(folder: str) -> list[str]:
        if Path(folder).resolve().is_relative_to(root.resolve()):
            return jinja2.FileSystemLoader(folder).list_templates()
        if folder not in listings:
            listings[folder] = [n for n in jinja2.FileSystemLoader(folder).list_templates() if not n.startswith(".")]
        return listings[folder]

    def env_listing_once():
        env = get_env()
        dirs = list(env.loader.searchpath)
        env.loader.list_templates = lambda: sorted({n for folder in dirs for n in listing(folder)})
        return env

    theme.get_env = env_listing_once


@contextmanager
def git_asked_once() -> Iterator[None]:
    """While it lasts, mkdocs-macros' git questions are asked once; each build gets its own copy of the answer."""
    asked = getattr(macros_context, "get_git_info", None)
    if asked is None:  # another mkdocs-macros: nothing to share
        yield
        return
    answer = functools.cache(asked)
    macros_context.get_git_info = lambda: copy.deepcopy(answer())
    try:
        yield
    finally:
        macros_context.get_git_info = asked


@dataclass(frozen=True)
class Found:
    """What a site's files answered for a path: the file's URL and whether it is excluded from the site."""

    url: str
    excluded: bool


def _found(file: File | None) -> Found | None:
    return None if file is None else Found(file.url, file.inclusion.is_excluded())


class _LookupsSeen(Files):
    """The site's files, remembering each path asked for and what was found (not a copy: a national site has
    100,000 files, and the conversion only looks paths up)."""

    def __init__(self, files: Files) -> None:
        self._site_files = files
        self.seen: dict[str, Found | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        file = self._site_files.get_file_from_path(path)
        self.seen[path] = _found(file)
        return file

    def __getattr__(self, name: str):
        """Anything else of `Files` (its `_src_uris` among them) is the site's."""
        return getattr(self._site_files, name)


@dataclass(frozen=True)
class Rendered:
    content: str
    toc: object
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    seen: dict[str, Found | None]


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG + 1)
        self.any = False

    def emit(self, record: logging.LogRecord) -> None:
        self.any = True


class MarkdownMemo(BasePlugin):
    """Registered by `build-all` in each org's build (`config.plugins`): hand-written pages convert through it."""

    # Conversions kept, the least recently used dropped first: a page the same on every site (the staff guide's)
    # stays, one that differs per site (an org's own page) goes, so a national run does not hold them all.
    KEPT = 64

    def __init__(self) -> None:
        self.rendered: OrderedDict[tuple, Rendered] = OrderedDict()
        self.hits = 0
        self.compiled: OrderedDict[tuple, object] = OrderedDict()  # Jinja's code by (text, code_settings)

    @event_priority(-100)  # after mkdocs-macros made its environment (its on_config)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for plugin in config.plugins.values():
            if isinstance(plugin, MacrosPlugin):
                plugin.env.compile = partial(self.compile, plugin.env, plugin.env.compile)
        return config

    def compile(self, env: jinja2.Environment, compile_text, source, name=None, filename=None, raw=False, defer_init=False):
        """`env.compile`, as mkdocs-macros' `from_string` calls it (a page's text alone): once per text and settings."""
        if name is not None or filename is not None or raw or defer_init:
            return compile_text(source, name, filename, raw, defer_init)
        key = (source, code_settings(env))
        if (code := self.compiled.get(key)) is None:
            code = self.compiled[key] = compile_text(source)
            while len(self.compiled) > self.KEPT:
                self.compiled.popitem(last=False)
        self.compiled.move_to_end(key)
        return code

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if type(page) is Page:  # the kit's own pages have no Markdown
            page.render = partial(self.render, page)
        return page

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        file = page.file
        settings = (config.markdown_extensions, config.mdx_configs, config.use_directory_urls, config.validation)
        key = (page.markdown, file.src_uri, file.url, file.inclusion, repr(settings))
        found = self.rendered.get(key)
        if found is not None and all(_found(files.get_file_from_path(path)) == was for path, was in found.seen.items()):
            self.hits += 1
            self.rendered.move_to_end(key)
            page.content, page.toc, page._title_from_render = found.content, found.toc, found.title
            page.present_anchor_ids = set(found.anchors)
            if found.links_to_anchors is not None:
                page.links_to_anchors = {files.get_file_from_path(uri): dict(links) for uri, links in found.links_to_anchors.items()}
            return
        lookups, logged = _LookupsSeen(files), _Logged()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(logged)
        try:
            Page.render(page, config, lookups)
        finally:
            logger.removeHandler(logged)
        if logged.any:
            return
        links = page.links_to_anchors
        self.rendered[key] = Rendered(
            page.content,
            page.toc,
            page._title_from_render,
            frozenset(page.present_anchor_ids or ()),
            None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
            lookups.seen,
        )
        while len(self.rendered) > self.KEPT:
            self.rendered.popitem(last=False)


def code_settings(env: jinja2.Environment) -> tuple:
    """What Jinja's code for a template's text depends on besides the text: the syntax, the extensions and
    options, and which filters and tests exist and what each is passed (the compiler checks both)."""

    def passed(found: dict) -> tuple:
        return tuple(sorted((name, str(getattr(f, "jinja_pass_arg", ""))) for name, f in found.items()))

    autoescape = env.autoescape(None) if callable(env.autoescape) else env.autoescape
    return (
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        tuple(sorted(env.extensions)), env.optimized, env.is_async, autoescape,
        None if env.finalize is None else str(getattr(env.finalize, "jinja_pass_arg", "")),
        passed(env.filters), passed(env.tests),
    )
