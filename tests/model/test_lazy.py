"""Fields filled on first use (`model._lazy`): a model built with them left out behaves, dumps,
compares, copies and pickles exactly as one built with them given."""

from __future__ import annotations

import copy
import pickle
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from trialparse import Study, parse_record
from trialparse.model import Eligibility
from trialparse.normalise.criteria import split_criteria

CRITERIA = st.text(alphabet=st.sampled_from("ab \n*-1.)Inclusion Exclusion Criteria:"), max_size=80)


def _lazy(text: str) -> Eligibility:
    study = parse_record(
        {"protocolSection": {"eligibilityModule": {"eligibilityCriteria": text, "sex": "ALL"}}}
    )
    eligibility = study.eligibility
    assert "inclusion" not in eligibility.__dict__  # left to be split
    return eligibility


def _eager(text: str) -> Eligibility:
    inclusion, exclusion = split_criteria(text)
    return Eligibility(criteria_text=text, inclusion=inclusion, exclusion=exclusion, sex="ALL")


@settings(max_examples=150, deadline=None)
@given(CRITERIA)
def test_split_on_first_access_equals_split_at_once(text: str) -> None:
    eager = _eager(text)
    assert _lazy(text).model_dump() == eager.model_dump()
    assert _lazy(text).model_dump_json() == eager.model_dump_json()
    assert _lazy(text) == eager
    assert eager == _lazy(text)
    assert repr(_lazy(text)) == repr(eager)
    assert dict(_lazy(text)) == dict(eager)
    assert _lazy(text).inclusion == eager.inclusion
    assert copy.deepcopy(_lazy(text)) == eager
    assert pickle.loads(pickle.dumps(_lazy(text))) == eager
    assert list(_lazy(text).model_copy().model_dump()) == list(eager.model_dump())


def test_items_set_before_first_access_are_kept() -> None:
    lazy = _lazy("Inclusion Criteria:\n* adults\nExclusion Criteria:\n* pregnancy")
    lazy.inclusion = []
    assert lazy.inclusion == []
    assert [c.text for c in lazy.exclusion] == ["pregnancy"]
    assert list(lazy.model_dump()) == list(Eligibility.model_fields)


def _with_kept_unknown_key() -> dict[str, Any]:
    return {
        "protocolSection": {"identificationModule": {"nctId": "NCT00000001"}},
        "derivedSection": {"miscInfoModule": {"versionHolder": "2024-01-01", "modelX": 1}},
    }


def test_warnings_about_kept_sections_are_found_when_first_read() -> None:
    study = parse_record(_with_kept_unknown_key())
    assert "warnings" not in study.__dict__
    assert [w.path for w in study.warnings] == ["derivedSection.miscInfoModule.modelX"]
    assert study.__pydantic_private__ is None


def test_a_study_with_warnings_left_to_find_copies_pickles_and_dumps_whole() -> None:
    for copied in (
        pickle.loads(pickle.dumps(parse_record(_with_kept_unknown_key()))),
        copy.deepcopy(parse_record(_with_kept_unknown_key())),
        parse_record(_with_kept_unknown_key()).model_copy(),
    ):
        assert [w.path for w in copied.warnings] == ["derivedSection.miscInfoModule.modelX"]
    dumped = parse_record(_with_kept_unknown_key()).model_dump()
    assert list(dumped) == list(Study.model_fields)
    assert [w["path"] for w in dumped["warnings"]] == ["derivedSection.miscInfoModule.modelX"]
    assert Study.model_validate(dumped) == parse_record(_with_kept_unknown_key())


def test_schemas_are_those_of_the_declared_fields() -> None:
    for mode in ("validation", "serialization"):
        schema = Study.model_json_schema(mode=mode)  # type: ignore[arg-type]
        assert "warnings" in schema["properties"]
        eligibility = schema["$defs"]["Eligibility"]["properties"]
        assert eligibility["inclusion"]["items"] == {"$ref": "#/$defs/Criterion"}
