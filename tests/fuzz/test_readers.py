"""Every reader, fed mutated real records and junk: a `Study` or a `TrialParseError`, in time.

The CI profile runs a few dozen cases per test; `pytest -m fuzz_long` runs 100,000 per test.
"""

from __future__ import annotations

from typing import Any

import orjson
from hypothesis import strategies as st

from tests.realdata import SEED
from trialparse import parse_record

from .harness import (
    JSON_VALUE,
    both_profiles,
    load_bytes,
    mutated_bytes,
    mutated_json,
    parses_or_refuses,
)

V2 = load_bytes(
    "ctgov_v2/NCT01359631.json", "ctgov_v2/NCT03323645.json", "ctgov_v2/NCT01589588.json"
)
V2_DICTS: list[dict[str, Any]] = [orjson.loads(b) for b in V2]
V1 = load_bytes("ctgov_classic_v1_json/NCT04780763.json")
XML = load_bytes(
    "ctgov_xml/NCT01827488.xml",
    "ctgov_xml/NCT03182660.xml",
    "ctgov_xml_archive_history/NCT00000201/NCT00000201_20050623.xml",
)
HTML = load_bytes("html/ctgov_archive_history_pages/NCT00000201/NCT00000201_20050630.html")
TEXT = [SEED.read_bytes()]
EVERY_SEED = V2 + V1 + XML + HTML + TEXT


def _detected(content: bytes) -> None:
    parses_or_refuses(content)


def _v2_forced(content: bytes) -> None:
    parses_or_refuses(content, "ctgov-json")


def _v2_dict(record: dict[str, Any]) -> None:
    study = parses_or_refuses(record)
    if study is not None:  # whatever was kept, typed or in extras, writes back the same
        again = parse_record(study.to_ctgov_json())
        assert again.model_copy(update={"source": study.source}) == study


def _any_dict(record: dict[str, Any]) -> None:
    parses_or_refuses(record)


def _xml_forced(content: bytes) -> None:
    parses_or_refuses(content, "ctgov-xml")


def _html_forced(content: bytes) -> None:
    parses_or_refuses(content, "html")


def _text_forced(content: bytes) -> None:
    parses_or_refuses(content, "text")


def _any_format(case: tuple[bytes, str | None]) -> None:
    parses_or_refuses(*case)


FORMATS = st.sampled_from(
    [None, "ctgov-json", "ctgov-xml", "html", "text", "ictrp-xml", "euctr-html"]
)

test_v2_bytes, test_v2_bytes_long = both_profiles(mutated_bytes(V2), _v2_forced)
test_v2_structure, test_v2_structure_long = both_profiles(mutated_json(V2_DICTS), _v2_dict)
test_v1, test_v1_long = both_profiles(mutated_bytes(V1), _detected, short=20)
test_v1_structure, test_v1_structure_long = both_profiles(
    mutated_json([orjson.loads(b) for b in V1]), _any_dict, short=20
)
test_xml, test_xml_long = both_profiles(mutated_bytes(XML), _xml_forced)
test_html, test_html_long = both_profiles(mutated_bytes(HTML), _html_forced)
test_text, test_text_long = both_profiles(mutated_bytes(TEXT), _text_forced, real=False)
test_detection, test_detection_long = both_profiles(mutated_bytes(EVERY_SEED), _detected)
test_scratch, test_scratch_long = both_profiles(
    st.tuples(st.binary(max_size=2_000) | st.text(max_size=2_000).map(str.encode), FORMATS),
    _any_format,
    real=False,
)
test_scratch_json, test_scratch_json_long = both_profiles(
    st.dictionaries(
        st.sampled_from(["protocolSection", "Study", "derivedSection", "x"]), JSON_VALUE
    ),
    _any_dict,
    real=False,
)
