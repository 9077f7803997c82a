"""What every reader hands to the one v2 mapping: a record in the v2 JSON shape, plus what it kept."""

from __future__ import annotations

import reprlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

from ..errors import MalformedRecord, UnsafeInput, WarningCode
from ..model.study import Format, ParseWarning
from ._long_numbers import may_hold_rounded

__all__ = [
    "MAX_DEPTH",
    "MAX_KEPT_WARNINGS",
    "RawRecord",
    "check_depth",
    "kept_json",
    "kept_verdict",
    "opening_brackets",
    "short_repr",
    "wrong_value",
]


def _c_verdict() -> Callable[[object, int], int] | None:
    try:
        from ._nesting import verdict
    except ImportError:  # installed without its C extension: `kept_verdict` serialises instead
        return None
    return verdict


_walked_verdict = _c_verdict()

MAX_DEPTH = 250
"""Deepest nesting of objects and lists kept from a record (real records nest about 10 deep).

JSON serialisers (orjson, pydantic) stop at 255 levels; a `Study` adds a few above its extras.
"""

_WRAP_DEPTH = 254 - MAX_DEPTH

MAX_KEPT_WARNINGS = 1000
"""Kept parts of one record warned about one by one; past this one warning counts for the rest
(everything is still in `extras`: 200,000 attributes would otherwise make 200,000 warnings, a
memory many times the input's size)."""

_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = 60
_REPR.maxother = 60


def short_repr(value: Any) -> str:
    """A bounded repr of a source value for an error message, safe for any nesting."""
    return _REPR.repr(value)


def wrong_value(record_id: str | None, path: str, expected: str, got: Any) -> MalformedRecord:
    """The error for a value of the wrong shape at `path`."""
    snippet = short_repr(got)
    return MalformedRecord(
        f"expected {expected}, got {snippet}", record_id=record_id, location=path, snippet=snippet
    )


