"""Each benchmark script runs and prints its figures (what they measure is not asserted here:
speed is read off the benchmarks, never timed in a test). They read the real records."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.realdata import real_data

pytestmark = real_data

ROOT = Path(__file__).resolve().parent.parent

RUNS = [
    (["parse_v2.py", "--passes", "1"], "records/s"),
    (["parse_xml.py", "--passes", "1"], "records/s"),
    (["parse_pages.py", "--rounds", "1"], "pages/s"),
    (["parse_registries.py", "--rounds", "1"], "records/s"),
    (["normalise_speed.py", "--rounds", "1"], "texts/s"),
    (["normaliser_eval.py"], "F1"),
    (
        ["bulk.py", "--records", "300", "--workers", "1", "--to", "tables", "--normalise"],
        "records/s",
    ),
    (["memory_bounds.py", "--size", "0.2", "xml-locations", "v2-locations"], "over 20 times"),
    pytest.param(["pages_eval.py"], "accuracy", marks=real_data, id="pages_eval.py"),
]


def _run_id(run: object) -> str:
    """The script's name, or the id a marked run carries."""
    given = getattr(run, "id", None)
    return given if isinstance(given, str) else str(run[0][0])  # type: ignore[index]


@pytest.mark.parametrize(("args", "figure"), RUNS, ids=[_run_id(run) for run in RUNS])
def test_benchmark_runs(args: list[str], figure: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / args[0]), *args[1:]],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert figure in done.stdout
    assert "failed 0" in done.stdout or args[0] not in ("parse_v2.py", "bulk.py")
