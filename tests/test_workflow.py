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
    trust = 'git config --global --add safe.directory "$GITHUB_WORKSPACE"'  # git refuses a checkout owned by another user
    assert steps(jobs["test"]) == [setup, "actions/checkout", trust, "make test"]
    # The distribution's python3, oldest and newest claimed: Debian 12 (3.11.2) and 13 (3.13).
    assert jobs["test"]["container"] == "${{ matrix.image }}"
    assert jobs["test"]["strategy"]["matrix"]["image"] == ["debian:bookworm", "debian:trixie"]
    assert not any("setup-python" in step.get("uses", "") for job in jobs.values() for step in job["steps"])
    assert steps(jobs["build"]) == [f"{setup} fonts-noto-cjk", "actions/checkout", trust, "actions/configure-pages", "make build", "make build-all SITE_ALL=site", "actions/upload-pages-artifact"]
    assert steps(jobs["deploy"]) == ["actions/deploy-pages"]
    assert jobs["build"]["needs"] == ["check", "test"] and jobs["deploy"]["needs"] == "build"
    assert "pull_request" in jobs["build"]["if"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    known = readme_commands()
    for job in jobs.values():
        for step in job["steps"]:
            if "run" in step:
                assert step["run"].strip() in known, step["run"]


def test_check_job_annotates_the_pull_request_lists_changed_pages_and_attaches_the_site():
    """Problems on their lines and in the job summary; on pull requests the page list against the base branch's site."""
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["check"]
    assert job["container"] == "debian:bookworm"
    assert steps(job)[:4] == ["apt-get update && apt-get install -y git make python3 python3-venv", "actions/checkout", 'git config --global --add safe.directory "$GITHUB_WORKSPACE"', "make check FORMAT=github"]
    assert job["steps"][1]["with"]["fetch-depth"] == 0  # the base branch is there to build
    pull_request_only = job["steps"][4:]
    assert all(step["if"] == "github.event_name == 'pull_request'" for step in pull_request_only)
    assert [s.get("run", s.get("uses", "")).split("@")[0] for s in pull_request_only] == [
        'echo "SOURCE_DATE_EPOCH=$(date +%s)" >> "$GITHUB_ENV"',
        "make build",
        'git worktree add ../base "origin/$GITHUB_BASE_REF" && make -C ../base build',
        '.venv/bin/python tools/sitediff.py ../base/site site --base "$GITHUB_BASE_REF" --artifact site >> "$GITHUB_STEP_SUMMARY"',
        "actions/upload-artifact",
    ]
    assert pull_request_only[-1]["with"]["name"] == "site" and pull_request_only[-1]["with"]["path"] == "site"
    # `make check FORMAT=github` reaches the check command with that format.
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "$(BIN)/python -m leaguekit check $(if $(FORMAT),--format $(FORMAT))" in makefile


def test_codeowners_names_a_reviewer_for_every_district_folder():
    rules = [line.split() for line in (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    owned = {rule[0]: rule[1:] for rule in rules}
    for folder in sorted(p for p in (REPO / "venues").iterdir() if p.is_dir()):
        assert owned.get(f"/venues/{folder.name}/"), folder.name
    assert all(all(o.startswith("@") for o in owners) and owners for owners in owned.values())
