"""The WHO ICTRP XML export reader, on the real export of 95 trials of 8 registries.

Each trial's expected values are computed here from its XML with the standard library and
tables of this module (not with the reader's own parsers), and compared field by field.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.realdata import real, real_data, real_files, real_params
from trialparse import parse_record
from trialparse.errors import MalformedRecord, TrialParseError, UnknownFormat
from trialparse.readers.detect import detect_format
from trialparse.readers.ictrp import iter_trials, trial_results

EXPORT = ("other_registries", "who_ictrp", "ICTRP-Results(1)_2024-06-09_95trials.xml")
SPLIT = "other_registries/who_ictrp/split"

# <Source_Register> as the export writes it → Study.registry
REGISTRY = {
    "ClinicalTrials.gov": "ctgov",
    "EU Clinical Trials Register": "euctr",
    "JPRN": "jprn",
    "German Clinical Trials Register": "drks",
    "NL-OMON": "nl-omon",
    "Clinical Trials Information System": "ctis",
    "ChiCTR": "chictr",
    "CRIS": "cris",
}
# <Recruitment_Status> → status.overall (words naming no one v2 status are kept as written)
STATUS = {"Recruiting": "RECRUITING", "Not Available": "Not Available"}
STUDY_TYPE = {
    "Interventional": "INTERVENTIONAL",
    "Interventional clinical trial of medicinal product": "INTERVENTIONAL",
    "Interventional Study": "INTERVENTIONAL",
    "Observational": "OBSERVATIONAL",
    "observational": "OBSERVATIONAL",
    "Observational [Patient Registry]": "OBSERVATIONAL",
    "Observational study": "OBSERVATIONAL",
    "Observational invasive": "OBSERVATIONAL",
    "Expanded Access": "EXPANDED_ACCESS",
}
ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}
REGIONS = {"Asia except Japan", "North America", "South America", "Europe", "Oceania"}
DATE_FORMATS = [("%d/%m/%Y", "day"), ("%Y-%m-%d", "day"), ("%Y/%m/%d", "day")]
DATE_FORMATS += [("%B %d, %Y", "day"), ("%B %Y", "month")]


def _value(trial: ET.Element, tag: str) -> str:
    return " ".join((trial.findtext(tag) or "").split())


def _expected_phases(text: str) -> list[str]:
    if "Phase I)" in text or "(Phase I" in text:  # EU CTR yes/no list
        return [
            f"PHASE{ROMAN[numeral]}"
            for numeral, answer in re.findall(r"\(Phase (I|II|III|IV)\): (yes|no)", text)
            if answer == "yes"
        ]
    if text in ("", "Not selected"):
        return []
    if text == "N/A":
        return ["NA"]
    if text == "0" or text == "Early Phase 1":
        return ["EARLY_PHASE1"]
    numbers = re.findall(r"(?:Phase\s*)?(IV|III|II|I|\d)\b", text)
    return [f"PHASE{ROMAN.get(number, number)}" for number in numbers]


def _expected_sex(text: str) -> str | None:
    if "Female: yes" in text and "Male: yes" in text:
        return "ALL"
    if "Male: yes" in text:
        return "MALE"
    if "Female: yes" in text:
        return "FEMALE"
    return {"All": "ALL", "Both": "ALL", "Male and Female": "ALL"}.get(text)


def _expected_age(text: str, *, maximum: bool) -> tuple[float, str] | None:
    if text.endswith("+") and maximum:
        return None
    number = re.search(r"\d+", text)
    if number is None:
        return None
    unit = "MONTHS" if "Month" in text else "YEARS"
    return float(number[0]), unit


def _expected_date(text: str) -> str | None:
    if not text:
        return None
    for form, precision in DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
        return parsed.isoformat() if precision == "day" else parsed.isoformat()[:7]
    raise AssertionError(f"test table lacks the date form of {text!r}")


def _expected_registry_id(trial_id: str) -> str:
    for prefix in ("JPRN-", "EUCTR", "CTIS"):
        trial_id = trial_id.removeprefix(prefix)
    return trial_id


def _parts(text: str, separators: str) -> list[str]:
    pieces = re.split(separators, text.replace("<br>", "\n"))
    found: list[str] = []
    for piece in pieces:
        value = " ".join(piece.split())
        if value and value not in found and value.lower() not in ("n/a", "none", "-"):
            found.append(value)
    return found


def _trial(path: Path) -> ET.Element:
    trial = ET.parse(path).getroot().find("Trial")
    assert trial is not None
    return trial


@pytest.mark.parametrize("path", real_params(SPLIT, "*.xml"))
def test_every_trial_matches_its_xml(path: Path) -> None:
    trial = _trial(path)
    study = parse_record(path)
    trial_id = _value(trial, "TrialID")
    checked = 0

    def check(actual: object, expected: object, field: str) -> None:
        nonlocal checked
        assert actual == expected, f"{trial_id}: {field}"
        checked += 1

    registry = REGISTRY[_value(trial, "Source_Register")]
    check(study.source and study.source.format, "ictrp-xml", "source.format")
    check(study.registry, registry, "registry")
    check(study.registry_id, _expected_registry_id(trial_id), "registry_id")
    secondary = _value(trial, "Secondary_ID")
    ncts = re.findall(r"NCT\d{8}", trial_id if registry == "ctgov" else secondary)
    check(study.nct_id, ncts[0] if ncts else None, "nct_id")
    check(study.brief_title, _value(trial, "Public_title") or None, "brief_title")
    check(study.official_title, _value(trial, "Scientific_title") or None, "official_title")
    status = _value(trial, "Recruitment_Status")
    check(study.status.overall, STATUS.get(status, status or None), "status")
    check(
        [str(phase) for phase in study.design.phases],
        _expected_phases((trial.findtext("Phase") or "").strip()),
        "phases",
    )
    check(study.design.study_type, STUDY_TYPE[_value(trial, "Study_type")], "study_type")
    size = _value(trial, "Target_size")
    enrollment = study.design.enrollment.count if study.design.enrollment else None
    groups = re.findall(r":(\d+);", size)
    check(enrollment, int(size) if size.isdigit() else sum(map(int, groups)) or None, "enrollment")
    check(study.eligibility.sex, _expected_sex(_value(trial, "Inclusion_gender")), "sex")
    for tag, age, maximum in (
        ("Inclusion_agemin", study.eligibility.minimum_age, False),
        ("Inclusion_agemax", study.eligibility.maximum_age, True),
    ):
        got = None if age is None else (float(age.value), str(age.unit))
        check(got, _expected_age(_value(trial, tag), maximum=maximum), tag)
    conditions = _parts(trial.findtext("Condition") or "", r"[;\n]")
    check(study.conditions, conditions, "conditions")
    countries = [c for c in _parts(_value(trial, "Countries"), ";") if c not in REGIONS]
    check([location.country for location in study.locations], countries, "countries")
    start = study.status.start_date.iso if study.status.start_date else None
    check(start, _expected_date(_value(trial, "Date_enrollement")), "start_date")
    registered = dt.datetime.strptime(_value(trial, "Date_registration3"), "%Y%m%d").date()
    check(
        study.status.first_submitted and study.status.first_submitted.iso,
        registered.isoformat(),
        "registered",
    )
    check(
        study.lead_sponsor and study.lead_sponsor.name,
        _value(trial, "Primary_sponsor") or None,
        "sponsor",
    )
    # criteria: every item's text is in the XML, and both lists are there when the XML has both
    criteria = " ".join(
        " ".join((trial.findtext(tag) or "").replace("<br>", " ").split())
        for tag in ("Inclusion_Criteria", "Exclusion_Criteria")
    )
    items = [*study.eligibility.inclusion, *study.eligibility.exclusion]
    for item in items:
        assert " ".join(item.text.split()[:4]) in criteria, f"{trial_id}: {item.text[:60]}"
    exclusion = _value(trial, "Exclusion_Criteria").removeprefix("Exclusion criteria:").strip()
    lines = (trial.findtext("Inclusion_Criteria") or "").replace("<br>", "\n")
    if exclusion or re.search(r"^\s*Exclusion Criteria:", lines, re.MULTILINE):
        check(bool(study.eligibility.exclusion), True, "exclusion criteria present")
    assert checked >= 12


# Trials whose inclusion and exclusion items were counted by hand from the export.
CRITERIA_COUNTS = [
    ("DRKS00015863", 2, 1),  # one item per <br>, no markers
    ("JPRN-jRCT2080224769", 5, 8),  # "-Has ..." items, the marker without its space
    ("NL-OMON31535", 1, 4),  # <p> and "- " items
    ("NCT04828928", 4, 2),  # the CT.gov layout: wrapped lines continue their item
    ("KCT0000379", 3, 2),
]


@pytest.mark.parametrize(("trial_id", "inclusion", "exclusion"), CRITERIA_COUNTS)
@real_data
def test_criteria_counts(trial_id: str, inclusion: int, exclusion: int) -> None:
    study = parse_record(real(SPLIT, f"{trial_id}.xml"))
    assert (len(study.eligibility.inclusion), len(study.eligibility.exclusion)) == (
        inclusion,
        exclusion,
    )


@real_data
def test_the_export_is_a_container() -> None:
    path = real(*EXPORT)
    assert detect_format(path.read_bytes()) == "ictrp-xml"
    with pytest.raises(MalformedRecord, match="95 trials"):
        parse_record(path)
    studies = list(iter_trials(path.read_bytes()))
    assert len(studies) == 95
    registries = {study.registry for study in studies}
    assert registries == set(REGISTRY.values())
    assert [trial_id for trial_id, _ in trial_results(path.read_bytes())][:2] == [
        "NCT06360289",
        "CTIS2023-507385-11-00",
    ]


@real_data
def test_batch_reads_all_95_trials(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "trialparse", "batch", str(real(*EXPORT)), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "read 95, written 95, failed 0" in done.stderr
    lines = (out / "studies.jsonl").read_text().splitlines()
    assert len(lines) == 95
    assert (out / "errors.jsonl").read_text() == ""


@real_data
def test_identity_across_registries() -> None:
    # the same trial in jRCT, EU CTR, NL-OMON and CT.gov: its IDs join them
    study = parse_record(real(SPLIT, "NL-OMON55279.xml"))
    assert [(i.registry, i.id) for i in study.ids()] == [
        ("nl-omon", "NL-OMON55279"),
        ("ctgov", "NCT04136184"),
        ("euctr", "2019-001698-10-NL"),
        ("nl-omon", "NL73848.000.21"),
    ]
    assert [s.registry for s in study.secondary_ids] == ["euctr", "ctgov", "nl-omon"]


@real_data
def test_unmapped_fields_are_kept_with_warnings() -> None:
    study = parse_record(real(SPLIT, "DRKS00015863.xml"))
    assert study.extras["Trial/Ethics_review_contact_phone"] == "+49-711-7698919"
    assert study.extras["Trial/Internal_Number"] == "14014767"
    paths = {w.path for w in study.warnings if w.code == "unmapped-content"}
    assert "Trial/Ethics_review_contact_phone" in paths
    assert "Trial/web_address" in paths


def test_attributes_and_stray_text_are_kept_with_warnings() -> None:
    # hand-made: the export writes neither, so a trial that has them keeps them in extras
    study = parse_record(
        b'<Trials_downloaded_from_ICTRP><Trial lang="en">note'
        b'<TrialID src="x">NCT01234567</TrialID>after the ID'
        b'<Public_title lang="en">First</Public_title><Public_title lang="fr">Second</Public_title>'
        b"</Trial></Trials_downloaded_from_ICTRP>"
    )
    assert study.nct_id == "NCT01234567"
    assert study.extras["Trial/@lang"] == "en"
    assert study.extras["Trial/TrialID/@src"] == "x"
    assert study.extras["Trial/Public_title/@lang"] == "en"
    assert study.extras["Trial/Public_title[2]/@lang"] == "fr"
    assert study.extras["Trial/text()"] == "note\nafter the ID"
    paths = {w.path for w in study.warnings if w.code == "unmapped-content"}
    assert {"Trial/@lang", "Trial/TrialID/@src", "Trial/Public_title[2]/@lang"} <= paths
    assert "Trial/text()" in paths


def test_foreign_xml_is_refused() -> None:
    # hand-made: an XML document that is no export
    with pytest.raises(MalformedRecord, match="Trials_downloaded_from_ICTRP"):
        parse_record(b"<Trials><Trial/></Trials>", format="ictrp-xml")
    with pytest.raises(MalformedRecord, match="no <Trial>"):
        parse_record(b"<Trials_downloaded_from_ICTRP></Trials_downloaded_from_ICTRP>")
    with pytest.raises(UnknownFormat):
        parse_record({"a": 1}, format="ictrp-xml")


_SAMPLES = real_files(SPLIT, "*.xml")[::12]


@pytest.mark.skipif(not _SAMPLES, reason="real ICTRP trials not found")
@real_data
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(min_value=0, max_value=max(len(_SAMPLES) - 1, 0)),
    cut=st.integers(min_value=0, max_value=20000),
    junk=st.text(max_size=30),
)
def test_mutated_trials_raise_only_trialparse_errors(index: int, cut: int, junk: str) -> None:
    content = _SAMPLES[index].read_text(encoding="utf-8")
    cut = min(cut, len(content))
    mutated = content[:cut] + junk + content[cut + len(junk) :]
    try:
        study = parse_record(mutated, format="ictrp-xml")
    except TrialParseError:
        return
    assert study.registry
    assert study.source is not None
