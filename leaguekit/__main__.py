"""`python -m leaguekit check [ROOT]`: validate all content without building the site."""

from __future__ import annotations

import argparse
import sys
import time

from .content import load
from .figures import load as load_figures
from .problems import ContentError, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m leaguekit")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="检查 venues/、brands/、data/ 中的全部内容")
    check.add_argument("root", nargs="?", default=".")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    try:
        content = load(args.root)
        figures = load_figures(args.root, content)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    if content.warnings:
        print(report(content.warnings))
    print(f"内容检查通过：{len(content.venues)} 个阵地，{len(content.brands)} 个品牌项目，{len(content.orgs)} 个团组织，{len(figures.all)} 项报告数据（{time.perf_counter() - started:.2f} 秒）。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
