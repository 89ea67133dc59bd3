"""`make build`: build into a fresh directory, then swap it into `site/` in one step.

`site/` is never missing or partial: builds run one at a time (an exclusive lock on
`.site.lock`), each writes to its own `.site-*` directory, and the finished directory
replaces `site/` with Linux's renameat2(RENAME_EXCHANGE), which swaps two directory
entries atomically. A build killed at any moment leaves the previous `site/` (or the
new one) in place; its leftover `.site-*` directory is removed by the next build.
Where the exchange is unsupported (not Linux, or a filesystem without it) two renames
are used, which leaves a window of microseconds without `site/`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap the directory entries `a` and `b`; False when the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(new: Path, site: Path) -> None:
    """Make `new` the site; the old site ends up at `new`'s path (for the caller to delete)."""
    if not site.exists():
        new.rename(site)
        new.mkdir()
        return
    if not _exchange(new, site):
        old = new.with_name(new.name + ".old")
        site.rename(old)
        new.rename(site)
        old.rename(new)


def build(root: Path, site: Path, command: list[str]) -> int:
    """Run `command --site-dir <fresh dir>` under the lock and swap the result in on success."""
    return build_with(root, [(site, lambda fresh: subprocess.run([*command, "--site-dir", str(fresh)], cwd=root).returncode)])


def build_with(root: Path, sites: list[tuple[Path, Callable[[Path], int]]]) -> int:
    """Under one lock, for each (site, build): build into a fresh directory, swap it in when the build
    returns 0; stops at the first failure (sites already swapped in stay, the others keep their old copy)."""
    with open(root / ".site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second build waits here for the first
        for leftover in [*root.glob(".site-*"), root / ".site.tmp", root / ".site.old"]:
            shutil.rmtree(leftover, ignore_errors=True)  # from a build that was killed
        for site, run in sites:
            fresh = Path(tempfile.mkdtemp(prefix=".site-", dir=root))
            try:
                code = run(fresh)
                if code != 0:
                    return code
                site.parent.mkdir(parents=True, exist_ok=True)
                swap_in(fresh, site)
            finally:
                shutil.rmtree(fresh, ignore_errors=True)
        return 0
