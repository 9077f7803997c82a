"""Pages per second of the text and HTML readers, and the ratio to merely parsing the markup.

Run: python benchmarks/parse_pages.py
Text: the seed record (fixtures/NCT06352281.txt). HTML: the classic archive pages of the
real-data `html/` (tests/realdata.py), and the trial site's page generated from the first 120
records of the fixed v2 subset (`v2_subset`) in each
layout of `tests/readers/render.py` (generated inputs, not real pages). The HTML ratio is against
`lxml.html.fromstring` of the same bytes; the text ratio against decoding and splitting the same
bytes into lines.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html

from trialparse import parse_record

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.readers.render import LAYOUTS, render_html  # noqa: E402
from tests.realdata import SEED, require_real, v2_subset  # noqa: E402


def best_rate(blobs: list[bytes], fn: Callable[[bytes], Any], seconds: float = 1.0) -> float:
    """Items per second of `fn` over the blobs: the best of repeated passes for `seconds`."""
    best = 0.0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        for blob in blobs:
            fn(blob)
        best = max(best, len(blobs) / (time.perf_counter() - start))
    return best


def main() -> None:
    """Print pages/s for both readers and their ratios to the baseline."""
    seed = [SEED.read_bytes()]
    real = require_real()
    pages = [
        p.read_bytes() for p in sorted((real / "html/ctgov_archive_history_pages").rglob("*.html"))
    ]
    text_rate = best_rate(seed, lambda b: parse_record(b, format="text"))
    text_base = best_rate(seed, lambda b: b.decode("utf-8").splitlines())
    html_rate = best_rate(pages, lambda b: parse_record(b, format="html"))
    html_base = best_rate(pages, lxml.html.fromstring)
    records = v2_subset()[:120]
    studies = [parse_record(path) for path in records]
    site = [render_html(study, layout).encode() for study in studies for layout in LAYOUTS]
    site_rate = best_rate(site, lambda b: parse_record(b, format="html"))
    site_base = best_rate(site, lxml.html.fromstring)
    print(
        f"text  {text_rate:8.0f} pages/s  ({text_base / text_rate:6.1f} x decode+splitlines)  seed, {len(seed[0])} bytes"
    )
    print(
        f"html  {html_rate:8.0f} pages/s  ({html_base / html_rate:6.1f} x lxml.html.fromstring)  {len(pages)} archive pages"
    )
    print(
        f"html  {site_rate:8.0f} pages/s  ({site_base / site_rate:6.1f} x lxml.html.fromstring)  {len(site)} generated site pages"
    )


if __name__ == "__main__":
    main()
