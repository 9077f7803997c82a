"""Registry value words: a table of real values, each with where it was seen.

Every value below is written as the WHO ICTRP export (ICTRP), an EU CTR page or a ctrdata
ISRCTN record writes it; the hand-made near-misses are marked so. The page readers' own values
are tested in `tests/readers/pages/test_values.py`; the parsers are the same, and the last tests
here pin what the registry readers' parameters change.
"""

from __future__ import annotations

import pytest

from trialparse.readers.values import (
    date,
    phases,
    registry_age,
    registry_count,
    registry_date,
    registry_phases,
    registry_sex,
    registry_status,
    registry_study_type,
    sex,
    space_marker,
    status,
)

DATES = [
    ("08/04/2024", "2024-04-08"),  # ICTRP Date_registration: day first
    ("20240408", "2024-04-08"),  # ICTRP Date_registration3
    ("2021-09-03", "2021-09-03"),  # ICTRP Date_registration of CT.gov rows
    ("2016/12/06", "2016-12-06"),  # ICTRP Date_enrollement of UMIN
    ("April 25, 2024", "2024-04-25"),  # ICTRP Date_enrollement of CT.gov rows
    ("January 2022", "2022-01"),  # month precision, not the 1st
    ("27 May 2024", "2024-05-27"),  # ICTRP Last_Refreshed_on
    ("31/02/2024", None),  # hand-made: no such day
    ("", None),
]
AGES = [
    ("18 Years", False, (18, "YEARS")),  # ICTRP, CT.gov and DRKS rows
    ("2 Months", False, (2, "MONTHS")),
    ("18", False, (18, "YEARS")),  # ICTRP, CTIS rows
    (">= 20age old", False, (20, "YEARS")),  # ICTRP, jRCT rows
    ("<= 85age old", True, (85, "YEARS")),
    ("16years-old", False, (16, "YEARS")),  # ICTRP, UMIN rows
    ("60(Year)", False, (60, "YEARS")),  # ICTRP, KCT rows
    ("65+", True, None),  # ICTRP, CTIS: the open oldest group
    ("N/A", True, None),
    ("None", False, None),
    ("Not applicable", False, None),
    ("2 Days", False, (2, "DAYS")),  # ctrdata ISRCTN lowerAgeLimit
    ("6(Month)", False, (6, "MONTHS")),  # hand-made, in KCT's form
]
PHASES = [
    ("Phase 2/Phase 3", ["PHASE2", "PHASE3"]),  # ICTRP, CT.gov rows
    ("Phase1/Phase2", ["PHASE1", "PHASE2"]),
    ("3", ["PHASE3"]),  # ICTRP, jRCT rows
    ("0", ["EARLY_PHASE1"]),  # ICTRP, ChiCTR rows
    ("Phase III", ["PHASE3"]),
    ("Not selected", []),  # ICTRP, UMIN rows
    ("N/A", ["NA"]),
    (
        "Human pharmacology (Phase I): no\nTherapeutic exploratory (Phase II): yes\n"
        "Therapeutic confirmatory - (Phase III): yes\nTherapeutic use (Phase IV): no",
        ["PHASE2", "PHASE3"],
    ),  # ICTRP, EU CTR rows
]
STATUSES = [
    ("Recruiting", "RECRUITING"),
    ("Not recruiting", "Not recruiting"),  # ICTRP: any state but recruiting, kept as written
    ("Authorised", "Authorised"),  # ICTRP, EU CTR and CTIS rows
    ("Prematurely Ended", "TERMINATED"),  # EU CTR P.
    ("Completed", "COMPLETED"),
    ("Not Available", "Not Available"),
]
SEXES = [
    ("<br>Female: yes<br>Male: yes<br>", "ALL"),  # ICTRP, EU CTR rows
    ("<br>Female: no<br>Male: yes<br>", "MALE"),
    ("Female: yes Male: yes", "ALL"),  # ICTRP, CTIS rows
    ("Both", "ALL"),  # ICTRP, jRCT rows
    ("Male and Female", "ALL"),  # ICTRP, UMIN rows
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_dates(text: str, expected: str | None) -> None:
    assert registry_date(text) == expected


@pytest.mark.parametrize(("text", "maximum", "expected"), AGES)
def test_ages(text: str, maximum: bool, expected: tuple[int, str] | None) -> None:
    age = registry_age(text, maximum=maximum)
    assert (None if age is None else (age.value, str(age.unit))) == expected


def test_an_age_that_is_no_age_raises_value_error() -> None:
    with pytest.raises(ValueError, match="18 Years"):
        registry_age("eighteen")  # hand-made


@pytest.mark.parametrize(("text", "expected"), PHASES)
def test_phases(text: str, expected: list[str]) -> None:
    assert registry_phases(text) == expected


@pytest.mark.parametrize(("text", "expected"), STATUSES)
def test_statuses(text: str, expected: str) -> None:
    assert registry_status(text) == expected


@pytest.mark.parametrize(("text", "expected"), SEXES)
def test_sexes(text: str, expected: str | None) -> None:
    assert registry_sex(text) == expected


def test_study_types_and_counts() -> None:
    assert (
        registry_study_type("Interventional clinical trial of medicinal product")
        == "INTERVENTIONAL"
    )
    assert registry_study_type("Observational invasive") == "OBSERVATIONAL"  # ICTRP, DRKS rows
    assert registry_count("150") == (150, True)
    assert registry_count("control group:50;sepsis group:50;") == (100, False)  # ICTRP, ChiCTR
    assert registry_count("many") == (None, False)  # hand-made


def test_markers_get_their_space() -> None:
    assert space_marker("-Has a diagnosis") == "- Has a diagnosis"  # ICTRP, jRCT rows
    assert space_marker("1.Aged =18 years") == "1. Aged =18 years"  # ICTRP, EU CTR rows
    assert space_marker("1.5 mg/kg") == "1.5 mg/kg"  # hand-made: a number, not a marker
    assert space_marker("-5 degrees") == "-5 degrees"


def test_registries_write_numeric_dates_day_first() -> None:
    assert registry_date("08/04/2024") == date("08/04/2024", day_first=True) == "2024-04-08"
    assert date("08/04/2024") == "2024-08-04"  # pages: month first unless the day says so
    assert registry_date(None) is None


def test_registry_no_value_words_state_no_value() -> None:
    # hand-made: the registries' "N/A" words, which pages keep as written
    assert registry_status("N/A") is None
    assert status("N/A") == "N/A"
    assert registry_phases("None") == []
    assert phases("None") == ["None"]
    assert registry_sex("Not specified") == "Not specified"
    assert sex("Not specified") is None
