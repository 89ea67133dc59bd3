"""`python -m leaguekit check [ROOT] [--format github|gitlab|json]`: validate all content without building the site.

`build`: MkDocs into a fresh directory, swapped into site/ only on success (`sitedir`).
With `SITE_ORG=<org id>` in the environment, `check` and `build` (and `mkdocs serve`) take that org's
site (`content.subtree`); `build-all` builds every org with a `site_url` into site-all/<org>/ (`mkdocs.buildall`).
`new-venue` / `new-brand` / `new-activity` write a new content file (see `scaffold`); values come from
flags or from the environment (`make new-venue NAME=…` puts NAME there), never
through a shell command line, so quotes and backticks in a name stay text.
`new-site`: a content repository for one committee (`newsite`).
`export-sheet` / `import-sheet`: the venue ledger (台账) as a spreadsheet and back (`staff.sheet_export`,
`staff.sheet_import`); `make import-sheet SHEET=… APPLY=1` passes the file and the switch the same way.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from . import build
from .content import golive, reports, schedule, subtree
from .content.characters import printable
from .content.figures import stale_figures
from .content.holidays import missing_years
from .content.problems import ContentError, Problem, report


def china_today() -> date:
    """Today in China, whatever the machine's time zone (CI runs in UTC): the build's day, so
    `make check` and the build agree (SOURCE_DATE_EPOCH when set)."""
    return schedule.build_date()


def main(argv: list[str] | None = None, today: Callable[[], date] = china_today) -> int:
    """`today` is the clock for date-dependent reminders; tests pass a fixed one."""
    parser = argparse.ArgumentParser(prog="python -m leaguekit")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="检查 venues/、brands/、activities/、data/ 中的全部内容")
    check.add_argument("root", nargs="?", default=".")
    check.add_argument(
        "--publish",
        action="store_true",
        default=bool(os.environ.get("SITE_URL")),
        help="按上线标准检查（设置了 SITE_URL 时默认如此）：不允许示例数据和演示文字，须有网站地址和纠错联系方式",
    )
    check.add_argument(
        "--format",
        choices=reports.FORMATS,
        default="text",
        help="text（默认）；github：GitHub 工作流命令，并把完整列表写入 $GITHUB_STEP_SUMMARY；gitlab：GitLab 代码质量报告；json",
    )
    build_cmd = sub.add_parser("build", help="生成网站到 site/（成功后整体替换）")
    build_cmd.add_argument("--root", default=".")
    build_all = sub.add_parser("build-all", help="为 data/orgs.yml 中每个写了 site_url 的团组织各生成一个网站到 site-all/<id>/（内容只读一次）")
    build_all.add_argument("--root", default=".")
    build_all.add_argument("--into", default=os.environ.get("SITE_ALL", ""), help="放到哪个文件夹下（默认 site-all；发布到 GitHub Pages 时用 site，各组织的网站即在发布组织网站的 <id>/ 下）")
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
    # Read as staff_input reads them (37°25'21", full-width digits); the datum says which map they came from.
    for name in ("lat", "lng", "datum", "hours", "holidays"):
        venue.add_argument(f"--{name}", default=os.environ.get(name.upper(), ""))
    export = sub.add_parser("export-sheet", help="导出阵地台账：.xlsx（含下拉列表和字段说明）或 .csv")
    export.add_argument("file", nargs="?", default=os.environ.get("SHEET") or "台账.xlsx")
    export.add_argument("--org", default=os.environ.get("ORG", ""), help="只导出这个团组织及其下级的阵地")
    export.add_argument("--root", default=".")
    imported = sub.add_parser("import-sheet", help="从台账导入阵地：默认只预览，--apply 才写入文件")
    imported.add_argument("file", nargs="?", default=os.environ.get("SHEET", ""))
    imported.add_argument("--apply", action="store_true", default=os.environ.get("APPLY", "").lower() not in ("", "0", "no", "false"))
    imported.add_argument("--all", action="store_true", help="列出每一行的修改（默认只列前 20 行）")
    imported.add_argument("--root", default=".")
    site = sub.add_parser("new-site", help="为一个团组织新建网站内容仓库（使用套件，不复制套件代码）")
    site.add_argument("dir")
    site.add_argument("--org", required=True, help="团组织 id，例如 xian")
    site.add_argument("--name", required=True, help="全称，例如 共青团西安市委员会")
    site.add_argument("--region", required=True, help="行政区域，例如 陕西省西安市")
    site.add_argument("--short-name", default="", help="简称（默认由行政区域得出，例如 西安共青团）")
    site.add_argument("--level", default="", choices=("", "province", "city", "district"))
    site.add_argument("--kit", default="", help="requirements.txt 中套件的写法：版本号、文件夹或 Git 地址（默认本版本）")
    args = parser.parse_args(argv)
    if args.command == "new-site":
        return _new_site(args)
    if args.command in ("new-venue", "new-brand", "new-activity"):
        return _new(args)
    if args.command == "export-sheet":
        return _export_sheet(args)
    if args.command == "import-sheet":
        return _import_sheet(args)
    if args.command == "build":
        from .output import sitedir

        root = Path(args.root).resolve()
        if not os.environ.get("SITE_URL"):
            print("提示：没有设置 SITE_URL（网站的公开地址），生成的网站可以预览，但没有网站地图、分享卡片的完整网址和门牌海报；发布时请这样运行：SITE_URL=https://你的域名/ make build", file=sys.stderr)
        return sitedir.build(root, root / "site", [sys.executable, "-m", "mkdocs", "build", "--strict"])
    if args.command == "build-all":
        from .mkdocs import buildall

        root = Path(args.root).resolve()
        return buildall.build_all(root, root / args.into if args.into else None)

    started = time.perf_counter()
    gc.disable()  # `check` ends with the process: the cycle collector would walk everything read, for nothing (see `content.load`)
    try:
        content, figures = build.load(args.root)
    except ContentError as exc:
        if args.format == "text":
            print(exc, file=sys.stderr)
        else:
            _formatted(args.format, exc.problems, report(exc.problems).rpartition("\n")[2])
        return 1
    if site_org := os.environ.get("SITE_ORG", "").strip():
        try:
            content, figures = subtree.site_of(content, figures, site_org)
        except subtree.UnknownOrg as exc:
            print(exc, file=sys.stderr)
            return 2
    site_url = (content.publisher.site_url if site_org else None) or os.environ.get("SITE_URL", "")
    if args.publish and (refused := golive.problems(content, site_url)):
        if args.format == "text":
            print(f"{report(refused)}\n以上内容未达到上线标准，不能发布。", file=sys.stderr)
        else:
            _formatted(args.format, refused, report(refused).rpartition("\n")[2])
        return 1
    now = today()
    warnings = content.warnings + stale_figures(figures, now.year) + missing_years(content.calendar, now)
    passed = f"内容检查通过{f'（{content.publisher.short_name}的网站）' if site_org else ''}：{len(content.venues)} 个阵地，{len(content.brands)} 个品牌项目，{len(content.activities)} 个活动，{len(content.orgs)} 个团组织，{len(figures.all)} 项报告数据（{time.perf_counter() - started:.2f} 秒）。"
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
        path, elsewhere = scaffold.run(args.command.removeprefix("new-"), Path(args.root), values, scaffold.interactive())
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    except scaffold.ScaffoldError as exc:
        print(f"未创建文件：{exc}", file=sys.stderr)
        return 2
    print(f"已创建 {path.relative_to(args.root).as_posix()}，内容检查通过。请打开文件补全信息，再运行 make check。")
    if elsewhere:
        print(f"另外：其他文件还有 {len(elsewhere)} 个问题（与新文件无关），运行 make check 查看。")
    return 0


def _new_site(args: argparse.Namespace) -> int:
    from . import newsite

    dest = Path(args.dir)
    try:
        newsite.create(dest, org=args.org, name=args.name, region=args.region, kit=args.kit, short_name=args.short_name, level=args.level)
    except newsite.NewSiteError as exc:
        print(f"未创建：{exc}", file=sys.stderr)
        return 2
    print(f"已在 {dest} 创建{args.name}的网站仓库。进入该文件夹运行 make serve 预览，make new-venue 添加第一个阵地；上线前见其中的 README。")
    return 0


def _export_sheet(args: argparse.Namespace) -> int:
    from .staff import sheet_export, sheet_stamp
    from .staff.columns import vocabularies
    from .staff.frontmatter import read_venues

    root, path = Path(args.root), Path(args.file)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        print(f"未导出：{path.name} 应以 .xlsx 或 .csv 结尾", file=sys.stderr)
        return 2
    try:
        content = vocabularies(root)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.org and args.org not in content.orgs:
        print(f"未导出：“{args.org}”不是 data/orgs.yml 中的团组织 id", file=sys.stderr)
        return 2
    venues, _ = read_venues(root)
    count = sheet_export.write(path, content, venues, args.org, sheet_stamp.commit_of(root))
    print(f"已导出 {count} 个阵地到 {path}。改好后交给管理员导入（make import-sheet SHEET={path.name}）。")
    return 0


def _import_sheet(args: argparse.Namespace) -> int:
    from .staff import sheet_import
    from .staff.sheet_read import SheetError

    if not args.file:
        print("请给出表格文件：make import-sheet SHEET=台账.xlsx（加 APPLY=1 写入）", file=sys.stderr)
        return 2
    root = Path(args.root)
    started = time.perf_counter()
    try:
        plan = sheet_import.plan(root, Path(args.file))
    except ContentError as exc:
        print(f"{exc}\n仓库中的内容有误，先运行 make check 改正后再导入。", file=sys.stderr)
        return 1
    except SheetError as exc:
        print(f"未导入：{printable(str(exc))}", file=sys.stderr)
        return 2
    print("\n".join(sheet_import.report(plan, everything=args.all)))
    seconds = f"（{time.perf_counter() - started:.1f} 秒）"
    if plan.errors:
        print(f"共 {len(plan.errors)} 个问题，未写入任何文件。请在表格中改正后重新导入。{seconds}", file=sys.stderr)
        return 1
    if not plan.writes:
        print(f"表格与文件一致，没有要写入的内容。{seconds}")
    elif args.apply:
        try:
            sheet_import.apply(root, plan)
        except sheet_import.ApplyError as exc:
            print(f"未导入：{exc}", file=sys.stderr)
            return 1
        print(f"已写入 {len(plan.writes)} 个文件（新增 {len(plan.added)}，修改 {len(plan.changed)}），内容检查通过。请用 git diff 查看，再提交合并请求。{seconds}")
    else:
        print(f"这是预览，没有写入文件；确认无误后加 --apply（make import-sheet SHEET={Path(args.file).name} APPLY=1）写入。{seconds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
