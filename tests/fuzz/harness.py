"""Mutation strategies and the property every reader must keep.

Inputs are built from real records (the real-data folder, tests/realdata.py) and the bundled
record by mutation (truncation, byte flips,
deleted or duplicated spans, NUL bytes, CRLF line ends, other encodings, huge repeated sections)
and, for JSON and XML, by structural mutation of the decoded record.
"""

from __future__ import annotations

import copy
import json
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, settings
from hypothesis import strategies as st

from tests.realdata import real_bytes, real_data
from trialparse import Study, parse_record
from trialparse.errors import MalformedRecord, TrialParseError

TIME_BOUND = 10.0
"""Seconds one input may take before it counts as a hang (a guard, not a speed measure)."""

LONG_CASES = int(os.environ.get("TRIALPARSE_FUZZ_CASES", "100000"))
"""Cases per test in the on-demand profile (`pytest -m fuzz_long`); the variable overrides it."""

SHORT = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LONG = settings(SHORT, max_examples=LONG_CASES)

MAX_SIZE = 1_000_000
"""Mutations that grow the input stop at this many bytes."""


class Hang(Exception):
    """Raised by the alarm when one input runs past `TIME_BOUND`."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang("no result within the time bound")


@contextmanager
def time_bound(seconds: float = TIME_BOUND) -> Iterator[None]:
    """Raise `Hang` if the body runs longer than `seconds` (SIGALRM, main thread only)."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parses_or_refuses(
    content: bytes | str | dict[str, Any], format: str | None = None
) -> Study | None:
    """The property: a `Study` or a `TrialParseError`, in time, and nothing else escapes.

    A `Study` must also serialise; an error must be one line that names what it can.
    """
    try:
        with time_bound():
            study = parse_record(content, format=format)
            study.model_dump_json()
            study.to_ctgov_json()
    except TrialParseError as exc:
        message = str(exc)
        assert message, "an error with no message"
        assert "\n" not in message, f"not one line: {message!r}"
        if isinstance(exc, MalformedRecord):
            assert exc.location, f"no place named: {message}"
        return None
    assert isinstance(study, Study)
    return study


def load_bytes(*relative: str) -> list[bytes]:
    """Real files by their names in the real-data folder (none where it is absent)."""
    return [data for data in map(real_bytes, relative) if data]


# --- byte-level mutations ---------------------------------------------------------------------


