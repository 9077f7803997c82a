"""`Study.to_ctgov_json()`: the v2 record rebuilt exactly, leaf for leaf, on every shared record.

Criteria text keeps its markdown escapes as written: the registry escapes punctuation
unevenly ("\\*" beside "*"), so where the escapes cannot be rebuilt from `criteria_text` the
text as written is kept in extras and written back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.realdata import real_params
from trialparse import parse_record
from trialparse.v2._mapper import CRITERIA_PATH


def _leaves(value: Any) -> set[tuple[str, str]]:
    """(JSON path, typed repr) of every leaf, strings exactly as written."""
    found: set[tuple[str, str]] = set()
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            stack.extend((child, f"{where}.{key}") for key, child in node.items())
        elif isinstance(node, list):
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(node))
        else:
            found.add((where, f"{type(node).__name__}:{node!r}"))
    return found


@pytest.mark.parametrize("path", real_params("ctgov_v2", "NCT*.json"))
def test_round_trip_is_exact_leaf_for_leaf(path: Path) -> None:
    record = orjson.loads(path.read_bytes())
    study = parse_record(record)
    assert _leaves(study.to_ctgov_json()) == _leaves(record)
    again = parse_record(study.to_ctgov_json())
    assert again.model_copy(update={"source": study.source}) == study


@pytest.mark.parametrize("path", real_params("ctgov_v2_partial", "NCT*.json"))
def test_sparse_records_lose_nothing_and_gain_only_has_results(path: Path) -> None:
    record = orjson.loads(path.read_bytes())
    rebuilt = _leaves(parse_record(record).to_ctgov_json())
    assert _leaves(record) <= rebuilt
    assert rebuilt - _leaves(record) <= {(".hasResults", "bool:False")}


def _record(criteria: str) -> dict[str, Any]:
    return {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT00000001"},
            "eligibilityModule": {"eligibilityCriteria": criteria},
        }
    }


def test_handmade_uneven_escapes_are_written_back_as_they_were() -> None:
    written = "Inclusion Criteria:\n\n* Age \\>= 18\n* ECOG 0-1\\. Platelets > 100"
    study = parse_record(_record(written))
    assert (
        study.eligibility.criteria_text
        == "Inclusion Criteria:\n\n* Age >= 18\n* ECOG 0-1. Platelets > 100"
    )
    assert study.extras[CRITERIA_PATH] == written
    rebuilt = study.to_ctgov_json()["protocolSection"]["eligibilityModule"]
    assert rebuilt["eligibilityCriteria"] == written


def test_handmade_text_without_escapes_keeps_nothing_extra() -> None:
    study = parse_record(_record("Inclusion Criteria:\n\n* Adults"))
    assert CRITERIA_PATH not in study.extras


def test_changed_criteria_text_is_written_not_the_kept_one() -> None:
    study = parse_record(_record("* Age \\>= 18"))
    study.eligibility.criteria_text = "* Age < 65"
    rebuilt = study.to_ctgov_json()["protocolSection"]["eligibilityModule"]
    assert rebuilt["eligibilityCriteria"] == "* Age < 65"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n*.-<>\\[]_1"), max_size=40))
def test_any_criteria_text_is_rebuilt_as_written(written: str) -> None:
    study = parse_record(_record(written))
    rebuilt = study.to_ctgov_json()["protocolSection"]["eligibilityModule"]
    assert rebuilt.get("eligibilityCriteria", written) == written
    again = parse_record(study.to_ctgov_json())
    assert again.model_copy(update={"source": study.source}) == study
