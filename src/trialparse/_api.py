"""`parse_record`: any record in, one `Study` out."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any, Protocol

from .errors import MalformedRecord, UnknownFormat, UnsafeInput
from .model.study import Format, Study
from .readers.detect import FORMATS, detect_format

__all__ = ["DEFAULT_MAX_BYTES", "parse_record"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Inputs larger than this are refused with `UnsafeInput` (the largest real records are a few MB)."""


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
            raise UnknownFormat(exc.message, record_id=path, location=exc.location) from None
    elif isinstance(content, dict) and format not in _JSON_FORMATS:
        raise UnknownFormat(f"a dict is decoded JSON: it cannot be read as {format!r}")
    return _reader(format)(content, path=path)
