"""Packaging: the lock installs on every Python the README claims, and ProperDocs builds the same site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import REPO, make_project

BIN = Path(sys.executable).parent


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_lockcheck_refuses_a_pin_that_needs_a_newer_patch_release(tmp_path):
    """pymdown-extensions 13 needs Python 3.11.5: pinned without a marker, Debian 12's 3.11.2 cannot install it."""
    lock = (REPO / "requirements/runtime.txt").read_text(encoding="utf-8")
    broken = re.sub(r"pymdown-extensions==12\.3 ; python_full_version < '3\.11\.5'", "pymdown-extensions==13.1.2", lock)
    assert broken != lock, "the lock no longer splits pymdown-extensions by Python version; pick another pin for this test"
    (tmp_path / "runtime.txt").write_text(broken, encoding="utf-8")

    bad = run([sys.executable, str(REPO / "tools/lockcheck.py"), "--python", "3.11.2", str(tmp_path / "runtime.txt")], REPO)
    assert bad.returncode == 1
    assert "lock on Python 3.11.2: FAILED" in bad.stdout
    assert "pymdown-extensions==13.1.2 depends on Python>=3.11.5" in bad.stderr

    good = run([sys.executable, str(REPO / "tools/lockcheck.py"), "--python", "3.11.2", str(REPO / "requirements/runtime.txt")], REPO)
    assert good.returncode == 0, good.stderr


def test_lock_pins_every_declared_dependency_once():
    """Runtime pins are the test set's pins; the browser driver stays out of `make serve`'s set."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["requires-python"] == ">=3.11"

    def names(path: str) -> set[str]:
        text = (REPO / path).read_text(encoding="utf-8")
        return {m.group(1).lower() for m in re.finditer(r"^([A-Za-z0-9_.-]+)==", text, re.M)}

    runtime, test = names("requirements/runtime.txt"), names("requirements/test.txt")
    assert runtime < test
    assert {"playwright", "pytest", "beautifulsoup4", "properdocs", "uv"} <= test - runtime
    assert {"mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "pydantic", "pypinyin"} <= runtime


def test_kit_is_installed_editable_not_through_pythonpath():
    import leaguekit

    assert Path(leaguekit.__file__).resolve().parent == REPO / "leaguekit"
    assert "PYTHONPATH" not in (REPO / "Makefile").read_text(encoding="utf-8")


def test_properdocs_builds_the_same_site(tmp_path):
    """The engine exit: ProperDocs, a maintained fork of MkDocs 1.6, writes the same files
    from the same mkdocs.yml, hooks and plugins; only the generator meta tag differs."""
    project = make_project(tmp_path / "project")
    built = {}
    for engine in ("mkdocs", "properdocs"):
        done = run([str(BIN / engine), "build", "--strict", "-q", "-d", str(tmp_path / engine)], project)
        assert done.returncode == 0, done.stderr
        built[engine] = tmp_path / engine

    files = {p.relative_to(built["mkdocs"]) for p in built["mkdocs"].rglob("*") if p.is_file()}
    assert files == {p.relative_to(built["properdocs"]) for p in built["properdocs"].rglob("*") if p.is_file()}
    assert len(files) > 100
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    differing = []
    for rel in sorted(files):
        a, b = ((built[e] / rel).read_bytes() for e in ("mkdocs", "properdocs"))
        if a == b:
            continue
        if rel.suffix == ".html" and generator.sub(b"", a) == generator.sub(b"", b):
            assert b"ProperDocs" in b
            continue
        differing.append(str(rel))
    assert differing == []
