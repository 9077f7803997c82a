"""The flat tables hold what AACT's columns of the same names hold, read from the v2 records.

Each mapped column is compared with the v2 field AACT loads it from, on every shared v2 record;
a few values are checked by hand where AACT and a naive reading of the v2 record differ.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.realdata import real, real_data, real_files
from trialparse import parse_record
from trialparse.bulk import TABLES, study_rows
from trialparse.bulk._tables import AACT_TABLES, aact_column

pytestmark = real_data

RECORDS = real_files("ctgov_v2", "NCT*.json")


def get(record: dict[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def day(text: Any) -> dt.date | None:
    if not isinstance(text, str):
        return None
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


S = "protocolSection.statusModule."
D = "protocolSection.designModule.designInfo."
OVERSIGHT = "protocolSection.oversightModule."
IPD = "protocolSection.ipdSharingStatementModule."
E = "protocolSection.eligibilityModule."

# studies column -> (v2 path, how AACT turns the v2 value into the column's value)
SAME: Callable[[Any], Any] = lambda v: v  # noqa: E731
STUDIES: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "last_known_status": (f"{S}lastKnownStatus", SAME),
    "verification_month_year": (f"{S}statusVerifiedDate", SAME),
    "verification_date": (f"{S}statusVerifiedDate", day),
    "study_first_submitted_date": (f"{S}studyFirstSubmitDate", day),
    "study_first_submitted_qc_date": (f"{S}studyFirstSubmitQcDate", day),
    "study_first_posted_date": (f"{S}studyFirstPostDateStruct.date", day),
    "study_first_posted_date_type": (f"{S}studyFirstPostDateStruct.type", SAME),
    "results_first_submitted_date": (f"{S}resultsFirstSubmitDate", day),
    "results_first_posted_date": (f"{S}resultsFirstPostDateStruct.date", day),
    "last_update_submitted_date": (f"{S}lastUpdateSubmitDate", day),
    "last_update_posted_date": (f"{S}lastUpdatePostDateStruct.date", day),
    "last_update_posted_date_type": (f"{S}lastUpdatePostDateStruct.type", SAME),
    "start_month_year": (f"{S}startDateStruct.date", SAME),
    "completion_month_year": (f"{S}completionDateStruct.date", SAME),
    "has_expanded_access": (f"{S}expandedAccessInfo.hasExpandedAccess", SAME),
    "observational_model": (f"{D}observationalModel", SAME),
    "time_perspective": (f"{D}timePerspective", SAME),
    "has_dmc": (f"{OVERSIGHT}oversightHasDmc", SAME),
    "is_fda_regulated_drug": (f"{OVERSIGHT}isFdaRegulatedDrug", SAME),
    "is_fda_regulated_device": (f"{OVERSIGHT}isFdaRegulatedDevice", SAME),
    "is_unapproved_device": (f"{OVERSIGHT}isUnapprovedDevice", SAME),
    "is_us_export": (f"{OVERSIGHT}isUsExport", SAME),
    "plan_to_share_ipd": (f"{IPD}ipdSharing", SAME),
    "plan_to_share_ipd_description": (f"{IPD}description", SAME),
    "ipd_url": (f"{IPD}url", SAME),
    "sampling_method": (f"{E}samplingMethod", SAME),
    "population": (f"{E}studyPopulation", SAME),
    "source": ("protocolSection.sponsorCollaboratorsModule.leadSponsor.name", SAME),
    "source_class": ("protocolSection.sponsorCollaboratorsModule.leadSponsor.class", SAME),
}


@functools.cache
def rows_of(path: Path) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    return orjson.loads(path.read_bytes()), study_rows(parse_record(path), path.name)


def test_every_studies_column_matches_its_v2_field() -> None:
    compared = mismatched = 0
    for path in RECORDS:
        record, rows = rows_of(path)
        [row] = rows["studies"]
        for column, (v2, convert) in STUDIES.items():
            expected = convert(get(record, v2))
            if expected is None and row[column] is None:
                continue
            compared += 1
            if row[column] != expected:
                mismatched += 1
                pytest.fail(f"{path.stem} {column}: {row[column]!r} != {expected!r}")
    assert compared > 10_000
    assert mismatched == 0


def test_masked_parties_age_groups_and_arm_counts() -> None:
    for path in RECORDS:
        record, rows = rows_of(path)
        [row] = rows["studies"]
        who = get(record, f"{D}maskingInfo.whoMasked") or []
        if get(record, f"{D}maskingInfo.masking") is not None:
            assert row["subject_masked"] == ("PARTICIPANT" in who), path.stem
            assert row["outcomes_assessor_masked"] == ("OUTCOMES_ASSESSOR" in who), path.stem
        ages = get(record, f"{E}stdAges")
        if ages is not None:
            assert (row["child"], row["adult"], row["older_adult"]) == tuple(
                group in ages for group in ("CHILD", "ADULT", "OLDER_ADULT")
            )
        arms = get(record, "protocolSection.armsInterventionsModule.armGroups") or []
        study_type = get(record, "protocolSection.designModule.studyType")
        if study_type == "INTERVENTIONAL":
            assert (row["number_of_arms"], row["number_of_groups"]) == (len(arms), None)


def test_submitted_and_posted_dates_are_apart() -> None:
    # NCT04930887: last update submitted 2024-04-16, posted 2024-04-17
    [row] = rows_of(real("ctgov_v2", "NCT04930887.json"))[1]["studies"]
    assert row["last_update_submitted_date"] == dt.date(2024, 4, 16)
    assert row["last_update_posted_date"] == dt.date(2024, 4, 17)
    assert row["last_update_posted_date_type"] == "ACTUAL"
    assert row["study_first_posted_date"] == dt.date(2021, 6, 18)
    assert row["verification_date"] == dt.date(2024, 4, 1)
    assert row["verification_month_year"] == "2024-04"
    assert row["source"] == "Stanford University"
    assert row["source_path"] == "NCT04930887.json"
    rows = rows_of(real("ctgov_v2", "NCT04930887.json"))[1]
    [facility] = rows["facilities"]
    assert (facility["latitude"], facility["longitude"]) == (37.42411, -122.16608)
    assert rows["countries"] == [
        {
            "nct_id": "NCT04930887",
            "registry": "ctgov",
            "registry_id": "NCT04930887",
            "name": "United States",
            "removed": False,
        }
    ]
    assert [r["mesh_term"] for r in rows["browse_conditions"]][:2] == [
        "Facial Pain",
        "Migraine Disorders",
    ]


def test_contacts_are_primary_then_backup_and_investigators_apart() -> None:
    # NCT00297544: two central contacts, and a site's principal investigator
    path = real("ctgov_v2", "NCT00297544.json")
    record, rows = rows_of(path)
    module = record["protocolSection"]["contactsLocationsModule"]
    central = module["centralContacts"]
    assert [(r["name"], r["contact_type"]) for r in rows["central_contacts"]] == [
        (central[0]["name"], "primary"),
        (central[1]["name"], "backup"),
    ]
    site_staff = [
        (index, c["name"], c.get("role"))
        for index, loc in enumerate(module["locations"])
        for c in loc.get("contacts", [])
    ]
    investigators = [s for s in site_staff if s[2] != "CONTACT"]
    assert investigators
    assert [(r["facility_index"], r["name"], r["role"]) for r in rows["facility_investigators"]] == (
        investigators
    )
    contacts = list(rows["facility_contacts"])
    assert all(r["role"] == "CONTACT" for r in contacts)
    for index in {r["facility_index"] for r in contacts}:
        kinds = [r["contact_type"] for r in contacts if r["facility_index"] == index]
        assert kinds == ["primary"] + ["backup"] * (len(kinds) - 1)


def test_id_information_lists_every_identifier() -> None:
    for path in RECORDS[:200]:
        record, rows = rows_of(path)
        ident = record["protocolSection"]["identificationModule"]
        expected = [("org_study_id", ident["orgStudyIdInfo"]["id"])] if "orgStudyIdInfo" in ident else []
        expected += [("secondary_id", s.get("id")) for s in ident.get("secondaryIdInfos", [])]
        expected += [("nct_alias", a) for a in ident.get("nctIdAliases", [])]
        assert [(r["id_source"], r["id_value"]) for r in rows["id_information"]] == expected


def test_every_table_names_its_aact_counterpart() -> None:
    for name, columns in TABLES.items():
        for column in columns:
            mapped = aact_column(name, column)
            if name in AACT_TABLES:
                assert mapped == "" or "." in mapped
            else:
                assert mapped == "", (name, column.name)
