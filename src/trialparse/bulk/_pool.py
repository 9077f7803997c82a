"""The process pool of a local batch: workers that parse chunks and never outlive the batch.

Each worker ignores SIGINT (Ctrl-C reaches the whole process group, and only the main process
decides what an interruption means), and exits as soon as its parent is gone, even after a
``kill -9`` of the parent: on Linux the kernel sends it SIGKILL (``PR_SET_PDEATHSIG``), and a
watchdog thread checks the parent's PID elsewhere. The main process hands out chunks through
one queue and gets the results back, tagged with the chunk's number, through another; a worker
that dies is noticed within a fraction of a second instead of leaving the batch waiting.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from ..errors import TrialParseError

__all__ = ["WorkerPool"]

_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 0.5
_POLL_SECONDS = 0.2
_STOP_SECONDS = 2.0

Task = Callable[..., Any]


def _die_with_parent(parent: int) -> None:
    """Make this process exit when `parent` does (at once on Linux, within 0.5 s elsewhere)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="trialparse-parent-watch", daemon=True).start()


def _work(task: Task, tasks: Any, results: Any, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    # What the worker holds from the start (modules, schemas, tables of patterns) lives as long
    # as it does: kept out of the collector's passes, which then scan only the job at hand
    # (and leave the pages shared with the parent unwritten). What the first job leaves that
    # stays (modules imported and tables built on first use) is set aside the same way.
    gc.freeze()
    first = True
    while True:
        job = tasks.get()
        if job is None:
            return
        number, args = job
        # A job's objects are freed by reference counting as it goes; the collector's passes
        # during a job would only scan what the job still holds. It runs once at the job's end
        # instead, on what the job allocated (where any reference cycle it made is).
        gc.disable()
        try:
            results.put((number, True, task(*args)))
        except BaseException as exc:  # reported to the main process, which raises it
            results.put((number, False, f"{type(exc).__name__}: {exc}"))
        finally:
            gc.enable()
        if first:
            first = False
            gc.collect()
            gc.freeze()
        else:
            gc.collect(0)


class WorkerPool:
    """`workers` processes running `task(*args)` for each submitted job, results by number."""

    def __init__(self, task: Task, workers: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        # fork starts at once and needs no importable __main__; spawn where there is no fork.
        context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._tasks: Any = context.Queue()
        self._results: Any = context.Queue()
        self._done: dict[int, tuple[bool, Any]] = {}
        self._next = 0
        self._processes = [
            context.Process(
                target=_work,
                args=(task, self._tasks, self._results, os.getpid()),
                name=f"trialparse-worker-{index}",
                daemon=True,
            )
            for index in range(workers)
        ]
        for process in self._processes:
            process.start()

    @property
    def pids(self) -> list[int]:
        """The worker processes' IDs."""
        return [p.pid for p in self._processes if p.pid is not None]

    def submit(self, *args: Any) -> int:
        """Queue a job; returns its number (jobs are numbered 0, 1, 2, ... as submitted)."""
        number = self._next
        self._next += 1
        self._tasks.put((number, args))
        return number

    def result(self, number: int) -> Any:
        """The result of job `number`, waiting for it; a worker's exception is raised here."""
        while number not in self._done:
            try:
                got, ok, value = self._results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                self._check_alive()
                continue
            self._done[got] = (ok, value)
        ok, value = self._done.pop(number)
        if not ok:
            raise TrialParseError(f"a worker failed: {value}")
        return value

    def _check_alive(self) -> None:
        for process in self._processes:
            if not process.is_alive():
                raise TrialParseError(
                    f"worker process {process.pid} died (exit code {process.exitcode})"
                )

    def close(self) -> None:
        """Let the workers finish their queue and exit."""
        for _ in self._processes:
            self._tasks.put(None)
        deadline = time.monotonic() + _STOP_SECONDS
        for process in self._processes:
            process.join(max(0.0, deadline - time.monotonic()))
        self.terminate()

    def terminate(self) -> None:
        """Stop every worker now (SIGTERM, then SIGKILL for any still running)."""
        for process in self._processes:
            if process.is_alive():
                process.terminate()
        deadline = time.monotonic() + _STOP_SECONDS
        for process in self._processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(_STOP_SECONDS)
        # A queue's feeder thread must not keep this process waiting on a pipe nobody reads.
        for q in (self._tasks, self._results):
            q.cancel_join_thread()
            q.close()
