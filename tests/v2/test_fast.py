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
    assert (taken, differences) == (True, [])  # kept as written, with the same warning
    record["protocolSection"]["statusModule"]["overallStatus"] = 7  # hand-made: not a string
    taken, differences = compare(_raw(record))
    assert (taken, differences) == (False, [])


def _rich_record() -> dict[str, Any]:
    """The first shared record with every list the pass builds by validator, and site contacts."""
    for path in real_files("ctgov_v2", "NCT*.json"):
        record = orjson.loads(path.read_bytes())
        protocol = record["protocolSection"]
        locations = protocol.get("contactsLocationsModule", {}).get("locations", [])
        arms = protocol.get("armsInterventionsModule", {})
        if (
            any(location.get("contacts") for location in locations)
            and protocol.get("contactsLocationsModule", {}).get("overallOfficials")
            and protocol.get("contactsLocationsModule", {}).get("centralContacts")
            and arms.get("armGroups")
            and arms.get("interventions")
            and protocol.get("outcomesModule", {}).get("secondaryOutcomes")
            and protocol.get("sponsorCollaboratorsModule", {}).get("collaborators")
        ):
            return record
    raise AssertionError("no shared record holds every list")


class _Text(str):
    """A str subclass, as a dict built by a caller may hold (hand-made)."""


_SITE = ("contactsLocationsModule", "locations", "*")
_SITE_CONTACT = ("contactsLocationsModule", "locations", "*", "contacts", 0)
_ARM = ("armsInterventionsModule", "armGroups", 0)
_INTERVENTION = ("armsInterventionsModule", "interventions", 0)
_OUTCOME = ("outcomesModule", "secondaryOutcomes", 0)

# (where in protocolSection, key, value, whether the fast pass takes the record); hand-made edits
# of a real record, one per way a list item can differ from an ordinary one
EDITS: list[tuple[tuple[Any, ...], str | int, Any, bool]] = [
    (_SITE, "contacts", None, True),
    (_SITE, "contacts", [], True),
    (_SITE, "status", "RECRUITING", True),
    (_SITE, "status", "Recruiting", False),
    (_SITE, "status", None, True),
    (_SITE, "facility", 5, False),
    (_SITE, "facility", _Text("a site"), True),
    (_SITE, "contacts", ({"name": "a"},), False),
    (_SITE, "contacts", {"name": "a"}, False),
    (_SITE, "geoPoint", {"lat": 1.5, "lon": 2.5, "zGrid": 3}, True),
    (_SITE, "zNote", "hand-made", True),
    (_SITE_CONTACT, "role", "NOT_A_ROLE", True),
    (_SITE_CONTACT, "role", "primary", True),
    (("contactsLocationsModule", "centralContacts", 0), "role", "primary", True),
    (("contactsLocationsModule", "centralContacts", 0), "role", 5, False),
    (("statusModule",), "overallStatus", "Ongoing", True),
    (("designModule",), "studyType", "Interventional", True),
    (("designModule", "designInfo"), "allocation", "Randomised controlled trial", True),
    (("designModule", "designInfo"), "interventionModel", "Parallel", True),
    (("designModule", "designInfo"), "primaryPurpose", "Treatment", True),
    (("designModule", "designInfo", "maskingInfo"), "masking", "Open (masking not used)", True),
    (("designModule", "designInfo", "maskingInfo"), "masking", ["DOUBLE"], False),
    (("eligibilityModule",), "sex", "Both", True),
    (_SITE_CONTACT, "role", b"CONTACT", False),
    (_SITE_CONTACT, "phoneExt", None, True),
    (_SITE_CONTACT, "phone_ext", "12", True),
    (_SITE_CONTACT, "zPager", "12", True),
    (_ARM, "interventionNames", None, True),
    (_ARM, "interventionNames", ["Drug: x", 5], False),
    (_ARM, "interventionNames", ("Drug: x",), False),
    (_ARM, "type", "OTHER", True),
    (_INTERVENTION, "otherNames", None, True),
    (_INTERVENTION, "armGroupLabels", None, True),
    (_INTERVENTION, "type", "NOT_A_TYPE", False),
    (_OUTCOME, "kind", "PRIMARY", True),
    (_OUTCOME, "measure", None, True),
    (_OUTCOME, "timeFrame", ["a"], False),
    (_OUTCOME, 0, "an int key", False),
    (("sponsorCollaboratorsModule", "collaborators", 0), "class", "NOT_A_CLASS", False),
    (("sponsorCollaboratorsModule", "collaborators", 0), "zNote", {"a": [1]}, True),
    (("contactsLocationsModule", "overallOfficials", 0), "role", None, True),
    (("contactsLocationsModule", "centralContacts", 0), "email", 5, False),
    (("identificationModule",), "secondaryIdInfos", [{"id": "2011-005852-33"}], True),
    (("identificationModule",), "secondaryIdInfos", [{"id": "ISRCTN12949496 "}], True),
    (("identificationModule",), "secondaryIdInfos", [{"id": "grant 7", "type": "NIH"}], True),
    (("statusModule", "startDateStruct"), "type", "Actual", False),
    (("statusModule", "startDateStruct"), "type", 5, False),
    (("statusModule", "startDateStruct"), "type", None, True),
    (("statusModule", "startDateStruct"), "date", 2021, False),
    (("statusModule", "startDateStruct"), "date", None, True),
    (("statusModule", "startDateStruct"), "date", _Text("2021-03"), False),
    (("statusModule",), "studyFirstSubmitDate", "2021-03-04", True),
    (("statusModule",), "studyFirstSubmitDate", ["2021-03-04"], False),
]


def _site_with_contacts(record: dict[str, Any]) -> int:
    locations = record["protocolSection"]["contactsLocationsModule"]["locations"]
    return next(i for i, location in enumerate(locations) if location.get("contacts"))


@real_data
@pytest.mark.parametrize(("where", "key", "value", "taken"), EDITS)
def test_same_study_on_edited_list_items(
    where: tuple[Any, ...], key: str | int, value: Any, taken: bool
) -> None:
    record = copy.deepcopy(_rich_record())
    node: Any = record["protocolSection"]
    for step in where:
        node = node[_site_with_contacts(record) if step == "*" else step]
    node[key] = value
    assert compare(_raw(record)) == (taken, [])


@real_data
def test_same_study_for_the_registry_a_reader_names() -> None:
    record = copy.deepcopy(_rich_record())
    raw = RawRecord(data=record, format="html", registry="euctr", path="page.html")
    assert compare(raw) == (True, [])
