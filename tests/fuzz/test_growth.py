"""Cost grows with the input, not faster: time per KB stays flat over an eightfold growth, and
peak memory stays under 20 times the input.

Each shape is one that once ran in quadratic time, built by growing a real record (shared
fixtures) or the bundled text record: a legacy XML root with thousands of attributes, a text
render whose related-trials section runs on, an XML record whose real location holding stray
text is repeated thousands of times, a v2 record with thousands of integers beyond 64 bits, an
HTML page whose headings are left open and so nest in each other. Times are compared between
sizes in one process (the best of two rounds each, interleaved), never against a wall-clock
threshold; the factor is generous for a shared machine, and a quadratic cost would be 8.
"""

from __future__ import annotations

import gc
import json
import time
import tracemalloc
from collections.abc import Callable

import pytest

from tests.realdata import SEED, real, real_data
from trialparse import parse_record

pytestmark = real_data

GROWTH = 8
FLAT = 3.0
"""Most that the time per KB of the largest input may exceed that of the smallest."""
MEMORY = 20
"""Most that peak traced memory may exceed the input's size, at the largest size."""


def xml_record() -> bytes:
    return real("ctgov_xml", "NCT00000122.xml").read_bytes()


def root_attributes(count: int) -> bytes:
    attributes = b" ".join(b'a%d="v%d"' % (i, i) for i in range(count))
    return xml_record().replace(b"<clinical_study", b"<clinical_study " + attributes, 1)


def related_trial_lines(count: int) -> bytes:
    return (SEED.read_text() + "\n" + "A related trial's title, one more line\n" * count).encode()


def locations_with_stray_text(count: int) -> bytes:
    """NCT02586688 of 2017-10-20, its first location (which holds stray text) repeated."""
    content = real("ctgov_xml", "_other_versions", "NCT02586688__2017-10-20__1.xml").read_bytes()
    start = content.index(b"<location>")
    location = content[start : content.index(b"</location>", start) + len(b"</location>")]
    assert b"\n1\n" in location
    return content.replace(location, location * count, 1)


def nested_headings(count: int) -> bytes:
    """An archive page of NCT00000122 with a heading left open `count` times before its end
    (hand-made): each heading holds all those after it."""
    page = real(
        "html", "ctgov_archive_history_pages", "NCT00000122", "NCT00000122_20050623.html"
    ).read_bytes()
    return page.replace(b"</body>", b"<h3><b>Conditions</b> " * count + b"</body>", 1)


def big_integers(count: int) -> bytes:
    record = json.loads(real("ctgov_v2", "NCT04930887.json").read_bytes())
    record["protocolSection"]["zNumbers"] = [2**70 + i for i in range(count)]
    return json.dumps(record).encode()


SHAPES: dict[str, tuple[Callable[[int], bytes], int, bool]] = {
    # name: (builder, smallest count, memory bound holds)
    "xml-root-attributes": (root_attributes, 6_000, True),
    "text-related-trials": (related_trial_lines, 8_000, True),
    "xml-locations-stray-text": (locations_with_stray_text, 100, True),
    "json-big-integers": (big_integers, 4_000, True),
    # (each heading is an element of the parsed page: more memory than its 22 bytes of input)
    "html-nested-headings": (nested_headings, 250, False),
}


def seconds(content: bytes) -> float:
    gc.collect()
    started = time.perf_counter()
    parse_record(content)
    return time.perf_counter() - started


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_time_per_kb_stays_flat(shape: str) -> None:
    build, small, _ = SHAPES[shape]
    inputs = [build(small), build(small * GROWTH)]
    best = [float("inf")] * 2
    for _ in range(2):  # interleaved rounds: a busy moment hits both sizes alike
        for index, content in enumerate(inputs):
            best[index] = min(best[index], seconds(content))
    per_kb = [spent / len(content) * 1024 for spent, content in zip(best, inputs, strict=True)]
    assert per_kb[1] < FLAT * per_kb[0], f"{shape}: {per_kb[0]:.2e} then {per_kb[1]:.2e} s/KB"


@pytest.mark.parametrize("shape", sorted(s for s, (_, _, bounded) in SHAPES.items() if bounded))
def test_peak_memory_stays_under_20_times_the_input(shape: str) -> None:
    build, small, _ = SHAPES[shape]
    content = build(small * GROWTH)
    gc.collect()
    tracemalloc.start()
    try:
        parse_record(content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY * len(content), f"{shape}: {peak / len(content):.1f} times the input"
