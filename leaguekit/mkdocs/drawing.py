"""The pages drawn on two cores: MkDocs draws them one after another in one process.

Once every page has been read (on_env), `Drawing.start` forks a process that draws pages from the back of
MkDocs' list while MkDocs draws from the front, each page claimed under a lock (`background.Claims`), until the two
meet. A page the other process claimed is drawn here as nothing (the kit's main.html extends
drawn-elsewhere.html when the context says `drawn_elsewhere`), and MkDocs writes no empty page.

The forked process runs MkDocs' own page step (`_build_page`, as `incremental` does) with every plugin's
events, so each page's bytes are those of a build in one process. What it logs at warning level or above
is logged again here (strict mode counts it here, once); a page that fails there fails the build with the
same message. Only pages drawn with the kit's main.html are shared: a page with its own `template:`, or a
site whose custom_dir replaces main.html, is drawn here alone. So is every page of a site with another plugin
that sees each page as it is drawn (on_page_context, on_post_page): it may keep what it sees for later, as
Material's search plugin keeps each page's text for its index, and it would not see the other process's pages.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import jinja2
from mkdocs.commands.build import _build_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import background, shell

KIT_MAIN = str(shell.THEME_DIR / "main.html")
# Fewer pages than this are drawn in one process: the forked process compiles templates and draws the shared
# menu and footer again (about 0.1 s), which a site of a few hundred pages does not win back.
LEAST_PAGES = 200
SKIPPED = "Page skipped: '"  # what MkDocs logs (info) for a page drawn as nothing


class Drawing:
    """The pages shared with a forked process, from on_env to on_post_build."""

    def __init__(self, positions: dict[str, int], claims: background.Claims, job: background.Job) -> None:
        self.positions = positions  # src_uri -> index in the shared list
        self.claims = claims
        self.job = job
        self.met = False  # the ends have met: every page left is the other process's
        self.quiet = _QuietSkipped(positions)
        logging.getLogger("mkdocs.commands.build").addFilter(self.quiet)

    @classmethod
    def start(cls, files: Files, config: MkDocsConfig, nav: Navigation, env: jinja2.Environment, kit: BasePlugin) -> Drawing | None:
        """Fork the process drawing from the back, when forking is safe, no plugin but `kit` sees the pages drawn
        and there are pages enough to share."""
        if not background.forking_helps() or env.get_template("main.html").filename != KIT_MAIN or _others_see_pages(config, kit):
            return None
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        pages = [f.page for f in doc_files if f.page is not None and f.page.meta.get("template", "main.html") == "main.html"]
        if len(pages) < LEAST_PAGES:
            return None
        try:
            claims = background.Claims(len(pages))
        except OSError:  # no shared semaphores here (a container without /dev/shm): one process draws
            return None
        job = background.Job.start(partial(_draw_from_back, pages, claims, doc_files, nav, env, config), None)
        if job.pid is None:
            return None
        return cls({p.file.src_uri: i for i, p in enumerate(pages)}, claims, job)

    def mine(self, page: Page) -> bool:
        """Whether this process draws `page` (MkDocs asks in its order, which is the list's)."""
        index = self.positions.get(page.file.src_uri)
        if index is None:
            return True
        if not self.met and self.claims.front(index):
            return True
        self.met = True
        return False

    def finish(self) -> None:
        """Wait for the other process; its warnings logged here; its failure is the build's."""
        self._stop_quieting()
        try:
            report = json.loads(self.job.result())
        except background.JobFailed as exc:
            raise PluginError(f"页面未能生成，网站未生成：{exc}") from None
        for name, level, message in report["logged"]:
            logging.getLogger(name).log(level, "%s", message)
        if error := report.get("error"):
            raise PluginError(error)

    def cancel(self) -> None:
        """The build failed here: the other process is stopped."""
        self._stop_quieting()
        self.job.cancel()

    def _stop_quieting(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(self.quiet)


def _others_see_pages(config: MkDocsConfig, kit: BasePlugin) -> bool:
    """Whether anything but `kit` handles the events of a page being drawn (a hook file's functions included)."""
    return any(getattr(handler, "__self__", None) is not kit for event in ("page_context", "post_page") for handler in config.plugins.events[event])


def _draw_from_back(pages: list[Page], claims: background.Claims, doc_files: Sequence[File], nav: Navigation, env: jinja2.Environment, config: MkDocsConfig, _scratch: Path | None) -> str:
    """In the forked process: draw and write pages from the back until the ends meet; the report for `finish`."""
    logged = _Collected()
    report: dict = {"logged": logged.records}
    try:
        for index in claims.backs():
            page = pages[index]
            _build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())
    except BuildError as exc:  # MkDocs logged which page; the build process fails with the same message
        report["error"] = str(exc)
    return json.dumps(report, ensure_ascii=False)


class _Collected(logging.Handler):
    """In the forked process, MkDocs' log keeps what it says at warning level or above for the build process."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []
        mkdocs_log = logging.getLogger("mkdocs")
        for handler in list(mkdocs_log.handlers):
            mkdocs_log.removeHandler(handler)
        mkdocs_log.addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class _QuietSkipped(logging.Filter):
    """MkDocs notes each page drawn as nothing; those the other process drew are not worth a line each."""

    def __init__(self, positions: dict[str, int]) -> None:
        super().__init__()
        self.positions = positions

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith(SKIPPED) and message[len(SKIPPED):].split("'", 1)[0] in self.positions)
