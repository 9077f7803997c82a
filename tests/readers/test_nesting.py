"""The C extension `readers._nesting` against its pure-Python fallbacks. `kept_verdict` is the
quick look at kept content before a record is accepted: the C walk where the extension is built,
serialising (`kept_json`) where it is not. Either answer may be cautious; neither may pass
content that `check_depth` refuses or that holds a float decoding may have made of a long
integer. The extension's audit of kept content (`v2._mapper._has_unknown`) is tested against
its reference in tests/v2/test_mapper.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.realdata import real_data, real_files
from trialparse import parse_record
from trialparse.errors import UnsafeInput
from trialparse.readers import base
from trialparse.readers.base import MAX_DEPTH, ROUNDED, UNSURE, WITHIN, check_depth, kept_verdict
from trialparse.v2 import _mapper

ROOT = Path(__file__).resolve().parents[2]
_BUILT = base._walked_verdict is not None
_NOT_BUILT = "the C extension trialparse.readers._nesting is not built here"


def _walk() -> Callable[[object, int], int]:
    """The extension's `verdict`; the test is skipped where it is not built."""
    walk = base._walked_verdict
    if walk is None:
        pytest.skip(_NOT_BUILT)
    return walk


@pytest.fixture(params=["c", "python"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs with the C walk and with the serialising fallback."""
    if request.param == "c":
        _walk()
    if request.param == "python":
        monkeypatch.setattr(base, "_walked_verdict", None)
    return str(request.param)


def _nested(levels: int, leaf: Any = "leaf") -> Any:
    value = leaf
    for _ in range(levels):
        value = [value]
    return value


def _refused(kept: list[Any], holders: list[dict[str, Any]]) -> bool:
    """Whether `check_depth` refuses the extras `kept` and `holders` stand for."""
    extras = {f"kept{index}": value for index, value in enumerate(kept)}
    for index, holder in enumerate(holders):
        extras.update({f"holder{index}.{key}": value for key, value in holder.items()})
    try:
        check_depth(extras, "NCT0")
    except UnsafeInput:
        return True
    return False


def _rounded(value: Any) -> bool:
    """Whether `value` holds a float of a magnitude orjson gives only a long integer."""
    if isinstance(value, float):
        return abs(value) >= 2.0**63
    if isinstance(value, dict):
        return any(_rounded(item) for item in value.values())
    if isinstance(value, list):
        return any(_rounded(item) for item in value)
    return False


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**64), 2**64)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([2.0**63, -(2.0**63), 1.2345678901234568e29, 9.2e18, 1e16])
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(
    kept=st.lists(_JSON, max_size=3),
    holders=st.lists(st.dictionaries(st.text(max_size=3), _JSON, max_size=3), max_size=3),
    levels=st.integers(0, MAX_DEPTH + 3),
)
def test_a_verdict_never_passes_what_the_exact_checks_refuse(
    kept: list[Any], holders: list[dict[str, Any]], levels: int
) -> None:
    # the generated content sits at the bottom of `levels` lists, so that it crosses the limit
    kept = [_nested(levels, value) for value in kept]
    holders = [{key: _nested(levels, value) for key, value in holder.items()} for holder in holders]
    refused = _refused(kept, holders)
    rounded = _rounded(kept) or _rounded(holders)
    for walked in (True, False):
        verdict = base._walked_verdict if walked else None
        if walked and verdict is None:
            continue
        saved = base._walked_verdict
        base._walked_verdict = verdict
        try:
            found = kept_verdict(list(kept), holders)
        finally:
            base._walked_verdict = saved
        if refused:
            assert found == UNSURE
        elif found == WITHIN:
            assert not rounded
        if walked and not refused:  # the walk is exact about both
            assert found == (ROUNDED if rounded else WITHIN)


def test_the_walk_is_unsure_exactly_where_the_check_refuses(way: str) -> None:
    for levels in range(MAX_DEPTH - 5, MAX_DEPTH + 5):
        refused = _refused([_nested(levels)], [])
        found = kept_verdict([_nested(levels)], [])
        assert found == (UNSURE if refused else WITHIN), levels
        # a holder sits one level above its values
        assert kept_verdict([], [{"k": _nested(levels)}]) == found
    assert _refused([_nested(MAX_DEPTH)], [])
    assert not _refused([_nested(MAX_DEPTH - 1)], [])


@pytest.mark.parametrize(
    ("kept", "expected"),
    [
        ([{"lat": 25.0, "lon": 102.7}, "text", 7, True, None], WITHIN),
        ([[], {}, [[{}]]], WITHIN),
        ([{"n": 1.2345678901234568e29}], ROUNDED),
        ([[-(2.0**63)]], ROUNDED),
        ([[9.2e18]], WITHIN),  # below 2**63: no integer orjson reads exactly becomes it
        ([("a", "tuple")], UNSURE),  # not decoded JSON: serialising decides
        ([{1: "a key that is no string"}], UNSURE),
    ],
)
def test_what_the_walk_finds_in_small_content(kept: list[Any], expected: int) -> None:
    walk = _walk()
    assert walk([kept], MAX_DEPTH + 1) == expected
    # where the walk cannot tell, serialising does
    assert kept_verdict(kept, []) == (WITHIN if expected == UNSURE else expected)


def test_where_the_walk_cannot_tell_serialising_decides(way: str) -> None:
    # a key that is no string, at the deepest level serialising confirms (hand-made)
    deep = {1: _nested(MAX_DEPTH - 2)}
    assert kept_verdict([deep], []) == WITHIN
    assert not _refused([deep], [])
    assert kept_verdict([{1: _nested(MAX_DEPTH)}], []) == UNSURE


def test_the_walk_checks_its_arguments_and_bounds_its_levels() -> None:
    walk = _walk()
    with pytest.raises(TypeError):
        walk([], "250")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        walk([])  # type: ignore[call-arg]
    assert walk(_nested(5000), 10**9) == UNSURE  # at most 512 levels are walked
    assert walk(_nested(500), 10**9) == WITHIN
    assert walk([], -3) == UNSURE


def _compiler() -> str | None:
    command = (sysconfig.get_config_var("CC") or "cc").split()[0]
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return shutil.which(command) if headers.is_file() else None


def test_the_extension_is_built_where_a_c_compiler_is() -> None:
    if _compiler() is None:
        pytest.skip("no C compiler or Python headers here: the package is pure Python")
    assert _BUILT, "a C compiler is here, yet trialparse.readers._nesting was not built"


@pytest.mark.slow
def test_the_package_builds_and_works_without_a_c_compiler(tmp_path: Path) -> None:
    # a copy of what the package is built from, without what an install built in place
    tree = tmp_path / "tree"
    shutil.copytree(
        ROOT / "src",
        tree / "src",
        ignore=shutil.ignore_patterns("*.so", "*.pyd", "__pycache__", "*.egg-info"),
    )
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, tree / name)
    env = {**os.environ, "CC": "/bin/false", "LDSHARED": "/bin/false"}
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(tree)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("trialparse-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    assert "trialparse/py.typed" in names
    assert "trialparse/readers/_nesting.pyi" in names
    assert not [name for name in names if name.endswith((".so", ".pyd"))]
    script = (
        "import trialparse.readers.base as b, trialparse.v2._mapper as m, trialparse; "
        "assert b._walked_verdict is None and m._HAS_UNKNOWN is None, b.__file__; "
        's = trialparse.parse_record(b\'{"protocolSection": {"identificationModule": '
        '{"nctId": "NCT01234567"}}, "zKept": {"a": [1]}}\'); '
        "print(s.nct_id, dict(s.extras), [w.path for w in s.warnings])"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "NCT01234567 {'zKept': {'a': [1]}} ['zKept']"


@real_data
def test_the_extension_and_python_give_the_same_study_on_real_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _walk()
    paths = real_files("ctgov_v2", "NCT*.json")
    assert len(paths) > 1000
    for path in paths:
        blob = path.read_bytes()
        walked = parse_record(blob)
        with monkeypatch.context() as patch:
            patch.setattr(base, "_walked_verdict", None)
            patch.setattr(_mapper, "_HAS_UNKNOWN", None)
            serialised = parse_record(blob)
            # read here: the extras and warnings are made (and audited) when first read
            extras, warnings = list(serialised.extras.items()), serialised.warnings
        assert list(walked.extras.items()) == extras, path.name
        assert walked.warnings == warnings, path.name
        assert walked.model_dump_json() == serialised.model_dump_json(), path.name
