"""`make build-all`: the site of every org with a `site_url`, each into `site-all/<org>/`, in one process.

The content is read and checked once; each org's part (`Build.site_of`) is handed to a fresh MkDocs
build through the plugin's `preloaded`, so the per-site cost is MkDocs' own, not reading 69,000 files
again; what does not depend on the org is done once for all the sites (`sharing`: the theme's file
listing, hand-written pages' Markdown and their macros' templates, what mkdocs-macros asks git; the search
index's tokens of an entry; what writing a site's files loads on first use, `output.prepare`). Each site is
built into a fresh directory and swapped in on success (`output.sitedir`).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from leaguekit import build, output
from leaguekit.content import gitdates, schedule, subtree
from leaguekit.content.model import Content
from leaguekit.content.problems import ContentError
from leaguekit.content.schema import Org
from leaguekit.mkdocs import sharing
from leaguekit.output import sitedir

FOLDER = "site-all"


class Shared:
    """What the sites of one `build-all` run share (`sharing`)."""

    def __init__(self, content: Content, orgs: list[Org]) -> None:
        self.theme_listings: dict[str, list[str]] = {}
        self.markdown = sharing.MarkdownMemo()
        self.content = content
        self.pending = [o.id for o in orgs]
        self.scores: dict[str, dict] = {}  # org id -> search tokens by entry of its site (with its ancestors')

    def search_scores(self, org_id: str) -> dict:
        """The search tokens by entry for `org_id`'s site (the plugin's `shared_scores`): its nearest ancestor
        site's, whose entries are mostly its own, added to as it builds. A site's are kept only while a site
        still to build lies below it, so a national run holds a province's and a city's, not the country's."""
        found = dict(next((self.scores[o.id] for o in self.content.org_chain(org_id) if o.id in self.scores), {}))
        self.pending.remove(org_id)
        above = {o.id for pending in self.pending for o in self.content.org_chain(pending)}
        for done in [k for k in self.scores if k not in above]:
            del self.scores[done]
        if org_id in above:
            self.scores[org_id] = found
        return found


def build_one(root: Path, loaded: build.Build, site_dir: Path, shared: Shared) -> int:
    """One strict MkDocs build of `loaded` into `site_dir`; 0 on success."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    plugin = config.plugins["leaguekit"]
    plugin.preloaded, plugin.shared_scores = loaded, shared.search_scores(loaded.site_org)
    config.plugins["leaguekit-shared"] = shared.markdown
    sharing.list_theme_once(config.theme, root, shared.theme_listings)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    except MkDocsException as exc:  # the message is already logged; Abort carries only a summary
        print(f"{loaded.content.publisher.short_name}的网站未生成：{exc}", file=sys.stderr)
        return 1
    finally:
        config.plugins.on_shutdown()
        # The site's search entries and tokens go now: MkDocs' pages and files hold each other in cycles that
        # reach them, which only a full garbage collection would free, one site's worth after another.
        loaded.extras.clear()
    return 0


def build_all(root: Path, out: Path | None = None) -> int:
    """Every org with a `site_url` into `out/<org id>/` (default site-all/); stops at the first failure."""
    out = out or root / FOLDER
    _show_warnings()
    try:
        content, figures = build.load(root)
    except ContentError as exc:
        print(f"内容有误，未生成网站：\n{exc}", file=sys.stderr)
        return 1
    orgs = subtree.sites(content)
    if not orgs:  # nothing to do is not a failure: CI runs build-all whether or not any org has a site yet
        print("data/orgs.yml 中没有团组织写了 site_url，没有要单独生成的网站。给要单独建站的团组织加上 site_url（网站地址）即可。")
        return 0
    today = schedule.build_date()
    whole = build.Build(content, figures, gitdates.last_changed(root, today), today)
    shared = Shared(content, orgs)
    jobs = [(out / org.id, lambda fresh, org=org: build_one(root, whole.site_of(org.id), fresh, shared)) for org in orgs]
    output.prepare()
    with sharing.git_asked_once():
        code = sitedir.build_with(root, jobs)
    if code == 0:
        print(f"已生成 {len(orgs)} 个网站：" + "、".join(f"{o.short_name}（{_shown(out / o.id, root)} → {o.site_url}）" for o in orgs))
    return code


def _shown(path: Path, root: Path) -> str:
    return f"{path.relative_to(root).as_posix()}/" if path.is_relative_to(root) else str(path)


def _show_warnings() -> None:
    """What `mkdocs build` prints (warnings and errors) also reaches the console of an in-process build."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        logger.addHandler(handler)
