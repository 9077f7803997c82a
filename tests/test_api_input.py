"""`parse_record`'s entry guards: text that is not Unicode, dicts no JSON decodes to, integers
beyond 64 bits.

Each case is a real record from the shared fixtures (NCT04930887 in v2 JSON, NCT00000122 in
legacy XML) or the bundled text record, with one hand-made change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from tests.realdata import SEED, real, real_data
from trialparse import Study, parse_record
from trialparse.errors import MalformedRecord, UnknownFormat, UnsafeInput, WarningCode

pytestmark = real_data

BIG = 123456789012345678901234567890


def v2() -> bytes:
    return real("ctgov_v2", "NCT04930887.json").read_bytes()


def surrogate_warnings(study: Study) -> int:
    codes = [w.code for w in study.warnings]
    return codes.count(WarningCode.UNDECODABLE_BYTES.value)


def xml() -> str:
    return real("ctgov_xml", "NCT00000122.xml").read_text()


def seed() -> str:
    return SEED.read_text()


def json_text() -> str:
    return v2().decode()


@pytest.mark.parametrize(
    ("content", "format"),
    [(xml, "ctgov-xml"), (seed, "text"), (json_text, "ctgov-json")],
    ids=["xml", "text", "json"],
)
def test_a_lone_surrogate_in_a_str_is_replaced_with_a_warning(
    content: Callable[[], str], format: str
) -> None:
    text = content()
    title = parse_record(text, format=format).brief_title
    assert title is not None
    at = text.index(title[:20])
    study = parse_record(text[:at] + "\ud800" + text[at:], format=format)
    assert study.brief_title == "\ufffd" + title
    assert surrogate_warnings(study) == 1
    study.model_dump_json()  # raised UnicodeEncodeError before


def test_a_surrogate_pair_in_a_str_is_joined_not_replaced() -> None:
    text = SEED.read_text().replace("Efficacy", "\ud83d\ude00 Efficacy", 1)
    study = parse_record(text, format="text")
    assert study.brief_title is not None
    assert study.brief_title.startswith("\U0001f600 Efficacy")


def test_a_dict_with_a_key_that_is_not_a_string_is_malformed() -> None:
    record = orjson.loads(v2())
    record["protocolSection"]["statusModule"][7] = "seven"
    with pytest.raises(MalformedRecord, match=r"key 7 \(int\) is not a string") as caught:
        parse_record(record)
    assert caught.value.location == "$.protocolSection.statusModule"


def test_a_dict_holding_a_lone_surrogate_is_malformed() -> None:
    record = orjson.loads(v2())
    record["protocolSection"]["identificationModule"]["briefTitle"] = "a\udc80b"
    with pytest.raises(MalformedRecord, match="lone surrogate") as caught:
        parse_record(record)
    assert caught.value.location == "$.protocolSection.identificationModule.briefTitle"


@pytest.mark.parametrize("as_text", [False, True], ids=["bytes", "str"])
def test_integers_beyond_64_bits_are_kept_exact(as_text: bool) -> None:
    record = json.loads(v2())
    record["protocolSection"]["designModule"]["enrollmentInfo"]["count"] = BIG
    record["protocolSection"]["statusModule"]["zCount"] = -BIG
    content: bytes | str = json.dumps(record)
    study = parse_record(content if as_text else content.encode())
    assert study.design.enrollment is not None
    assert study.design.enrollment.count == BIG
    assert study.extras["protocolSection.statusModule.zCount"] == -BIG
    dumped = json.loads(study.model_dump_json())
    assert dumped["design"]["enrollment"]["count"] == BIG


def test_a_long_digit_run_inside_a_string_changes_nothing() -> None:
    record = json.loads(v2())
    record["protocolSection"]["identificationModule"]["briefTitle"] = "Code " + "9" * 30
    study = parse_record(json.dumps(record).encode())
    assert study.brief_title == "Code " + "9" * 30
    assert study == parse_record(orjson.dumps(record))


def test_densely_packed_large_input_is_refused() -> None:
    # hand-made: empty objects, three bytes each; decoded they would take 30 times the input
    def record(count: int) -> bytes:
        return (
            b'{"protocolSection": {"identificationModule": {"nctId": "NCT01234567"}}, "x": ['
            + b"{}," * count
            + b"{}]}"
        )

    with pytest.raises(UnsafeInput, match="packed too densely"):
        parse_record(record(30_000))
    with pytest.raises(UnsafeInput, match=r"tags in \d+ bytes \(\d+ per KB, more than 200\)"):
        parse_record(b"<clinical_study>" + b"<z/>" * 30_000 + b"</clinical_study>", "ctgov-xml")
    small = parse_record(record(1_000))  # under 64 KB: read, the unknown key kept
    assert small.nct_id == "NCT01234567"
    assert small.extras["x"] == [{}] * 1_001


def test_a_v2_record_with_control_characters_in_its_head_is_binary_data(tmp_path: Path) -> None:
    # hand-made: the real record with control characters after its opening key; read as v2 at
    # once, it is still refused as detection refuses it, before its density or its JSON
    record = v2()
    at = record.index(b"protocolSection") + 17
    binary = record[:at] + b"\x01" * 30 + record[at:]
    with pytest.raises(UnknownFormat, match="binary data") as caught:
        parse_record(binary)
    file = tmp_path / "binary.json"
    file.write_bytes(binary)
    with pytest.raises(UnknownFormat, match="binary data") as from_file:
        parse_record(file)
    assert (caught.value.record_id, from_file.value.record_id) == (None, str(file))
    dense = binary + b" " + b"[]" * 40_000  # refused for its density without the control bytes
    with pytest.raises(UnknownFormat, match="binary data"):
        parse_record(dense)
    with pytest.raises(UnsafeInput, match="packed too densely"):
        parse_record(record + b" " + b"[]" * 40_000)
    with pytest.raises(MalformedRecord, match="invalid JSON"):  # too few to be binary
        parse_record(record[:at] + b"\x01" + record[at:])
    assert parse_record(record).nct_id == "NCT04930887"
