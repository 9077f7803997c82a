"""Records per second of the WHO ICTRP export reader and the EU CTR page reader, and the ratio
to merely parsing the same bytes with lxml.

Run: python benchmarks/parse_registries.py [--rounds N]
(the real ICTRP export of 95 trials and the EU CTR pages of the shared fixtures)
Rounds interleave the two timings (lxml alone, then the reader) on the same bytes in one
process; the median of the rounds is reported, which holds on a shared machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.realdata import real, real_files  # noqa: E402

from trialparse.readers import euctr, ictrp  # noqa: E402

_XML = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
_HTML = etree.HTMLParser(no_network=True)


def _seconds(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _measure(
    name: str, count: int, baseline: Callable[[], Any], reader: Callable[[], Any], rounds: int
) -> None:
    base, full = [], []
    for _ in range(rounds):
        base.append(_seconds(baseline))
        full.append(_seconds(reader))
    base_s, full_s = statistics.median(base), statistics.median(full)
    print(
        f"{name}: {count / full_s:,.0f} records/s, lxml alone {count / base_s:,.0f} records/s, "
        f"ratio {full_s / base_s:.1f}x (median of {rounds} interleaved rounds)"
    )


def main() -> None:
    """Time both readers against lxml on the real records and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    export = real("other_registries", "who_ictrp", "ICTRP-Results(1)_2024-06-09_95trials.xml")
    if export.is_file():
        blob = export.read_bytes()
        count = len(list(ictrp.iter_trials(blob)))
        _measure(
            "ICTRP export",
            count,
            lambda: etree.fromstring(blob, _XML),
            lambda: list(ictrp.iter_trials(blob)),
            args.rounds,
        )
    pages = [p.read_bytes() for p in real_files("other_registries/euctr/html", "*.html")]
    pages += [p.read_bytes() for p in real_files("pages_dev/registries/euctr", "*.html")]
    if pages:
        _measure(
            "EU CTR pages",
            len(pages),
            lambda: [etree.fromstring(page, _HTML) for page in pages],
            lambda: [euctr.read(page) for page in pages],
            args.rounds,
        )
    if not export.is_file() and not pages:
        print("no real records found: set TRIALPARSE_FIXTURES; 0 records/s")


if __name__ == "__main__":
    main()
