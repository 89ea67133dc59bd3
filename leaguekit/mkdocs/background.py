"""The kit's own outputs made on the machine's second core while MkDocs reads and draws the pages.

MkDocs builds in one process. The files beside the pages (redirects, finder data, posters, feeds,
open data) are known once the pages are (`on_files`), and the search index once MkDocs has read every
page (`on_env`), before it draws them: `Job.start` forks a process that writes them then, and
`Job.finish` (`on_post_build`) waits for it. All or nothing, and the same bytes as writing them in the
build process:

- the job writes into a folder of its own; `finish` moves it into place only when the job succeeded
  (replacing the target folder, or merged into site/ where a page MkDocs wrote keeps its place),
  so nothing MkDocs writes races with it;
- a failed job fails the build with its message (`JobFailed`); a failed build stops the job (`cancel`);
- where forking is unsafe or pointless (threads, as under `mkdocs serve`; one core; no `os.fork`),
  `finish` runs the job itself.
"""

from __future__ import annotations

import gc
import os
import shutil
import threading
import traceback
from collections.abc import Callable
from pathlib import Path


class JobFailed(Exception):
    """The job raised or died; the message says how (its last line, or the signal)."""


class Job:
    def __init__(self, work: Callable[[Path], object], scratch: Path, pid: int | None = None, pipe: int | None = None):
        self.work = work
        self.scratch = scratch
        self.pid = pid
        self.pipe = pipe

    @classmethod
    def start(cls, work: Callable[[Path], object], scratch: Path) -> Job:
        """`work(scratch)` in a forked process when that is safe and a second core exists, else later in `finish`."""
        if os.path.lexists(scratch):
            shutil.rmtree(scratch)
        if not forking_helps():
            return cls(work, scratch)
        read, write = os.pipe()
        # Objects the parent made so far are left out of the child's garbage collections, which would
        # otherwise touch (and so copy) every page of memory the two processes share.
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # the child: never returns into MkDocs
            os.close(read)
            code, message = 0, b""
            try:
                work(scratch)
            except BaseException as exc:  # everything the parent must hear about, then exit
                code, message = 1, _last_line(exc).encode("utf-8", "replace")
            finally:
                os.write(write, message[:4000])
                os._exit(code)
        gc.unfreeze()
        os.close(write)
        return cls(work, scratch, pid, read)

    def finish(self, target: Path, *, merge: bool = False, keep: frozenset[str] = frozenset()) -> None:
        """Wait for the job; on success its folder becomes `target` (replacing what was there), or with `merge`
        each of its files goes to the same place under `target` except the paths in `keep`; else JobFailed."""
        if self.pid is None:
            try:
                self.work(self.scratch)
            except Exception as exc:  # the same failure as a forked job's, whichever way it ran
                shutil.rmtree(self.scratch, ignore_errors=True)
                raise JobFailed(_last_line(exc)) from exc
        else:
            message = self._wait()
            if message is not None:
                shutil.rmtree(self.scratch, ignore_errors=True)
                raise JobFailed(message)
        if merge:
            _merge(self.scratch, target, keep)
            shutil.rmtree(self.scratch)
            return
        if os.path.lexists(target):
            shutil.rmtree(target)
        os.replace(self.scratch, target)

    def cancel(self) -> None:
        """Stop the job (the build failed elsewhere) and remove what it wrote."""
        if self.pid is not None:
            try:
                os.kill(self.pid, 9)
            except ProcessLookupError:
                pass
            self._wait()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def _wait(self) -> str | None:
        """None when the job succeeded, else what went wrong."""
        assert self.pid is not None and self.pipe is not None
        chunks = []
        while chunk := os.read(self.pipe, 4096):
            chunks.append(chunk)
        os.close(self.pipe)
        _, status = os.waitpid(self.pid, 0)
        self.pid = self.pipe = None
        code = os.waitstatus_to_exitcode(status)
        if code == 0:
            return None
        text = b"".join(chunks).decode("utf-8", "replace")
        return text or (f"进程被信号 {-code} 终止" if code < 0 else f"进程以状态 {code} 退出")


def forking_helps() -> bool:
    """Fork only a process with one thread (a forked copy of a threaded one may deadlock) on more than one core."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def _merge(folder: Path, target: Path, keep: frozenset[str]) -> None:
    for parent, _, names in os.walk(folder):
        rel = Path(parent).relative_to(folder)
        for name in names:
            if (rel / name).as_posix() not in keep:
                os.makedirs(target / rel, exist_ok=True)
                os.replace(os.path.join(parent, name), target / rel / name)


def _last_line(exc: BaseException) -> str:
    return traceback.format_exception_only(exc)[-1].strip()
