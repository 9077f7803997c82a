"""Sources of records for a batch: a folder, a zip, a JSON array, an API page, JSONL, v1 files,
a WHO ICTRP XML export.

Every source is a generator of `Item`s: the record's raw content (bytes, or a decoded dict where
the container had to be decoded to split it) and its `origin`, a string that names the file and
the place in it (``ctg-studies.json.zip!NCT01234567.json``, ``studies.jsonl:12``,
``page.json[3]``). Sources hold one record at a time, so memory stays flat however big the input.
A container that breaks part-way yields one `Failure` for the rest of it and ends. A WHO ICTRP
export of several trials found in a folder or zip is read trial by trial, as when given alone.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

import ijson  # type: ignore[import-untyped]

from .._api import DEFAULT_MAX_BYTES
from ..errors import MalformedRecord, TrialParseError, UnknownFormat, UnsafeInput
from ..model.study import Study
from ..readers.ctgov_v1 import iter_v1_studies
from ..readers.ictrp import ROOT as _ICTRP_ROOT
from ..readers.ictrp import trial_results

__all__ = ["SOURCE_KINDS", "Failure", "Item", "SourceKind", "detect_source", "iter_source"]

SourceKind = Literal["dir", "zip", "array", "page", "jsonl", "v1", "ictrp", "file"]
SOURCE_KINDS: tuple[SourceKind, ...] = (
    "dir",
    "zip",
    "array",
    "page",
    "jsonl",
    "v1",
    "ictrp",
    "file",
)

_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# A study file opens with one of these keys; a container with one of the others.
_V1_KEYS = frozenset({"FullStudiesResponse"})
_V1_LIST = "FullStudiesResponse.FullStudies"
_PAGE_KEY = "studies"
_SNIFF_KEYS = 64
_READ_CHUNK = 1 << 16


@dataclass(frozen=True)
class Item:
    """One record as read from its source: raw content and where it came from."""

    origin: str
    content: bytes | dict[str, Any] | Study


@dataclass(frozen=True)
class Failure:
    """A record (or the rest of a container) that could not even be read from its source."""

    origin: str
    error: TrialParseError


def _first_keys(path: Path) -> list[str]:
    """The first top-level keys of a JSON object file, read incrementally."""
    keys: list[str] = []
    with path.open("rb") as file:
        try:
            for prefix, event, value in ijson.parse(file):
                if prefix == "" and event == "map_key":
                    keys.append(value)
                    if value == _PAGE_KEY or value in _V1_KEYS or len(keys) >= _SNIFF_KEYS:
                        break
        except ijson.JSONError:
            pass
    return keys


def detect_source(path: Path) -> SourceKind:
    """The kind of source at `path`: by type and suffix, then by the JSON's opening."""
    if path.is_dir():
        return "dir"
    if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        return "zip"
    if path.suffix.lower() in _JSONL_SUFFIXES:
        return "jsonl"
    with path.open("rb") as file:
        head = file.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"["):
        return "array"
    if head.startswith(b"{"):
        keys = _first_keys(path)
        if _PAGE_KEY in keys:
            return "page"
        if _V1_KEYS & set(keys):
            return "v1"
    if _is_ictrp(head):
        return "ictrp"
    return "file"


def _is_ictrp(head: bytes) -> bool:
    """Whether a file's opening (BOM and leading space stripped) is a WHO ICTRP export's."""
    return head.startswith(b"<") and f"<{_ICTRP_ROOT}".encode() in head


