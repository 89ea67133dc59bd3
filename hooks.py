"""MkDocs adapter: the only place where MkDocs meets the content model.

on_config loads and validates all content (a problem stops the build before
`site/` is touched); on_files adds one generated page per venue, brand,
listing and org.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from leaguekit.content import Content, load
from leaguekit.export import finder_data
from leaguekit.figures import load as load_figures
from leaguekit.finder import nearby_page
from leaguekit.pages import PageBuilder
from leaguekit.problems import ContentError


def content_of(config: MkDocsConfig) -> Content:
    return config.extra["content"]


@event_priority(100)  # before mkdocs-macros reads config.extra
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    try:
        content = load(root)
        figures = load_figures(root, content)
    except ContentError as exc:
        raise PluginError(f"内容有误，未生成网站：\n{exc}") from None
    publisher = content.publisher
    config.extra["content"] = content
    config.extra["figures"] = figures
    config.extra["icp"] = content.settings.icp
    config.site_name = f"{publisher.short_name} · {content.settings.title}"
    config.site_description = content.settings.description
    config.copyright = f"{publisher.name}" + (f"｜{publisher.footer}" if publisher.footer else "")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    builder = PageBuilder(content_of(config), figures=config.extra["figures"])
    for page in [*builder.pages(), nearby_page(builder)]:
        if files.get_file_from_path(page.src_uri) is not None:
            files.remove(files.get_file_from_path(page.src_uri))
        listed = page.url in {"venues/", "districts/", "brands/", "orgs/", "nearby/"}
        files.append(
            File.generated(
                config,
                page.src_uri,
                content=page.markdown(),
                inclusion=InclusionLevel.INCLUDED if listed else InclusionLevel.NOT_IN_NAV,
            )
        )
    # Finder data for /nearby/: a manifest and one JSON file per grid cell (leaguekit.export).
    for path, text in finder_data(content_of(config)).files():
        files.append(File.generated(config, path, content=text))
    return files
