"""CI runs only the README's commands; CODEOWNERS gives every district folder a reviewer."""

from __future__ import annotations

import re

import yaml
from conftest import REPO

WORKFLOW = REPO / ".github/workflows/site.yml"


def readme_commands() -> set[str]:
    """Every line of every code block and every inline code span in the README."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```[a-z]*\n(.*?)```", text, re.S)
    lines = {re.sub(r"\s+#.*$", "", line).strip() for block in blocks for line in block.splitlines()}
    return lines | set(re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S)))


def steps(job: dict) -> list[str]:
    return [s["run"].strip() if "run" in s else s["uses"].split("@")[0] for s in job["steps"]]


def test_workflow_is_valid_and_runs_only_readme_commands():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    jobs = flow["jobs"]
    setup = "apt-get update && apt-get install -y git make python3 python3-venv"
    assert steps(jobs["test"]) == [setup, "actions/checkout", "make check", "make test"]
    # The distribution's python3, oldest and newest claimed: Debian 12 (3.11.2) and 13 (3.13).
    assert jobs["test"]["container"] == "${{ matrix.image }}"
    assert jobs["test"]["strategy"]["matrix"]["image"] == ["debian:bookworm", "debian:trixie"]
    assert not any("setup-python" in step.get("uses", "") for job in jobs.values() for step in job["steps"])
    assert steps(jobs["build"]) == [setup, "actions/checkout", "actions/configure-pages", "make build", "actions/upload-pages-artifact"]
    assert steps(jobs["deploy"]) == ["actions/deploy-pages"]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    assert "pull_request" in jobs["build"]["if"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    known = readme_commands()
    for job in jobs.values():
        for step in job["steps"]:
            if "run" in step:
                assert step["run"].strip() in known, step["run"]


def test_codeowners_names_a_reviewer_for_every_district_folder():
    rules = [line.split() for line in (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    owned = {rule[0]: rule[1:] for rule in rules}
    for folder in sorted(p for p in (REPO / "venues").iterdir() if p.is_dir()):
        assert owned.get(f"/venues/{folder.name}/"), folder.name
    assert all(all(o.startswith("@") for o in owners) and owners for owners in owned.values())
