"""mkdocs-macros module (`modules: [leaguekit.mkdocs.macros]` under `macros:` in mkdocs.yml): the validated
content for hand-written pages.

Only pages under docs/ are rendered with macros; generated venue and brand pages switch rendering
off so contributor text is never run as Jinja.
"""

from leaguekit.generate import page_macros
from leaguekit.generate.render import inert
from leaguekit.staff import macros as staff_macros


def define_env(env):
    page_macros.register(env)
    staff_macros.register(env)


def on_pre_page_macros(env):
    """What hand-written pages print from data/ ({{ publisher.short_name }}) is escaped and inert to
    the Markdown that reads the page next; macros that draw HTML return Markup, drawn the same way.
    (mkdocs-macros builds its Jinja environment after define_env.)"""
    env.env.autoescape = True
    env.env.finalize = inert