@st.composite
def mutated_bytes(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed record with one to four byte-level mutations, then maybe a re-encoding."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        size = len(data)
        at = draw(st.integers(0, size))
        end = draw(st.integers(at, min(size, at + 400)))
        op = draw(
            st.sampled_from(
                ["truncate", "flip", "delete", "duplicate", "nul", "junk", "repeat", "swap"]
            )
        )
        if op == "truncate":
            del data[at:]
        elif op == "flip" and at < size:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "delete":
            del data[at:end]
        elif op == "duplicate":
            data[end:end] = data[at:end]
        elif op == "nul":
            data[at:at] = b"\x00" * draw(st.integers(1, 3))
        elif op == "junk":
            data[at:end] = draw(st.binary(max_size=16))
        elif op == "repeat" and end > at:
            times = min(draw(st.integers(2, 5_000)), MAX_SIZE // (end - at))
            data[end:end] = data[at:end] * times
        elif op == "swap" and end > at:
            other = draw(st.integers(0, len(data)))
            chunk = bytes(data[at:end])
            del data[at:end]
            data[min(other, len(data)) : min(other, len(data))] = chunk
    ending = draw(st.sampled_from(["keep", "keep", "crlf", "cr", "utf-16", "latin-1", "bom"]))
    out = bytes(data)
    if ending == "crlf":
        out = out.replace(b"\n", b"\r\n")
    elif ending == "cr":
        out = out.replace(b"\n", b"\r")
    elif ending in ("utf-16", "latin-1"):
        out = out.decode("utf-8", "replace").encode(ending, "replace")
    elif ending == "bom":
        out = b"\xef\xbb\xbf" + out
    return out


# --- structural JSON mutations ----------------------------------------------------------------

JSON_LEAF = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["", "N/A", "RECRUITING", "PHASE2", "18 Years", "2020-13", "NCT0000"])
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def json_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every path into a decoded JSON value, the root excluded."""
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, child in items:
        yield (*path, key)
        yield from json_paths(child, (*path, key))


def _parent(record: Any, path: tuple[str | int, ...]) -> Any:
    for key in path[:-1]:
        record = record[key]
    return record


def deep(levels: int) -> Any:
    """A value nested `levels` deep (lists in dicts)."""
    value: Any = "bottom"
    for i in range(levels):
        value = {"x": value} if i % 2 else [value]
    return value


@st.composite
def mutated_json(draw: st.DrawFn, seeds: list[dict[str, Any]]) -> dict[str, Any]:
    """A real record with one to three values replaced, deleted, duplicated or nested deep."""
    record = copy.deepcopy(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 3))):
        paths = list(json_paths(record))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(record, path)
        key = path[-1]
        op = draw(st.sampled_from(["replace", "replace", "delete", "wrap", "duplicate", "deep"]))
        if op == "replace":
            parent[key] = draw(JSON_VALUE)
        elif op == "delete":
            del parent[key]
        elif op == "wrap":
            parent[key] = [parent[key]]
        elif op == "duplicate" and isinstance(parent, list):
            parent.extend(parent[key] for _ in range(draw(st.integers(1, 200))))
        elif op == "deep":
            parent[key] = deep(draw(st.sampled_from([50, 300])))
    return record


def both_profiles(
    strategy: st.SearchStrategy[Any],
    check: Callable[[Any], None],
    short: int = 40,
    *,
    real: bool = True,
) -> tuple[Callable[..., None], Callable[..., None]]:
    """A CI test (`short` cases) and an on-demand `fuzz_long` test of `check` over `strategy`;
    both carry the `real_data` marker unless `real` is false (seeds that are not real records)."""
    from hypothesis import given

    quick = settings(SHORT, max_examples=short)(given(strategy)(check))
    long = pytest.mark.fuzz_long(LONG(given(strategy)(check)))
    if real:
        return real_data(quick), real_data(long)
    return quick, long


# --- generators aimed at silent loss: deep pages, stray XML content, odd text, odd JSON ---------

MARKER = "zqxmarker"
"""A word no record holds: where a generator puts it, the parsed `Study` must still hold it."""

# Top-level XML elements whose value is free text, kept as written (a copy may hold the marker).
FREE_TEXT_TAGS = ("brief_title", "official_title", "acronym", "why_stopped", "condition", "keyword")


@st.composite
def nested_page(draw: st.DrawFn, seeds: list[bytes]) -> tuple[bytes, bytes]:
    """A real page, and the same page with its body wrapped in 200 to 2,600 nested elements."""
    page = draw(st.sampled_from(seeds))
    depth = draw(st.integers(200, 2_600))
    tag = draw(st.sampled_from([b"div", b"span", b"section"]))
    body = page.index(b">", page.index(b"<body")) + 1
    end = page.rindex(b"</body>")
    wrapped = b"<" + tag + b">"
    closed = b"</" + tag + b">"
    return page, page[:body] + wrapped * depth + page[body:end] + closed * depth + page[end:]


@st.composite
def xml_with_marker(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A real XML record with `MARKER` where a reader may overlook it: an attribute, text after
    an element, the first of two copies of a free-text element, text around the children of an
    element no reader knows."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    root = etree.fromstring(draw(st.sampled_from(seeds)), parser)
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    target = draw(st.sampled_from(elements))
    op = draw(st.sampled_from(["attribute", "tail", "copy", "mixed"]))
    copies = [e for e in root if e.tag in FREE_TEXT_TAGS]
    if op == "tail" and target is not root:
        target.tail = f" {MARKER} {target.tail or ''}"
    elif op == "copy" and copies:
        original = draw(st.sampled_from(copies))
        copy_ = etree.Element(original.tag)
        copy_.text = MARKER
        original.addprevious(copy_)
    elif op == "mixed":
        note = etree.SubElement(target, "znote")
        note.text = f"{MARKER} "
        inner = etree.SubElement(note, "b")
        inner.text = "x"
        inner.tail = f" {MARKER}"
    else:
        target.set("zq", MARKER)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


@st.composite
def page_with_stray_byte(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A real UTF-8 page holding "Müller", with one to three bytes that are not UTF-8."""
    page = draw(st.sampled_from(seeds))
    body = page.index(b">", page.index(b"<body")) + 1
    data = bytearray(page[:body] + "<p>Müller</p>".encode() + page[body:])
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(body, len(data)))
        data[at:at] = bytes([draw(st.sampled_from([0x80, 0x9F, 0xC0, 0xE9, 0xF5, 0xFC, 0xFF]))])
    # bytes put in side by side can make a sequence that is UTF-8 ("\xe9\x80\x80" is U+9000)
    assume(not _is_utf8(bytes(data)))
    return bytes(data)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@st.composite
def text_with_surrogates(draw: st.DrawFn, seeds: list[bytes]) -> str:
    """A real record as text with lone surrogates (and split surrogate pairs) put in."""
    text = draw(st.sampled_from(seeds)).decode("utf-8", "replace")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        odd = draw(st.sampled_from(["\ud800", "\udfff", "\udc80", "\ud83d\ude00", "\ude00\ud83d"]))
        text = text[:at] + odd + text[at:]
    return text


def _objects(value: Any) -> Iterator[dict[Any, Any]]:
    if isinstance(value, dict):
        yield value
        children: Any = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return
    for child in children:
        yield from _objects(child)


@st.composite
def json_with_big_integer(draw: st.DrawFn, seeds: list[dict[str, Any]]) -> tuple[bytes, int]:
    """A real v2 record with an integer beyond 64 bits under a new key of one of its objects."""
    record = copy.deepcopy(draw(st.sampled_from(seeds)))
    number = draw(st.integers(2**64, 10**40) | st.integers(-(10**40), -(2**64)))
    draw(st.sampled_from(list(_objects(record))))["zBig"] = number
    return json.dumps(record).encode(), number


