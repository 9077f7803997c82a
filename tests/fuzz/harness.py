"""Mutation strategies and the property every reader must keep.

Inputs are built from real records (the real-data folder, tests/realdata.py) and the bundled
record by mutation (truncation, byte flips,
deleted or duplicated spans, NUL bytes, CRLF line ends, other encodings, huge repeated sections)
and, for JSON and XML, by structural mutation of the decoded record.
"""

from __future__ import annotations

import copy
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.realdata import real_bytes, real_data
from trialparse import Study, parse_record
from trialparse.errors import MalformedRecord, TrialParseError

TIME_BOUND = 10.0
"""Seconds one input may take before it counts as a hang (a guard, not a speed measure)."""

LONG_CASES = int(os.environ.get("TRIALPARSE_FUZZ_CASES", "100000"))
"""Cases per test in the on-demand profile (`pytest -m fuzz_long`); the variable overrides it."""

SHORT = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LONG = settings(SHORT, max_examples=LONG_CASES)

MAX_SIZE = 1_000_000
"""Mutations that grow the input stop at this many bytes."""


class Hang(Exception):
    """Raised by the alarm when one input runs past `TIME_BOUND`."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang("no result within the time bound")


@contextmanager
def time_bound(seconds: float = TIME_BOUND) -> Iterator[None]:
    """Raise `Hang` if the body runs longer than `seconds` (SIGALRM, main thread only)."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parses_or_refuses(
    content: bytes | str | dict[str, Any], format: str | None = None
) -> Study | None:
    """The property: a `Study` or a `TrialParseError`, in time, and nothing else escapes.

    A `Study` must also serialise; an error must be one line that names what it can.
    """
    try:
        with time_bound():
            study = parse_record(content, format=format)
            study.model_dump_json()
            study.to_ctgov_json()
    except TrialParseError as exc:
        message = str(exc)
        assert message, "an error with no message"
        assert "\n" not in message, f"not one line: {message!r}"
        if isinstance(exc, MalformedRecord):
            assert exc.location, f"no place named: {message}"
        return None
    assert isinstance(study, Study)
    return study


def load_bytes(*relative: str) -> list[bytes]:
    """Real files by their names in the real-data folder (none where it is absent)."""
    return [data for data in map(real_bytes, relative) if data]


# --- byte-level mutations ---------------------------------------------------------------------


@st.composite
def mutated_bytes(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed record with one to four byte-level mutations, then maybe a re-encoding."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        size = len(data)
        at = draw(st.integers(0, size))
        end = draw(st.integers(at, min(size, at + 400)))
        op = draw(
            st.sampled_from(
                ["truncate", "flip", "delete", "duplicate", "nul", "junk", "repeat", "swap"]
            )
        )
        if op == "truncate":
            del data[at:]
        elif op == "flip" and at < size:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "delete":
            del data[at:end]
        elif op == "duplicate":
            data[end:end] = data[at:end]
        elif op == "nul":
            data[at:at] = b"\x00" * draw(st.integers(1, 3))
        elif op == "junk":
            data[at:end] = draw(st.binary(max_size=16))
        elif op == "repeat" and end > at:
            times = min(draw(st.integers(2, 5_000)), MAX_SIZE // (end - at))
            data[end:end] = data[at:end] * times
        elif op == "swap" and end > at:
            other = draw(st.integers(0, len(data)))
            chunk = bytes(data[at:end])
            del data[at:end]
            data[min(other, len(data)) : min(other, len(data))] = chunk
    ending = draw(st.sampled_from(["keep", "keep", "crlf", "cr", "utf-16", "latin-1", "bom"]))
    out = bytes(data)
    if ending == "crlf":
        out = out.replace(b"\n", b"\r\n")
    elif ending == "cr":
        out = out.replace(b"\n", b"\r")
    elif ending in ("utf-16", "latin-1"):
        out = out.decode("utf-8", "replace").encode(ending, "replace")
    elif ending == "bom":
        out = b"\xef\xbb\xbf" + out
    return out


# --- structural JSON mutations ----------------------------------------------------------------

JSON_LEAF = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["", "N/A", "RECRUITING", "PHASE2", "18 Years", "2020-13", "NCT0000"])
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def json_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every path into a decoded JSON value, the root excluded."""
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, child in items:
        yield (*path, key)
        yield from json_paths(child, (*path, key))


def _parent(record: Any, path: tuple[str | int, ...]) -> Any:
    for key in path[:-1]:
        record = record[key]
    return record


def deep(levels: int) -> Any:
    """A value nested `levels` deep (lists in dicts)."""
    value: Any = "bottom"
    for i in range(levels):
        value = {"x": value} if i % 2 else [value]
    return value


@st.composite
def mutated_json(draw: st.DrawFn, seeds: list[dict[str, Any]]) -> dict[str, Any]:
    """A real record with one to three values replaced, deleted, duplicated or nested deep."""
    record = copy.deepcopy(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 3))):
        paths = list(json_paths(record))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(record, path)
        key = path[-1]
        op = draw(st.sampled_from(["replace", "replace", "delete", "wrap", "duplicate", "deep"]))
        if op == "replace":
            parent[key] = draw(JSON_VALUE)
        elif op == "delete":
            del parent[key]
        elif op == "wrap":
            parent[key] = [parent[key]]
        elif op == "duplicate" and isinstance(parent, list):
            parent.extend(parent[key] for _ in range(draw(st.integers(1, 200))))
        elif op == "deep":
            parent[key] = deep(draw(st.sampled_from([50, 300])))
    return record


def both_profiles(
    strategy: st.SearchStrategy[Any],
    check: Callable[[Any], None],
    short: int = 40,
    *,
    real: bool = True,
) -> tuple[Callable[..., None], Callable[..., None]]:
    """A CI test (`short` cases) and an on-demand `fuzz_long` test of `check` over `strategy`;
    both carry the `real_data` marker unless `real` is false (seeds that are not real records)."""
    from hypothesis import given

    quick = settings(SHORT, max_examples=short)(given(strategy)(check))
    long = pytest.mark.fuzz_long(LONG(given(strategy)(check)))
    if real:
        return real_data(quick), real_data(long)
    return quick, long
