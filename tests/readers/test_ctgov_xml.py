"""Legacy ClinicalTrials.gov XML reader (`trialparse.readers.ctgov_xml`).

Every real record in `ctgov_xml/` (download layout, incl. `_other_versions/`) and
`ctgov_xml_archive_history/` (archive layout) of the real-data folder (tests/realdata.py) is
parsed and its key fields are checked against the XML itself, read here with lxml XPath and the
explicit tables below (not with the reader's own label tables). Records asserted in full,
checked by hand against the file: NCT02931214 (2016 download, numbered criteria, anticipated
dates), NCT00000122_20050623 (archive layout, textblocks, bare <design> values) and the archive
NCT00000122_20140314.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.realdata import REAL, as_params, real, real_bytes, real_data, real_files
from trialparse import parse_record
from trialparse.errors import MalformedRecord, TrialParseError
from trialparse.model import Study
from trialparse.readers import ctgov_xml

DOWNLOADS = real_files("ctgov_xml", "*.xml") + real_files("ctgov_xml/_other_versions", "*.xml")
ARCHIVE = real_files("ctgov_xml_archive_history", "*/*.xml")
ALL = DOWNLOADS + ARCHIVE

# Display values seen in these records → v2 values, written out independently of labels.py.
STATUS = {
    "Completed": "COMPLETED",
    "Withdrawn": "WITHDRAWN",
    "Recruiting": "RECRUITING",
    "Terminated": "TERMINATED",
    "Active, not recruiting": "ACTIVE_NOT_RECRUITING",
    "Unknown status": "UNKNOWN",
    "Available": "AVAILABLE",
    "Not yet recruiting": "NOT_YET_RECRUITING",
    "Enrolling by invitation": "ENROLLING_BY_INVITATION",
    "Withheld": "WITHHELD",
    "Suspended": "SUSPENDED",
    "No longer recruiting": "ACTIVE_NOT_RECRUITING",
}
PHASES = {
    "": [],
    "N/A": ["NA"],
    "Phase 0": ["EARLY_PHASE1"],
    "Early Phase 1": ["EARLY_PHASE1"],
    "Phase 1": ["PHASE1"],
    "Phase 2": ["PHASE2"],
    "Phase 3": ["PHASE3"],
    "Phase 4": ["PHASE4"],
    "Phase 1/Phase 2": ["PHASE1", "PHASE2"],
    "Phase 2/Phase 3": ["PHASE2", "PHASE3"],
}
SEX = {"Both": "ALL", "All": "ALL", "Male": "MALE", "Female": "FEMALE", "": None}
AGENCY = {"NIH": "NIH", "Other": "OTHER", "Industry": "INDUSTRY", "U.S. Fed": "FED", "": None}
UNITS = {
    "Year": 1.0,
    "Years": 1.0,
    "Month": 1 / 12,
    "Months": 1 / 12,
    "Week": 7 / 365.25,
    "Weeks": 7 / 365.25,
    "Day": 1 / 365.25,
    "Days": 1 / 365.25,
    "Hours": 1 / (365.25 * 24),
}


def _xpath(root: etree._Element, path: str) -> str:
    return str(root.xpath(f"normalize-space({path})"))


def _iso(text: str) -> str | None:
    """ISO text of a legacy date at its own precision, by strptime."""
    for fmt, iso in (
        ("%B %d, %Y", "%Y-%m-%d"),
        ("%B %Y", "%Y-%m"),
        ("%Y-%m-%d", "%Y-%m-%d"),
        ("%Y-%m", "%Y-%m"),
    ):
        try:
            return dt.datetime.strptime(text, fmt).strftime(iso)
        except ValueError:
            continue
    return None


def _age_years(text: str) -> float | None:
    if text in ("", "N/A"):
        return None
    number, unit = text.split()
    return float(number) * UNITS[unit]


@pytest.fixture(scope="module", params=as_params(ALL, REAL))
def parsed(request: pytest.FixtureRequest) -> tuple[etree._Element, Study]:
    path: Path = request.param
    return etree.parse(str(path)).getroot(), parse_record(path)


@real_data
def test_fixture_counts() -> None:
    assert len(DOWNLOADS) >= 370
    assert len(ARCHIVE) == 187


def test_identity_and_titles(parsed: tuple[etree._Element, Study]) -> None:
    root, study = parsed
    # some archive snapshots predate the NCT ID: <nct_id> is empty
    assert study.nct_id == (_xpath(root, "id_info/nct_id | study_id/nct_id") or None)
    assert study.org_study_id == (
        _xpath(root, "id_info/org_study_id | study_id/org_study_id") or None
    )
    assert study.brief_title == (_xpath(root, "brief_title") or None)
    assert study.source.format == "ctgov-xml"


def test_status_and_phases(parsed: tuple[etree._Element, Study]) -> None:
    root, study = parsed
    assert study.status.overall == STATUS[_xpath(root, "overall_status | status_block/status")]
    # the archive layout lists one <phase> per phase in <phase_block>
    expected = [
        phase
        for node in root.xpath("phase | phase_block/phase")
        for phase in PHASES[" ".join(node.text.split()) if node.text else ""]
    ]
    assert [str(p) for p in study.design.phases] == expected


def test_start_date(parsed: tuple[etree._Element, Study]) -> None:
    root, study = parsed
    text = _xpath(root, "start_date")
    expected = _iso(text) if text else None
    assert (study.status.start_date.iso if study.status.start_date else None) == expected


def test_conditions_sponsor_sex_ages(parsed: tuple[etree._Element, Study]) -> None:
    root, study = parsed
    conditions = [" ".join(c.split()) for c in root.xpath("condition/text()") if c.strip()]
    assert study.conditions == conditions
    sponsor = _xpath(root, "sponsors/lead_sponsor/agency | study_sponsor/lead_sponsor/agency")
    assert study.lead_sponsor is not None
    assert study.lead_sponsor.name == sponsor
    assert (
        study.lead_sponsor.agency_class
        == AGENCY[_xpath(root, "sponsors/lead_sponsor/agency_class")]
    )
    assert study.eligibility.sex == SEX[_xpath(root, "eligibility/gender")]
    for bound, age in (
        ("minimum_age", study.eligibility.minimum_age),
        ("maximum_age", study.eligibility.maximum_age),
    ):
        expected = _age_years(_xpath(root, f"eligibility/{bound}"))
        assert (None if age is None else age.in_years) == pytest.approx(expected)


def test_lists_and_results(parsed: tuple[etree._Element, Study]) -> None:
    root, study = parsed
    assert len(study.arms) == len(root.findall("arm_group"))
    assert len(study.interventions) == len(root.findall("intervention"))
    assert len(study.locations) == len(root.findall("location"))
    outcomes = root.xpath("primary_outcome | secondary_outcome | other_outcome")
    assert len(study.outcomes) == len(outcomes)
    assert study.has_results == bool(root.xpath("clinical_results | clinical_result"))
    # a blank <other_name/> is no name
    other_names = [
        " ".join(n.split()) for n in root.xpath("intervention/other_name/text()") if n.strip()
    ]
    assert [n for i in study.interventions for n in i.other_names] == other_names


def test_unmapped_elements_are_kept(parsed: tuple[etree._Element, Study]) -> None:
    root, study = parsed
    for tag in ("required_header", "oversight_info", "verification_date", "condition_browse"):
        element = root.find(tag)
        if element is not None:
            assert f"/clinical_study/{tag}" in study.extras
            assert any(w.path == f"/clinical_study/{tag}" for w in study.warnings)


def test_v2_json_round_trip(parsed: tuple[etree._Element, Study]) -> None:
    _, study = parsed
    again = parse_record(study.to_ctgov_json())
    fields = {"source", "extras", "warnings"}
    assert again.model_dump(exclude=fields) == study.model_dump(exclude=fields)


@real_data
def test_nct02931214_in_full() -> None:
    study = parse_record(real("ctgov_xml", "NCT02931214.xml"))
    assert study.org_study_id == "GMI-1359-101"
    assert study.status.overall == "RECRUITING"
    assert study.status.start_date is not None
    assert study.status.start_date.iso == "2016-08"
    assert study.status.start_date.type is None
    completion = study.status.completion_date
    assert completion is not None
    assert (completion.iso, completion.type) == ("2017-06", "ESTIMATED")
    primary = study.status.primary_completion_date
    assert primary is not None
    assert (primary.iso, primary.type) == ("2017-03", "ESTIMATED")
    assert study.design.study_type == "INTERVENTIONAL"
    assert study.design.phases == ["PHASE1"]
    # from <study_design>Allocation: Randomized, ..., Masking: Double Blind (Subject, Investigator)
    assert (study.design.allocation, study.design.intervention_model) == ("RANDOMIZED", "PARALLEL")
    assert (study.design.masking, study.design.primary_purpose) == ("DOUBLE", "TREATMENT")
    assert study.design.enrollment is not None
    assert (study.design.enrollment.count, study.design.enrollment.type) == (20, "ESTIMATED")
    assert [(a.label, a.type, a.intervention_names) for a in study.arms] == [
        ("GMI-1359", "EXPERIMENTAL", ["Drug: GMI-1359"]),
        ("Placebo", "EXPERIMENTAL", ["Drug: Placebo"]),
    ]
    assert study.brief_summary == (
        "The purpose of this study is to evaluate safety and pharmacokinetics of single ascending IV\n"
        "doses of GMI-1359 in healthy adult subjects."
    )
    assert len(study.eligibility.inclusion) == 5
    assert len(study.eligibility.exclusion) == 7
    assert study.eligibility.exclusion[6].text == (
        "Participation in another clinical trial within 28 days prior to dosing."
    )
    assert study.eligibility.criteria_text is not None
    assert study.eligibility.criteria_text.startswith("Inclusion Criteria:\n\n  1. Healthy adult")
    assert study.eligibility.healthy_volunteers is True
    assert study.lead_sponsor is not None
    assert (study.lead_sponsor.name, study.lead_sponsor.agency_class) == (
        "GlycoMimetics Incorporated",
        "INDUSTRY",
    )
    assert [(c.name, c.agency_class) for c in study.collaborators] == [("Celerion", "INDUSTRY")]
    assert [(o.name, o.role, o.affiliation) for o in study.officials] == [
        ("Laura Sterling, MD", "PRINCIPAL_INVESTIGATOR", "Celerion")
    ]
    assert study.keywords == ["Healthy Subjects", "Pharmacokinetics", "Pharmacodynamics"]
    assert [o.kind for o in study.outcomes] == ["PRIMARY"] + ["SECONDARY"] * 4
    assert study.outcomes[0].measure == "Treatment related adverse events"
    assert study.outcomes[0].time_frame == "15 days"
    assert study.status.first_submitted is not None
    assert study.status.first_submitted.iso == "2016-09-06"
    assert study.has_results is False


@real_data
def test_archive_nct00000122_2005_in_full() -> None:
    path = real("ctgov_xml_archive_history", "NCT00000122", "NCT00000122_20050623.xml")
    study = parse_record(path)
    assert (study.nct_id, study.org_study_id) == ("NCT00000122", "NEI-21")
    assert study.brief_title == "Fluorouracil Filtering Surgery Study (FFSS)"
    assert study.official_title is None  # an empty <textblock>
    assert study.status.overall == "COMPLETED"
    assert study.status.start_date is not None
    assert study.status.start_date.iso == "1985-09"
    assert study.status.completion_date is None  # an empty <end_date><date/>
    assert study.design.phases == ["PHASE3"]
    # three bare <design> values: Treatment, Randomized, Double Blind
    assert (study.design.primary_purpose, study.design.allocation, study.design.masking) == (
        "TREATMENT",
        "RANDOMIZED",
        "DOUBLE",
    )
    assert [(i.name, i.type) for i in study.interventions] == [("5-Fluorouracil", "DRUG")]
    assert study.detailed_description is not None
    paragraphs = study.detailed_description.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[1].startswith("The Fluorouracil Filtering Surgery Study (FFSS) was")
    assert study.lead_sponsor is not None
    assert study.lead_sponsor.name == "National Eye Institute (NEI)"
    assert study.eligibility.healthy_volunteers is False
    assert study.eligibility.sex == "ALL"
    assert study.extras["/clinical_study/study_id/org_name"] == "NEI"
    assert study.extras["/clinical_study/status_block/date"] == "2003-10"


@real_data
def test_search_result_rank_is_kept() -> None:
    # one of the records decoded from the recorded "lacrosse" search response
    path = next(p for p in DOWNLOADS if b"<clinical_study rank=" in p.read_bytes())
    study = parse_record(path)
    root = etree.parse(str(path)).getroot()
    assert study.extras["/clinical_study/@rank"] == root.get("rank")


def test_read_rejects_non_clinical_study_root() -> None:
    with pytest.raises(MalformedRecord, match="clinical_study"):
        ctgov_xml.read(b"<search_results/>", path="handmade.xml")


@real_data
def test_malformed_names_line() -> None:
    data = (real("ctgov_xml", "NCT02931214.xml")).read_bytes()
    broken = data.replace(b"</brief_title>", b"</brief_titel>", 1)
    with pytest.raises(MalformedRecord) as info:
        ctgov_xml.read(broken, path="NCT02931214-broken.xml")
    assert info.value.location == "line 14"
    assert info.value.message.endswith("(column 140, in /clinical_study/brief_title)")
    assert info.value.record_id == "NCT02931214"  # the record's own ID, read before the fault


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_give_study_or_trialparse_error(data: bytes) -> None:
    try:
        result = ctgov_xml.read(data)
    except TrialParseError:
        return
    assert isinstance(result, Study)


_SEED = real_bytes("ctgov_xml", "NCT02931214.xml")


@real_data
@settings(max_examples=60, deadline=None)
@given(st.integers(0, max(len(_SEED) - 1, 0)), st.integers(1, 40), st.binary(max_size=8))
def test_mutated_record_gives_study_or_trialparse_error(
    start: int, length: int, junk: bytes
) -> None:
    data = _SEED[:start] + junk + _SEED[start + length :]
    try:
        result = ctgov_xml.read(data)
    except TrialParseError:
        return
    assert isinstance(result, Study)
