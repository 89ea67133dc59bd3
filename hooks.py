"""MkDocs adapter: the only place where MkDocs meets the content model.

- on_config: load and validate all content and figures (a problem stops the build
  before `site/` is touched); site name, description and footer from data/, escaped.
- on_files: one page per venue, brand, listing, district and org, the finder page and
  its JSON (`leaguekit.generate`, `leaguekit.finder_data`), and alias redirects.
- on_page_markdown: "最后更新" from git. on_page_context / on_post_page: a generated
  page's HTML exists only while MkDocs writes it.
- Search (`leaguekit.search_index`): generated pages bring their own entries (on_files),
  hand-written pages give their text (on_page_content); on_post_build writes site/search/.
- on_post_build: robots.txt and a reproducible sitemap.xml.gz.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from leaguekit import generate, gitdates, publish, search_index, site
from leaguekit.content import Content
from leaguekit.finder_data import finder_data
from leaguekit.problems import ContentError

CONTENT_DIRS = ("venues/", "brands/", "data/")


class KitPage(Page):
    """A page the kit draws itself: MkDocs' Markdown step is skipped (the kit's HTML,
    with contributor text already sanitised, is the content)."""

    def __init__(self, generated: generate.GeneratedPage, file: File, config: MkDocsConfig):
        super().__init__(None, file, config)
        self.generated = generated

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = self.generated.meta()

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])


def content_of(config: MkDocsConfig) -> Content:
    return config.extra["content"]


def _safe(text: str) -> Markup:
    """Material prints site_name, site_description and copyright unescaped in places."""
    return Markup(html.escape(text))


@event_priority(100)  # before mkdocs-macros reads config.extra
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    try:
        content, figures = site.load(root)
    except ContentError as exc:
        raise PluginError(f"内容有误，未生成网站：\n{exc}") from None
    publisher = content.publisher
    config.extra["content"] = content
    config.extra["figures"] = figures
    config.extra["icp"] = content.settings.icp
    config.site_name = _safe(f"{publisher.short_name} · {content.settings.title}")
    config.site_description = _safe(content.settings.description)
    config.copyright = _safe(publisher.name + (f"｜{publisher.footer}" if publisher.footer else ""))
    config.extra["git_dates"] = gitdates.last_changed(root)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    docs = _docs_dir(config)
    in_nav = set(_nav_paths(config.nav or []))
    built = generate.Site(content_of(config), figures=config.extra["figures"])
    index = config.extra["search_index"] = search_index.SearchIndex()
    for page in generate.pages(built):
        index.add(page.url, page.search)
        if (existing := files.get_file_from_path(page.src_uri)) is not None:
            files.remove(existing)
        inclusion = InclusionLevel.INCLUDED if page.src_uri in in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content="", inclusion=inclusion)
        # "编辑此页" opens the venue or brand file: edit_uri in mkdocs.yml ends at docs/, so step out of it.
        file.edit_uri = posixpath.relpath(page.source, docs) if page.source else None
        KitPage(page, file, config)
        files.append(file)
    for redirect in publish.redirects(content_of(config)):
        files.append(File.generated(config, redirect.path, content=redirect.html))
    for path, text in finder_data(content_of(config)).files():
        files.append(File.generated(config, path, content=text))
    return files


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


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    """`updated`: the last commit date of the page's source file (listings: of any content)."""
    dates = config.extra["git_dates"]
    if page.file.edit_uri is not None:
        updated = dates.get(posixpath.normpath(posixpath.join(_docs_dir(config), page.file.edit_uri)), "")
    else:
        updated = gitdates.newest(dates, CONTENT_DIRS)
    if updated:
        page.meta["updated"] = updated
    return markdown


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    if not isinstance(page, KitPage):
        entry = search_index.page_entry(page.url, page.title, page.meta.get("description", ""), html, content_of(config), config.extra["figures"])
        config.extra["search_index"].add(page.url, [entry])
    return html


def on_page_context(context, page, config: MkDocsConfig, nav):
    if isinstance(page, KitPage):
        page.content = page.generated.render()
    return context


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    if isinstance(page, KitPage):
        page.content = ""  # written; a large build should not keep every page's HTML
    return output


def on_post_build(config: MkDocsConfig) -> None:
    out = Path(config.site_dir)
    config.extra["search_index"].write(out / search_index.FOLDER)
    (out / "robots.txt").write_text(publish.robots_txt(config.site_url), encoding="utf-8")
    sitemap = out / "sitemap.xml"
    if sitemap.exists():  # MkDocs stamps the .gz with the clock; rewrite it without
        (out / "sitemap.xml.gz").write_bytes(publish.gzip_bytes(sitemap.read_bytes(), "sitemap.xml"))