def kept_json(kept: list[Any], holders: list[Any]) -> bytes | None:
    """The JSON orjson writes of `kept` (content kept whole) and `holders` (objects whose values
    are kept one by one) when it confirms that they nest no deeper than `MAX_DEPTH` (a holder
    sits one level above its values); None when this quick check cannot tell (deeper, or
    content orjson refuses: count the levels)."""
    # a holder sits one level above the values it holds
    wrapped: Any = [kept, *holders]
    for _ in range(_WRAP_DEPTH - 1):
        wrapped = [wrapped]
    try:
        # orjson stops at 254 levels: serialising is the fast check for ordinary records; without
        # OPT_NON_STR_KEYS it takes about 40% less time (other keys take the try below)
        return orjson.dumps(wrapped)
    except TypeError:
        pass
    try:
        return orjson.dumps(wrapped, option=orjson.OPT_NON_STR_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        return None


WITHIN, ROUNDED, UNSURE = range(3)
"""What `kept_verdict` says of kept content."""


def kept_verdict(kept: list[Any], holders: list[Any]) -> int:
    """What a quick look finds in content decoded from JSON that a record keeps: `kept` (values
    kept whole) and `holders` (objects whose values are kept one by one; a holder sits one
    level above its values). WITHIN: it nests no deeper than `kept_json` confirms (about
    `MAX_DEPTH` levels), and no float in it is one that decoding may have made of a long
    integer (`may_hold_rounded`); ROUNDED: within, but such a float may be there; UNSURE: it
    may nest deeper (the caller counts the levels, `check_depth`).

    The C extension `_nesting` walks the containers; where it is not built, or its walk cannot
    tell (content deeper than `kept_json` allows, keys that are not strings, values that are no
    decoded JSON), `kept_json` serialises them. So UNSURE is exactly where `kept_json` cannot
    confirm; ROUNDED may be said where serialising would not say it (the caller then looks at
    the input, and finds no long integer).
    """
    if _walked_verdict is not None:
        # the levels `kept_json` allows: the outer list, a holder or the list of kept values,
        # then the values (a value of the extras is at level 2 for `check_depth`)
        found = _walked_verdict([kept, *holders], MAX_DEPTH + 1)
        if found != UNSURE:
            return found
    written = kept_json(kept, holders)
    if written is None:
        return UNSURE
    return ROUNDED if may_hold_rounded(written) else WITHIN


def check_depth(extras: dict[str, Any], record_id: str | None) -> None:
    """Refuse with `UnsafeInput`, naming the path, kept content that nests deeper than `MAX_DEPTH`."""
    # Only objects and arrays nest; kept text, numbers and flags need no check.
    nested = [value for value in extras.values() if type(value) is dict or type(value) is list]
    if not nested or kept_verdict(nested, []) != UNSURE:
        return
    for path, value in extras.items():
        stack = [(value, 2)]
        while stack:
            node, depth = stack.pop()
            if depth > MAX_DEPTH:
                raise UnsafeInput(
                    f"nested deeper than {MAX_DEPTH} levels", record_id=record_id, location=path
                )
            if type(node) is dict or type(node) is list:
                children = node.values() if type(node) is dict else node
                stack.extend((child, depth + 1) for child in children)


_NOT_OPENING = bytes(code for code in range(256) if code not in b"[{")


def opening_brackets(content: bytes) -> int:
    """How many objects and arrays JSON `content` opens, counting brackets inside strings."""
    return len(content.translate(None, _NOT_OPENING))


@dataclass
class RawRecord:
    """A record in the ClinicalTrials.gov API v2 JSON shape, as a reader produced it.

    The XML, HTML and text readers fill `data` with what they map (v2 keys and v2 enum values,
    via `readers.labels`), put everything they cannot map into `extras` under its source path
    (an XML element path, a page label, a text line) and say so in `warnings`. The v2 mapping
    (`readers.ctgov_json.build_study`) turns it into a `Study`.
    """

    data: dict[str, Any]
    format: Format
    registry: str = "ctgov"
    path: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    warnings: list[ParseWarning] = field(default_factory=list)
    related_trials: list[dict[str, Any]] = field(default_factory=list)
    registry_id: str | None = None
    """The record's own ID in its registry as the source writes it (pages of any registry)."""
    """Trials a page lists as related: dicts with nct_id, title, status, phases (v2 values)."""
    kept: int = 0
    """How many parts `keep` has kept."""
    owned: bool = False
    """Whether `data` is the reader's own (decoded from the input): nothing else holds or
    changes it, so the mapping may read parts of it again later (`Study.extras`)."""
    rounded: bool = False
    """Set by the mapping of an `owned` record whose content may hold a float the decoding made
    of a long integer (`readers._long_numbers`): the reader then looks at the input again."""

    def replaced_bytes(self, encoding: str | None) -> None:
        """Record that bytes invalid in `encoding` were replaced while decoding (None: none were)."""
        if encoding is not None:
            self.warnings.append(
                ParseWarning(
                    code=WarningCode.UNDECODABLE_BYTES.value,
                    path="$",
                    message=f"bytes not valid in {encoding} were replaced with U+FFFD",
                )
            )

    def keep(self, path: str, value: Any, message: str | None = None) -> None:
        """Keep source content the reader cannot map, with a warning (one for all of them past
        `MAX_KEPT_WARNINGS`)."""
        self.extras[path] = value
        self.kept += 1
        if self.kept > MAX_KEPT_WARNINGS:
            return
        if self.kept == MAX_KEPT_WARNINGS:
            self.warnings.append(
                ParseWarning(
                    code=WarningCode.UNMAPPED_CONTENT.value,
                    path=path,
                    message=f"kept in extras, as is every later part: past {MAX_KEPT_WARNINGS} "
                    "parts they are not warned about one by one",
                )
            )
            return
        self.warnings.append(
            ParseWarning(
                code=WarningCode.UNMAPPED_CONTENT.value,
                path=path,
                message=message or "kept in extras: no field of the model holds it",
            )
        )
