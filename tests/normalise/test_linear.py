"""The normaliser's cost grows linearly with its input (a wall of scores, ages, labs or windows).

Each example repeats one piece of criteria text to two sizes, eight times apart, and compares
the CPU time per kilobyte (best of interleaved rounds, so a busy machine moves both alike):
linear work keeps the ratio of the times near 8, quadratic work makes it 64. Before the spans
already read were kept merged, `"ECOG 1 " * 23000` (160 KB) took 20 s and `"ECOG 0, 1, "` at
1 MB over 150 s.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from trialparse import normalise
from trialparse.normalise._common import Taken

SMALL = 10_000
GROWTH = 8
PIECES = [
    "ECOG 1 ",
    "ECOG 0, 1, ",
    "Karnofsky ≥ 70% ",
    "aged 18 years or older, ",
    "Age < 18 or > 70 ",
    "within 4 weeks prior, ",
    "> 12 months ",
    "ALT and AST ≤ 2.5 × ULN, ",
    "Hemoglobin < 10 g/l and/or leucocytes < 4000 ",
    "platelets 100 x 10^9/L ECOG 0-1 18 years 4 weeks ",
    "* Platelet count \\<30 x 109 / L\n",
]


def _seconds(text: str) -> float:
    start = time.process_time()
    normalise(text)
    return time.process_time() - start


@settings(max_examples=len(PIECES), deadline=None, derandomize=True)
@given(st.sampled_from(PIECES), st.sampled_from(["", " ", "\n* "]))
def test_time_per_kilobyte_stays_flat(piece: str, joint: str) -> None:
    unit = piece + joint
    small = unit * (SMALL // len(unit))
    large = small * GROWTH
    normalise(small)  # warm-up: pint's registry, regex caches
    small_best = large_best = float("inf")
    for _ in range(3):
        small_best = min(small_best, _seconds(small))
        large_best = min(large_best, _seconds(large))
    # linear: about GROWTH; quadratic: GROWTH ** 2
    assert large_best / max(small_best, 1e-4) < GROWTH * 2.5


def test_taken_spans_across_passes() -> None:
    taken = Taken([(10, 20), (15, 25), (40, 50)])
    # one pass, in text order: overlaps with earlier spans are refused
    assert [taken.free(s, e) for s, e in [(0, 10), (20, 30), (26, 30), (45, 46), (50, 60)]] == [
        True,
        False,
        True,
        False,
        True,
    ]
    taken.add(26, 30)
    # a new pass sees the spans the previous one added
    assert taken.free(0, 5)
    assert not taken.free(27, 28)
    assert taken.free(30, 40)
