"""Criteria texts per second of `normalise`, and what it finds, over the real v2 records.

Run: python benchmarks/normalise_speed.py [--rounds N]
The criteria of every real `ctgov_v2/` record (1,103) are normalised once to warm up and count
what is found, then in N timed rounds. Texts/s counts CPU time of this process (one core; on a
shared machine wall time also counts the waits for a core); the median round is reported, with
the ratio to merely splitting the same texts into criteria (interleaved rounds, so a busy
machine moves both alike).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.realdata import real  # noqa: E402

from trialparse import normalise, parse_record  # noqa: E402
from trialparse.normalise.criteria import split_criteria  # noqa: E402


def _seconds(texts: list[str], fn: Callable[[str], object]) -> float:
    start = time.process_time()
    for text in texts:
        fn(text)
    return time.process_time() - start


def main() -> None:
    """Normalise every real record's criteria text; print texts/s and counts per kind."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    files = sorted(real("ctgov_v2").glob("NCT*.json"))
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
    normalising, splitting = [], []
    for _ in range(args.rounds):
        normalising.append(_seconds(texts, normalise))
        splitting.append(_seconds(texts, split_criteria))
    seconds = statistics.median(normalising)
    average = sum(map(len, texts)) / len(texts)
    print(f"criteria texts     {len(texts)} ({average:.0f} characters on average)")
    print(
        f"normalise          {len(texts) / seconds:10.0f} texts/s of CPU time (median of {args.rounds} rounds)"
    )
    print(f"ratio to splitting {seconds / statistics.median(splitting):10.1f}x")
    for kind in ("age_bounds", "labs", "uln", "windows", "scores"):
        print(f"{kind:18} {counts[kind]:10d}")


if __name__ == "__main__":
    main()
