"""ISRCTN records as ctrdata stores them: the nine real records of the shared fixtures.

Expected values are read here from each record's JSON by the test (its own small lookups);
the table at the end was written by hand from reading two of the records.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.realdata import real, real_data, real_files, real_params
from trialparse import parse_record
from trialparse.errors import MalformedRecord, TrialParseError
from trialparse.readers.detect import detect_format

FOLDER = "other_registries/isrctn/ctrdata_json"


def _listed(value: object) -> list[object]:
    return [] if value in (None, "") else value if isinstance(value, list) else [value]


@pytest.mark.parametrize("path", real_params(FOLDER, "*.json"))
def test_record_matches_its_json(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert detect_format(path.read_bytes()) == "isrctn-json"
    study = parse_record(path)
    assert study.source is not None
    assert study.source.format == "isrctn-json"
    assert (study.registry, study.registry_id) == ("isrctn", f"ISRCTN{data['isrctn']}")
    assert study.brief_title == data["trialDescription"]["title"]
    assert study.official_title == data["trialDescription"]["scientificTitle"]
    nct = data["externalRefs"]["clinicalTrialsGovNumber"]
    assert study.nct_id == (nct if nct.startswith("NCT") else None)
    participants = data["participants"]
    assert study.status.start_date is not None
    assert study.status.start_date.iso == participants["recruitmentStart"][:10]
    assert study.eligibility.sex == "ALL"
    final, target = participants.get("totalFinalEnrolment"), participants["targetEnrolment"]
    assert study.design.enrollment is not None
    assert study.design.enrollment.count == int(final or target)
    centres = _listed(participants["trialCentres"]["trialCentre"])
    assert [loc.facility for loc in study.locations] == [c["name"] for c in centres]  # type: ignore[index]
    assert [str(p) for p in study.design.phases] == ["PHASE3"]  # every record: "Phase III"
    assert study.design.allocation == "RANDOMIZED"  # every record: "Randomised controlled trial"
    assert study.eligibility.inclusion
    assert study.eligibility.exclusion
    # the sponsor is stored as an ID only: kept in extras, not guessed
    assert study.lead_sponsor is None
    assert "parties.sponsorId" in study.extras


# Written by hand from the records.
HAND = [
    # file, org study id, other IDs, status, why stopped, ages, (inclusion, exclusion) items
    (
        "ISRCTN12949496.json",
        "MINT-2014-01",
        ["2014-002988-16"],
        "Stopped",
        "Participant recruitment issue",
        (None, None),
        (5, 7),
    ),
    ("ISRCTN17473621.json", None, [], None, None, ("2 Days", "14 Days"), (7, 3)),
]


@pytest.mark.parametrize(("name", "org", "ids", "status", "why", "ages", "counts"), HAND)
@real_data
def test_hand_read_records(
    name: str,
    org: str | None,
    ids: list[str],
    status: str | None,
    why: str | None,
    ages: tuple[str | None, str | None],
    counts: tuple[int, int],
) -> None:
    study = parse_record(real(FOLDER, name))
    assert study.org_study_id == org
    assert [s.id for s in study.secondary_ids] == ids
    assert study.status.overall == status
    assert study.status.why_stopped == why
    eligibility = study.eligibility
    assert (
        tuple(str(a) if a else None for a in (eligibility.minimum_age, eligibility.maximum_age))
        == ages
    )
    assert (len(eligibility.inclusion), len(eligibility.exclusion)) == counts


@real_data
def test_a_decoded_record_is_read_too() -> None:
    path = real(FOLDER, "ISRCTN76463425.json")
    study = parse_record(json.loads(path.read_text(encoding="utf-8")))
    assert study.registry_id == "ISRCTN76463425"
    assert [(i.registry, i.id) for i in study.ids()] == [
        ("isrctn", "ISRCTN76463425"),
        ("ctgov", "NCT01727609"),
    ]


def test_foreign_json_is_refused() -> None:
    # hand-made
    with pytest.raises(MalformedRecord, match="ISRCTN number"):
        parse_record(b'{"isrctn": "x", "trialDescription": {}}', format="isrctn-json")
    with pytest.raises(MalformedRecord, match="one ISRCTN record"):
        parse_record(b"[1, 2]", format="isrctn-json")
    with pytest.raises(MalformedRecord, match="expected an object"):
        parse_record({"isrctn": "1", "trialDescription": "x"})


_SEEDS = real_files(FOLDER, "*.json")


@pytest.mark.skipif(not _SEEDS, reason="real ISRCTN records not found")
@real_data
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(min_value=0, max_value=max(len(_SEEDS) - 1, 0)),
    cut=st.integers(min_value=0, max_value=20000),
    junk=st.text(max_size=20),
)
def test_mutated_records_raise_only_trialparse_errors(index: int, cut: int, junk: str) -> None:
    content = _SEEDS[index].read_text(encoding="utf-8")
    cut = min(cut, len(content))
    mutated = content[:cut] + junk + content[cut + len(junk) :]
    with contextlib.suppress(TrialParseError):
        study = parse_record(mutated, format="isrctn-json")
        assert study.registry == "isrctn"
