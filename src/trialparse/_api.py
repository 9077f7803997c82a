"""`parse_record`: any record in, one `Study` out."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any, Protocol

import orjson

from .errors import MalformedRecord, TrialParseError, UnknownFormat, UnsafeInput, WarningCode
from .model.study import Format, ParseWarning, Study
from .readers._long_numbers import exact_json as _exact_json
from .readers._long_numbers import has_long_number as _has_long_number  # noqa: F401 (timed here)
from .readers.base import opening_brackets
from .readers.detect import FORMATS, detect_format, opens_as_v2

__all__ = ["DEFAULT_MAX_BYTES", "parse_record"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Inputs larger than this are refused with `UnsafeInput` (the largest real records are a few MB)."""


_PATH_MAX = 4096
_RECORD_SUFFIXES = (".json", ".xml", ".html", ".htm", ".txt", ".jsonl", ".zip")


def _looks_like_path(text: str) -> str | None:
    """Why the str `text` reads as a file's path rather than a record (None if it does not)."""
    if len(text) > _PATH_MAX or "\n" in text or not text.strip() or text[0] in "{[<":
        return None
    try:
        if Path(text).is_file():
            return "this looks like a path"
    except (OSError, ValueError):  # a name too long, a NUL byte
        return None
    if text.lower().endswith(_RECORD_SUFFIXES) and not any(c.isspace() for c in text):
        return "this looks like a path (of no existing file)"
    return None


def _path_refused(text: str, why: str) -> UnknownFormat:
    return UnknownFormat(
        f"{text!r}: {why}: pass pathlib.Path({text!r}) to read a file; "
        "a str is the record's content"
    )


class _Reader(Protocol):
    def __call__(self, content: bytes | str | dict[str, Any], *, path: str | None) -> Study: ...


# One module per format; each exposes `read(content, *, path) -> Study`.
_READER_MODULES: dict[str, str] = {
    "ctgov-json": "trialparse.readers.ctgov_json",
    "ctgov-xml": "trialparse.readers.ctgov_xml",
    "html": "trialparse.readers.html",
    "text": "trialparse.readers.text",
    "ictrp-xml": "trialparse.readers.ictrp",
    "euctr-html": "trialparse.readers.euctr",
    "isrctn-json": "trialparse.readers.isrctn",
}
_JSON_FORMATS = frozenset({"ctgov-json", "isrctn-json"})

DENSE_FROM = 64 * 1024
"""Inputs of at least this many bytes are checked for how densely their nodes are packed."""

_MARKUP: dict[str, tuple[str, int, str]] = {
    # format -> (the characters that open a node, most of them per KB, what they open).
    # Decoding alone takes over 20 times the input for denser packing (orjson about 64 bytes
    # per container, libxml2 about 120 per element); the densest of the real records hold 29
    # JSON containers and 67 tags per KB, so records are far below either limit.
    **dict.fromkeys(_JSON_FORMATS, ("{[", 100, "objects and arrays")),
    **dict.fromkeys(("ctgov-xml", "ictrp-xml", "html", "euctr-html"), ("<", 200, "tags")),
}


_READERS: dict[str, _Reader] = {}
"""Each format's reader, once its module is imported."""


def _reader(format: str) -> _Reader:
    reader = _READERS.get(format)
    if reader is not None:
        return reader
    try:
        module = importlib.import_module(_READER_MODULES[format])
    except KeyError:
        raise UnknownFormat(
            f"unknown format {format!r}: expected one of {', '.join(FORMATS)}"
        ) from None
    found: _Reader = module.read
    _READERS[format] = found
    return found


def _dict_format(data: dict[str, Any]) -> Format:
    # ctrdata's ISRCTN documents carry the ISRCTN number and ISRCTN's own sections
    return "isrctn-json" if "isrctn" in data and "trialDescription" in data else "ctgov-json"


