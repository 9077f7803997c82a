"""The text reader: the seed record (fixtures/NCT06352281.txt, a trial site's real render) and
renders of real v2 records into its layout (tests/readers/render.py): the fixed subset
`v2_subset()` of the real-data `ctgov_v2/` (tests/realdata.py), as for the HTML site pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.realdata import SEED, as_params, real, v2_subset
from trialparse import (
    AgencyClass,
    Allocation,
    ArmGroupType,
    InterventionModel,
    InterventionType,
    Masking,
    OfficialRole,
    OverallStatus,
    Phase,
    PrimaryPurpose,
    RecruitmentStatus,
    ResponsiblePartyType,
    Sex,
    Study,
    StudyType,
    TrialParseError,
    parse_record,
)
from trialparse.errors import UnknownFormat
from trialparse.model import Age, AgeUnit

from .render import render_text
from .roundtrip import assert_same_seed_layout_fields

SPONSOR = "920th Hospital of Joint Logistics Support Force of People's Liberation Army of China"


@pytest.fixture(scope="module")
def seed() -> Study:
    return parse_record(SEED)


def test_seed_identity_and_status(seed: Study) -> None:
    assert seed.source is not None
    assert seed.source.format == "text"
    assert seed.nct_id == "NCT06352281"
    assert seed.org_study_id == "KM-007"
    assert seed.brief_title == (
        "Efficacy and Safety of CAR-T Cells Therapy for Chronic or Refractory Primary "
        "Immune Thrombocytopenia (ITP)"
    )
    assert seed.status.overall is OverallStatus.RECRUITING
    assert seed.status.start_date is not None
    assert seed.status.start_date.iso == "2024-02-01"
    assert seed.status.completion_date is not None
    assert seed.status.completion_date.iso == "2027-12-31"
    assert seed.status.last_updated is not None
    assert seed.status.last_updated.iso == "2024-07-22"
    assert seed.has_results is False


def test_seed_design(seed: Study) -> None:
    design = seed.design
    assert design.phases == [Phase.PHASE1, Phase.PHASE2]
    assert design.enrollment is not None
    assert design.enrollment.count == 10
    assert design.study_type is StudyType.INTERVENTIONAL
    assert design.allocation is Allocation.NA
    assert design.intervention_model is InterventionModel.SINGLE_GROUP
    assert design.primary_purpose is PrimaryPurpose.TREATMENT
    assert design.masking is Masking.NONE


def test_seed_arms_and_interventions(seed: Study) -> None:
    assert [(a.label, a.type) for a in seed.arms] == [
        ("CAR-T Cells Therapy", ArmGroupType.EXPERIMENTAL)
    ]
    assert seed.arms[0].intervention_names == ["Biological: CAR-T cells"]
    assert [(i.name, i.type) for i in seed.interventions] == [
        ("CAR-T cells", InterventionType.BIOLOGICAL)
    ]
    assert seed.interventions[0].arm_labels == ["CAR-T Cells Therapy"]
    assert seed.conditions == ["ITP - Immune Thrombocytopenia"]


def test_seed_eligibility(seed: Study) -> None:
    eligibility = seed.eligibility
    assert len(eligibility.inclusion) == 8
    assert len(eligibility.exclusion) == 18
    assert [c.number for c in eligibility.exclusion] == [str(n) for n in range(1, 19)]
    # the escape is resolved
    assert eligibility.inclusion[2].text.startswith(
        "Participants diagnosed with chronic (>12 months duration)"
    )
    assert eligibility.inclusion[4].text == "Platelet count <30 x 109 / L;"
    # the last item ends before the label glued to it
    assert eligibility.exclusion[-1].text == (
        "Had undergone other clinical trials in the 4 weeks prior to participating in this trial;"
    )
    assert eligibility.minimum_age == Age(value=8, unit=AgeUnit.YEARS, in_years=8.0)
    assert eligibility.maximum_age == Age(value=75, unit=AgeUnit.YEARS, in_years=75.0)
    assert eligibility.sex is Sex.ALL
    assert eligibility.healthy_volunteers is False


def test_seed_people_and_places(seed: Study) -> None:
    assert seed.lead_sponsor is not None
    assert (seed.lead_sponsor.name, seed.lead_sponsor.agency_class) == (SPONSOR, AgencyClass.OTHER)
    assert seed.collaborators == []
    assert seed.responsible_party is not None
    assert seed.responsible_party.type is ResponsiblePartyType.SPONSOR
    assert [(o.name, o.role, o.affiliation) for o in seed.officials] == [
        ("Sanbin Wang, Doctor", OfficialRole.PRINCIPAL_INVESTIGATOR, SPONSOR)
    ]
    [site] = seed.locations
    assert (site.facility, site.city, site.state, site.country) == (
        SPONSOR,
        "Kunming",
        "Yunnan",
        "China",
    )
    assert site.status is RecruitmentStatus.RECRUITING
    [contact] = seed.central_contacts
    assert (contact.name, contact.role, contact.phone, contact.phone_ext) == (
        "Sanbin Wang, Doctor",
        "CONTACT",
        "13187424131",
        "+86",
    )
    # the site's facility contact role "primary" is no v2 ContactRole: kept as written, warned
    [facility_contact] = site.contacts
    assert (facility_contact.phone, facility_contact.role) == ("13187424131", "primary")
    assert [w.path for w in seed.warnings] == [
        "protocolSection.contactsLocationsModule.locations[0].contacts[0].role"
    ]


def test_seed_related_trial(seed: Study) -> None:
    [related] = seed.related_trials
    assert related.nct_id == "NCT05124028"
    assert related.title == "A Study of Orelabrutinib in Patients With ITP"
    assert related.status is OverallStatus.UNKNOWN
    assert related.phases == [Phase.PHASE1, Phase.PHASE2]


def test_seed_is_detected_from_bytes_and_crlf() -> None:
    raw = SEED.read_bytes()
    assert parse_record(raw).nct_id == "NCT06352281"
    crlf = parse_record(raw.replace(b"\n", b"\r\n"))
    assert len(crlf.eligibility.exclusion) == 18


def test_unplaced_text_is_kept_and_warned() -> None:
    text = (
        SEED.read_text(encoding="utf-8") + "\n\nSite Notes\n\nParking is free for participants.\n"
    )
    study = parse_record(text, format="text")
    kept = [k for k in study.extras if k.startswith("text:")]
    assert kept
    assert "Parking is free for participants." in "".join(str(study.extras[k]) for k in kept)
    assert any(w.code == "unmapped-content" for w in study.warnings)


# -- renders of real v2 records into the seed's layout ---------------------------------------


@pytest.mark.parametrize("path", as_params(v2_subset(), real("ctgov_v2")))
def test_render_round_trip(path: Path) -> None:
    original = parse_record(path)
    again = parse_record(render_text(original), format="text")
    assert_same_seed_layout_fields(original, again)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_study_or_error(text: str) -> None:
    try:
        result = parse_record(text, format="text")
    except TrialParseError:
        return
    assert isinstance(result, Study)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_seed_with_lines_dropped_or_repeated(data: st.DataObject) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = data.draw(st.integers(0, len(lines) - 1))
    end = data.draw(st.integers(start, min(len(lines), start + 12)))
    mutated = lines[:start] + data.draw(st.sampled_from([[], lines[start:end] * 2])) + lines[end:]
    try:
        result = parse_record("\n".join(mutated), format="text")
    except TrialParseError:
        return
    assert isinstance(result, Study)


def test_text_with_no_record_labels_is_refused() -> None:
    # hand-made: prose with no label or section title of a record page
    with pytest.raises(UnknownFormat, match="no trial on this page"):
        parse_record("Dear colleague,\n\nthank you for your letter.\n", format="text")
