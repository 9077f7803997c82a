"""Classic ClinicalTrials.gov API v1 JSON reader (`trialparse.readers.ctgov_v1`).

Every study of the six `FullStudiesResponse` files in `ctgov_classic_v1_json/` of the real-data
folder is read and checked against its own JSON, using the explicit display → v2 tables below
(not the reader's label tables). NCT04780763 (its own file, APIVrs 1.01.02) is asserted in full,
checked by hand against the file.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.realdata import as_params, real, real_data, real_files
from trialparse import parse_record
from trialparse.errors import MalformedRecord, TrialParseError
from trialparse.model import Study
from trialparse.readers import ctgov_v1

V1 = real("ctgov_classic_v1_json")
FILES = [p for p in real_files("ctgov_classic_v1_json", "*.json") if not p.name.startswith("_")]


def _studies() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in FILES:
        container = json.loads(path.read_bytes())
        for index, item in enumerate(ctgov_v1.iter_v1_studies(container)):
            found.append((f"{path.stem}[{index}]", item))
    return found


STUDIES = _studies()

STATUS = {
    "Recruiting": "RECRUITING",
    "Unknown status": "UNKNOWN",
    "Completed": "COMPLETED",
    "Not yet recruiting": "NOT_YET_RECRUITING",
    "Active, not recruiting": "ACTIVE_NOT_RECRUITING",
    "Withdrawn": "WITHDRAWN",
    "Enrolling by invitation": "ENROLLING_BY_INVITATION",
    "Terminated": "TERMINATED",
}
PHASE = {
    "Not Applicable": "NA",
    "Early Phase 1": "EARLY_PHASE1",
    "Phase 1": "PHASE1",
    "Phase 2": "PHASE2",
    "Phase 3": "PHASE3",
    "Phase 4": "PHASE4",
}
SEX = {"All": "ALL", "Female": "FEMALE", "Male": "MALE", None: None}
MONTHS = "January February March April May June July August September October November December"


def _iso(text: str) -> str:
    """ "March 15, 2021" → "2021-03-15"; "March 2021" → "2021-03"."""
    words = text.replace(",", "").split()
    month = MONTHS.split().index(words[0]) + 1
    if len(words) == 3:
        return f"{words[2]}-{month:02d}-{int(words[1]):02d}"
    return f"{words[1]}-{month:02d}"


@real_data
def test_every_study_found() -> None:
    assert len(FILES) == 6
    assert len(STUDIES) == 206  # 205 distinct studies; one appears in two files
    assert (
        len(
            {
                item["Study"]["ProtocolSection"]["IdentificationModule"]["NCTId"]
                for _, item in STUDIES
            }
        )
        == 205
    )


@pytest.mark.parametrize(
    "item",
    [pytest.param(item, id=name, marks=real_data) for name, item in STUDIES] or as_params([]),
)
def test_fields_match_the_json(item: dict[str, Any]) -> None:
    study = ctgov_v1.read(item)
    protocol = item["Study"]["ProtocolSection"]
    ident = protocol["IdentificationModule"]
    status = protocol["StatusModule"]
    design = protocol["DesignModule"]
    eligibility = protocol["EligibilityModule"]
    assert study.nct_id == ident["NCTId"]
    assert study.org_study_id == ident["OrgStudyIdInfo"]["OrgStudyId"]
    assert study.brief_title == ident["BriefTitle"]
    assert study.status.overall == STATUS[status["OverallStatus"]]
    assert study.status.start_date is not None
    assert study.status.start_date.iso == _iso(status["StartDateStruct"]["StartDate"])
    start_type = status["StartDateStruct"].get("StartDateType")
    assert study.status.start_date.type == (
        None if start_type is None else {"Actual": "ACTUAL", "Anticipated": "ESTIMATED"}[start_type]
    )
    phases = design.get("PhaseList", {}).get("Phase", [])
    assert [str(p) for p in study.design.phases] == [PHASE[p] for p in phases]
    assert study.design.enrollment is not None
    assert study.design.enrollment.count == int(design["EnrollmentInfo"]["EnrollmentCount"])
    assert study.conditions == protocol["ConditionsModule"]["ConditionList"]["Condition"]
    lead = protocol["SponsorCollaboratorsModule"]["LeadSponsor"]
    assert study.lead_sponsor is not None
    assert (study.lead_sponsor.name, study.lead_sponsor.agency_class) == (
        lead["LeadSponsorName"],
        lead["LeadSponsorClass"],  # already v2 values in the classic API
    )
    assert study.eligibility.sex == SEX[eligibility.get("Gender")]
    minimum = eligibility.get("MinimumAge")
    if minimum is None:
        assert study.eligibility.minimum_age is None
    else:
        number, unit = minimum.split()
        assert study.eligibility.minimum_age is not None
        assert study.eligibility.minimum_age.value == int(number)
        assert study.eligibility.minimum_age.unit == unit.upper().rstrip("S") + "S"
    assert study.has_results == ("ResultsSection" in item["Study"])
    locations = (
        protocol.get("ContactsLocationsModule", {}).get("LocationList", {}).get("Location", [])
    )
    assert [loc.city for loc in study.locations] == [loc.get("LocationCity") for loc in locations]
    assert study.extras["Study.DerivedSection"] == item["Study"]["DerivedSection"]
    assert study.source.format == "ctgov-json"
    fields = {"source", "extras", "warnings"}
    again = parse_record(study.to_ctgov_json())
    assert again.model_dump(exclude=fields) == study.model_dump(exclude=fields)


@real_data
def test_nct04780763_in_full() -> None:
    study = parse_record(V1 / "NCT04780763.json")
    assert study.nct_id == "NCT04780763"
    assert study.status.overall == "NOT_YET_RECRUITING"
    start = study.status.start_date
    assert start is not None
    assert (start.iso, start.type) == ("2021-03-04", "ESTIMATED")
    assert study.status.first_submitted is not None
    assert study.status.first_submitted.iso == "2021-03-01"
    assert study.design.study_type == "INTERVENTIONAL"
    assert study.design.phases == ["NA"]
    assert (study.design.allocation, study.design.intervention_model) == ("RANDOMIZED", "PARALLEL")
    assert (study.design.primary_purpose, study.design.masking) == ("SUPPORTIVE_CARE", "QUADRUPLE")
    assert study.design.enrollment is not None
    assert (study.design.enrollment.count, study.design.enrollment.type) == (168, "ESTIMATED")
    assert study.eligibility.minimum_age is not None
    assert study.eligibility.minimum_age.in_years == 20.0
    assert study.has_results is False
    assert "FullStudiesResponse.FullStudies[0].Rank" in study.extras


@real_data
def test_study_record_form_and_bytes_agree() -> None:
    item = STUDIES[0][1]
    as_dict = ctgov_v1.read(item)
    as_bytes = ctgov_v1.read(json.dumps({"Study": item["Study"]}).encode())
    assert as_dict.model_dump(exclude={"extras", "warnings"}) == as_bytes.model_dump(
        exclude={"extras", "warnings"}
    )


@real_data
def test_parse_record_routes_a_v1_dict() -> None:
    item = STUDIES[0][1]
    study = parse_record({"Study": item["Study"]})
    nct_id = item["Study"]["ProtocolSection"]["IdentificationModule"]["NCTId"]
    assert study.nct_id == nct_id
    assert study.source.format == "ctgov-json"


@real_data
def test_many_studies_is_not_one() -> None:
    with pytest.raises(MalformedRecord, match="100 studies"):
        parse_record(V1 / "results_1.json")


def test_missing_protocol_section() -> None:
    with pytest.raises(MalformedRecord, match="ProtocolSection"):
        ctgov_v1.read({"Study": {"DerivedSection": {}}}, path="handmade.json")


@real_data
def test_wrong_type_names_path() -> None:
    item = json.loads(json.dumps(STUDIES[0][1]))
    item["Study"]["ProtocolSection"]["ConditionsModule"]["ConditionList"]["Condition"] = [7]
    with pytest.raises(MalformedRecord) as info:
        ctgov_v1.read(item)
    assert (
        info.value.location == "Study.ProtocolSection.ConditionsModule.ConditionList.Condition[0]"
    )


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["Study", "ProtocolSection", "StatusModule", "OverallStatus", "ConditionList", "x"]
            ),
            children,
            max_size=3,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=80, deadline=None)
@given(
    st.dictionaries(st.sampled_from(["Study", "FullStudiesResponse", "Rank"]), _JSON, max_size=2)
)
def test_any_json_gives_study_or_trialparse_error(data: dict[str, Any]) -> None:
    try:
        result = ctgov_v1.read(data)
    except TrialParseError:
        return
    assert isinstance(result, Study)
