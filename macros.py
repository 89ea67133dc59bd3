"""This site's mkdocs-macros module (`module_name: macros` in mkdocs.yml): the kit's macros for
hand-written pages in docs/ (`{{ venue_count() }}`, `{{ fig("key") }}` …). A site's own macros go here too."""

from leaguekit.mkdocs.macros import define_env, on_pre_page_macros

__all__ = ["define_env", "on_pre_page_macros"]
