"""The package's folders are the pipeline: content → generate → output, with staff tools beside and the MkDocs adapter last.

Read from the source (every import, those inside functions too), so a shortcut that would tie
two stages together, or two modules to each other, fails here rather than in review.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "leaguekit"
# What each stage may import from the kit besides itself and the top-level modules (urls, slugs).
ALLOWED = {
    "content": set(),
    "generate": {"content"},
    "output": {"content", "generate"},
    "staff": {"content", "generate"},
    "newsite": {"content"},
    "mkdocs": {"content", "generate", "output", "staff"},  # the adapter: the last stage, which only MkDocs loads
}
TOP_LEVEL = {"urls", "slugs"}
ADAPTER_TOP = {"build"}  # a project loaded in one call, for the adapter as for `make check`


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Kit modules `path` imports: `from .x import y` names module x.y when y is a module, else x."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("leaguekit"):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("leaguekit")}
    return found & set(MODULES) - {name}


TEMPLATES = PACKAGE / "newsite/files"  # what new-site writes into a content repository (its macros.py), not the kit's modules
MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py") if TEMPLATES not in p.parents}
GRAPH = {name: imports(path) for name, path in MODULES.items()}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED) else ""


def test_every_module_sits_in_a_stage_or_is_one_of_few_at_the_top():
    top = sorted(m for m in MODULES if m.count(".") == 1 and stage(m) == "")
    assert top == ["leaguekit.__main__", "leaguekit.build", "leaguekit.slugs", "leaguekit.urls"]


def test_stages_import_only_earlier_stages():
    wrong = []
    for module, targets in GRAPH.items():
        here = stage(module)
        if not here:
            continue
        for target in targets:
            there = stage(target)
            if there and there != here and there not in ALLOWED[here]:
                wrong.append(f"{module} -> {target}")
            if not there and target.rpartition(".")[2] not in TOP_LEVEL | (ADAPTER_TOP if here == "mkdocs" else set()):
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_no_import_cycle():
    """Depth-first search over every import, lazy ones included (today's `reference` ↔ `scaffold` would fail)."""
    state: dict[str, int] = {}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycles.append(" -> ".join(trail[trail.index(target):] + [target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_graph_sees_lazy_imports():
    """The checks above would pass vacuously if imports inside functions were missed."""
    assert "leaguekit.staff.scaffold" in GRAPH["leaguekit.__main__"]  # imported inside main()


def test_readme_names_every_module_in_its_folder():
    """The README's package table is the map a newcomer reads: each module under its folder's row."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### The package: `leaguekit/`"):]
    rows = {line.split("|")[1].strip().strip("`"): line for line in table.splitlines() if line.startswith("| ")}
    missing = []
    for name, path in MODULES.items():
        parts = name.split(".")[1:]
        if path.name == "__init__.py":  # a folder: its own row
            if parts and "/".join(parts) + "/" not in rows:
                missing.append(name)
            continue
        folder = "/".join(parts[:-1]) + "/" if len(parts) > 1 else "top"
        if f"`{parts[-1]}`" not in rows.get(folder, ""):
            missing.append(name)
    assert missing == []
