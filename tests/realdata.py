"""Where the real registry records are, for the tests and the benchmarks.

The real records, pages and corpora are not part of the repository: they are read from the
folder named by `$TRIALPARSE_FIXTURES`, else from `shared/fixtures` beside the checkout (the
OpenAPI description from the `spec/` folder next to it). Names below that folder are those of
its MANIFEST.md (`ctgov_v2/NCT04930887.json`, `pages_dev/...`).

Tests that need the real data carry the `real_data` marker (or take their parameters from
`real_files`); where the folder is absent they are skipped with `SKIP_REASON`, and the rest of
the suite still runs. The project's own files (the bundled record, hand-made cases, labels) are
under `PROJECT_FIXTURES`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FIXTURES = ROOT / "fixtures"
SEED = PROJECT_FIXTURES / "NCT06352281.txt"
ENV = "TRIALPARSE_FIXTURES"


def _real_root() -> Path:
    configured = os.environ.get(ENV)
    if configured:
        return Path(configured).expanduser().resolve()
    return (ROOT.parent / "shared" / "fixtures").resolve()


REAL = _real_root()
SPEC = REAL.parent / "spec" / "ctg-oas-v2.yaml"
AVAILABLE = (REAL / "MANIFEST.md").is_file()
SKIP_REASON = (
    f"real registry records not found at {REAL}: set {ENV} to a copy of the shared "
    "fixtures folder (the one holding MANIFEST.md)"
)

real_data = pytest.mark.real_data
"""Marks a test that reads the real records (skipped with `SKIP_REASON` without them)."""


def require_real() -> Path:
    """The real-data folder, for scripts and benchmarks: exits with `SKIP_REASON` without it."""
    if not AVAILABLE:
        raise SystemExit(SKIP_REASON)
    return REAL


def real(*parts: str) -> Path:
    """A path under the real-data folder (the caller's test carries the `real_data` marker)."""
    return REAL.joinpath(*parts)


def real_bytes(*parts: str) -> bytes:
    """The bytes of a real file, or `b""` where the real data is absent (for module-level
    constants of tests that carry the `real_data` marker)."""
    path = real(*parts)
    return path.read_bytes() if AVAILABLE and path.is_file() else b""


def real_files(folder: str, pattern: str = "*", *, recursive: bool = False) -> list[Path]:
    """The files of a real-data folder, sorted (empty where the folder is absent)."""
    base = REAL / folder
    if not base.is_dir():
        return []
    found: Iterable[Path] = base.rglob(pattern) if recursive else base.glob(pattern)
    return sorted(path for path in found if path.is_file())


def real_params(
    folder: str, pattern: str = "*", *, recursive: bool = False, limit: int | None = None
) -> list[object]:
    """`real_files` as `pytest.param`s with readable ids, marked `real_data`.

    Without the real data this is one skipped parameter with `SKIP_REASON`, so a parametrised
    test reports one clear reason instead of an empty parameter set.
    """
    files = real_files(folder, pattern, recursive=recursive)
    if limit is not None:
        files = files[:limit]
    return as_params(files, REAL / folder)


@cache
def v2_subset() -> list[Path]:
    """The fixed subset of `ctgov_v2/` that `scripts/select_v2_fixtures.py` chooses (240 of the
    1,103 records, every study type / status / phases / results combination), for the tests too
    costly to run on every record; empty where the real data is absent."""
    from scripts.select_v2_fixtures import select

    folder = REAL / "ctgov_v2"
    return [folder / name for name in select(folder)]


def as_params(files: Sequence[Path], base: Path = REAL) -> list[object]:
    """Chosen real files as `pytest.param`s marked `real_data`, with ids relative to `base`.

    For a parameter set that is a subset of a folder (`real_params` for a whole folder); an
    empty choice (no real data) is one skipped parameter with `SKIP_REASON`.
    """
    if not files:
        return [
            pytest.param(None, id="no-real-data", marks=[real_data, pytest.mark.skip(SKIP_REASON)])
        ]
    return [pytest.param(path, id=str(path.relative_to(base)), marks=real_data) for path in files]
