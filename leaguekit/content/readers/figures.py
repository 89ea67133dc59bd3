"""data/figures/<org>.yml: each org's report figures, with the same line-numbered validation as
other content, cross-checked against orgs, groups, sources, venue types and pages. Its texts are
checked as a reader sees them (a figure's value as printed, 58026人 or 130亿元, not its digits)."""

from __future__ import annotations

from pathlib import Path

from .. import privacy
from ..figures import FOLDER, KEY_RE, ChartSpec, FigureBook, FigureEntry, FigureFile, OrgFigures
from ..files import PRIVACY_HINT, check_file_name, check_texts
from ..model import Content
from ..problems import ContentError, Problem, did_you_mean
from ..resolver import Resolver
from ..validation import validate
from ..yamlsource import DATA_SIZE_HINT, MAX_DATA_BYTES, YamlSource, dotted, read_text


def load(root: Path | str, content: Content) -> FigureBook:
    """Read data/figures/*.yml; raise ContentError listing every problem."""
    root = Path(root)
    problems: list[Problem] = []
    orgs: dict[str, OrgFigures] = {}
    folder = root / FOLDER
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        if not check_file_name(rel, problems):
            continue
        if path.is_symlink():
            problems.append(Problem(rel, 1, "文件", "是符号链接，不允许", "请放入文件本身"))
            continue
        text = read_text(path, rel, problems, limit=MAX_DATA_BYTES, hint=DATA_SIZE_HINT)
        if text is None:
            continue
        src = YamlSource(rel, text, 1, problems)
        if not src.ok:
            continue
        if src.data is None:
            problems.append(Problem(rel, 1, "", "文件是空的", "请填写 org、sources、groups 和 figures，或删除这个文件"))
            continue
        check_texts(src, problems, allow=_values(src.data))
        record = validate(FigureFile, src.data, src, (), problems)
        if record is None:
            continue
        if record.org in orgs:
            problems.append(Problem(rel, src.line(("org",)), "org", f"“{record.org}”已在 {orgs[record.org].path} 中", "每个团组织只用一个数据文件"))
            continue
        checked = _check(root, record, src, content, problems)
        if checked is not None:
            orgs[record.org] = checked
    if any(p.level == "error" for p in problems):
        raise ContentError(problems)
    return FigureBook(orgs)


def _values(data: object) -> frozenset[tuple]:
    """Where the figures' numbers are: judged as printed (`_printed`), not as raw digits."""
    figures = data.get("figures") if isinstance(data, dict) else None
    return frozenset(("figures", i, "value") for i in range(len(figures))) if isinstance(figures, list) else frozenset()


def _printed(entry: FigureEntry, src: YamlSource, index: int, problems: list[Problem]) -> bool:
    """A value printed as digits (style: plain) could spell a phone number: check what pages show."""
    for found in privacy.find(entry.text):
        loc = ("figures", index, "value")
        problems.append(Problem(src.path, src.line(loc), dotted(loc), f"显示为“{entry.text}”，含有{found.label} {found.masked}", PRIVACY_HINT))
        return False
    return True


def _unique(items, src: YamlSource, name: str, problems: list[Problem]) -> dict:
    found: dict = {}
    for index, item in enumerate(items):
        loc = (name, index, "key")
        if not KEY_RE.match(item.key):
            problems.append(Problem(src.path, src.line(loc), dotted(loc), f"“{item.key}”不是合法的键", "只用小写英文字母、数字和下划线，例如 youth_study_participants", value=item.key))
        elif item.key in found:
            problems.append(Problem(src.path, src.line(loc), dotted(loc), f"“{item.key}”重复", "同一文件中每个键只能出现一次", value=item.key))
        else:
            found[item.key] = item
    return found


def _unknown(src: YamlSource, loc: tuple, value: str, choices, what: str, where: str, problems: list[Problem]) -> None:
    problems.append(Problem(src.path, src.line(loc), dotted(loc), f"是未知的{what}", f"{did_you_mean(value, choices)}（见 {where}）", value=value))


def _check(root: Path, record: FigureFile, src: YamlSource, content: Content, problems: list[Problem]) -> OrgFigures | None:
    before = len(problems)
    if record.org not in content.orgs:
        _unknown(src, ("org",), record.org, content.orgs, "团组织", "data/orgs.yml", problems)
    for field in ("report_page", "figures_page"):
        page = getattr(record, field)
        if page is not None and (Resolver(root, set()).file(page) is None or not page.endswith(".md")):
            problems.append(Problem(src.path, src.line((field,)), field, "找不到这个页面", f"请创建 docs/{page}，或删除这一行", label=FigureFile.model_fields[field].title or "", value=page))
    sources = _unique(record.sources, src, "sources", problems)
    groups = _unique(record.groups, src, "groups", problems)
    keyed = _unique(record.figures, src, "figures", problems)
    entries: dict[str, FigureEntry] = {}
    for index, fig in enumerate(record.figures):
        if keyed.get(fig.key) is not fig:
            continue
        ok = True
        if fig.group not in groups:
            _unknown(src, ("figures", index, "group"), fig.group, groups, "分组", f"{src.path} 的 groups", problems)
            ok = False
        source_key = fig.source or record.sources[0].key
        if source_key not in sources:
            _unknown(src, ("figures", index, "source"), source_key, sources, "来源", f"{src.path} 的 sources", problems)
            ok = False
        if fig.counts is not None and fig.counts not in content.venue_types:
            _unknown(src, ("figures", index, "counts"), fig.counts, content.venue_types, "阵地类型", "data/venue_types.yml", problems)
            ok = False
        period = fig.period or record.period
        if period is None:
            problems.append(Problem(src.path, src.line(("figures", index)), f"figures[{index}].period", "缺少时期", "请写 period: 2020，或在文件开头写默认的 period"))
            ok = False
        if fig.unit == "%" and fig.value > 1:
            problems.append(Problem(src.path, src.line(("figures", index, "value")), f"figures[{index}].value", "百分数应写成小数", f"95% 写 0.95；这里是否想写 {fig.value / 100:g}？", label="数值", value=f"{fig.value:g}"))
            ok = False
        if ok:
            entry = FigureEntry(record.org, fig, period, groups[fig.group], sources[source_key], src.path, src.line(("figures", index)))
            if _printed(entry, src, index, problems):
                entries[fig.key] = entry
    charts: dict[str, ChartSpec] = {}
    for index, chart in enumerate(_unique(record.charts, src, "charts", problems).values()):
        members = []
        for pos, key in enumerate(chart.figures):
            if key in entries:
                members.append(entries[key])
            elif key not in keyed:
                _unknown(src, ("charts", index, "figures", pos), key, keyed, "数据项", f"{src.path} 的 figures", problems)
        units = {f.data.unit for f in members}
        venue_counts = all(f.data.counts for f in members)
        if len(units) > 1 and not venue_counts:
            problems.append(Problem(src.path, src.line(("charts", index, "figures")), f"charts[{index}].figures", f"单位不一致（{'、'.join(sorted(units))}）", "同一张图中的数据单位须相同（阵地数量除外），才能比较长短"))
        charts[chart.key] = ChartSpec(chart.key, chart.title, chart.kind, tuple(members))
    if len(problems) > before:
        return None
    return OrgFigures(
        org=record.org,
        path=src.path,
        sources=tuple(record.sources),
        groups=tuple(record.groups),
        figures=entries,
        charts=charts,
        report_page=record.report_page,
        figures_page=record.figures_page,
    )
