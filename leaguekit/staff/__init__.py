"""Tools for league staff: new content files (`scaffold`), the field reference generated from the
schema (`reference`), and the staff guide's macros (`macros`). `make check` stays the authority:
every tool here writes what the content readers accept.

`guide/` holds the staff guide's pages (Markdown with the guide's macros): the plugin adds them to
every site at `/contribute/`, unless the site has its own page of that name in `docs/contribute/`."""

from pathlib import Path

GUIDE_DIR = Path(__file__).resolve().parent / "guide"
