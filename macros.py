"""mkdocs-macros entry point: exposes the validated content to hand-written pages.

Only pages under docs/ are rendered with macros; generated venue and brand
pages switch rendering off so contributor text is never run as Jinja.
"""

from leaguekit import reference
from leaguekit.page_macros import register


def define_env(env):
    register(env)
    reference.register(env)