def _without_surrogates(text: str) -> str | None:
    """`text` with lone surrogates (code points no UTF-8 can hold) as U+FFFD, pairs joined;
    None when it holds none."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return None


def _check_decoded(data: dict[str, Any], record_id: str | None) -> None:
    """Refuse a dict that no JSON document decodes to: a key that is not a string, a string
    holding a lone surrogate (integers of any size are kept exact)."""
    try:
        orjson.dumps(data)
    except orjson.JSONEncodeError:
        pass  # refused for a reason below, or for one the reader handles (depth, big integers)
    else:
        return
    stack: list[tuple[Any, str]] = [(data, "$")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str):
                    raise MalformedRecord(
                        f"key {key!r} ({type(key).__name__}) is not a string, as JSON keys are",
                        record_id=record_id,
                        location=path,
                    )
                stack.append((value, f"{path}.{key}"))
        elif isinstance(node, list):
            stack.extend((value, f"{path}[{index}]") for index, value in enumerate(node))
        elif isinstance(node, str) and _without_surrogates(node) is not None:
            raise MalformedRecord(
                "a string holds a lone surrogate: not Unicode text",
                record_id=record_id,
                location=path,
            )


def _check_density(content: str | bytes, format: str, path: str | None) -> None:
    """Refuse a large input whose nodes are packed so densely that decoding it alone would take
    more than 20 times its size (`_MARKUP`)."""
    markup = _MARKUP.get(format)
    if markup is None:
        return
    openers, most, what = markup
    if isinstance(content, bytes) and openers == "{[":
        nodes = opening_brackets(content)  # one pass, not one count per opener
    elif isinstance(content, bytes):
        nodes = sum(content.count(opener.encode()) for opener in openers)
    else:
        nodes = sum(content.count(opener) for opener in openers)
    per_kb = nodes * 1024 // len(content)
    if per_kb > most:
        raise UnsafeInput(
            f"{nodes} {what} in {len(content)} bytes ({per_kb} per KB, more than {most}): "
            "packed too densely to read within 20 times its size",
            record_id=path,
        )


def _detect(content: str | bytes | dict[str, Any], path: str | None) -> str:
    try:
        return _dict_format(content) if isinstance(content, dict) else detect_format(content)
    except UnknownFormat as exc:
        if isinstance(content, str) and (why := _looks_like_path(content)):
            raise _path_refused(content, why) from None
        raise UnknownFormat(exc.message, record_id=path, location=exc.location) from None


def parse_record(
    data: str | bytes | dict[str, Any] | os.PathLike[str],
    format: Format | str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Study:
    """Parse one registry record into a `Study`.

    `str`/`bytes` are the record's content, a path (`pathlib.Path`) is read from disk, a `dict`
    is decoded v2 JSON (or classic v1 JSON). `format` forces a reader (``"ctgov-json"``,
    ``"ctgov-xml"``, ``"html"``, ``"text"``, ``"ictrp-xml"``, ``"euctr-html"``, ``"isrctn-json"``); None
    detects it from the content.

    A `str` is never read as a path: one that names an existing file (one line, no record
    markup) is refused with `UnknownFormat` ("this looks like a path: pass pathlib.Path(...)"),
    and so is one shaped like a record file's name that no reader recognises.
    """
    path: str | None = None
    content: bytes | str | dict[str, Any]
    if type(data) is bytes or type(data) is dict:  # the common case, told apart first
        content = data
    elif isinstance(data, os.PathLike):
        path = os.fspath(data)
        file = Path(path)
        try:
            size = file.stat().st_size
            if size > max_bytes:
                raise UnsafeInput(
                    f"input is {size} bytes, over the limit of {max_bytes}", record_id=path
                )
            content = file.read_bytes()
        except OSError as exc:
            raise MalformedRecord(
                f"cannot read file: {exc.strerror or exc}", record_id=path
            ) from None
    elif isinstance(data, str) and (why := _looks_like_path(data)) == "this looks like a path":
        raise _path_refused(data, why)
    elif isinstance(data, (str, bytes, dict)):
        content = data
    else:
        raise UnknownFormat(
            f"cannot parse a {type(data).__name__}: expected str, bytes, dict or a path"
        )
    if isinstance(content, (str, bytes)) and len(content) > max_bytes:
        raise UnsafeInput(
            f"input is {len(content)} bytes, over the limit of {max_bytes}", record_id=path
        )
    if format is None and type(content) is bytes and opens_as_v2(content):
        # The common case: a v2 record read as such at once. Detection's one other answer for
        # it (binary data) is sought only if reading fails: the JSON decoding refuses every
        # control character that detection counts, so a record read is one it names ctgov-json.
        try:
            if len(content) >= DENSE_FROM:
                _check_density(content, "ctgov-json", path)
            return _reader("ctgov-json")(content, path=path)
        except Exception:
            _detect(content, path)  # its error comes first, as when detection runs first
            raise
    if format is None:
        format = _detect(content, path)
    elif isinstance(content, dict) and format not in _JSON_FORMATS:
        raise UnknownFormat(f"a dict is decoded JSON: it cannot be read as {format!r}")
    if not isinstance(content, dict) and len(content) >= DENSE_FROM:
        _check_density(content, format, path)
    replaced = None
    if isinstance(content, str):
        replaced = _without_surrogates(content)
        content = content if replaced is None else replaced
    if isinstance(content, dict):
        _check_decoded(content, path)
    elif format == "isrctn-json":
        content = _exact_json(content) or content
    # (the ctgov-json reader decodes exactly what orjson would round, `readers.ctgov_json`)
    try:
        study = _reader(format)(content, path=path)
    except TrialParseError:
        if isinstance(content, str) and (why := _looks_like_path(content)):
            raise _path_refused(content, why) from None
        raise
    if replaced is not None:
        study.warnings.append(
            ParseWarning(
                code=WarningCode.UNDECODABLE_BYTES.value,
                path="$",
                message="lone surrogates (not Unicode text) were replaced with U+FFFD",
            )
        )
    return study
