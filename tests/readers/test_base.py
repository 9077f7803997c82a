"""`check_depth`: kept content may nest about `MAX_DEPTH` levels below the record's root;
`few_brackets` tells JSON that cannot nest that deep."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from trialparse import parse_record
from trialparse.errors import UnsafeInput
from trialparse.readers.base import MAX_DEPTH, check_depth, few_brackets


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


def _outcome(data: Any) -> str:
    try:
        parse_record(data)
    except UnsafeInput as exc:
        return f"refused at {exc.location}"
    return "parsed"


def test_json_with_few_brackets_is_never_deep_enough_to_be_refused() -> None:
    """Hand-made records keeping a list nested about `MAX_DEPTH` deep: bytes (whose bracket count
    may skip the depth check) and the decoded dict (always checked) give the same outcome."""
    outcomes = set()
    for levels in range(MAX_DEPTH - 12, MAX_DEPTH + 2):
        record = {
            "protocolSection": {"identificationModule": {"nctId": "NCT00000000"}},
            "kept": _nested(levels),
        }
        content = orjson.dumps(record)
        outcome = _outcome(content)
        assert outcome == _outcome(record), levels
        if few_brackets(content):
            assert outcome == "parsed"
        outcomes.add((few_brackets(content), outcome))
    assert outcomes == {(True, "parsed"), (False, "parsed"), (False, "refused at kept")}
