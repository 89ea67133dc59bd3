"""The venue ledger at scale: export every generated venue (committed to git, so the export is
stamped and the import merges three ways) to .xlsx, edit the sheet the way a province's staff
would (new hours for one row in a hundred, 100 new venues at the end, confirmed and with their
坐标系; the hidden stamp kept), and time the import: unchanged, as a dry run and applied. `run.py` calls `measure` for each size; alone,

    python bench/sheet.py 69000        # generates the directory, writes bench/results/sheet.json

Wall time and peak memory are the import process's own (`run.timed`); the dry run's report must
stay a summary (a few dozen lines), whatever the number of rows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate
from python_calamine import CalamineWorkbook

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench/results"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CHANGED_EVERY = 100
NEW_ROWS = 100
NEW_HOURS = "Mo-Su 08:00-20:00"
MAX_REPORT_LINES = 60


def timed(command: list[str]) -> tuple[float, int, str, float]:
    """Wall seconds, peak memory (bytes), standard output and CPU seconds (user + system, its
    worker processes included) of one kit command: on a shared machine the CPU time says what
    the wall time cannot."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        text = out.read().decode("utf-8")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{text[-3000:]}")
    return seconds, usage.ru_maxrss * 1024, text, usage.ru_utime + usage.ru_stime


def edited(source: Path, dest: Path) -> tuple[int, int]:
    """The exported ledger with new hours in one row of a hundred and NEW_ROWS venues appended."""
    import xlsxwriter

    book = CalamineWorkbook.from_path(source)
    table = book.get_sheet_by_name("阵地台账").to_python()
    stamp = book.get_sheet_by_name("导出记录").to_python()
    header = table[0]
    hours, name, ident, lat = header.index("开放时间"), header.index("名称"), header.index("id"), header.index("纬度")
    datum, confirm = header.index("坐标系"), header.index("确认")
    changed = 0
    for n, row in enumerate(table[1:]):
        if n % CHANGED_EVERY == 0 and row[hours] != NEW_HOURS:
            row[hours] = NEW_HOURS
            changed += 1
    for n in range(NEW_ROWS):
        row = list(table[1 + (n * 7) % (len(table) - 1)])
        row[name] = f"{row[name]}分站{n}"
        row[ident] = ""
        row[lat] = round(float(row[lat]) + 0.001, 5)
        row[datum], row[confirm] = "WGS-84", "是"  # next to its parent venue: the staffer confirmed it
        table.append(row)
    out = xlsxwriter.Workbook(str(dest), {"constant_memory": True})
    for title, rows in (("阵地台账", table), ("导出记录", stamp)):
        sheet = out.add_worksheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    sheet.write_number(r, c, value)
                elif value not in (None, ""):
                    sheet.write_string(r, c, str(value))
        if title == "导出记录":
            sheet.hide()
    out.close()
    return changed, NEW_ROWS


def committed(project: Path) -> None:
    """The generated venues as one commit, for the export's stamp and the import's merge."""
    env = {**ENV, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org", "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    if not (project / ".git").exists():
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "bench"]):
            # gc.auto=0: a commit of 20,000 files would start `git gc` in the background, still writing
            # in .git/objects while run.py removes the directory.
            subprocess.run(["git", "-c", "gc.auto=0", *args], cwd=project, env=env, check=True)


def measure(project: Path, work: Path) -> dict:
    python = [sys.executable, "-m", "leaguekit"]
    committed(project)
    exported = work / "台账.xlsx"
    export_s, _, _, export_cpu = timed([*python, "export-sheet", str(exported), "--root", str(project)])
    rows = len(CalamineWorkbook.from_path(exported).get_sheet_by_name("阵地台账").to_python()) - 1
    same_s, same_mem, same_out, same_cpu = timed([*python, "import-sheet", str(exported), "--root", str(project)])
    assert f"新增 0 / 修改 0 / 不变 {rows}" in same_out, same_out[-2000:]
    changed, added = edited(exported, work / "edited.xlsx")
    dry_s, dry_mem, dry_out, dry_cpu = timed([*python, "import-sheet", str(work / "edited.xlsx"), "--root", str(project)])
    assert f"新增 {added} / 修改 {changed} / 不变 {rows - changed}" in dry_out, dry_out[-2000:]
    report_lines = len(dry_out.splitlines())
    assert report_lines <= MAX_REPORT_LINES, f"the dry run printed {report_lines} lines"
    apply_s, apply_mem, apply_out, apply_cpu = timed([*python, "import-sheet", str(work / "edited.xlsx"), "--root", str(project), "--apply"])
    assert f"已写入 {added + changed} 个文件" in apply_out, apply_out[-2000:]
    return {
        "sheet_rows": rows,
        "sheet_mb": round(exported.stat().st_size / 1e6, 1),
        "export_s": round(export_s, 1),
        "import_same_s": round(same_s, 1),
        "import_dry_s": round(dry_s, 1),
        "import_apply_s": round(apply_s, 1),
        "cpu_s": {"export": round(export_cpu, 1), "import_same": round(same_cpu, 1), "import_dry": round(dry_cpu, 1), "import_apply": round(apply_cpu, 1)},
        "load_average": round(os.getloadavg()[0], 1),
        "import_peak_mb": round(max(same_mem, dry_mem, apply_mem) / 1e6),
        "import_changed": changed,
        "import_added": added,
        "import_report_lines": report_lines,
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 69000
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lk-sheet-") as tmp:
        project = generate.write(Path(tmp) / f"kit-{n}", n)
        row = {"venues": n} | measure(project, Path(tmp))
    (RESULTS / "sheet.json").write_text(json.dumps(row, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(row, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
