"""The fast pass against the step-by-step mapping: the same `Study`, down to types and field sets."""

from __future__ import annotations

import dataclasses
from typing import Any

import orjson
from pydantic import BaseModel

from trialparse.errors import TrialParseError
from trialparse.model._lazy import FilledOnAccess
from trialparse.readers.base import RawRecord
from trialparse.v2._fast import fast_study
from trialparse.v2._mapper import map_record


def differences(fast: Any, exact: Any, where: str = "$") -> list[str]:
    """Where `fast` and `exact` differ: value, type, field order, fields set, key order."""
    if type(fast) is not type(exact):
        return [f"{where}: {type(fast).__name__} != {type(exact).__name__}"]
    if isinstance(fast, BaseModel):
        for model in (fast, exact):
            if isinstance(model, FilledOnAccess):
                model._fill()
        found = []
        if fast.model_fields_set != exact.model_fields_set:
            found.append(f"{where}: fields set {fast.model_fields_set} != {exact.model_fields_set}")
        if fast.__pydantic_extra__ != exact.__pydantic_extra__:
            found.append(f"{where}: extra")
        if fast.__pydantic_private__ != exact.__pydantic_private__:
            found.append(f"{where}: private")
        return found + differences(fast.__dict__, exact.__dict__, where)
    if isinstance(fast, dict):
        if list(fast) != list(exact):
            return [f"{where}: keys {list(fast)[:6]} != {list(exact)[:6]}"]
        return [d for key in fast for d in differences(fast[key], exact[key], f"{where}.{key}")]
    if isinstance(fast, list):
        if len(fast) != len(exact):
            return [f"{where}: {len(fast)} items != {len(exact)}"]
        return [
            d
            for i, (a, b) in enumerate(zip(fast, exact, strict=True))
            for d in differences(a, b, f"{where}[{i}]")
        ]
    return [] if fast == exact else [f"{where}: {fast!r} != {exact!r}"]


def compare(raw: RawRecord) -> tuple[bool, list[str]]:
    """(whether the fast pass took the record, how its result differs from the exact mapping).

    Where the fast pass refuses (an error from the record itself) the exact mapping must refuse
    with the same error. The record is also compared as the JSON reader hands it over after
    decoding it (`owned`: the extras are gathered when first read), where JSON can hold it.
    """
    taken, found = _compare(raw)
    if raw.owned or raw.extras:
        return taken, found
    try:
        decoded = orjson.loads(orjson.dumps(raw.data))
    except (TypeError, orjson.JSONDecodeError):
        return taken, found  # not what decoding JSON gives (keys that are not strings, ...)
    _, owned = _compare(dataclasses.replace(raw, data=decoded, owned=True))
    return taken, found + [f"owned: {difference}" for difference in owned]


def _compare(raw: RawRecord) -> tuple[bool, list[str]]:
    try:
        fast = fast_study(raw)
    except TrialParseError as exc:
        try:
            map_record(raw)
        except TrialParseError as expected:
            same = type(exc) is type(expected) and str(exc) == str(expected)
            return True, [] if same else [f"error {exc!r} != {expected!r}"]
        return True, [f"fast refused with {exc!r}, exact gave a Study"]
    if fast is None:
        return False, []
    try:
        exact = map_record(raw)
    except TrialParseError as exc:
        return True, [f"exact refused with {exc!r}, fast gave a Study"]
    found = differences(fast, exact)
    if fast.model_dump_json() != exact.model_dump_json():
        found.append("model_dump_json differs")
    if fast.to_ctgov_json() != exact.to_ctgov_json():
        found.append("to_ctgov_json differs")
    return True, found
