"""The v2 JSON reader on the real records of `ctgov_v2/` (real-data folder, tests/realdata.py).

Every field the model maps is compared with the JSON it came from, for every one of the records;
the round trip through `to_ctgov_json()` is checked on all of them. Hand-made variants of a real
record (a planted unknown key, an unknown enum value, a wrong type) are named as such.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.realdata import REAL, as_params, real, real_data, real_files
from trialparse import (
    MalformedRecord,
    OverallStatus,
    Phase,
    Study,
    TrialParseError,
    UnknownFormat,
    parse_record,
)
from trialparse.model import Age, PartialDate

V2_FILES = real_files("ctgov_v2", "NCT*.json")
PARTIAL_FILES = real_files("ctgov_v2_partial", "NCT*.json")


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(path.read_bytes())
    return data


def _date(struct: dict[str, Any] | None) -> tuple[str | None, str | None]:
    if not struct:
        return None, None
    return struct.get("date"), struct.get("type")


def _pd(date: PartialDate | None) -> tuple[str | None, str | None]:
    if date is None:
        return None, None
    return date.iso, None if date.type is None else str(date.type)


def _age(text: str | None) -> Age | None:
    return None if text is None else Age.parse(text)


@real_data
def test_fixture_set_is_representative() -> None:
    assert len(V2_FILES) >= 200
    statuses = {_load(f)["protocolSection"]["statusModule"]["overallStatus"] for f in V2_FILES}
    assert len(statuses) == 9  # every status present in the collection


@pytest.mark.parametrize("path", as_params(V2_FILES, REAL))
def test_fields_match_json(path: Path) -> None:
    data = _load(path)
    protocol = data["protocolSection"]
    study = parse_record(path)
    ident = protocol["identificationModule"]
    status = protocol["statusModule"]
    design = protocol.get("designModule", {})
    info = design.get("designInfo", {})
    elig = protocol.get("eligibilityModule", {})
    sponsors = protocol["sponsorCollaboratorsModule"]
    arms_mod = protocol.get("armsInterventionsModule", {})
    contacts = protocol.get("contactsLocationsModule", {})

    assert study.nct_id == ident["nctId"] == path.stem
    assert study.org_study_id == ident["orgStudyIdInfo"]["id"]
    assert study.brief_title == ident["briefTitle"]
    assert study.status.overall == status["overallStatus"]
    assert isinstance(study.status.overall, OverallStatus)
    assert _pd(study.status.start_date) == _date(status.get("startDateStruct"))
    assert _pd(study.status.primary_completion_date) == _date(
        status.get("primaryCompletionDateStruct")
    )
    assert _pd(study.status.completion_date) == _date(status.get("completionDateStruct"))
    assert _pd(study.status.last_updated) == _date(status.get("lastUpdatePostDateStruct"))
    assert study.design.study_type == design["studyType"]
    assert study.design.phases == design.get("phases", [])
    assert all(isinstance(phase, Phase) for phase in study.design.phases)
    assert study.design.allocation == info.get("allocation")
    assert study.design.intervention_model == info.get("interventionModel")
    assert study.design.primary_purpose == info.get("primaryPurpose")
    assert study.design.masking == info.get("maskingInfo", {}).get("masking")
    enrollment = design.get("enrollmentInfo")
    if enrollment is None:  # NCT01180283 states none
        assert study.design.enrollment is None
    else:
        assert study.design.enrollment is not None
        assert study.design.enrollment.count == enrollment.get("count")
        assert study.design.enrollment.type == enrollment.get("type")
    assert [(a.label, a.type, a.intervention_names) for a in study.arms] == [
        (a.get("label"), a.get("type"), a.get("interventionNames", []))
        for a in arms_mod.get("armGroups", [])
    ]
    assert [(i.name, i.type, i.arm_labels, i.other_names) for i in study.interventions] == [
        (i.get("name"), i.get("type"), i.get("armGroupLabels", []), i.get("otherNames", []))
        for i in arms_mod.get("interventions", [])
    ]
    assert study.conditions == protocol.get("conditionsModule", {}).get("conditions", [])
    assert study.eligibility.sex == elig.get("sex")
    assert study.eligibility.minimum_age == _age(elig.get("minimumAge"))
    assert study.eligibility.maximum_age == _age(elig.get("maximumAge"))
    assert study.eligibility.healthy_volunteers == elig.get("healthyVolunteers")
    assert study.lead_sponsor is not None
    assert study.lead_sponsor.name == sponsors["leadSponsor"]["name"]
    assert study.lead_sponsor.agency_class == sponsors["leadSponsor"]["class"]
    assert [(c.name, c.agency_class) for c in study.collaborators] == [
        (c["name"], c["class"]) for c in sponsors.get("collaborators", [])
    ]
    assert [(o.name, o.role, o.affiliation) for o in study.officials] == [
        (o.get("name"), o.get("role"), o.get("affiliation"))
        for o in contacts.get("overallOfficials", [])
    ]
    assert [(loc.facility, loc.city, loc.country, loc.status) for loc in study.locations] == [
        (loc.get("facility"), loc.get("city"), loc.get("country"), loc.get("status"))
        for loc in contacts.get("locations", [])
    ]
    assert study.has_results == data.get("hasResults", False)
    assert ("resultsSection" in study.extras) == ("resultsSection" in data)
    assert [w.path for w in study.warnings] == (
        ["derivedSection.miscInfoModule.modelPredictions"]
        if "modelPredictions" in data.get("derivedSection", {}).get("miscInfoModule", {})
        else []
    )
    assert study.source is not None
    assert study.source.format == "ctgov-json"
    assert study.source.path == str(path)


@pytest.mark.parametrize("path", as_params(V2_FILES + PARTIAL_FILES, REAL))
def test_round_trip(path: Path) -> None:
    study = parse_record(path)
    again = parse_record(study.to_ctgov_json())
    assert again.model_copy(update={"source": study.source}) == study


@real_data
def test_unmapped_parts_are_kept_under_their_path() -> None:
    study = parse_record(real("ctgov_v2", "NCT00134329.json"))
    assert study.extras["protocolSection.statusModule.statusVerifiedDate"] == "2007-12"
    assert study.extras["protocolSection.oversightModule"] == {"oversightHasDmc": False}
    assert "derivedSection" in study.extras


@pytest.mark.parametrize("path", as_params(PARTIAL_FILES, REAL))
def test_sparse_records_parse_with_missing_parts_none(path: Path) -> None:
    data = _load(path)
    protocol = data["protocolSection"]
    study = parse_record(path)
    assert study.nct_id == path.stem
    if "statusModule" not in protocol:
        assert study.status.overall is None
        assert study.status.start_date is None
    if "designModule" not in protocol:
        assert study.design.study_type is None
        assert study.design.phases == []
    if "eligibilityModule" not in protocol:
        assert study.eligibility.criteria_text is None
        assert study.eligibility.inclusion == []


@real_data
def test_partial_set_lacks_modules() -> None:
    missing = {
        module
        for path in PARTIAL_FILES
        for module in ("statusModule", "designModule", "eligibilityModule")
        if module not in _load(path)["protocolSection"]
    }
    assert missing  # the sparse records really are sparse


# -- hand-made variants of a real record ---------------------------------------------------

BASE = real("ctgov_v2", "NCT00134329.json")


def _variant() -> dict[str, Any]:
    return copy.deepcopy(_load(BASE))


@real_data
def test_handmade_unknown_enum_value_is_kept_and_warned() -> None:
    data = _variant()
    data["protocolSection"]["statusModule"]["overallStatus"] = "PAUSED"
    data["protocolSection"]["designModule"]["phases"] = ["PHASE4", "PHASE5"]
    study = parse_record(data)
    assert study.status.overall == "PAUSED"
    assert not isinstance(study.status.overall, OverallStatus)
    assert study.design.phases == [Phase.PHASE4, "PHASE5"]
    paths = {w.path for w in study.warnings if w.code == "unknown-enum-value"}
    assert paths == {
        "protocolSection.statusModule.overallStatus",
        "protocolSection.designModule.phases[1]",
    }
    again = parse_record(study.to_ctgov_json())
    assert again.model_copy(update={"source": study.source}) == study


@real_data
def test_handmade_unknown_keys_are_kept_and_warned() -> None:
    data = _variant()
    data["protocolSection"]["statusModule"]["pauseReason"] = "funding"
    data["protocolSection"]["contactsLocationsModule"] = {
        "locations": [{"facility": "Site A", "wheelchairAccess": True}]
    }
    data["vendorSection"] = {"x": 1}
    study = parse_record(data)
    assert study.extras["protocolSection.statusModule.pauseReason"] == "funding"
    assert study.extras["protocolSection.contactsLocationsModule.locations[0].wheelchairAccess"]
    assert study.extras["vendorSection"] == {"x": 1}
    warned = {w.path for w in study.warnings if w.code == "unknown-key"}
    assert warned == {
        "protocolSection.statusModule.pauseReason",
        "protocolSection.contactsLocationsModule.locations[0].wheelchairAccess",
        "vendorSection",
    }
    rebuilt = study.to_ctgov_json()
    assert rebuilt["vendorSection"] == {"x": 1}
    assert rebuilt["protocolSection"]["contactsLocationsModule"]["locations"][0] == {
        "facility": "Site A",
        "wheelchairAccess": True,
    }


@pytest.mark.parametrize(
    ("module", "key", "value", "location"),
    [
        (
            "eligibilityModule",
            "minimumAge",
            "eighteen",
            "protocolSection.eligibilityModule.minimumAge",
        ),
        (
            "statusModule",
            "startDateStruct",
            {"date": "03/2000"},
            "protocolSection.statusModule.startDateStruct.date",
        ),
        (
            "conditionsModule",
            "conditions",
            "Herniated Disc",
            "protocolSection.conditionsModule.conditions",
        ),
        (
            "designModule",
            "enrollmentInfo",
            {"count": "500"},
            "protocolSection.designModule.enrollmentInfo.count",
        ),
        ("statusModule", "overallStatus", 3, "protocolSection.statusModule.overallStatus"),
    ],
)
@real_data
def test_handmade_wrong_values_name_record_and_place(
    module: str, key: str, value: Any, location: str
) -> None:
    data = _variant()
    data["protocolSection"][module][key] = value
    with pytest.raises(MalformedRecord) as caught:
        parse_record(data)
    assert caught.value.record_id == "NCT00134329"
    assert caught.value.location == location
    assert str(caught.value).startswith(f"NCT00134329: {location}: expected ")


@real_data
def test_age_error_message_is_actionable() -> None:
    data = _variant()
    data["protocolSection"]["eligibilityModule"]["minimumAge"] = "eighteen"
    with pytest.raises(
        MalformedRecord, match=r'expected an age "<number> <unit>", got \'eighteen\''
    ):
        parse_record(data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"protocolSection": {', "invalid JSON"),
        (b"[1, 2]", "a JSON array of 2 records"),
        (b'  "just a string"', "expected a JSON object"),
        (b'{"studies": []}', "an API page of studies"),
        (b'{"hello": "world"}', "no protocolSection"),
    ],
)
def test_not_a_study(content: bytes, message: str) -> None:
    with pytest.raises(MalformedRecord, match=message):
        parse_record(content, format="ctgov-json")


@real_data
def test_api_page_container_is_refused_with_advice() -> None:
    page = real_files("ctgov_v2_containers", "page_studies_*.json")[0]
    with pytest.raises(MalformedRecord, match="parse each item of 'studies'"):
        parse_record(page)
    studies = orjson.loads(page.read_bytes())["studies"]
    parsed = [parse_record(item) for item in studies]
    assert [s.nct_id for s in parsed] == [
        item["protocolSection"]["identificationModule"]["nctId"] for item in studies
    ]


@real_data
def test_escapes_resolved_in_criteria() -> None:
    hits = [p for p in V2_FILES if b"\\\\>" in p.read_bytes() or b"\\\\<" in p.read_bytes()]
    assert hits, "the real records hold escaped criteria"
    study = parse_record(hits[0])
    text = study.eligibility.criteria_text
    assert text is not None
    assert "\\>" not in text
    assert "\\<" not in text
    assert study.eligibility.inclusion or study.eligibility.exclusion


@real_data
def test_bom_and_whitespace_are_accepted() -> None:
    raw = BASE.read_bytes()
    assert parse_record(b"\xef\xbb\xbf \n" + raw).nct_id == "NCT00134329"
    assert parse_record(raw.decode("utf-8")).nct_id == "NCT00134329"


@real_data
def test_dict_cannot_be_forced_to_another_format() -> None:
    with pytest.raises(UnknownFormat):
        parse_record(_load(BASE), format="html")


# -- properties ----------------------------------------------------------------------------

JSON_LEAF = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
MODULE_KEYS = st.sampled_from(
    [
        "identificationModule",
        "statusModule",
        "designModule",
        "eligibilityModule",
        "contactsLocationsModule",
        "armsInterventionsModule",
        "sponsorCollaboratorsModule",
        "outcomesModule",
        "conditionsModule",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.text(max_size=12), JSON_VALUE, max_size=5))
def test_any_json_object_gives_study_or_error(data: dict[str, Any]) -> None:
    try:
        result = parse_record(data)
    except TrialParseError:
        return
    assert isinstance(result, Study)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        MODULE_KEYS, st.dictionaries(st.text(max_size=20), JSON_VALUE, max_size=6), max_size=4
    )
)
def test_any_protocol_section_gives_study_or_error(protocol: dict[str, Any]) -> None:
    try:
        result = parse_record({"protocolSection": protocol})
    except TrialParseError:
        return
    assert isinstance(result, Study)
    assert (
        parse_record(result.to_ctgov_json()).model_copy(update={"source": result.source}) == result
    )


@real_data
@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=max(len(V2_FILES) - 1, 0)), st.data())
def test_real_record_with_a_module_replaced_by_junk(index: int, data: st.DataObject) -> None:
    record = _load(V2_FILES[index])
    module = data.draw(st.sampled_from(sorted(record["protocolSection"])))
    record["protocolSection"][module] = data.draw(JSON_VALUE)
    try:
        result = parse_record(record)
    except TrialParseError as exc:
        # the record is named by its NCT ID, unless the junk replaced the module holding it
        if module != "identificationModule":
            assert exc.record_id == V2_FILES[index].stem
        assert exc.location is not None
        return
    assert result.nct_id in (V2_FILES[index].stem, None)


@real_data
def test_key_outside_the_spec_inside_a_kept_section_is_warned() -> None:
    # modelPredictions was returned by the 2023 API and later dropped from the spec
    hits = [p for p in V2_FILES if b'"modelPredictions"' in p.read_bytes()]
    assert hits, "the real records hold a 2023 record with modelPredictions"
    study = parse_record(hits[0])
    assert [(w.code, w.path) for w in study.warnings] == [
        ("unknown-key", "derivedSection.miscInfoModule.modelPredictions")
    ]
    assert "modelPredictions" in study.extras["derivedSection"]["miscInfoModule"]
