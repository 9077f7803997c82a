"""Peak memory (as a multiple of the input's size) and CPU time per KB of every reader on the
adversarial inputs of tests/fuzz/shapes.py, at two sizes.

Run: python benchmarks/memory_bounds.py [--size MB] [SHAPE ...]
(default: every shape, at SIZE / 4 and SIZE MB, SIZE 4). Each input is parsed in a process of its
own (tests/fuzz/rss.py): peak RSS less what the process held before. "growth" is the time per
KB of the larger input over that of the smaller one (1 is linear, 4 would be quadratic); the
bound the tests hold is 20 times the input for memory.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz.rss import measure  # noqa: E402
from tests.fuzz.shapes import SHAPES, WARM  # noqa: E402
from tests.realdata import real, require_real  # noqa: E402


def main() -> None:
    """Measure each shape at two sizes and print one line per shape."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shapes", nargs="*", default=sorted(SHAPES), help="names in SHAPES")
    parser.add_argument("--size", type=float, default=4.0, help="MB of the larger input")
    args = parser.parse_args()
    unknown = sorted(set(args.shapes) - set(SHAPES))
    if unknown:
        parser.error(f"unknown shapes {unknown}: choose from {sorted(SHAPES)}")
    require_real()
    with tempfile.TemporaryDirectory() as folder:
        inputs = []
        for name in args.shapes:
            shape = SHAPES[name]
            small = Path(folder, f"{name}.warm")
            small.write_bytes(shape.build(max(1, shape.unit // 16)))
            for megabytes in (args.size / 4, args.size):
                path = Path(folder, f"{name}-{megabytes}")
                path.write_bytes(shape.build(max(1, int(shape.unit * megabytes))))
                inputs.append((shape.format, path, small))
        costs = measure(inputs, [(format, real(*parts)) for format, parts in WARM])
    print(f"{'shape':24} {'MB':>6} {'memory':>8} {'ms/KB':>8} {'growth':>7}")
    over = 0
    for index, name in enumerate(args.shapes):
        small_cost, large_cost = costs[2 * index], costs[2 * index + 1]
        growth = large_cost.per_kb / small_cost.per_kb if small_cost.per_kb else float("nan")
        over += large_cost.multiple > 20
        note = f"  {large_cost.error}" if large_cost.error else ""
        print(
            f"{name:24} {large_cost.size / 1e6:6.2f} {large_cost.multiple:7.1f}x "
            f"{large_cost.per_kb * 1e3:8.3f} {growth:7.2f}{note}"
        )
    print(f"shapes {len(args.shapes)}, over 20 times the input {over}")


if __name__ == "__main__":
    main()
