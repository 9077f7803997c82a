"""The fast pass of the v2 mapping gives exactly what the step-by-step mapping gives.

Compared on every shared v2 record (ctgov_v2, ctgov_v2_partial and the studies of the API pages
and arrays in ctgov_v2_containers) and on real records mutated by the fuzz harness's
structural mutators; "exactly" covers values, their types (enum member or raw string), field
order, the set of fields given, extras (with their order), warnings and errors.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.fuzz.harness import both_profiles, mutated_json
from tests.realdata import real_data, real_files, real_params
from trialparse.readers.base import RawRecord

from .equivalence import compare

CONTAINERS = real_files("ctgov_v2_containers", "*.json")


def _raw(data: dict[str, Any], path: str | None = None) -> RawRecord:
    return RawRecord(data=data, format="ctgov-json", path=path)


@pytest.mark.parametrize(
    "path", real_params("ctgov_v2", "NCT*.json") + real_params("ctgov_v2_partial", "NCT*.json")
)
def test_same_study_on_every_real_record(path: Path) -> None:
    taken, differences = compare(_raw(orjson.loads(path.read_bytes()), str(path)))
    assert differences == []
    assert taken, "an ordinary real record is mapped by the fast pass"


def _contained() -> list[dict[str, Any]]:
    studies = []
    for path in CONTAINERS:
        data = orjson.loads(path.read_bytes())
        if isinstance(data, dict):
            data = data.get("studies", [])
        if isinstance(data, list):
            studies.extend(item for item in data if isinstance(item, dict))
    return studies


@real_data
def test_same_study_on_the_studies_of_api_pages_and_arrays() -> None:
    studies = _contained()
    assert len(studies) >= 10
    for study in studies:
        taken, differences = compare(_raw(study))
        assert (taken, differences) == (True, [])


SEEDS = [orjson.loads(p.read_bytes()) for p in real_files("ctgov_v2", "NCT*.json")[::37]]


def _same_on_mutated(record: dict[str, Any]) -> None:
    _, differences = compare(_raw(copy.deepcopy(record)))
    assert differences == []


test_same_study_or_error_on_mutated_records, test_same_study_or_error_on_mutated_records_long = (
    real_data(test)
    for test in both_profiles(
        mutated_json(SEEDS or [{"protocolSection": {}}]), _same_on_mutated, 300
    )
)


@real_data
def test_kept_and_warned_content_takes_the_fast_pass_where_it_can() -> None:
    record = copy.deepcopy(SEEDS[0])
    record["protocolSection"]["statusModule"]["pauseReason"] = "funding"  # hand-made key
    record["vendorSection"] = {"x": 1}
    taken, differences = compare(_raw(record))
    assert (taken, differences) == (True, [])
    record["protocolSection"]["statusModule"]["overallStatus"] = "PAUSED"  # hand-made value
    taken, differences = compare(_raw(record))
    assert (taken, differences) == (False, [])
