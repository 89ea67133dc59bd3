"""`python -m leaguekit check --format github|gitlab|json`: the same problems, in the forms CI tools read.

Run on a real broken project through the command's own entry point; contributor text that tries to
end a workflow command or put markup into the job summary stays text.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, VALID_VENUE, write
from markdown_it import MarkdownIt

from leaguekit.__main__ import main
from leaguekit.content import reports
from leaguekit.content.problems import Problem

VENUE = "venues/taigu/test-venue.md"
WEEKDAY_HINT = "“Mo-Fri”不是星期写法，应写成 Mo-Fr（星期用两个字母：Mo Tu We Th Fr Sa Su，法定节假日写 PH）"
HOSTILE_NAME = "x%0A::error::forged\r\n| <b>粗</b> [链接](javascript:alert(1)) *强调*, a:b"


def run(project, fmt: str, capsys, monkeypatch, summary=None) -> tuple[int, str]:
    for key in ("GITHUB_STEP_SUMMARY", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
        monkeypatch.delenv(key, raising=False)
    if summary is not None:
        monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
        monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
        monkeypatch.setenv("GITHUB_REPOSITORY", "league/venues")
        monkeypatch.setenv("GITHUB_SHA", "0123abc")
    code = main(["check", str(project), "--format", fmt], today=lambda: date(2026, 11, 26))
    return code, capsys.readouterr().out


@pytest.fixture
def broken(project):
    """Coordinates swapped (line 10) and hours with a weekday spelt wrong (line 12)."""
    write(project, VENUE, VALID_VENUE.replace("  lat: 37.42\n  lng: 112.55", "  lat: 112.55\n  lng: 37.42").replace("hours: Mo-Fr", "hours: Mo-Fri"))
    return project


def test_github_annotates_each_line_and_writes_the_job_summary(broken, capsys, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    code, out = run(broken, "github", capsys, monkeypatch, summary)
    assert code == 1
    assert out.splitlines() == [
        f"::error file={VENUE},line=10,title=location.lat（纬度）= 112.55::location.lat（纬度）= 112.55 不在中国范围内；经纬度是否写反了？",
        f"::error file={VENUE},line=13,title=hours（开放时间）= Mo-Fri 09%3A00-17%3A30; Sa 09%3A00-12%3A00::hours（开放时间）= Mo-Fri 09:00-17:30; Sa 09:00-12:00 开放时间写法不对；{WEEKDAY_HINT}",
        "内容检查：2 个错误，0 个提醒。请逐条修改后再提交。",
    ]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## 内容检查：2 个错误，0 个提醒\n")  # appended, as GitHub expects
    table = BeautifulSoup(MarkdownIt("commonmark").enable("table").render(text), "html.parser")
    rows = [[td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert rows == [
        ["错误", VENUE, "10", "location.lat（纬度）= 112.55", "不在中国范围内；经纬度是否写反了？"],
        ["错误", VENUE, "13", "hours（开放时间）= Mo-Fri 09:00-17:30; Sa 09:00-12:00", f"开放时间写法不对；{WEEKDAY_HINT}"],
    ]
    assert table.select("tbody a")[0]["href"] == f"https://github.com/league/venues/blob/0123abc/{VENUE}#L10"


def test_github_passing_check_lists_reminders_as_warnings(project, capsys, monkeypatch, tmp_path):
    write(project, VENUE, VALID_VENUE.replace('phone: "0354-6230000"\n', ""))
    code, out = run(project, "github", capsys, monkeypatch, tmp_path / "summary.md")
    assert code == 0
    assert f"::warning file={VENUE},line=2,title=phone::phone 未填写电话；群众需要知道何时开放、如何联系（提醒）" in out.splitlines()
    assert out.splitlines()[-1].startswith("内容检查通过：1 个阵地")
    assert "## 内容检查：0 个错误，" in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_contributor_text_cannot_forge_a_command_or_markup():
    problem = Problem("venues/a,b:c.md", 3, "name", "是未知的名称", "请改正", label="名称", value=HOSTILE_NAME)
    line = reports.github([problem])
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::error file=venues/a%2Cb%3Ac.md,line=3,title=name（名称）= x%250A%3A%3Aerror%3A%3Aforged%0D%0A| <b>粗</b> [链接](javascript%3Aalert(1)) *强调*%2C a%3Ab::")
    # The runner splits at the first `::` after the properties; the message may hold more (it is never a command).
    # The message is one line already (Problem.text writes a line break as \\r\\n), so nothing is left to encode.
    assert line[2:].partition("::")[2] == "name（名称）= x%250A::error::forged\\r\\n| <b>粗</b> [链接](javascript:alert(1)) *强调*, a:b 是未知的名称；请改正"

    html = MarkdownIt("commonmark").enable("table").render(reports.summary_table([problem], "内容检查：1 个错误"))
    page = BeautifulSoup(html, "html.parser")
    assert not page.select("b, em, strong") and [a["href"] for a in page.select("a")] == []
    cells = [td.get_text() for td in page.select("tbody td")]
    assert cells[3] == "name（名称）= " + " ".join(HOSTILE_NAME.split())


def test_gitlab_code_quality_report(broken, capsys, monkeypatch):
    code, out = run(broken, "gitlab", capsys, monkeypatch)
    issues = json.loads(out)
    assert code == 1 and len(issues) == 2
    assert issues[0] == {
        "description": "location.lat（纬度）= 112.55 不在中国范围内；经纬度是否写反了？",
        "check_name": "leaguekit/location.lat",
        "fingerprint": issues[0]["fingerprint"],
        "severity": "critical",
        "location": {"path": VENUE, "lines": {"begin": 10}},
    }
    assert len({i["fingerprint"] for i in issues}) == 2 and all(len(i["fingerprint"]) == 32 for i in issues)


def test_json_report(broken, capsys, monkeypatch, project):
    code, out = run(broken, "json", capsys, monkeypatch)
    data = json.loads(out)
    assert code == 1 and (data["ok"], data["errors"], data["warnings"]) == (False, 2, 0)
    assert data["problems"][1] == {
        "path": VENUE, "line": 13, "field": "hours", "label": "开放时间", "value": "Mo-Fri 09:00-17:30; Sa 09:00-12:00", "message": "开放时间写法不对",
        "hint": WEEKDAY_HINT, "level": "error", "text": f"hours（开放时间）= Mo-Fri 09:00-17:30; Sa 09:00-12:00 开放时间写法不对；{WEEKDAY_HINT}",
    }
    write(project, VENUE, VALID_VENUE)
    code, out = run(project, "json", capsys, monkeypatch)
    assert code == 0 and json.loads(out)["ok"] is True and json.loads(out)["summary"].startswith("内容检查通过：1 个阵地")


def test_job_summary_stays_under_githubs_mebibyte_whatever_the_content(project, capsys, monkeypatch, tmp_path):
    """GitHub drops a step summary over 1 MiB whole. 1,000 files named in 80 Chinese characters (each
    link percent-encoded, each name quoted in its message) made 1.4 MB: rows stop before the limit
    and a note says how many the log has besides."""
    for n in range(1000):
        write(project, f"venues/taigu/{n:03d}{'青' * 77}.md", VALID_VENUE)
    code, out = run(project, "github", capsys, monkeypatch, tmp_path / "summary.md")
    assert code == 1 and out.count("::error ") == 1000
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert len(summary.encode()) < 1024 * 1024
    page = BeautifulSoup(MarkdownIt("commonmark").enable("table").render(summary), "html.parser")
    shown = len(page.select("tbody tr"))
    assert 300 < shown < 1000
    assert summary.rstrip().endswith(f"另有 {1000 - shown} 条未列出（GitHub 的任务摘要最多 1 MiB），请看本步骤的日志。")
    assert reports.summary_table([], "内容检查通过").startswith("## 内容检查：0 个错误，0 个提醒")


@pytest.mark.parametrize("fmt", ["json", "gitlab"])
def test_make_check_prints_only_the_report_on_stdout(broken, fmt):
    """`make check FORMAT=json > report.json` holds JSON alone: make echoes no command line into it."""
    # As a CI step runs it: not inside another make (under `make test` the suite's environment says it is, and a
    # make inside another announces the directory it enters).
    outside = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    done = subprocess.run(["make", "check", f"FORMAT={fmt}", f"VENV={REPO / '.venv'}"], cwd=broken, env=outside, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    report = json.loads(done.stdout)
    found = report["problems"] if fmt == "json" else report
    assert len(found) == 2 and "经纬度是否写反了" in done.stdout
