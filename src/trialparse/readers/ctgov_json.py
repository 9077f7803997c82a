"""The ClinicalTrials.gov API v2 JSON reader: decode, tell one study from a container, map.

The mapping itself (both directions) is `trialparse.v2`; `build_study` and
`study_to_ctgov_json` are re-exported here for the readers that build the v2 shape.
"""

from __future__ import annotations

import gc
from typing import Any

import orjson

from ..errors import MalformedRecord, TrialParseError
from ..model.study import Study
from ..v2 import build_study, study_to_ctgov_json
from ._long_numbers import exact_json
from .base import RawRecord
from .detect import decode_text

__all__ = ["build_study", "read", "study_to_ctgov_json"]

_PROTOCOL = "protocolSection"


def _decode(content: bytes | str, path: str | None) -> Any:
    if isinstance(content, str):
        content = content.lstrip("\ufeff")
    elif content[:2] in (b"\xff\xfe", b"\xfe\xff") or content[:3] == b"\xef\xbb\xbf":
        content = decode_text(content)
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        raise MalformedRecord(f"invalid JSON: {exc}", record_id=path, location="$") from None


def read(content: bytes | str | dict[str, Any], *, path: str | None = None) -> Study:
    """Read one ClinicalTrials.gov study in API v2 JSON (or classic v1 JSON) into a `Study`.

    The cyclic garbage collector is paused while the record is decoded and mapped, as
    `build_study` pauses it while it maps: decoding makes a container for every object and array
    of the record and no reference cycles, and each collection those allocations set off walks
    the containers decoded so far (about a sixth of the cost of a record). It is switched back
    on when reading ends, also when it raises, and only if it was on before.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _read(content, path)
    finally:
        if paused:
            gc.enable()


def _read(content: bytes | str | dict[str, Any], path: str | None) -> Study:
    text = None if isinstance(content, dict) else content
    if text is None:
        data = content
    else:
        try:
            data = _decode(text, path)
        except MalformedRecord:
            exact = exact_json(text)  # an integer too long for a float: infinity to orjson
            if exact is None:
                raise
            return _read(exact, path)
    if isinstance(data, list):
        raise MalformedRecord(
            f"a JSON array of {len(data)} records, not one study: parse each item, "
            "or use `trialparse batch`",
            record_id=path,
            location="$",
        )
    if not isinstance(data, dict):
        raise MalformedRecord(
            f"expected a JSON object (one study), got {type(data).__name__}",
            record_id=path,
            location="$",
        )
    if "studies" in data and _PROTOCOL not in data:
        raise MalformedRecord(
            "an API page of studies, not one study: parse each item of 'studies', "
            "or use `trialparse batch`",
            record_id=path,
            location="$.studies",
        )
    if ("Study" in data or "FullStudiesResponse" in data) and _PROTOCOL not in data:
        from . import ctgov_v1  # imported here: ctgov_v1 builds on this module

        if text is not None:
            data = exact_json(text) or data
        return ctgov_v1.read(data, path=path)
    if text is None:
        return build_study(RawRecord(data=data, format="ctgov-json", path=path))
    # orjson reads an integer beyond 64 bits as a float: where the mapping finds a float that
    # may be one (rarely), or refuses the record, the input is looked at for such integers
    raw = RawRecord(data=data, format="ctgov-json", path=path, owned=True)
    try:
        study = build_study(raw)
    except TrialParseError:
        exact = exact_json(text)
        if exact is None:
            raise
        return _read(exact, path)
    if raw.rounded:
        exact = exact_json(text)
        if exact is not None:
            return _read(exact, path)
    return study
