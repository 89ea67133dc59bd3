"""Export the ledger of the stale-sheet tests' project (`stale_project` in test_sheet_import.py) to
the path given, for make.py to edit in LibreOffice. Run with the project's .venv Python."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(TESTS), str(TESTS.parent)]

from staff.test_sheet_import import stale_project  # noqa: E402 - needs the tests folder on the path


def main(out: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = stale_project(Path(folder) / "p")
        subprocess.run([sys.executable, "-m", "leaguekit", "export-sheet", out, "--root", str(root)], cwd=root, check=True)


if __name__ == "__main__":
    main(sys.argv[1])
