"""Macros for figures and computed counts in hand-written pages (registered by page_macros).

A page names its org once in front matter (`org: taigu`); `{{ fig("key") }}`
then finds `taigu.key`. An unknown key raises `FigureNotFound`, whose message
names the key and the nearest existing keys; with `on_error_fail: true`
mkdocs-macros turns that into a failed build.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from .. import urls
from ..content.figures import FigureBook, FigureEntry, FigureNotFound, page_url
from ..content.model import Content
from . import stats
from .charts import Datum, bar_chart, line_chart
from .render import render_in_markdown


def register(env, content: Content, book: FigureBook) -> None:
    def here() -> str:
        return env.page.url if env.page is not None else ""

    def page_org(org: str | None) -> str | None:
        if org is not None:
            return org
        return env.page.meta.get("org") if env.page is not None else None

    def where(key: str = "") -> str:
        """docs/<page>:<line> of the first line naming `key`, so staff can jump to the typo."""
        if env.page is None:
            return "?"
        path = env.page.file.abs_src_path
        lines = Path(path).read_text(encoding="utf-8").splitlines() if path else []
        line = next((n for n, text in enumerate(lines, 1) if f'"{key}"' in text or f"'{key}'" in text), 1) if key else 1
        return f"docs/{env.page.file.src_uri}:{line}"

    def lookup(key: str, org: str | None) -> FigureEntry:
        try:
            return book.get(key, page_org(org))
        except FigureNotFound as exc:
            raise FigureNotFound(f"{where(key)} {exc}") from None

    def figure_href(f: FigureEntry) -> str:
        page = book.orgs[f.org].figures_page
        return urls.relative(here(), page_url(page)) + f"#{f.anchor}" if page else ""

    @env.macro
    def fig(key: str, org: str | None = None, note: bool = True) -> Markup:
        """A figure in the report's wording, with its period linking to its provenance."""
        f = lookup(key, org)
        return render_in_markdown("fig.html", f=f, note=note, href=figure_href(f)).strip()

    @env.macro
    def fig_table(group: str, org: str | None = None) -> Markup:
        """All figures of one group (e.g. 青春铸魂领航工程) as a table."""
        try:
            found, figures = book.group(group, page_org(org))
        except FigureNotFound as exc:
            raise FigureNotFound(f"{where(group)} {exc}") from None
        first = book.orgs[figures[0].org].sources[0].key if figures else ""
        return render_in_markdown("fig_table.html", group=found, figures=figures, first_source=first, anchors=False)

    @env.macro
    def fig_list(org: str | None = None) -> Markup:
        """Every figure of an org, grouped, with sources: the page to cite."""
        try:
            figures = book.org(page_org(org))
        except FigureNotFound as exc:
            raise FigureNotFound(f"{where(org or '')} {exc}") from None
        first = figures.sources[0].key
        parts = [render_in_markdown("fig_sources.html", sources=figures.sources)]
        parts += [render_in_markdown("fig_table.html", group=g, figures=figures.in_group(g.key), first_source=first, anchors=True) for g in figures.groups]
        return Markup("\n".join(parts))

    @env.macro
    def fig_count(org: str | None = None) -> int:
        """How many figures an org's file states (all orgs when none is given and the page names none)."""
        chosen = page_org(org)
        return len(book.org(chosen).figures) if chosen else len(book.all)

    @env.macro
    def fig_chart(key: str, org: str | None = None) -> Markup:
        """A bar chart declared under `charts:` in the org's figures file."""
        try:
            spec = book.chart(key, page_org(org))
        except FigureNotFound as exc:
            raise FigureNotFound(f"{where(key)} {exc}") from None
        data = [Datum(f.data.label, f.data.value, f.text, figure_href(f)) for f in spec.figures]
        ident = f"chart-{spec.figures[0].org}-{spec.key}".replace("_", "-")
        return render_in_markdown("chart.html", chart=bar_chart(ident, spec.title, data))

    @env.macro
    def count_chart(kind: str, org: str | None = None) -> Markup:
        """A count computed from venue and brand files, drawn as bars (a line for venues_by_year)."""
        if kind not in stats.KINDS:
            raise KeyError(f"{where(kind)} count_chart 不认识 “{kind}”；可选：{'、'.join(stats.KINDS)}")
        function, title, unit = stats.KINDS[kind]
        chosen = page_org(org)
        if chosen:
            title = f"{content.orgs[chosen].short_name}：{title}"
        data = [Datum(c.label, c.value, f"{c.value}{unit}", urls.relative(here(), c.url) if c.url else "") for c in function(content, chosen)]
        ident = f"chart-{chosen or 'all'}-{kind}".replace("_", "-")
        draw = line_chart if kind == "venues_by_year" else bar_chart
        return render_in_markdown("chart.html", chart=draw(ident, title, data))

    @env.macro
    def reported_vs_listed(key: str, org: str | None = None) -> Markup:
        """“青年之家报告数 104家（2020年），本站已收录 N 个”: both numbers, never one typed by hand."""
        f = lookup(key, org)
        if not f.data.counts:
            raise FigureNotFound(f"{where(key)} 数据项 “{f.ref}” 没有写 counts（对应阵地类型），不能与本站收录数对照")
        c = stats.compare(content, f)
        return render_in_markdown("fig_compare.html", c=c, href=urls.relative(here(), c.url)).strip()

    @env.macro
    def headline_figures(org: str | None = None) -> Markup:
        """Tiles of the figures marked `headline: true` (all orgs when none is named)."""
        chosen = page_org(org)
        orgs = [book.org(chosen)] if chosen else list(book.orgs.values())
        figures = [(f, figure_href(f), "" if chosen else content.orgs[f.org].short_name) for o in orgs for f in o.headline]
        return render_in_markdown("fig_tiles.html", figures=figures)
