"""The normaliser's cost grows linearly with its input (a wall of scores, ages, labs or windows),
in time and in memory.

Each example repeats one piece of criteria text to two sizes, eight times apart, and compares
the CPU time per kilobyte (best of interleaved rounds, so a busy machine moves both alike):
linear work keeps the ratio of the times near 8, quadratic work makes it 64. Before the spans
already read were kept merged, `"ECOG 1 " * 23000` (160 KB) took 20 s and `"ECOG 0, 1, "` at
1 MB over 150 s.

Memory is measured in a child process (its peak resident set, `ru_maxrss`): before values of a
kind were capped at `MAX_VALUES` and long texts read a piece at a time, a 4 MB wall of
`"ECOG 1 "` took about 1 GB, some 1.8 KB a value.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trialparse
from tests.realdata import real_data, real_files
from trialparse import normalise, parse_record
from trialparse.normalise import LONG_TEXT, MAX_VALUES
from trialparse.normalise._common import Taken

GROWTH = 8
SMALL = LONG_TEXT // GROWTH
"""Characters of the smaller text: the larger (`GROWTH` times as long) is still read whole."""
PIECES = [
    "ECOG 1 ",
    "ECOG 0, 1, ",
    "Karnofsky ≥ 70% ",
    "aged 18 years or older, ",
    "aged three to 16 years (12 months) of age, ",
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
    _assert_flat(piece + joint)


@pytest.mark.parametrize(
    "unit",
    [
        # unitless lab bounds among ages: each was once checked against every age (hand-made)
        "eGFR > 60 Age < 18 ",
        "eGFR > 60 Age < 18 or > 70 \n",
    ],
)
def test_time_per_kilobyte_stays_flat_for_walls_found_by_fuzzing(unit: str) -> None:
    _assert_flat(unit)


def _assert_flat(unit: str) -> None:
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


# --- memory ---------------------------------------------------------------------------------------

MEMORY_LIMIT = 20
"""Peak memory for a text stays under this many times its size in bytes."""
_WORK = """
import json, resource, sys
from trialparse import normalise
piece, size = json.loads(sys.argv[1])
normalise(piece * 50)  # what any text loads first (pint's registry for lab units)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
text = piece * (size // len(piece))
result = normalise(text)
print(json.dumps([before, len(text.encode()), len(result.warnings)]))
"""
# a process's peak resident set starts from that of the process it was started from (Linux keeps
# it across exec): the work runs as the child of a small launcher, never of the test process
_LAUNCH = """
import json, resource, subprocess, sys
done = subprocess.run([sys.executable, "-c", sys.argv[1], sys.argv[2]], capture_output=True,
                      text=True, check=True)
before, size, warnings = json.loads(done.stdout)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps([before * 1024, peak * 1024, size, warnings]))
"""


def _child_memory(piece: str, size: int) -> tuple[int, int, int, int]:
    """(resident bytes before the text, peak resident bytes, text bytes, warnings) of
    normalising `piece` repeated to `size` characters in a fresh process (`ru_maxrss`, Linux
    and macOS count it in KiB)."""
    source = str(Path(trialparse.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCH, _WORK, json.dumps([piece, size])],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    before, peak, size_in_bytes, warnings = json.loads(done.stdout)
    return before, peak, size_in_bytes, warnings


@pytest.mark.parametrize(
    "piece",
    [
        "ECOG 1 ",
        "aged 18 years or older, \n* ",
        "aged three to 16 years (12 months) of age, \n* ",
        "ALT and AST ≤ 2.5 × ULN, ",
        "* Platelet count \\<30 x 109 / L\n",
        "x\n",
    ],
)
def test_memory_stays_within_a_multiple_of_the_text(piece: str) -> None:
    before, peak, size, _ = _child_memory(piece, 1_000_000)
    assert peak - before < MEMORY_LIMIT * size


def test_memory_of_a_4_mb_wall_of_scores_stays_under_20_times_its_size() -> None:
    # the whole process: the interpreter and the library take some 50 MB of the 80 MB
    _, peak, size, warnings = _child_memory("ECOG 1 ", 4_000_000)
    assert peak < MEMORY_LIMIT * size
    assert warnings == 1


def test_values_beyond_the_cap_are_counted_in_a_warning() -> None:
    # hand-made: a wall of scores, twice the cap and more
    result = normalise("ECOG 1 " * (2 * MAX_VALUES + 7))
    assert len(result.scores) == MAX_VALUES
    assert [s.span for s in result.scores[:2]] == [(0, 6), (7, 13)]
    assert [(w.code, w.path) for w in result.warnings] == [
        ("too-many-values", "protocolSection.eligibilityModule.eligibilityCriteria")
    ]
    assert result.warnings[0].message.startswith(f"{MAX_VALUES + 7:,} more scores not extracted")
    assert normalise("ECOG 1 " * MAX_VALUES).warnings == []


def test_a_long_text_read_in_pieces_keeps_offsets_and_items() -> None:
    # hand-made: past `LONG_TEXT`, the values of the last criterion keep their place
    filler = "* Able to give consent\n" * (LONG_TEXT // 20)
    text = "Inclusion Criteria:\n" + filler + "* ECOG 0-1\n* Platelets > 100 x 10^9/L\n"
    result = normalise(text)
    assert len(text) > LONG_TEXT
    (score,) = result.scores
    (lab,) = result.labs
    assert text[score.span[0] : score.span[1]] == score.text == "ECOG 0-1"
    assert text[lab.span[0] : lab.span[1]] == lab.text
    assert (lab.side, lab.criterion_index) == ("inclusion", filler.count("\n") + 2)


@real_data
def test_reading_in_pieces_changes_nothing_on_real_criteria() -> None:
    texts = [
        parse_record(path).eligibility.criteria_text or ""
        for path in real_files("ctgov_v2", "NCT*.json")[:400]
    ]
    text = "\n".join(texts)
    assert len(text) > 4 * LONG_TEXT
    joined = normalise(text)
    offset = 0
    expected: dict[str, list[tuple[int, int]]] = {"scores": [], "labs": [], "windows": []}
    for part in texts:
        alone = normalise(part)
        for kind, spans in expected.items():
            spans += [(s + offset, e + offset) for s, e in (v.span for v in getattr(alone, kind))]
        offset += len(part) + 1
    for kind, spans in expected.items():
        assert [v.span for v in getattr(joined, kind)] == spans, kind