def _containers_opened(item: Item | Failure) -> Iterator[Item | Failure]:
    """A file of a folder or zip as one record, or each trial of it when it is a WHO ICTRP
    export of several trials (a one-trial export stays one record for `parse_record`)."""
    content = item.content if isinstance(item, Item) else None
    if (
        isinstance(content, bytes)
        and _is_ictrp(content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n"))
        and content.count(b"<Trial>") > 1
    ):
        yield from _ictrp_items(content, item.origin)
    else:
        yield item


def iter_source(path: Path, kind: SourceKind | None = None) -> Iterator[Item | Failure]:
    """Every record of the source at `path` (of `kind`, or detected), one at a time."""
    if not path.exists():
        raise UnknownFormat(f"{path}: no such file or folder")
    kind = kind or detect_source(path)
    if kind == "dir":
        return _iter_dir(path)
    if kind == "zip":
        return _iter_zip(path)
    if kind == "jsonl":
        return _iter_jsonl(path)
    if kind == "array":
        return _iter_json_spans(path, page=False)
    if kind == "page":
        return _iter_json_spans(path, page=True)
    if kind == "v1":
        return _iter_v1(path)
    if kind == "ictrp":
        return _iter_ictrp(path)
    if kind == "file":
        return _iter_files([path], path.parent)
    raise UnknownFormat(f"unknown source kind {kind!r}: expected one of {', '.join(SOURCE_KINDS)}")


def _read_limited(path: Path, origin: str) -> Item | Failure:
    try:
        size = path.stat().st_size
        if size > DEFAULT_MAX_BYTES:
            return Failure(
                origin,
                UnsafeInput(
                    f"{size} bytes, over the limit of {DEFAULT_MAX_BYTES}", record_id=origin
                ),
            )
        return Item(origin, path.read_bytes())
    except OSError as exc:
        return Failure(origin, MalformedRecord(f"cannot read: {exc.strerror or exc}"))


def _iter_dir(root: Path) -> Iterator[Item | Failure]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()  # walk in a stable order
        for name in sorted(filenames):
            # Hidden files (".DS_Store", editors' temp files) are not records.
            if not name.startswith("."):
                file = Path(dirpath) / name
                yield from _containers_opened(
                    _read_limited(file, file.relative_to(root).as_posix())
                )


def _iter_files(files: list[Path], root: Path) -> Iterator[Item | Failure]:
    for file in files:
        yield _read_limited(file, file.relative_to(root).as_posix())


def _file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as file:
        while chunk := file.read(_READ_CHUNK):
            yield chunk


def _member_name(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp437")  # the zip format's default for names without the UTF-8 flag


def _iter_zip(path: Path) -> Iterator[Item | Failure]:
    # Read front to back, one member at a time: `zipfile` would first load the central
    # directory, a few hundred bytes per member (hundreds of MB for the full download).
    from stream_unzip import UnzipError, stream_unzip  # imported here: a fifth of a second

    name = ""
    try:
        for raw_name, _size, chunks in stream_unzip(_file_chunks(path)):
            name = _member_name(raw_name)
            parts: list[bytes] = []
            total = 0
            for chunk in chunks:  # every chunk must be consumed before the next member
                total += len(chunk)
                if total <= DEFAULT_MAX_BYTES:
                    parts.append(chunk)
            if name.endswith("/") and total == 0:
                continue  # a folder entry; one that holds bytes is read like any member
            origin = f"{path.name}!{name}"
            if total > DEFAULT_MAX_BYTES:
                yield Failure(
                    origin, UnsafeInput(f"{total} bytes, over the limit of {DEFAULT_MAX_BYTES}")
                )
            else:
                yield from _containers_opened(Item(origin, b"".join(parts)))
    except (UnzipError, OSError, ValueError) as exc:
        # The archive is broken from here on: one failure for the rest of it.
        where = f"{path.name}!{name}" if name else path.name
        yield Failure(where, MalformedRecord(f"unreadable zip from here on: {exc!r}"))


def _iter_jsonl(path: Path) -> Iterator[Item | Failure]:
    with path.open("rb") as file:
        for number, line in enumerate(file, start=1):
            if line.strip():
                yield Item(f"{path.name}:{number}", line)


def _iter_json_items(path: Path, prefix: str) -> Iterator[Item | Failure]:
    index = 0
    with path.open("rb") as file:
        try:
            for value in ijson.items(file, prefix, use_float=True):
                origin = f"{path.name}[{index}]"
                index += 1
                if isinstance(value, dict):
                    yield Item(origin, value)
                else:
                    yield Failure(
                        origin,
                        MalformedRecord(
                            f"expected a JSON object (one study), got {type(value).__name__}"
                        ),
                    )
        except ijson.JSONError as exc:
            # The container is broken from here on: one failure for the rest of it.
            yield Failure(
                f"{path.name}[{index}]",
                MalformedRecord(f"invalid JSON container after {index} records: {exc}"),
            )


_TOKEN = re.compile(rb'["\[\]{},]')
_STRING_REST = re.compile(rb'(?:[^"\\]|\\.)*"', re.S)
_OPEN, _CLOSE = frozenset(b"[{"), frozenset(b"]}")
_QUOTE, _COMMA, _BRACKET = ord('"'), ord(","), ord("[")


def _json_elements(file: IO[bytes], page: bool) -> Iterator[bytes | str]:
    """The raw bytes of each element of the root array (`page`: of the root's "studies").

    Elements are split by their structure only (strings skipped whole, brackets counted), not
    decoded, so a value no decoder takes (an integer above 64 bits, NaN) fails its own record
    and no other. A `str` is why the container cannot be read further; it ends the elements.
    """
    data = bytearray()
    pos = depth = 0
    target = 0 if page else 1  # depth of the array's elements, once known
    first: int | None = None  # where the current element starts
    last_string = b""
    while True:
        token = _TOKEN.search(data, pos)
        string = None
        if token is not None and data[token.start()] == _QUOTE:
            string = _STRING_REST.match(data, token.start() + 1)
        if token is None or (data[token.start()] == _QUOTE and string is None):
            # need more bytes: keep the current element (or the unfinished string) only
            keep = min(x for x in (first, token.start() if token else len(data)) if x is not None)
            del data[:keep]
            pos = (token.start() if token else len(data) + keep) - keep
            first = None if first is None else first - keep
            chunk = file.read(_READ_CHUNK)
            if not chunk:
                yield "the file ends inside the array"
                return
            data += chunk
            continue
        at = token.start()
        char = data[at]
        if string is not None:
            if depth == 1:
                last_string = bytes(data[at + 1 : string.end() - 1])
            pos = string.end()
            continue
        pos = at + 1
        if char in _OPEN:
            depth += 1
            if target == 0 and depth == 2 and char == _BRACKET and last_string == b"studies":
                target = 2
            if depth == target and first is None and char == _BRACKET:
                first = pos
        elif char in _CLOSE:
            if depth == target:
                if first is not None and (element := bytes(data[first:at]).strip()):
                    yield element
                return
            depth -= 1
            if depth < 0:
                yield "unbalanced brackets"
                return
        elif char == _COMMA and depth == target and first is not None:
            element = bytes(data[first:at]).strip()
            if not element:
                yield "an empty element between commas"
                return
            yield element
            first = pos


def _iter_json_spans(path: Path, *, page: bool) -> Iterator[Item | Failure]:
    index = 0
    with path.open("rb") as file:
        for element in _json_elements(file, page):
            origin = f"{path.name}[{index}]"
            if isinstance(element, str):
                yield Failure(
                    origin, MalformedRecord(f"invalid JSON container after {index} records: {element}")
                )
                return
            index += 1
            if len(element) > DEFAULT_MAX_BYTES:
                yield Failure(
                    origin,
                    UnsafeInput(
                        f"{len(element)} bytes, over the limit of {DEFAULT_MAX_BYTES}",
                        record_id=origin,
                    ),
                )
            elif not element.startswith(b"{"):
                shown = element[:40].decode("utf-8", "replace")
                yield Failure(
                    origin, MalformedRecord(f"expected a JSON object (one study), got {shown}")
                )
            else:
                yield Item(origin, element)


def _iter_v1(path: Path) -> Iterator[Item | Failure]:
    # Each element of FullStudies is streamed on its own and handed to the v1 reader, which
    # checks its shape; the whole response is never held at once.
    for item in _iter_json_items(path, f"{_V1_LIST}.item"):
        if isinstance(item, Failure):
            yield item
            continue
        assert isinstance(item.content, dict)
        try:
            studies = list(
                iter_v1_studies({"FullStudiesResponse": {"FullStudies": [item.content]}})
            )
        except TrialParseError as exc:
            yield Failure(item.origin, exc)
            continue
        for study in studies:
            yield Item(item.origin, study)


def _iter_ictrp(path: Path) -> Iterator[Item | Failure]:
    # An export is one XML document: it is parsed whole (under the size limit), and each
    # <Trial> is mapped and reported on its own.
    item = _read_limited(path, path.name)
    if isinstance(item, Failure):
        yield item
        return
    assert isinstance(item.content, bytes)
    yield from _ictrp_items(item.content, item.origin)


def _ictrp_items(content: bytes, origin: str) -> Iterator[Item | Failure]:
    """Each trial of an export's bytes, named `origin[index]:TrialID`."""
    try:
        for index, (trial_id, result) in enumerate(trial_results(content, path=origin)):
            where = f"{origin}[{index}]:{trial_id}"
            yield (
                Failure(where, result)
                if isinstance(result, TrialParseError)
                else Item(where, result)
            )
    except TrialParseError as exc:
        yield Failure(origin, exc)
