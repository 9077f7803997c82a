"""Generators aimed at silent loss, fed from real records of the shared fixtures.

Each property is stronger than "a Study or a TrialParseError": a page nested deep is read
whole or refused; a marker word put into an XML record where a reader may overlook it is
still in the `Study`; a UTF-8 page with stray bytes is not decoded as Windows-1252 and says so;
text with lone surrogates gives a `Study` that serialises; an integer beyond 64 bits comes out
exact; a dict with a key no JSON has is refused with `MalformedRecord`.
The CI profile runs a few dozen cases per test; `pytest -m fuzz_long` runs the long one.
"""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from tests.realdata import SEED, real, real_data
from trialparse import parse_record
from trialparse.errors import MalformedRecord, UnsafeInput, WarningCode

from .harness import (
    MARKER,
    both_profiles,
    dict_with_odd_key,
    json_with_big_integer,
    nested_page,
    page_with_stray_byte,
    parses_or_refuses,
    text_with_surrogates,
    time_bound,
    xml_with_marker,
)

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
