"""A record the JSON reader decoded itself gets its extras (and their warnings) when they are
first read: the same values then as a record mapped from a caller's dict, while a record whose
kept content nests too deeply is still refused when it is parsed."""

from __future__ import annotations

import json
import pickle
from typing import Any

import orjson
import pytest

from tests.realdata import real_data, real_files
from trialparse import parse_record
from trialparse.errors import TrialParseError, UnsafeInput
from trialparse.readers.base import MAX_DEPTH


def _nested(levels: int) -> Any:
    value: Any = "leaf"
    for _ in range(levels):
        value = [value]
    return value


def _record(**protocol: Any) -> dict[str, Any]:
    # hand-made: a site with a kept geoPoint, and the kept modules and keys given
    return {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT01234567"},
            "contactsLocationsModule": {
                "locations": [{"city": "Kunming", "geoPoint": {"lat": 25.0, "lon": 102.7}}]
            },
            **protocol,
        },
        "derivedSection": {"miscInfoModule": {"versionHolder": "2024-07-22"}},
        "hasResults": False,
    }


def test_the_extras_are_left_for_later_and_equal_those_of_the_dict() -> None:
    record = _record(oversightModule={"oversightHasDmc": True}, zModule={"a": 1})
    study = parse_record(orjson.dumps(record))
    assert "extras" not in study.__dict__
    assert study == parse_record(record)
    assert list(study.extras) == list(parse_record(record).extras)
    assert study.extras["protocolSection.contactsLocationsModule.locations[0].geoPoint"] == {
        "lat": 25.0,
        "lon": 102.7,
    }
    assert [w.path for w in study.warnings] == ["protocolSection.zModule"]


def test_a_pickle_holds_the_extras() -> None:
    study = parse_record(orjson.dumps(_record()))
    copy = pickle.loads(pickle.dumps(study))
    assert copy.__dict__["extras"] == study.extras
    assert copy == study


@pytest.mark.parametrize(
    "where",
    [
        lambda deep: _record(zModule=deep),  # a module kept whole
        lambda deep: {**_record(), "zSection": deep},  # a key of the record itself
        lambda deep: _record(  # a key of a site
            contactsLocationsModule={"locations": [{"city": "Kunming", "geoPoint": deep}]}
        ),
    ],
)
def test_content_nested_too_deeply_is_refused_when_parsed(where: Any) -> None:
    outcomes = []
    for levels in range(MAX_DEPTH - 3, MAX_DEPTH + 3):
        record = where(_nested(levels))
        try:
            parse_record(record)
        except UnsafeInput as from_dict:
            with pytest.raises(UnsafeInput) as info:
                parse_record(json.dumps(record).encode())  # deeper than orjson writes
            assert (info.value.location, str(info.value)) == (
                from_dict.location,
                str(from_dict),
            )
            outcomes.append("refused")
        else:
            parse_record(json.dumps(record).encode())
            outcomes.append("read")
    assert outcomes == ["read"] * 3 + ["refused"] * 3


@real_data
def test_bytes_and_dict_give_the_same_study_on_real_records() -> None:
    for path in real_files("ctgov_v2", "NCT*.json")[::50]:
        blob = path.read_bytes()
        study = parse_record(blob)
        assert "extras" not in study.__dict__
        expected = parse_record(orjson.loads(blob))
        assert list(study.extras.items()) == list(expected.extras.items())
        assert study.warnings == expected.warnings
        assert study.model_dump_json() == expected.model_dump_json()


_LONG = 123456789012345678901234567890  # orjson reads it as 1.2345678901234568e+29
_PLACES = [
    lambda n: _record(zModule=n),  # a module kept whole, on its own
    lambda n: _record(zModule={"a": [n]}),  # inside a module kept whole
    lambda n: {**_record(), "zCount": n},  # a key of the record itself
    lambda n: {**_record(), "derivedSection": {"x": {"y": n}}},  # a section kept whole
    lambda n: _record(statusModule={"overallStatus": "RECRUITING", "zCount": n}),
    lambda n: _record(  # a key of a site
        contactsLocationsModule={"locations": [{"city": "K", "geoPoint": {"lat": n}}]}
    ),
    lambda n: _record(designModule={"enrollmentInfo": {"count": n}}),  # a mapped field
    lambda n: {  # among many plus signs (hand-made text)
        **_record(),
        "derivedSection": {"text": "HER2+ " * 100 + "1e+5", "n": n},
    },
]


@pytest.mark.parametrize("place", _PLACES)
@pytest.mark.parametrize("number", [_LONG, -_LONG, 2**64, -(2**63) - 1, 10**400])
def test_integers_orjson_would_round_are_read_exactly_wherever_they_are(
    place: Any, number: int
) -> None:
    record = place(number)
    study = parse_record(json.dumps(record).encode())
    expected = parse_record(record)
    assert study.model_dump_json() == expected.model_dump_json()
    assert str(number) in study.model_dump_json()


@pytest.mark.parametrize("place", _PLACES)
def test_floats_and_plus_signs_that_are_no_long_integers_are_kept_as_decoded(place: Any) -> None:
    for number in (1.5e30, 12.5, 2**62):
        record = place(number)
        assert _outcome(orjson.dumps(record)) == _outcome(record)


def _outcome(data: bytes | dict[str, Any]) -> str:
    try:
        return parse_record(data).model_dump_json()
    except TrialParseError as exc:  # a fractional enrollment count
        return f"{type(exc).__name__}: {exc}"
