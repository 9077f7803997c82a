"""Pages per second of the text and HTML readers, and the ratio to merely decoding the pages.

Run: python benchmarks/parse_pages.py [--rounds N]

Sets: the seed record (`fixtures/NCT06352281.txt`, the trial site's layout); the real page
excerpts of `pages_dev/text/` (150 pages of 48 sites) and the full HTML records of
`pages_dev/registries/` (GSK, Takeda, EU CTR); the classic archive pages of `html/` in the real
data folder; and the trial site's page generated from the first 120 shared v2 records in each
layout of `tests/readers/render.py` (generated inputs, not real pages). The text baseline is
decoding the bytes and splitting them into lines, the HTML one `lxml.html.fromstring`.

Each figure is the median of interleaved rounds (reader, baseline, reader, ...) in one process,
so a machine busy with other work slows both sides alike; the ratio is the figure to read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html

from trialparse import parse_record
from trialparse.errors import TrialParseError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.readers.render import LAYOUTS, render_html  # noqa: E402
from tests.realdata import SEED, require_real, v2_subset  # noqa: E402


def _parse(fmt: str) -> Callable[[bytes], Any]:
    def parse(blob: bytes) -> Any:
        try:
            return parse_record(blob, format=fmt)
        except TrialParseError:
            return None  # pages that hold no trial are refused: that is part of the work

    return parse


def rate(blobs: list[bytes], fn: Callable[[bytes], Any]) -> float:
    start = time.perf_counter()
    for blob in blobs:
        fn(blob)
    return len(blobs) / (time.perf_counter() - start)


def measure(
    blobs: list[bytes], fn: Callable[[bytes], Any], base: Callable[[bytes], Any], rounds: int
) -> tuple[float, float]:
    """(median pages/s of `fn`, median ratio of `base`'s rate to `fn`'s) over interleaved rounds."""
    rates, ratios = [], []
    for _ in range(rounds):
        ours = rate(blobs, fn)
        theirs = rate(blobs, base)
        rates.append(ours)
        ratios.append(theirs / ours)
    return statistics.median(rates), statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    real = require_real()
    text_base: Callable[[bytes], Any] = lambda b: b.decode("utf-8").splitlines()  # noqa: E731
    sets: list[tuple[str, str, list[bytes], Callable[[bytes], Any]]] = [
        ("text", "seed", [SEED.read_bytes()], text_base),
    ]
    excerpts = sorted((real / "pages_dev" / "text").glob("*.txt"))
    if excerpts:
        sets.append(("text", "real page excerpts", [p.read_bytes() for p in excerpts], text_base))
    records = sorted((real / "pages_dev" / "registries").rglob("*.html"))
    if records:
        sets.append(
            (
                "html",
                "real full HTML records",
                [p.read_bytes() for p in records],
                lxml.html.fromstring,
            )
        )
    archive = sorted((real / "html" / "ctgov_archive_history_pages").rglob("*.html"))
    if archive:
        sets.append(
            ("html", "archive pages", [p.read_bytes() for p in archive], lxml.html.fromstring)
        )
    v2 = v2_subset()[:120]
    if v2:
        studies = [parse_record(path) for path in v2]
        site = [render_html(study, layout).encode() for study in studies for layout in LAYOUTS]
        sets.append(("html", "generated site pages", site, lxml.html.fromstring))
    for fmt, name, blobs, base in sets:
        pages, ratio = measure(blobs, _parse(fmt), base, rounds)
        baseline = "decode+splitlines" if fmt == "text" else "lxml.html.fromstring"
        print(
            f"{fmt:4}  {pages:8.0f} pages/s  ({ratio:6.1f} x {baseline})  "
            f"{len(blobs)} {name}, {sum(map(len, blobs)) // len(blobs)} bytes each on average"
        )


if __name__ == "__main__":
    main()
