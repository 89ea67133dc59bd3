"""Whether a site is ready to publish: what `make check` refuses once the build is for the public
(`SITE_URL` set, or `check --publish` in a CI publish job).

A new site passes `make check` while it is being filled in: scaffolded files say `sample: true` and
show 示例数据. Publishing is when that must stop: every file still marked as sample, the kit's demo
wording left in data/ or docs/, a site without its public address or without a way for readers to
report a wrong address. Each is named by file and line.
"""

from __future__ import annotations

from itertools import chain
from pathlib import Path

from .files import front_line
from .model import Content
from .problems import Problem

# Wording of the kit's sample site and of its demo data: a committee's published site says none of it.
DEMO_TEXTS = ("演示站点", "演示网站", "示例数据")


def problems(content: Content, site_url: str) -> list[Problem]:
    found: list[Problem] = []
    for entry in chain(content.venues, content.brands, content.activities):
        if entry.data.sample:
            found.append(Problem(entry.source, front_line(content.root, entry.source, ("sample",)), "sample", "仍标为示例数据，不能发布", "核实地址、坐标、开放时间和电话等内容后删除 sample: true 这一行"))
    found += _demo_texts(content.root)
    if not site_url:
        found.append(Problem("mkdocs.yml", 1, "site_url", "发布时必须给出网站地址", "运行时设置 SITE_URL=https://你的域名/（分享卡片、网站地图和门牌二维码都用它）"))
    if not content.settings.feedback:
        found.append(Problem("data/site.yml", 1, "feedback", "没有纠错与建议的联系方式", "添加一行 feedback: mailto:邮箱 或 https://网址，读者发现地址、电话有误时用它告诉你们"))
    return found


def _demo_texts(root: Path) -> list[Problem]:
    """The demo wording in data/ and in the hand-written pages, by line."""
    found = []
    for folder, pattern in (("data", "*.yml"), ("docs", "*.md")):
        for path in sorted((root / folder).rglob(pattern)):
            if path.is_symlink() or not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                if text.lstrip().startswith("#") and folder == "data":
                    continue  # a YAML comment is not published
                if hit := next((word for word in DEMO_TEXTS if word in text), None):
                    found.append(Problem(rel, number, "", f"还有套件示例站点的文字“{hit}”", "上线前改成本站自己的说明，或删去这一句"))
    return found