@st.composite
def dict_with_odd_key(draw: st.DrawFn, seeds: list[dict[str, Any]]) -> dict[Any, Any]:
    """A real v2 record with a key no JSON document has (an int, None, a tuple) in one object."""
    record = copy.deepcopy(draw(st.sampled_from(seeds)))
    key = draw(st.sampled_from([7, None, (1, 2), 1.5, b"bytes"]))
    draw(st.sampled_from(list(_objects(record))))[key] = "value"
    return record


ESCAPABLE = "\\`*_{}[]()#+-.!<>|~^="
"""Characters the registry writes with a markdown escape before them, some of the time."""
ESCAPED_PIECES = (
    "\\>= 18 years",
    "\\< 2 x ULN",
    "\\*",
    "a\\_b",
    "\\[1\\]",
    "\\\\",
    "10\\^9/L",
    "\\~3",
    "1\\. ",
    "\\#",
    "\\+",
    "\\-",
    "\\|",
    "\\=",
    "\\!",
    "\\`",
    "\\{x\\}",
    "\\(a)",
    "\\",
    "\\\n",
)
"""Hand-made escaped fragments, each as a registry might write it, put into real criteria."""


@st.composite
def criteria_with_escapes(draw: st.DrawFn, seeds: list[dict[str, Any]]) -> dict[str, Any]:
    """A real v2 record whose criteria text has markdown escapes added, dropped or put in
    unevenly: a backslash before a punctuation mark, one taken away, an escaped fragment."""
    record = copy.deepcopy(draw(st.sampled_from(seeds)))
    module = record["protocolSection"].setdefault("eligibilityModule", {})
    text = str(module.get("eligibilityCriteria", ""))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["escape", "unescape", "insert"]))
        marks = [i for i, char in enumerate(text) if char in ESCAPABLE]
        slashes = [i for i, char in enumerate(text) if char == "\\"]
        if op == "escape" and marks:
            at = draw(st.sampled_from(marks))
            text = text[:at] + "\\" + text[at:]
        elif op == "unescape" and slashes:
            at = draw(st.sampled_from(slashes))
            text = text[:at] + text[at + 1 :]
        else:
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(ESCAPED_PIECES)) + text[at:]
    module["eligibilityCriteria"] = text
    return record


WALL_PIECES = (
    "ECOG 1 ",
    "ECOG 0, 1, ",
    "ECOG 0-1 ",
    "Karnofsky ≥ 70% ",
    "WHO PS 0-2 ",
    "Lansky > 50 ",
    "aged 18 years or older, ",
    "Age < 18 or > 70 ",
    "≥ 18 years ",
    "between 18 and 65 years ",
    "within 4 weeks prior, ",
    "> 12 months ",
    "at least 3 months ",
    "28 days before ",
    "ALT and AST ≤ 2.5 × ULN, ",
    "platelets ≥ 100 x 10^9/L ",
    "Hb < 10 g/dL ",
    "eGFR > 60 ",
    "1, 2, ",
    "0-1 ",
    "or ",
    "and/or ",
    "≤ ",
    "\\>",
    "(",
    "* ",
)
"""Pieces of criteria text whose finders (scores, ages, windows, labs) once cost more than
linear time when a text repeats them."""


@st.composite
def criteria_wall(draw: st.DrawFn) -> str:
    """One unit of a wall of criteria: one to four pieces, each followed by a joint; the
    property repeats it to two sizes."""
    pieces = draw(st.lists(st.sampled_from(WALL_PIECES), min_size=1, max_size=4))
    joints = draw(
        st.lists(
            st.sampled_from(["", " ", ", ", "\n", "\n* ", "; "]),
            min_size=len(pieces),
            max_size=len(pieces),
        )
    )
    return "".join(piece + joint for piece, joint in zip(pieces, joints, strict=True))


GROWN_PAIR = 8
"""How many times larger the second input of a `grown_pair` is than the first."""


@st.composite
def grown_pair(
    draw: st.DrawFn, shapes: dict[str, Any], names: list[str]
) -> tuple[str, str, bytes, bytes]:
    """One of the shapes `names` of `tests.fuzz.shapes.SHAPES` (passed in) at a drawn size of 50
    to 100 KB, and the same shape `GROWN_PAIR` times as large: name, format, the two inputs."""
    name = draw(st.sampled_from(names))
    shape = shapes[name]
    count = draw(st.integers(max(1, shape.unit // 20), max(1, shape.unit // 10)))
    return name, shape.format, shape.build(count), shape.build(count * GROWN_PAIR)


# --- adversarial shapes grown to a drawn size ---------------------------------------------------


@st.composite
def grown_shape(draw: st.DrawFn, shapes: dict[str, Any]) -> tuple[str, str, bytes]:
    """One shape of `tests.fuzz.shapes.SHAPES` (passed in) grown by a drawn number of repeats, up
    to a fiftieth of what makes a MB: its name, the format it is read as, its bytes."""
    name = draw(st.sampled_from(sorted(shapes)))
    shape = shapes[name]
    count = draw(st.integers(1, max(1, shape.unit // 50)))
    return name, shape.format, shape.build(count)
