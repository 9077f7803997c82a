"""Peak memory and CPU time of `parse_record` on given inputs, each measured in its own process.

One fresh interpreter imports trialparse and reads a small real record of every format once
(so lazy imports and caches are in place: they are not the input's cost), then forks once per
input. Each fork reads a small input of the same shape, if given (what the shape's code path
holds whatever the size), then reads its input from disk and parses it; its peak RSS
(``getrusage(RUSAGE_SELF).ru_maxrss``, which in a fork starts at the memory it inherited) minus
that starting level is what the parse took, the input's own bytes included. CPU time
(``time.process_time``) is that of the parse alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

_CHILD = r"""
import gc, json, os, resource, sys, time
from trialparse import parse_record

def rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

jobs = json.loads(sys.stdin.read())
for warm_format, warm_path in jobs["warm"]:
    try:
        parse_record(open(warm_path, "rb").read(), format=warm_format)
    except Exception:
        pass
gc.collect()
for format, path, small in jobs["inputs"]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        if small:
            try:
                parse_record(open(small, "rb").read(), format=format)
            except Exception:  # refused (a dense shape): its code path is warm all the same
                pass
        gc.collect()
        start = rss()
        content = open(path, "rb").read()
        began = time.process_time()
        error = None
        try:
            parse_record(content, format=format)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"[:300]
        spent = time.process_time() - began
        os.write(write_end, json.dumps([rss() - start, spent, error]).encode())
        os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    print(b"".join(chunks).decode() or json.dumps([0, 0.0, "the fork died"]), flush=True)
"""


@dataclass(frozen=True)
class Cost:
    """What one parse took: peak memory growth in bytes, CPU seconds, the error if it raised."""

    size: int
    peak: int
    seconds: float
    error: str | None

    @property
    def multiple(self) -> float:
        """Peak memory as a multiple of the input's size."""
        return self.peak / self.size

    @property
    def per_kb(self) -> float:
        """CPU seconds per KB of input."""
        return self.seconds / self.size * 1024


def measure(
    inputs: list[tuple[str | None, Path, Path | None]], warm: list[tuple[str | None, Path]]
) -> list[Cost]:
    """The `Cost` of parsing each (format, file, small file or None) of `inputs`, after
    reading each (format, file) of `warm`."""
    jobs = {
        "warm": [[fmt, str(path)] for fmt, path in warm],
        "inputs": [[fmt, str(path), small and str(small)] for fmt, path, small in inputs],
    }
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=600,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == len(inputs), done.stderr[-2000:]
    return [
        Cost(path.stat().st_size, peak, seconds, error)
        for (_, path, _), (peak, seconds, error) in zip(inputs, rows, strict=True)
    ]
