"""`check_depth`: kept content may nest about `MAX_DEPTH` levels below the record's root;
`opening_brackets` counts what JSON opens."""

from __future__ import annotations

from typing import Any

import pytest

from trialparse.errors import UnsafeInput
from trialparse.readers.base import MAX_DEPTH, check_depth, opening_brackets


def _nested(levels: int, container: type = list) -> Any:
    value: Any = "leaf"
    for _ in range(levels):
        value = [value] if container is list else (value,)
    return value


@pytest.mark.parametrize(
    "wrap",
    [
        lambda value: value,
        lambda value: {"key": value},
        lambda value: {1: value},  # a key orjson takes only with OPT_NON_STR_KEYS
        lambda value: [2**70, value],  # a number orjson refuses
    ],
)
def test_the_limit_is_the_same_whatever_else_the_content_holds(wrap: Any) -> None:
    check_depth({"text": "x", "kept": wrap(_nested(MAX_DEPTH - 5))}, "NCT0")
    with pytest.raises(UnsafeInput) as info:
        check_depth({"text": "x", "kept": wrap(_nested(MAX_DEPTH + 5))}, "NCT0")
    assert info.value.location == "kept"
    assert info.value.record_id == "NCT0"


def test_only_objects_and_arrays_count_as_levels() -> None:
    check_depth({"kept": _nested(MAX_DEPTH + 10, tuple), "n": 2**70, "s": "x" * 1000}, None)
    check_depth({}, None)


def test_opening_brackets_counts_objects_and_arrays_and_brackets_in_strings() -> None:
    assert opening_brackets(b'{"a": [1, {"b": []}], "c": "[{"}') == 6
    assert opening_brackets(b"[]") == 1
    assert opening_brackets(b'"text"') == 0
