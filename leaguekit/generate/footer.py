"""What every page's footer says: who runs the site, how to reach them, its filing numbers.

Each line appears only when configured (data/site.yml, the publisher in data/orgs.yml).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import Content

ICP_REGISTRY = "https://beian.miit.gov.cn/"
POLICE_REGISTRY = "https://beian.mps.gov.cn/#/query/webSearch?code="


@dataclass(frozen=True)
class Contact:
    role: str
    text: str
    href: str = ""


@dataclass(frozen=True)
class Footer:
    publisher: str
    note: str
    contacts: tuple[Contact, ...]
    feedback: str
    icp: str
    police_number: str
    police_href: str
    police_icon: str  # path under the site root


def footer(content: Content) -> Footer:
    org, settings = content.publisher, content.settings
    contacts = []
    for c in org.contacts:
        if c.phone:
            contacts.append(Contact(c.role, c.phone, f"tel:{c.phone}"))
        if c.email:
            contacts.append(Contact(c.role, c.email, f"mailto:{c.email}"))
        if c.wechat:
            contacts.append(Contact(c.role, f"微信公众号“{c.wechat}”"))
        if c.address:
            contacts.append(Contact(c.role, c.address))
    police = settings.police_record
    return Footer(
        publisher=org.name,
        note=org.footer or "",
        contacts=tuple(contacts),
        feedback=settings.feedback or "",
        icp=settings.icp or "",
        police_number=police.number if police else "",
        police_href=POLICE_REGISTRY + police.code if police else "",
        police_icon=police.icon if police else "",
    )
