"""Records per second of the legacy XML reader, and the ratio to `lxml.etree.fromstring`.

Run: python benchmarks/parse_xml.py [DIR ...]
(default: the real-data `ctgov_xml/`, its `_other_versions/` and `ctgov_xml_archive_history/`,
see tests/realdata.py)
Each pass handles every file's bytes once; the best of several passes is reported for
`lxml.etree.fromstring` (with the same safe parser options) and for `ctgov_xml.read`, in the
same run on the same bytes. The XML layer alone (`_xml.parse_xml` with its safety checks) and
the mapping to the v2 shape without the model (`read_element`) are shown too.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from trialparse.readers import ctgov_xml
from trialparse.readers._xml import parse_xml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.realdata import require_real  # noqa: E402

DEFAULT_DIRS = ["ctgov_xml", "ctgov_xml/_other_versions", "ctgov_xml_archive_history"]
_PLAIN = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)


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
    """Parse the records, print records/s and the ratio to plain lxml parsing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=[])
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    dirs = args.dirs or [require_real() / name for name in DEFAULT_DIRS]
    files = sorted(
        f for d in dirs for f in d.glob("**/NCT*.xml") if d.name != "ctgov_xml" or f.parent == d
    )
    blobs = [f.read_bytes() for f in files]
    failures = 0
    for blob in blobs:  # every record must parse before it is timed
        try:
            ctgov_xml.read(blob)
        except Exception as exc:  # report, do not stop
            failures += 1
            print(f"failed: {exc}")
    plain = best_seconds(blobs, lambda b: etree.fromstring(b, _PLAIN), args.passes)
    safe = best_seconds(blobs, parse_xml, args.passes)
    mapped = best_seconds(blobs, lambda b: ctgov_xml.read_element(parse_xml(b)), args.passes)
    full = best_seconds(blobs, ctgov_xml.read, args.passes)
    size = sum(map(len, blobs))
    print(f"records                {len(blobs)} ({size / 1e6:.1f} MB), failed {failures}")
    print(f"lxml.etree.fromstring  {len(blobs) / plain:10.0f} records/s")
    print(f"parse_xml (safe)       {len(blobs) / safe:10.0f} records/s")
    print(f"+ map to v2 shape      {len(blobs) / mapped:10.0f} records/s")
    print(f"ctgov_xml.read         {len(blobs) / full:10.0f} records/s")
    print(f"ratio to fromstring    {full / plain:10.2f} x")


if __name__ == "__main__":
    main()
