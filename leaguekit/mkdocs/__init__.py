"""The MkDocs adapter: the plugin a site names in mkdocs.yml (`plugins: [leaguekit]`), the theme it adds,
and the macros module mkdocs-macros loads by name. The only stage that imports MkDocs."""
