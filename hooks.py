"""MkDocs adapter: the only place where MkDocs meets the content model.

on_config loads and validates all content and figures (a problem stops the
build before `site/` is touched); on_files adds one generated page per venue,
brand, listing and org, the finder page and its JSON, and alias redirects;
on_page_markdown stamps "最后更新" from git; on_post_build writes robots.txt
and a reproducible sitemap.xml.gz.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from leaguekit import gitdates, publish, site
from leaguekit.content import Content
from leaguekit.export import finder_data
from leaguekit.finder import nearby_page
from leaguekit.pages import PageBuilder
from leaguekit.problems import ContentError

CONTENT_DIRS = ("venues/", "brands/", "data/")


def content_of(config: MkDocsConfig) -> Content:
    return config.extra["content"]


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
    config.site_name = f"{publisher.short_name} · {content.settings.title}"
    config.site_description = content.settings.description
    config.copyright = f"{publisher.name}" + (f"｜{publisher.footer}" if publisher.footer else "")
    config.extra["git_dates"] = gitdates.last_changed(root)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    docs = _docs_dir(config)
    builder = PageBuilder(content_of(config), figures=config.extra["figures"])
    for page in [*builder.pages(), nearby_page(builder)]:
        if files.get_file_from_path(page.src_uri) is not None:
            files.remove(files.get_file_from_path(page.src_uri))
        listed = page.url in {"venues/", "districts/", "brands/", "orgs/", "nearby/"}
        file = File.generated(
            config,
            page.src_uri,
            content=page.markdown(),
            inclusion=InclusionLevel.INCLUDED if listed else InclusionLevel.NOT_IN_NAV,
        )
        # "编辑此页" opens the venue or brand file, not the page generated from it:
        # edit_uri in mkdocs.yml ends at docs/, so step out of it.
        file.edit_uri = posixpath.relpath(page.source, docs) if page.source else None
        files.append(file)
    for redirect in publish.redirects(content_of(config)):
        files.append(File.generated(config, redirect.path, content=redirect.html))
    # Finder data for /nearby/: a manifest and one JSON file per grid cell (leaguekit.export).
    for path, text in finder_data(content_of(config)).files():
        files.append(File.generated(config, path, content=text))
    return files


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


def on_post_build(config: MkDocsConfig) -> None:
    out = Path(config.site_dir)
    (out / "robots.txt").write_text(publish.robots_txt(config.site_url), encoding="utf-8")
    sitemap = out / "sitemap.xml"
    if sitemap.exists():  # MkDocs stamps the .gz with the clock; rewrite it without
        (out / "sitemap.xml.gz").write_bytes(publish.gzip_bytes(sitemap.read_bytes(), "sitemap.xml"))
