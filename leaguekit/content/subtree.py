"""One org's site (`SITE_ORG`): the content of that org and every org below it, published as that org.

Filtering happens here, once: every page, listing, export and count is then made from the returned
`Content` and `FigureBook` without knowing it is a part. What is left out stays reachable in
`Content.elsewhere`, so a link that leaves the subtree can point to a site that has the page.
"""

from __future__ import annotations

from dataclasses import replace

from .figures import FigureBook
from .model import Content, Elsewhere
from .schema import Org, SiteSettings


class UnknownOrg(ValueError):
    """SITE_ORG names no org in data/orgs.yml; the message lists the orgs."""


def unknown_org_message(org_id: str, orgs: dict[str, Org]) -> str:
    listed = "\n".join(f"  {o.id}：{o.name}" for o in orgs.values())
    return f"SITE_ORG=“{org_id}”不是 data/orgs.yml 中的团组织。可用的团组织：\n{listed}"


def settings_of(org: Org, settings: SiteSettings) -> SiteSettings:
    """data/site.yml's settings with the org's `site:` block laid over them, published by the org."""
    overrides = {name: getattr(org.site, name) for name in org.site.model_fields_set} if org.site else {}
    return settings.model_copy(update={**overrides, "publisher": org.id})


def site_of(content: Content, book: FigureBook, org_id: str) -> tuple[Content, FigureBook]:
    """The content and figures `org_id`'s site shows; raises UnknownOrg."""
    if org_id not in content.orgs:
        raise UnknownOrg(unknown_org_message(org_id, content.orgs))
    inside = set(content.org_tree(org_id))
    part = replace(
        content,
        settings=settings_of(content.orgs[org_id], content.settings),
        orgs={k: o for k, o in content.orgs.items() if k in inside},
        venues=[v for v in content.venues if v.data.org in inside],
        brands=[b for b in content.brands if b.data.org in inside],
        activities=[a for a in content.activities if a.data.org in inside],
        elsewhere=Elsewhere(
            orgs={k: o for k, o in content.orgs.items() if k not in inside},
            brands={b.id: b for b in content.brands if b.data.org not in inside},
            venues={v.id: v for v in content.venues if v.data.org not in inside},
        ),
    )
    return part, FigureBook({k: f for k, f in book.orgs.items() if k in inside})


def sites(content: Content) -> list[Org]:
    """The orgs `build-all` builds: each with a `site_url`, parents first."""
    return [o for o in content.orgs.values() if o.site_url]
