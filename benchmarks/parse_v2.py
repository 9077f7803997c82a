"""Records per second of `parse_record` on v2 JSON, and its cost as a multiple of decoding.

Run: python benchmarks/parse_v2.py [DIR ...]   (default: the real-data `ctgov_v2/`, see
tests/realdata.py)

Each round times, on the same bytes and one after another, `orjson.loads`, `parse_record`
and the floor: `orjson.loads` followed by a plain nested pydantic `model_validate` of the fields
the `Study` maps (no extras, no warnings, no criteria). Times are CPU time of this process, and
the ratios of each round are taken and their median printed, so that a machine busy with other
work moves all three alike. The same rounds time, apart, what `parse_record` does to an input
before a reader sees it: format detection and the look for integers orjson would round (bytes),
and the check of a dict (`parse_record` of decoded v2 JSON), each as a multiple of decoding.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field

from trialparse import parse_record
from trialparse._api import _check_decoded, _has_long_number
from trialparse.readers.detect import detect_format

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.realdata import require_real  # noqa: E402


class _V2(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class _Date(_V2):
    date: str | None = None
    type: str | None = None


class _OrgId(_V2):
    id: str | None = None


class _SecondaryId(_V2):
    id: str | None = None
    type: str | None = None
    domain: str | None = None


class _Identification(_V2):
    nct_id: str | None = Field(None, alias="nctId")
    org_study_id_info: _OrgId | None = Field(None, alias="orgStudyIdInfo")
    secondary_id_infos: list[_SecondaryId] = Field([], alias="secondaryIdInfos")
    brief_title: str | None = Field(None, alias="briefTitle")
    official_title: str | None = Field(None, alias="officialTitle")
    acronym: str | None = None


class _Status(_V2):
    overall_status: str | None = Field(None, alias="overallStatus")
    why_stopped: str | None = Field(None, alias="whyStopped")
    start_date: _Date | None = Field(None, alias="startDateStruct")
    primary_completion_date: _Date | None = Field(None, alias="primaryCompletionDateStruct")
    completion_date: _Date | None = Field(None, alias="completionDateStruct")
    first_submitted: str | None = Field(None, alias="studyFirstSubmitDate")
    last_updated: _Date | None = Field(None, alias="lastUpdatePostDateStruct")


class _Organization(_V2):
    name: str | None = None
    agency_class: str | None = Field(None, alias="class")


class _Party(_V2):
    type: str | None = None
    investigator_name: str | None = Field(None, alias="investigatorFullName")
    investigator_affiliation: str | None = Field(None, alias="investigatorAffiliation")


class _Sponsors(_V2):
    responsible_party: _Party | None = Field(None, alias="responsibleParty")
    lead_sponsor: _Organization | None = Field(None, alias="leadSponsor")
    collaborators: list[_Organization] = []


class _Description(_V2):
    brief_summary: str | None = Field(None, alias="briefSummary")
    detailed_description: str | None = Field(None, alias="detailedDescription")


class _Conditions(_V2):
    conditions: list[str] = []
    keywords: list[str] = []


class _Masking(_V2):
    masking: str | None = None


class _DesignInfo(_V2):
    allocation: str | None = None
    intervention_model: str | None = Field(None, alias="interventionModel")
    primary_purpose: str | None = Field(None, alias="primaryPurpose")
    masking_info: _Masking | None = Field(None, alias="maskingInfo")


class _Enrollment(_V2):
    count: int | None = None
    type: str | None = None


class _Design(_V2):
    study_type: str | None = Field(None, alias="studyType")
    phases: list[str] = []
    design_info: _DesignInfo | None = Field(None, alias="designInfo")
    enrollment_info: _Enrollment | None = Field(None, alias="enrollmentInfo")


class _Arm(_V2):
    label: str | None = None
    type: str | None = None
    description: str | None = None
    intervention_names: list[str] = Field([], alias="interventionNames")


class _Intervention(_V2):
    name: str | None = None
    type: str | None = None
    description: str | None = None
    arm_labels: list[str] = Field([], alias="armGroupLabels")
    other_names: list[str] = Field([], alias="otherNames")


class _Arms(_V2):
    arm_groups: list[_Arm] = Field([], alias="armGroups")
    interventions: list[_Intervention] = []


class _Outcome(_V2):
    measure: str | None = None
    description: str | None = None
    time_frame: str | None = Field(None, alias="timeFrame")


class _Outcomes(_V2):
    primary: list[_Outcome] = Field([], alias="primaryOutcomes")
    secondary: list[_Outcome] = Field([], alias="secondaryOutcomes")
    other: list[_Outcome] = Field([], alias="otherOutcomes")


class _Eligibility(_V2):
    criteria: str | None = Field(None, alias="eligibilityCriteria")
    sex: str | None = None
    minimum_age: str | None = Field(None, alias="minimumAge")
    maximum_age: str | None = Field(None, alias="maximumAge")
    healthy_volunteers: bool | None = Field(None, alias="healthyVolunteers")


class _Contact(_V2):
    name: str | None = None
    role: str | None = None
    phone: str | None = None
    phone_ext: str | None = Field(None, alias="phoneExt")
    email: str | None = None


class _Official(_V2):
    name: str | None = None
    role: str | None = None
    affiliation: str | None = None


class _Location(_V2):
    facility: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None
    status: str | None = None
    contacts: list[_Contact] = []


class _ContactsLocations(_V2):
    central_contacts: list[_Contact] = Field([], alias="centralContacts")
    officials: list[_Official] = Field([], alias="overallOfficials")
    locations: list[_Location] = []


class _Protocol(_V2):
    identification: _Identification | None = Field(None, alias="identificationModule")
    status: _Status | None = Field(None, alias="statusModule")
    sponsors: _Sponsors | None = Field(None, alias="sponsorCollaboratorsModule")
    description: _Description | None = Field(None, alias="descriptionModule")
    conditions: _Conditions | None = Field(None, alias="conditionsModule")
    design: _Design | None = Field(None, alias="designModule")
    arms: _Arms | None = Field(None, alias="armsInterventionsModule")
    outcomes: _Outcomes | None = Field(None, alias="outcomesModule")
    eligibility: _Eligibility | None = Field(None, alias="eligibilityModule")
    contacts: _ContactsLocations | None = Field(None, alias="contactsLocationsModule")


class _Floor(_V2):
    protocol: _Protocol = Field(alias="protocolSection")
    has_results: bool = Field(False, alias="hasResults")


def _floor(blob: bytes) -> _Floor:
    return _Floor.model_validate(orjson.loads(blob))


def seconds(blobs: list[bytes], fn: Callable[[bytes], Any]) -> float:
    """CPU seconds of one pass of `fn` over every blob."""
    start = time.process_time()
    for blob in blobs:
        fn(blob)
    return time.process_time() - start


def main() -> None:
    """Parse the records, print records/s and the median ratios to orjson decoding."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=[])
    parser.add_argument("--passes", type=int, default=7, help="interleaved rounds")
    args = parser.parse_args()
    dirs = args.dirs or [require_real() / "ctgov_v2"]
    files = sorted(f for d in dirs for f in d.glob("NCT*.json"))
    blobs = [f.read_bytes() for f in files]
    failures = 0
    for blob in blobs:  # every record must parse before it is timed
        try:
            parse_record(blob)
            _floor(blob)
        except Exception as exc:  # report, do not stop
            failures += 1
            print(f"failed: {exc}")
    decoded = [orjson.loads(blob) for blob in blobs]
    rounds: list[tuple[float, float, float]] = []
    entry: list[tuple[float, float, float, float]] = []
    for _ in range(max(1, args.passes)):
        decode = seconds(blobs, orjson.loads)
        parse = seconds(blobs, parse_record)
        floor = seconds(blobs, _floor)
        rounds.append((decode, parse, floor))
        entry.append(
            (
                seconds(blobs, detect_format) / decode,
                seconds(blobs, _has_long_number) / decode,
                seconds(decoded, lambda data: _check_decoded(data, None)) / decode,
                seconds(decoded, parse_record) / decode,
            )
        )
    decode = statistics.median(r[0] for r in rounds)
    parse = statistics.median(r[1] for r in rounds)
    parse_ratio = statistics.median(r[1] / r[0] for r in rounds)
    floor_ratio = statistics.median(r[2] / r[0] for r in rounds)
    size = sum(map(len, blobs))
    print(f"records            {len(blobs)} ({size / 1e6:.1f} MB), failed {failures}")
    print(f"rounds             {len(rounds)} (interleaved; medians)")
    print(f"orjson.loads       {len(blobs) / decode:10.0f} records/s")
    print(f"parse_record       {len(blobs) / parse:10.0f} records/s")
    print(f"ratio to decode    {parse_ratio:10.2f} x")
    print(f"floor (pydantic)   {floor_ratio:10.2f} x   (orjson.loads + model_validate)")
    detect, look, check, from_dict = (statistics.median(r[i] for r in entry) for i in range(4))
    print(f"  detect_format    {detect:10.2f} x   (bytes)")
    print(f"  long numbers     {look:10.2f} x   (bytes: a run of 19 digits)")
    print(f"  dict check       {check:10.2f} x   (dict input: keys and lone surrogates)")
    print(f"  parse_record     {from_dict:10.2f} x   (dict input, with its check)")


if __name__ == "__main__":
    main()
