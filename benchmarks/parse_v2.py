"""Records per second of `parse_record` on v2 JSON, and the ratio to merely decoding the bytes.

Run: python benchmarks/parse_v2.py [DIR ...]   (default: the real-data `ctgov_v2/`, see
tests/realdata.py)
Each pass parses every file's bytes once; the best of several passes is reported for both
`orjson.loads` and `parse_record`, in the same run on the same bytes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from trialparse import parse_record

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.realdata import require_real  # noqa: E402


def best_seconds(blobs: list[bytes], fn: Callable[[bytes], Any], passes: int) -> float:
    """The fastest of `passes` runs of `fn` over every blob."""
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        for blob in blobs:
            fn(blob)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Parse the records, print records/s and the ratio to orjson decoding."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=[])
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    dirs = args.dirs or [require_real() / "ctgov_v2"]
    files = sorted(f for d in dirs for f in d.glob("NCT*.json"))
    blobs = [f.read_bytes() for f in files]
    failures = 0
    for blob in blobs:  # every record must parse before it is timed
        try:
            parse_record(blob)
        except Exception as exc:  # report, do not stop
            failures += 1
            print(f"failed: {exc}")
    decode = best_seconds(blobs, orjson.loads, args.passes)
    parse = best_seconds(blobs, parse_record, args.passes)
    size = sum(map(len, blobs))
    print(f"records            {len(blobs)} ({size / 1e6:.1f} MB), failed {failures}")
    print(f"orjson.loads       {len(blobs) / decode:10.0f} records/s")
    print(f"parse_record       {len(blobs) / parse:10.0f} records/s")
    print(f"ratio to decode    {parse / decode:10.2f} x")


if __name__ == "__main__":
    main()
