"""Criteria texts per second of `normalise`, and what it finds, over the fixture records.

Run: python benchmarks/normalise_speed.py
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from trialparse import normalise, parse_record

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Normalise every fixture record's criteria text; print texts/s and counts per kind."""
    files = sorted((ROOT / "fixtures" / "ctgov_v2").glob("NCT*.json"))
    texts = [t for t in (parse_record(f).eligibility.criteria_text for f in files) if t]
    counts: Counter[str] = Counter()
    for text in texts:  # warm-up (pint's registry, regex caches) and counts
        result = normalise(text)
        counts.update(
            age_bounds=len(result.age_bounds),
            labs=sum(lab.uln_multiple is None for lab in result.labs),
            uln=sum(lab.uln_multiple is not None for lab in result.labs),
            windows=len(result.windows),
            scores=len(result.scores),
        )
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            normalise(text)
        best = min(best, time.perf_counter() - start)
    print(
        f"criteria texts     {len(texts)} ({sum(map(len, texts)) / len(texts):.0f} characters on average)"
    )
    print(f"normalise          {len(texts) / best:10.0f} texts/s")
    for kind in ("age_bounds", "labs", "uln", "windows", "scores"):
        print(f"{kind:18} {counts[kind]:10d}")


if __name__ == "__main__":
    main()
