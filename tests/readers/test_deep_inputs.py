"""Records nested deep: a `Study` or a `trialparse.errors` exception, never a Python error.

The inputs are hand-made (`tests.readers.deep_inputs`: one maker per format, nested 500 to
2,100 levels). HTML is read whole up to libxml2's nesting limit (2,048 levels with
`huge_tree`) and refused past it, never cut; the XML readers keep libxml2's default limit (256
levels) and the JSON readers refuse content nested deeper than `MAX_DEPTH` (250).
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from trialparse import parse_record

from . import deep_inputs
from .deep_inputs import DEPTHS, MAKERS, outcome, site_deep_value, site_wrapped

_S = "study"
_HTML = (_S, _S, _S, _S, "UnsafeInput")  # read whole below 2,048 levels, refused past them
_XML = ("MalformedRecord",) * 5  # libxml2's default limit of 256 levels
# kept content deeper than 250 levels is refused; past 1,024 the JSON decoder refuses it first
_JSON = ("UnsafeInput", "UnsafeInput", "MalformedRecord", "MalformedRecord", "MalformedRecord")

EXPECTED: dict[str, tuple[str, ...]] = {
    "site-dl": _HTML,
    "site-table": _HTML,
    "site-div": _HTML,
    "site-deep-value": _HTML,
    "site-deep-sections": _HTML,
    "site-deep-criteria": _HTML,
    "site-deep-paragraph-items": _HTML,
    "site-deep-inline": _HTML,
    "site-criteria-text": (_S,) * 5,  # the nesting is in the text: the page itself is shallow
    "archive-page": _HTML,
    "other-page": _HTML,
    "euctr-html": _HTML,
    "ctgov-xml": _XML,
    "ictrp-xml": _XML,
    "v2-json": _JSON,
    "v2-dict": ("UnsafeInput",) * 5,  # decoded already: refused by the depth check alone
    "v2-criteria": (_S,) * 5,
    "v1-json": _JSON,
    "isrctn-json": _JSON,
    "text-criteria": (_S,) * 5,
}


def _expected(case: str, depth: int) -> str:
    found = EXPECTED[case][DEPTHS.index(depth)]
    return found if found == _S else f"trialparse-error {found}:"


def test_every_maker_has_expectations() -> None:
    assert set(EXPECTED) == set(MAKERS)


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("case", list(MAKERS))
def test_handmade_nested_input(case: str, depth: int) -> None:
    # in the test runner's process: its own frames take part of the stack
    assert outcome(case, depth).startswith(_expected(case, depth))


_CHILD = """
import json, sys
from tests.readers.deep_inputs import MAKERS, outcome
print(json.dumps({case: [outcome(case, int(depth)) for depth in sys.argv[1:]] for case in MAKERS}))
"""


def test_handmade_nested_inputs_in_a_fresh_interpreter() -> None:
    # Python's own recursion limit and stack, with nothing of the test runner's above the read
    depths = (970, 2000)
    root = Path(deep_inputs.__file__).resolve().parents[2]
    found = subprocess.run(
        [sys.executable, "-c", _CHILD, *map(str, depths)],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    outcomes = json.loads(found.stdout)
    for case, results in outcomes.items():
        for depth, result in zip(depths, results, strict=True):
            assert result.startswith(_expected(case, depth)), (case, depth, result)


@pytest.mark.parametrize("layout", ["dl", "table", "div"])
def test_site_page_in_2000_divs_reads_as_the_plain_page(layout: str) -> None:
    make = site_wrapped(layout)
    plain = parse_record(make(0))
    deep = parse_record(make(2000))
    assert plain.nct_id == "NCT06352281"
    assert len(plain.eligibility.exclusion) == 18
    assert deep.model_dump() == plain.model_dump()


def test_site_value_in_2000_spans_reads_as_the_plain_page() -> None:
    plain = parse_record(site_deep_value(0))
    deep = parse_record(site_deep_value(2000))
    assert deep.nct_id == "NCT06352281"
    assert deep.model_dump() == plain.model_dump()


def test_site_criteria_nested_2000_deep_are_read() -> None:
    study = parse_record(deep_inputs.site_deep_criteria(2000))
    assert study.nct_id == "NCT09999999"
    assert study.eligibility.inclusion[0].text == "criterion 0"


GROWTH = 8
FLAT = 3.0
"""Most that the time per KB of the deeper page may exceed that of the shallower one: linear
work keeps it near 1; the scans below each list item and each inline element, and the walk up
from each entry to its section, that this guards against made it 4 to 50 (4.5 s at 2,000
levels)."""


def _seconds(content: bytes) -> float:
    gc.collect()
    started = time.perf_counter()
    parse_record(content)
    return time.perf_counter() - started


@pytest.mark.parametrize(
    "maker",
    [
        deep_inputs.site_deep_criteria,
        deep_inputs.site_deep_paragraph_items,
        deep_inputs.site_deep_inline,
    ],
    ids=["criteria", "paragraph-items", "inline"],
)
def test_time_per_kb_of_nested_elements_stays_flat(maker: Callable[[int], bytes]) -> None:
    # times are compared between depths in one process (the best of interleaved rounds, so a
    # busy moment hits both alike), never against a wall-clock threshold
    inputs = [maker(250), maker(250 * GROWTH)]
    best = [float("inf")] * 2
    for _ in range(5):
        for index, content in enumerate(inputs):
            best[index] = min(best[index], _seconds(content))
    per_kb = [spent / len(content) * 1024 for spent, content in zip(best, inputs, strict=True)]
    assert per_kb[1] < FLAT * per_kb[0], f"{per_kb[0]:.2e} then {per_kb[1]:.2e} s/KB"
