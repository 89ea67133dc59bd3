"""`python -m leaguekit new-site DIR --org ID --name NAME --region REGION [--kit SPEC]`: a content repository
for one committee, which uses the kit as a package and copies none of its code.

What it writes comes from `files/` beside this module (mkdocs.yml, Makefile, CI for GitHub, GitLab and
Gitea/Forgejo, the committee's README, CODEOWNERS, an nginx example, the shared vocabularies and holidays),
plus what only this org can say: `data/orgs.yml`, `data/site.yml`, the pinned kit in `requirements.txt`
and an empty `venues/<org>/`. The org is validated by the same schema `make check` uses, before anything
is written.
"""

from __future__ import annotations

import re
import shutil
import string
import subprocess
from importlib import metadata
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..content.schema import ID_RE, WINDOWS_RESERVED, Org

FILES = Path(__file__).resolve().parent / "files"
# Files whose text names the org ($org, $name, $kit); the rest are copied as they are.
TEMPLATED = ("README.md", "CODEOWNERS")
# Gitea reads .gitea/workflows/, Forgejo .forgejo/workflows/: one workflow, written to both.
ALSO = {".gitea/workflows/site.yml": ".forgejo/workflows/site.yml"}
LEVELS = (("province", re.compile(r"(省|自治区|^北京市$|^天津市$|^上海市$|^重庆市$)$")), ("district", re.compile(r"(区|县|旗|县级市)$")), ("city", re.compile(r"(市|州|盟|地区)$")))


class NewSiteError(Exception):
    """Why no repository was written, in Chinese."""


def kit_requirement(spec: str) -> str:
    """The requirements.txt line for the kit: a version (`0.4.0`, `==0.4.0`), a folder, or a Git URL."""
    spec = spec.strip()
    if not spec:
        return f"leaguekit=={metadata.version('leaguekit')}"
    if re.fullmatch(r"(==|>=|~=)?\d+(\.\d+)*", spec):
        return f"leaguekit{spec if spec[0] in '=>~' else '==' + spec}"
    if spec.startswith(("git+", "https://", "http://", "file://")):
        return f"leaguekit @ {spec}"
    path = Path(spec).expanduser()
    if path.is_dir() and (path / "pyproject.toml").is_file():
        return f"leaguekit @ {path.resolve().as_uri()}"
    raise NewSiteError(f"“{spec}”不是套件的版本号、文件夹或 Git 地址；例如 --kit 0.4.0、--kit /path/to/leaguekit、--kit git+https://…/leaguekit.git@v0.4.0")


def level_of(region: str) -> str:
    for level, pattern in LEVELS:
        if pattern.search(region):
            return level
    raise NewSiteError(f"从行政区域“{region}”看不出层级，请加 --level province、city 或 district")


def short_name_of(name: str, region: str) -> str:
    """共青团西安市委员会 -> 西安共青团, as the league writes it; the place from the region's last part."""
    place = re.split(r"(?<=[省市区县旗州盟])", region)
    last = next((p for p in reversed(place) if p), region)
    core = re.sub(r"(维吾尔自治区|壮族自治区|回族自治区|自治区|省|市|地区|自治州|盟)$", "", last) if len(last) > 2 else last
    return f"{core}共青团"


def create(dest: Path, *, org: str, name: str, region: str, kit: str = "", short_name: str = "", level: str = "") -> list[Path]:
    """Write the repository into `dest` (new or empty); returns the files written."""
    if not ID_RE.fullmatch(org) or org in WINDOWS_RESERVED or len(org) > 40:
        raise NewSiteError(f"“{org}”不能作团组织 id：只用小写英文字母、数字和连字符（40 个以内），例如 xian")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise NewSiteError(f"{dest} 已存在且不是空文件夹；请换一个文件夹")
    try:
        record = Org(id=org, name=name, short_name=short_name or short_name_of(name, region), region=region, level=level or level_of(region), contacts=[{"role": "12355 青少年服务台", "phone": "12355"}])
    except ValidationError as exc:
        raise NewSiteError("；".join(f"{'.'.join(map(str, e['loc']))}：{e['msg']}" for e in exc.errors())) from None
    values = {"org": record.id, "name": record.name, "kit": kit_requirement(kit)}
    written = []

    def put(rel: str, text: str) -> None:
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    for source in sorted(p for p in FILES.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        rel = source.relative_to(FILES).as_posix()
        text = source.read_text(encoding="utf-8")
        if rel in TEMPLATED:
            text = string.Template(text).substitute(values)
        for target in (rel, ALSO.get(rel)):
            if target:
                put(target, text)
    put("requirements.txt", f"# 网站所用的 leaguekit 套件版本：升级只改这一行，再运行 make test。\n{values['kit']}\n")
    put("data/orgs.yml", "# 团组织。下级团委加在这里（parent: 上级的 id），它们的阵地放在 venues/<id>/。\n# 联系方式写岗位，不写个人姓名；只写对外的服务电话。\n" + _yaml([record.model_dump(exclude_none=True, exclude_defaults=True) | {"contacts": [c.model_dump(exclude_none=True) for c in record.contacts]}]))
    put(
        "data/site.yml",
        "# 网站设置。网站名称、页脚来自 publisher 所指的团组织（data/orgs.yml）。\n"
        + _yaml({"publisher": record.id, "title": "青年阵地", "description": f"{record.short_name}青年之家等青年阵地与品牌项目的公开名录：找到离你最近的阵地，查看开放时间，一键拨号和导航。", "data_license": "CC-BY-4.0"})
        + "# 上线前必填：收集纠错与建议的网址（https://…）或邮箱（mailto:…），显示在每页页脚。\n# feedback: mailto:youth@example.gov.cn\n"
        + "# 境内服务器上线前取得的 ICP 备案号（省份简称 + ICP备 + 编号，与工信部备案系统中的一致）。\n# icp: 京ICP备2020000000号-1\n"
        + "# 找阵地页的地图（天地图）：有 Key 才显示。Key 填在 key: 后，或在流水线密钥中设置 TIANDITU_KEY；申请方法见使用手册。\n"
        + "# review_number 是天地图底图的审图号，以 https://www.tianditu.gov.cn/ 页脚所示为准。\n"
        + "map:\n  provider: tianditu\n  key:\n  review_number: GS（2024）0568号\n",
    )
    for folder in (f"venues/{record.id}", f"activities/{record.id}", "brands"):
        put(f"{folder}/.gitkeep", "")
    if shutil.which("git") and not (dest / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main", str(dest)], check=False, capture_output=True)
    return written


def _yaml(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=200)
