"""`python -m leaguekit check [ROOT] [--format github|gitlab|json]`: validate all content without building the site.

`build`: MkDocs into a fresh directory, swapped into site/ only on success (`sitedir`).
`new-venue` / `new-brand` / `new-activity` write a new content file (see `scaffold`); values come from
flags or from the environment (`make new-venue NAME=…` puts NAME there), never
through a shell command line, so quotes and backticks in a name stay text.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from . import build
from .content import reports
from .content.figures import stale_figures
from .content.holidays import missing_years
from .content.hours import CHINA_TZ
from .content.problems import ContentError, Problem, report


def china_today() -> date:
    """Today's date in China, whatever the machine's time zone (CI runs in UTC)."""
    return datetime.now(CHINA_TZ).date()


def main(argv: list[str] | None = None, today: Callable[[], date] = china_today) -> int:
    """`today` is the clock for date-dependent reminders; tests pass a fixed one."""
    parser = argparse.ArgumentParser(prog="python -m leaguekit")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="检查 venues/、brands/、activities/、data/ 中的全部内容")
    check.add_argument("root", nargs="?", default=".")
    check.add_argument(
        "--format",
        choices=reports.FORMATS,
        default="text",
        help="text（默认）；github：GitHub 工作流命令，并把完整列表写入 $GITHUB_STEP_SUMMARY；gitlab：GitLab 代码质量报告；json",
    )
    build_cmd = sub.add_parser("build", help="生成网站到 site/（成功后整体替换）")
    build_cmd.add_argument("--root", default=".")
    venue = sub.add_parser("new-venue", help="新建阵地文件")
    brand = sub.add_parser("new-brand", help="新建品牌项目文件")
    activity = sub.add_parser("new-activity", help="新建活动文件")
    for new, fields in (
        (venue, ("name", "type", "org", "district", "id", "address")),
        (brand, ("name", "org", "category", "summary", "id")),
        (activity, ("title", "org", "venue", "brand", "start", "end", "id")),
    ):
        new.add_argument("--root", default=".")
        for name in fields:
            new.add_argument(f"--{name}", default=os.environ.get(name.upper(), ""))
    venue.add_argument("--lat", type=float)
    venue.add_argument("--lng", type=float)
    args = parser.parse_args(argv)
    if args.command in ("new-venue", "new-brand", "new-activity"):
        return _new(args)
    if args.command == "build":
        from .output import sitedir

        root = Path(args.root).resolve()
        return sitedir.build(root, root / "site", [sys.executable, "-m", "mkdocs", "build", "--strict"])

    started = time.perf_counter()
    try:
        content, figures = build.load(args.root)
    except ContentError as exc:
        if args.format == "text":
            print(exc, file=sys.stderr)
        else:
            _formatted(args.format, exc.problems, report(exc.problems).rpartition("\n")[2])
        return 1
    now = today()
    warnings = content.warnings + stale_figures(figures, now.year) + missing_years(content.calendar, now)
    passed = f"内容检查通过：{len(content.venues)} 个阵地，{len(content.brands)} 个品牌项目，{len(content.activities)} 个活动，{len(content.orgs)} 个团组织，{len(figures.all)} 项报告数据（{time.perf_counter() - started:.2f} 秒）。"
    if args.format != "text":
        _formatted(args.format, sorted(warnings, key=lambda p: (p.path, p.line, p.field)), passed)
        return 0
    if warnings:
        print(report(warnings))
    print(passed)
    return 0


def _formatted(form: str, problems: list[Problem], summary: str) -> None:
    """Problems for another tool on stdout; for GitHub also the full list as a table in the job summary."""
    if form == "gitlab":
        print(reports.gitlab(problems))
    elif form == "json":
        print(reports.as_json(problems, summary))
    else:
        if problems:
            print(reports.github(problems))
        print(summary)
        if path := os.environ.get("GITHUB_STEP_SUMMARY"):
            server, repo, sha = (os.environ.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
            blob = f"{server}/{repo}/blob/{sha}" if server and repo and sha else ""
            with open(path, "a", encoding="utf-8") as out:
                out.write(reports.summary_table(problems, summary, blob))


def _new(args: argparse.Namespace) -> int:
    from .staff import scaffold  # pinyin tables are slow to import; `check` does not need them

    values = {k: v for k, v in vars(args).items() if k not in ("command", "root")}
    values["ident"] = values.pop("id")
    try:
        path = scaffold.run(args.command.removeprefix("new-"), Path(args.root), values, scaffold.interactive())
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    except scaffold.ScaffoldError as exc:
        print(f"未创建文件：{exc}", file=sys.stderr)
        return 2
    print(f"已创建 {path.relative_to(args.root).as_posix()}，内容检查通过。请打开文件补全信息，再运行 make check。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
