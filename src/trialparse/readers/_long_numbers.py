"""Integers the JSON decoding would round: orjson reads an integer outside [-2**63, 2**64) as a
float, so a record holding one is decoded again, exactly, by the standard library."""

from __future__ import annotations

import json
from typing import Any

import orjson

__all__ = ["exact_json", "has_long_number", "may_hold_rounded"]

# orjson reads an integer outside [-2**63, 2**64) as a float: such a literal has 19 digits or
# more. Every digit becomes "0" and everything else a space, so a run of 19 zeros is one.
_DIGITS_TO_ZERO = bytes(48 if 48 <= code <= 57 else 32 for code in range(256))
_LONG_NUMBER = b"0" * 19
# A run of 19 digits covers three bytes in a row of every sixth byte (19 >= 3 * 6): the sixth
# bytes (a sixth of the input, copied and translated faster than the whole) name the few places
# to look at closely. A place is checked in a window that holds every 19-digit run through it or
# through the next three sixth bytes, which are then passed over.
_STRIDE = 6
_SAMPLED_RUN = b"0" * 3
_WINDOW_BEFORE = 18
_WINDOW_AFTER = 3 * _STRIDE + 19
_PASSED = 4
_MAX_PLACES = 64
"""Places looked at one by one; past this the whole input is translated (linear either way)."""


def has_long_number(data: bytes) -> bool:
    """Whether `data` holds a run of 19 digits or more."""
    sampled = data[::_STRIDE].translate(_DIGITS_TO_ZERO)
    place = sampled.find(_SAMPLED_RUN)
    for _ in range(_MAX_PLACES):
        if place < 0:
            return False
        at = place * _STRIDE
        window = data[max(0, at - _WINDOW_BEFORE) : at + _WINDOW_AFTER]
        if window.translate(_DIGITS_TO_ZERO).find(_LONG_NUMBER) >= 0:
            return True
        place = sampled.find(_SAMPLED_RUN, place + _PASSED)
    return place >= 0 and data.translate(_DIGITS_TO_ZERO).find(_LONG_NUMBER) >= 0


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def exact_json(content: bytes | str) -> dict[str, Any] | None:
    """JSON holding a number of 19 digits or more, decoded with its integers exact (orjson
    reads an integer beyond 64 bits as a float, rounding 123456789012345678901234567890 to
    123456789012345677877719597056); None when there is none, or it does not decode here."""
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    if not has_long_number(data):
        return None
    try:
        decoded = json.loads(data.lstrip(b"\xef\xbb\xbf"), parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return None  # not JSON as the reader sees it either: its own error names the place
    return decoded if isinstance(decoded, dict) else None


_ROUNDED_FROM = 2.0**63
"""The smallest magnitude of a float that orjson makes of an integer literal."""

_EXPONENT = orjson.dumps(_ROUNDED_FROM).find(b"e+") > 0
"""Whether orjson writes such a float with an exponent ("9.223372036854776e+18")."""
_MAX_SIGNS = 64
"""Plus signs looked at one by one; past this the text is taken to hold such a float."""


def may_hold_rounded(written: bytes) -> bool:
    """Whether JSON that orjson wrote may hold a float it would make of a long integer: such a
    float is written with an exponent, a digit, "e+" (a False answer is certain)."""
    if not _EXPONENT:
        return True
    at = written.find(43)  # "+": rare in records, so memchr finds the few places to look at
    for _ in range(_MAX_SIGNS):
        if at < 0:
            return False
        if at >= 2 and written[at - 1] == 101 and 48 <= written[at - 2] <= 57:
            return True
        at = written.find(43, at + 1)
    return at >= 0

