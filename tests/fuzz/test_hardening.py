"""Generators aimed at silent loss, fed from real records of the shared fixtures.

Each property is stronger than "a Study or a TrialParseError": a page nested deep is read
whole or refused; a marker word put into an XML record where a reader may overlook it is
still in the `Study`; a UTF-8 page with stray bytes is not decoded as Windows-1252 and says so;
text with lone surrogates gives a `Study` that serialises; an integer beyond 64 bits comes out
exact; a dict with a key no JSON has is refused with `MalformedRecord`; criteria text with
markdown escapes added, dropped or put in unevenly comes back from `to_ctgov_json()` exactly as
written, with every other leaf; a wall of criteria pieces costs linear time to read and normalise
(time per KB over an eightfold growth, best of interleaved rounds), and so does every reader
on the shapes that once ran in quadratic time.
The CI profile runs a few dozen cases per test; `pytest -m fuzz_long` runs the long one.
"""

from __future__ import annotations

import copy
import gc
import time
from typing import Any

import orjson
import pytest

from tests.realdata import SEED, real, real_data
from tests.v2.test_export import _leaves
from trialparse import normalise, parse_record
from trialparse.errors import MalformedRecord, UnsafeInput, WarningCode

from .harness import (
    GROWN_PAIR,
    MARKER,
    both_profiles,
    criteria_wall,
    criteria_with_escapes,
    dict_with_odd_key,
    grown_pair,
    json_with_big_integer,
    nested_page,
    page_with_stray_byte,
    parses_or_refuses,
    text_with_surrogates,
    time_bound,
    xml_with_marker,
)
from .shapes import SHAPES

pytestmark = real_data


def _read(*parts: str) -> bytes:
    path = real(*parts)
    return path.read_bytes() if path.is_file() else b"<html><body></body></html>"


PAGES = [
    _read("html", "ctgov_archive_history_pages", "NCT01169415", "NCT01169415_20130418.html"),
    _read("html", "ctgov_archive_history_pages", "NCT00000201", "NCT00000201_20050630.html"),
]
XML = [
    _read("ctgov_xml", "NCT00000122.xml"),
    _read("ctgov_xml", "_other_versions", "NCT02586688__2017-10-20__1.xml"),
    _read("ctgov_xml_archive_history", "NCT00000201", "NCT00000201_20050623.xml"),
]
V2: list[dict[str, Any]] = [
    orjson.loads(_read("ctgov_v2", name)) if real("ctgov_v2", name).is_file() else {}
    for name in ("NCT04930887.json", "NCT01359631.json")
]
TEXTS = [SEED.read_bytes(), XML[0], orjson.dumps(V2[0])]
# real v2 records whose criteria the registry wrote with markdown escapes
ESCAPED = [
    orjson.loads(_read("ctgov_v2", name)) if real("ctgov_v2", name).is_file() else V2[0]
    for name in ("NCT00080808.json", "NCT00090376.json", "NCT00124774.json", "NCT04930887.json")
]


def _nested_whole_or_refused(pair: tuple[bytes, bytes]) -> None:
    plain, deep = pair
    expected = parse_record(plain, format="html")
    try:
        with time_bound():
            study = parse_record(deep, format="html")
    except UnsafeInput as exc:
        assert "Excessive depth" in exc.message
        return
    assert study.brief_title == expected.brief_title
    assert study.eligibility == expected.eligibility
    assert study.extras == expected.extras


def _marker_kept(content: bytes) -> None:
    study = parses_or_refuses(content, "ctgov-xml")
    assert study is not None, "a record with one marker added was refused"
    assert MARKER in study.model_dump_json(), "the marker was lost without a word"


def _utf8_not_cp1252(content: bytes) -> None:
    study = parses_or_refuses(content, "html")
    if study is None:
        return
    assert "MÃ¼ller" not in study.model_dump_json()
    assert WarningCode.UNDECODABLE_BYTES.value in [w.code for w in study.warnings]


def _surrogates_serialise(text: str) -> None:
    parses_or_refuses(text)  # a Study must serialise: it raised UnicodeEncodeError before


def _big_integer_exact(case: tuple[bytes, int]) -> None:
    content, number = case
    study = parses_or_refuses(content, "ctgov-json")
    if study is not None:
        assert str(number) in study.model_dump_json(), "an integer beyond 64 bits was rounded"


