"""The pages a pull request adds, changes and removes, from two built sites, as Chinese Markdown for
GitHub's job summary (`$GITHUB_STEP_SUMMARY`).

    python tools/sitediff.py BASE_SITE HEAD_SITE [--base main] [--artifact site]

Both sites are built with the same SOURCE_DATE_EPOCH, so a page differs only when what it shows
differs (two builds of one commit are byte-identical). Pages are the HTML files; their titles come
from <title>. Lists stop at LIMIT entries each: a change to the kit may touch every page.
Standard library only: it runs from the runtime virtualenv that `make build` made.
"""

from __future__ import annotations

import argparse
import filecmp
import html
import re
import sys
from pathlib import Path

LIMIT = 200
TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def pages(site: Path) -> dict[str, Path]:
    """URL (as the site links it: `venues/x/`, `404.html`) -> the HTML file."""
    found = {}
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        found[rel.removesuffix("index.html") if rel.endswith("index.html") else rel] = path
    return found


def title(path: Path) -> str:
    """The page's own title: Material writes `<page> - <site>` (the home page: the site alone)."""
    with path.open("rb") as f:
        match = TITLE.search(f.read(20_000))
    text = " ".join(html.unescape(match.group(1).decode("utf-8", "replace")).split()) if match else ""
    return text.rpartition(" - ")[0] or text


def compare(base: Path, head: Path) -> tuple[list[str], list[str], list[str], int]:
    """Added, changed and removed URLs (sorted), and the number of pages in `head`."""
    old, new = pages(base), pages(head)
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = sorted(url for url in set(old) & set(new) if not filecmp.cmp(old[url], new[url], shallow=False))
    return added, changed, removed, len(new)


def _text(value: str) -> str:
    return PUNCTUATION.sub(r"\\\1", value)


def summary(base: Path, head: Path, base_name: str = "", artifact: str = "") -> str:
    added, changed, removed, total = compare(base, head)
    against = f"目标分支 {_text(base_name)} " if base_name else "目标分支"
    out = [f"## 网站的变化（与{against}生成的网站相比）", ""]
    if not (added or changed or removed):
        out.append(f"没有页面变化（共 {total} 个页面）。")
    else:
        out.append(f"新增 {len(added)} 个页面，修改 {len(changed)} 个，删除 {len(removed)} 个（本次共 {total} 个页面）。")
    for heading, urls, site in (("新增", added, head), ("修改", changed, head), ("删除", removed, base)):
        if not urls:
            continue
        out += ["", f"### {heading}（{len(urls)}）", "", "| 页面 | 标题 |", "| --- | --- |"]
        out += [f"| {_text('/' + url)} | {_text(title(pages_in(site, url)))} |" for url in urls[:LIMIT]]
        if len(urls) > LIMIT:
            out += ["", f"另有 {len(urls) - LIMIT} 个未列出。"]
    if artifact:
        out += ["", f"生成的网站已作为本次运行的附件（Artifacts）“{_text(artifact)}”上传：下载解压后，在解压出的文件夹里运行 `python3 -m http.server`，再用浏览器打开 http://127.0.0.1:8000/ 预览。"]
    return "\n".join(out) + "\n"


def pages_in(site: Path, url: str) -> Path:
    return site / (url + "index.html" if url.endswith("/") or not url else url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="the base branch's built site/")
    parser.add_argument("head", type=Path, help="this pull request's built site/")
    parser.add_argument("--base", dest="base_name", default="", help="the base branch's name, for the heading")
    parser.add_argument("--artifact", default="", help="the name the built site was uploaded under")
    args = parser.parse_args(argv)
    for site in (args.base, args.head):
        if not (site / "index.html").is_file():
            print(f"{site} 不是生成好的网站（没有 index.html）", file=sys.stderr)
            return 2
    sys.stdout.write(summary(args.base, args.head, args.base_name, args.artifact))
    return 0


if __name__ == "__main__":
    sys.exit(main())
