"""`parse_record`: any record in, one `Study` out."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any, Protocol

from .errors import MalformedRecord, TrialParseError, UnknownFormat, UnsafeInput
from .model.study import Format, Study
from .readers.detect import FORMATS, detect_format

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


def _reader(format: str) -> _Reader:
    try:
        module = importlib.import_module(_READER_MODULES[format])
    except KeyError:
        raise UnknownFormat(
            f"unknown format {format!r}: expected one of {', '.join(FORMATS)}"
        ) from None
    reader: _Reader = module.read
    return reader


def _dict_format(data: dict[str, Any]) -> Format:
    # ctrdata's ISRCTN documents carry the ISRCTN number and ISRCTN's own sections
    return "isrctn-json" if "isrctn" in data and "trialDescription" in data else "ctgov-json"


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
    if isinstance(data, os.PathLike):
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
    if format is None:
        try:
            format = _dict_format(content) if isinstance(content, dict) else detect_format(content)
        except UnknownFormat as exc:
            if isinstance(content, str) and (why := _looks_like_path(content)):
                raise _path_refused(content, why) from None
            raise UnknownFormat(exc.message, record_id=path, location=exc.location) from None
    elif isinstance(content, dict) and format not in _JSON_FORMATS:
        raise UnknownFormat(f"a dict is decoded JSON: it cannot be read as {format!r}")
    try:
        return _reader(format)(content, path=path)
    except TrialParseError:
        if isinstance(content, str) and (why := _looks_like_path(content)):
            raise _path_refused(content, why) from None
        raise
