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

Work that two processes can share item by item (the pages, `drawing`; the door posters, which the build
process joins once its pages are drawn) is split by `Claims`: one process takes items from the front of a
list, the other from the back, each item once, until they meet, however busy either of them is.
"""

from __future__ import annotations

import gc
import mmap
import multiprocessing
import os
import shutil
import struct
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path


class JobFailed(Exception):
    """The job raised or died; the message says how (its last line, or the signal)."""


class Job:
    """`work(scratch)` run elsewhere; the text it returns (a report), if any, comes back through `result`."""

    def __init__(self, work: Callable[[Path | None], object], scratch: Path | None, pid: int | None = None, pipe: int | None = None):
        self.work = work
        self.scratch = scratch
        self.pid = pid
        self.pipe = pipe

    @classmethod
    def start(cls, work: Callable[[Path | None], object], scratch: Path | None) -> Job:
        """`work(scratch)` in a forked process when that is safe and a second core exists, else later in `finish`
        (`scratch`: its own folder; None for work that writes nothing there)."""
        if scratch is not None and os.path.lexists(scratch):
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
                report = work(scratch)
                message = report.encode("utf-8", "replace") if isinstance(report, str) else b""
            except BaseException as exc:  # everything the parent must hear about, then exit
                code, message = 1, _last_line(exc).encode("utf-8", "replace")[:4000]
            finally:
                _write_all(write, message)
                os._exit(code)
        gc.unfreeze()
        os.close(write)
        return cls(work, scratch, pid, read)

    def result(self) -> str:
        """Wait for the job (or run it here, if it was not forked): what its work returned, or JobFailed."""
        if self.pid is None:
            try:
                report = self.work(self.scratch)
                return report if isinstance(report, str) else ""
            except Exception as exc:  # the same failure as a forked job's, whichever way it ran
                self._remove_scratch()
                raise JobFailed(_last_line(exc)) from exc
        succeeded, message = self._wait()
        if not succeeded:
            self._remove_scratch()
            raise JobFailed(message)
        return message

    def finish(self, target: Path, *, merge: bool = False, keep: frozenset[str] = frozenset()) -> None:
        """Wait for the job; on success its folder becomes `target` (replacing what was there), or with `merge`
        each of its files goes to the same place under `target` except the paths in `keep`; else JobFailed."""
        self.result()
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
        self._remove_scratch()

    def _remove_scratch(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def _wait(self) -> tuple[bool, str]:
        """Whether the job succeeded, and what it said (its report, or what went wrong)."""
        assert self.pid is not None and self.pipe is not None
        chunks = []
        while chunk := os.read(self.pipe, 65536):
            chunks.append(chunk)
        os.close(self.pipe)
        _, status = os.waitpid(self.pid, 0)
        self.pid = self.pipe = None
        code = os.waitstatus_to_exitcode(status)
        text = b"".join(chunks).decode("utf-8", "replace")
        if code == 0:
            return True, text
        return False, text or (f"进程被信号 {-code} 终止" if code < 0 else f"进程以状态 {code} 退出")


class Claims:
    """The two ends of one list, in memory both processes share: this process takes from the front, the
    other from the back, one index at a time, until they meet."""

    def __init__(self, count: int) -> None:
        self.memory = mmap.mmap(-1, 8)  # shared with a forked child (MAP_SHARED)
        struct.pack_into("ii", self.memory, 0, 0, count)
        self.lock = multiprocessing.get_context("fork").Lock()

    def front(self, index: int) -> bool:
        """Take `index` from the front (each index after the last one taken), unless the back has it."""
        with self.lock:
            if index >= struct.unpack_from("i", self.memory, 4)[0]:
                return False
            struct.pack_into("i", self.memory, 0, index + 1)
            return True

    def fronts(self) -> Iterator[int]:
        """0, 1, 2 … taken from the front until the back has the next one."""
        index = 0
        while self.front(index):
            yield index
            index += 1

    def backs(self) -> Iterator[int]:
        """Indexes taken from the back, one by one, until the ends meet."""
        while (index := self.back()) is not None:
            yield index

    def back(self) -> int | None:
        """The last index neither end has taken, now taken; None when the ends have met."""
        with self.lock:
            front, back = struct.unpack_from("ii", self.memory)
            if back <= front:
                return None
            struct.pack_into("i", self.memory, 4, back - 1)
            return back - 1


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


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _last_line(exc: BaseException) -> str:
    return traceback.format_exception_only(exc)[-1].strip()
