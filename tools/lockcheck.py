"""Prove that every pin in the lock files installs on each Python the project claims.

`make test` runs this before the suite, so a pin that needs a newer Python than the
README promises (pymdown-extensions 13 needs 3.11.5; Debian 12 has 3.11.2) fails CI
even when CI itself runs on a newer Python. For each target version it

1. evaluates the lock's environment markers for that version,
2. checks that each requirement in pyproject.toml is pinned within its range and that
   runtime.txt and test.txt agree on shared pins,
3. resolves each lock with uv for that version, which rejects any release whose
   Requires-Python excludes the target and any dependency the lock does not pin.

Usage: python tools/lockcheck.py [--python 3.11.0 ...] [LOCKFILE ...]
Targets default to requires-python's lower bound and the newest `Programming Language :: Python :: 3.x`
classifier; lock files default to requirements/*.txt.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def claimed_pythons(project: dict) -> list[str]:
    floor = re.fullmatch(r">=\s*(\d+\.\d+(?:\.\d+)?)", project["requires-python"].strip())
    if floor is None:
        raise SystemExit(f"requires-python should be a lower bound like '>=3.11', not {project['requires-python']!r}")
    lowest = floor.group(1) if floor.group(1).count(".") == 2 else floor.group(1) + ".0"
    minors = [c.rsplit(" :: ", 1)[1] for c in project.get("classifiers", []) if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    newest = max(minors, key=lambda m: tuple(map(int, m.split("."))), default=None)
    return [lowest] + ([f"{newest}.0"] if newest and f"{newest}.0" != lowest else [])


def read_lock(path: Path) -> list[Requirement]:
    """Requirements of a pip-style lock (continuation lines joined, hashes and comments dropped)."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    found = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        found.append(Requirement(re.split(r"\s--hash=", line, maxsplit=1)[0].strip()))
    return found


def pins_for(requirements: list[Requirement], python: str) -> dict[str, str]:
    env = default_environment() | {"python_full_version": python, "python_version": ".".join(python.split(".")[:2])}
    pins: dict[str, str] = {}
    for req in requirements:
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        (spec,) = req.specifier
        pins[canonicalize_name(req.name)] = spec.version
    return pins


def declared(pyproject: dict) -> list[Requirement]:
    groups = pyproject.get("dependency-groups", {})
    return [Requirement(r) for r in pyproject["project"]["dependencies"] + groups.get("test", [])]


def check(python: str, locks: dict[Path, list[Requirement]], wanted: list[Requirement]) -> list[str]:
    problems = []
    env = default_environment() | {"python_full_version": python, "python_version": ".".join(python.split(".")[:2])}
    merged: dict[str, str] = {}
    for path, reqs in locks.items():
        for name, version in pins_for(reqs, python).items():
            if merged.setdefault(name, version) != version:
                problems.append(f"{path.name}: {name}=={version} but another lock pins {merged[name]}")
    for req in wanted:
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        name = canonicalize_name(req.name)
        if name in merged and not req.specifier.contains(merged[name], prereleases=True):
            problems.append(f"{name}=={merged[name]} is outside pyproject.toml's range {req.specifier}: run `make lock`")
        elif name not in merged and any(p.name == "test.txt" for p in locks):
            problems.append(f"{name} is in pyproject.toml but not pinned: run `make lock`")
    for path in locks:
        # uv resolves for the target version: Requires-Python, markers and completeness.
        done = subprocess.run(
            [str(Path(sys.executable).with_name("uv")), "pip", "compile", str(path), "--python-version", python,
             "--no-header", "--no-annotate", "--quiet", "--system-certs"],
            capture_output=True, text=True,
        )
        if done.returncode:
            problems.append(f"{path.name} cannot install on Python {python}:\n    " + "\n    ".join(done.stderr.strip().splitlines()))
            continue
        resolved = pins_for([Requirement(line) for line in done.stdout.splitlines() if line.strip()], python)
        extra = sorted(set(resolved) - set(pins_for(locks[path], python)))
        if extra:
            problems.append(f"{path.name} is incomplete on Python {python}: {', '.join(extra)} not pinned; run `make lock`")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", help="target version, e.g. 3.11.2 (repeatable)")
    parser.add_argument("locks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    paths = args.locks or sorted((ROOT / "requirements").glob("*.txt"))
    locks = {p: read_lock(p) for p in paths}
    failed = False
    for python in args.python or claimed_pythons(pyproject["project"]):
        problems = check(python, locks, declared(pyproject))
        print(f"lock on Python {python}: " + ("ok" if not problems else "FAILED"))
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
