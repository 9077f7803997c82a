"""Every reader's peak memory stays under 20 times the input, and its time per KB stays flat.

The inputs are the adversarial but accepted shapes of `tests/fuzz/shapes.py` (a huge criteria
field, many attributes, many elements, many small values, nesting as deep as allowed, many
locations, many table rows, long lines, many lines), grown from real records (shared fixtures)
and the bundled text record to one or two MB. Each is parsed in a process of its own
(`tests/fuzz/rss.py`): its peak RSS, less what the process held before, is compared with the
input's size. Shapes packed so densely that decoding alone would take more must be refused
(`DENSE`); shapes known to need more are strict xfail rows that name the cause.

Every shape grown to a drawn size is read, not refused, in time (`pytest -m fuzz_long` runs
the long profile). Time is compared between sizes, never against a clock: the CPU time per KB of an input four
times larger may exceed that of the smaller one by at most `FLAT` (a quadratic cost gives 4),
best of two interleaved rounds each. `benchmarks/memory_bounds.py` prints the same figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.realdata import real, real_data
from trialparse._api import DENSE_FROM

from .harness import both_profiles, grown_shape, parses_or_refuses
from .rss import Cost, measure
from .shapes import SHAPES, WARM

pytestmark = real_data

MEMORY = 20
"""Most that peak RSS (less the process's own) may exceed the input's size."""

FLAT = 2.5
"""Most that the CPU time per KB of the larger input may exceed that of the smaller."""

SIZE = 1.2
"""About how many MB each memory input has."""

KNOWN_OVER: dict[str, str] = {}
"""Shapes over `MEMORY`, each with the part that takes the memory (none now)."""

MEMORY_SHAPES = [
    "v2-criteria",
    "v2-small-values",
    "v2-locations",
    "v2-deep",
    "v2-empty-objects",
    "xml-root-attributes",
    "xml-empty-elements",
    "xml-keywords",
    "xml-locations",
    "xml-stray-text",
    "xml-criteria",
    "xml-deep",
    "v1-criteria",
    "v1-locations",
    "page-criteria",
    "page-elements",
    "page-long-line",
    "page-deep",
    "page-rows",
    "text-long-line",
    "text-lines",
    "text-criteria",
    "ictrp-criteria",
    "ictrp-elements",
    "ictrp-attributes",
    "euctr-rows",
    "isrctn-criteria",
    "isrctn-centres",
    "isrctn-deep",
]
DENSE = {
    "v2-deep": "decoded JSON holds a list and a one-key dict for every two levels",
    "isrctn-deep": "decoded JSON holds a list and a one-key dict for every two levels",
    "v2-empty-objects": "decoded JSON holds a 64-byte dict and a pointer for every 3 bytes {},",
    "xml-deep": "libxml2 takes about 120 bytes for every 7-byte <n></n>",
    "xml-empty-elements": "libxml2 takes about 120 bytes for every 4-byte <z/>",
}
"""Shapes whose nodes are packed so densely that decoding alone takes over 20 times the input:
refused from `DENSE_FROM` bytes on, each with the part that would take the memory (smaller ones
are read: `test_grown_shapes`)."""
BOUNDS: dict[str, float] = {}
"""Shapes whose bound differs from `MEMORY` (none now: a stretch of many attributes is set
aside before libxml2 parses, `readers/_xml.py`)."""
_SCALE = {"xml-root-attributes": 3.0, "v2-deep": 1.6, "isrctn-deep": 1.6, "xml-deep": 1.6}
"""Shapes measured larger: a fixed cost (1,000 warnings) that a larger input makes small, or a
unit of less than a MB."""

TIME_SHAPES = [
    "xml-root-attributes",
    "xml-locations",
    "xml-stray-text",
    "ictrp-elements",
    "v2-locations",
    "text-lines",
    "page-rows",
    "euctr-rows",
]
_SMALL, _LARGE = 0.2, 0.8
"""Sizes in MB of the two inputs of each time shape."""


def _write(folder: Path, name: str, megabytes: float) -> Path:
    shape = SHAPES[name]
    path = folder / f"{name}-{megabytes}.in"
    if not path.exists():
        path.write_bytes(shape.build(max(1, int(shape.unit * megabytes))))
    return path


@pytest.fixture(scope="module")
def costs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, float], Cost]:
    """Each shape's cost at each size it is measured at, all measured in one run."""
    folder = tmp_path_factory.mktemp("shapes")
    jobs: list[tuple[str, float, Path | None]] = []
    for name in MEMORY_SHAPES:
        # a small input of the same shape first: what its code path holds at any size
        small = 1 / 32 if name in DENSE else 1 / 16  # under DENSE_FROM
        jobs.append((name, SIZE * _SCALE.get(name, 1.0), _write(folder, name, small)))
    for _ in range(2):  # interleaved rounds: a busy moment hits both sizes alike
        jobs += [(name, size, None) for name in TIME_SHAPES for size in (_SMALL, _LARGE)]
    measured = measure(
        [(SHAPES[name].format, _write(folder, name, size), small) for name, size, small in jobs],
        [(format, real(*parts)) for format, parts in WARM],
    )
    found: dict[tuple[str, float], Cost] = {}
    for (name, size, _), cost in zip(jobs, measured, strict=True):
        if name in DENSE and size == SIZE * _SCALE.get(name, 1.0):
            assert cost.error is not None, name
            assert cost.error.startswith("UnsafeInput: "), cost.error
            assert "packed too densely" in cost.error, cost.error
        else:
            assert cost.error is None, f"{name}: {cost.error}"
        best = found.get((name, size))
        if best is None or cost.seconds < best.seconds:
            found[name, size] = cost
    return found


def _memory_param(name: str) -> object:
    if name in KNOWN_OVER:
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_OVER[name]))
    return name


@pytest.mark.parametrize("name", [_memory_param(name) for name in MEMORY_SHAPES])
def test_peak_memory_stays_under_20_times_the_input(
    name: str, costs: dict[tuple[str, float], Cost]
) -> None:
    cost = costs[name, SIZE * _SCALE.get(name, 1.0)]
    assert cost.size > max(1_000_000, DENSE_FROM)
    bound = BOUNDS.get(name, MEMORY)
    assert cost.multiple <= bound, f"{name}: {cost.multiple:.1f} times {cost.size} bytes"


@pytest.mark.parametrize("name", TIME_SHAPES)
def test_time_per_kb_stays_flat(name: str, costs: dict[tuple[str, float], Cost]) -> None:
    small, large = costs[name, _SMALL], costs[name, _LARGE]
    assert large.size > 3 * small.size > 500_000
    assert large.per_kb < FLAT * small.per_kb, (
        f"{name}: {small.per_kb:.2e} then {large.per_kb:.2e} CPU s/KB"
    )


def test_known_shapes_exist() -> None:
    assert set(KNOWN_OVER) | set(BOUNDS) | set(_SCALE) | set(DENSE) <= set(MEMORY_SHAPES)
    assert set(MEMORY_SHAPES) <= set(SHAPES)
    assert not set(KNOWN_OVER) & set(BOUNDS)
    assert not set(DENSE) & (set(KNOWN_OVER) | set(BOUNDS) | set(TIME_SHAPES))
    assert set(TIME_SHAPES) <= set(SHAPES)


def _accepted(case: tuple[str, str, bytes]) -> None:
    name, format, content = case
    assert parses_or_refuses(content, format) is not None, f"{name} was refused"


test_grown_shapes, test_grown_shapes_long = both_profiles(grown_shape(SHAPES), _accepted, short=12)
