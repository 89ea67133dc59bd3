"""Tools for league staff: new content files (`scaffold`), the field reference generated from the
schema (`reference`), and the staff guide's macros (`macros`). `make check` stays the authority:
every tool here writes what the content readers accept."""