def _odd_key_refused(record: dict[Any, Any]) -> None:
    with pytest.raises(MalformedRecord, match="not a string"):
        parse_record(record)


test_nested_page, test_nested_page_long = both_profiles(
    nested_page(PAGES), _nested_whole_or_refused, short=15
)
test_xml_marker, test_xml_marker_long = both_profiles(xml_with_marker(XML), _marker_kept)
test_stray_byte, test_stray_byte_long = both_profiles(
    page_with_stray_byte(PAGES), _utf8_not_cp1252, short=20
)
test_surrogates, test_surrogates_long = both_profiles(
    text_with_surrogates(TEXTS), _surrogates_serialise
)
test_big_integer, test_big_integer_long = both_profiles(
    json_with_big_integer(V2), _big_integer_exact, short=20
)
test_odd_key, test_odd_key_long = both_profiles(dict_with_odd_key(V2), _odd_key_refused, short=20)


def _escapes_round_trip(record: dict[str, Any]) -> None:
    with time_bound():
        study = parse_record(record)
        rebuilt = study.to_ctgov_json()
    written = record["protocolSection"]["eligibilityModule"]["eligibilityCriteria"]
    criteria = rebuilt["protocolSection"].get("eligibilityModule", {}).get("eligibilityCriteria")
    assert criteria == (written or None), "criteria text not written back as it was"
    assert _leaves(rebuilt) - {(".hasResults", "bool:False")} == _leaves(record) - {
        (".hasResults", "bool:False")
    }


SMALL = 8_000
"""Characters of the smaller wall; the larger is `GROWTH` times as long."""
GROWTH = 8


def _with_criteria(text: str) -> dict[str, Any]:
    record = copy.deepcopy(V2[0])
    module = record["protocolSection"].setdefault("eligibilityModule", {})
    module["eligibilityCriteria"] = "Inclusion Criteria:\n\n* " + text
    return record


def _seconds(record: dict[str, Any]) -> float:
    gc.collect()
    started = time.process_time()
    with time_bound():
        normalise(parse_record(record))
    return time.process_time() - started


def _wall_linear(unit: str) -> None:
    small_text = unit * max(1, SMALL // len(unit))
    small, large = _with_criteria(small_text), _with_criteria(small_text * GROWTH)
    _seconds(small)  # warm-up: unit registry, regex caches
    small_best = large_best = float("inf")
    for _ in range(2):
        small_best = min(small_best, _seconds(small))
        large_best = min(large_best, _seconds(large))
    # linear: about GROWTH; quadratic: GROWTH ** 2
    assert large_best / max(small_best, 1e-3) < GROWTH * 2.5, (unit, small_best, large_best)


test_escapes, test_escapes_long = both_profiles(
    criteria_with_escapes(ESCAPED), _escapes_round_trip, short=30
)
test_criteria_wall, test_criteria_wall_long = both_profiles(
    criteria_wall(), _wall_linear, short=10, real=True
)


GROWN = [
    "xml-root-attributes",
    "xml-inner-attributes",
    "xml-locations",
    "xml-stray-text",
    "text-related-trials",
    "text-lines",
    "v2-locations",
    "v2-criteria",
    "page-rows",
    "ictrp-elements",
]
"""Shapes whose reading once cost more than linear time (the 200,000-attribute XML root and the
text reader's related-trials section among them)."""


def _read_seconds(format: str, content: bytes) -> float:
    gc.collect()
    started = time.process_time()
    with time_bound():
        parse_record(content, format=format)
    return time.process_time() - started


def _reading_linear(case: tuple[str, str, bytes, bytes]) -> None:
    name, format, small, large = case
    _read_seconds(format, small)  # warm-up: lazy imports, caches
    small_best = large_best = float("inf")
    for _ in range(2):
        small_best = min(small_best, _read_seconds(format, small))
        large_best = min(large_best, _read_seconds(format, large))
    # linear: about GROWN_PAIR; quadratic: GROWN_PAIR ** 2
    assert large_best / max(small_best, 1e-3) < GROWN_PAIR * 2.5, (name, small_best, large_best)


test_grown_reading, test_grown_reading_long = both_profiles(
    grown_pair(SHAPES, GROWN), _reading_linear, short=8
)
