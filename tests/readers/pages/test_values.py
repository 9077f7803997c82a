"""The shared value parsers of the page readers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trialparse.model.enums import OverallStatus
from trialparse.readers.pages import values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ongoing", "Ongoing"),  # no safe v2 value: kept as written
        ("Closed to accrual", "ACTIVE_NOT_RECRUITING"),
        ("Not yet recruiting", "NOT_YET_RECRUITING"),
        ("Completed", "COMPLETED"),
        ("Withdrawn", "WITHDRAWN"),
        ("Authorised", "Authorised"),
        ("Unknown status", "UNKNOWN"),
        ("Open to Recruitment", "RECRUITING"),
        ("Closed: follow-up complete", "COMPLETED"),
        ("限定募集中/Enrolling by invitation", "ENROLLING_BY_INVITATION"),
        ("募集中", "RECRUITING"),
        ("研究終了", "COMPLETED"),
        ("", None),
    ],
)
def test_statuses_of_every_registry(text: str, expected: str | None) -> None:
    assert values.status(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phase I/II", ["PHASE1", "PHASE2"]),
        ("Phase 2a", ["PHASE2"]),
        ("Phase III", ["PHASE3"]),
        ("N/A", ["NA"]),
        ("Phase 1/Phase 2", ["PHASE1", "PHASE2"]),
        ("PHASE1/PHASE2", ["PHASE1", "PHASE2"]),
        ("Early Phase 1", ["EARLY_PHASE1"]),
        ("3", ["PHASE3"]),
        ("II/III", ["PHASE2", "PHASE3"]),
        ("第2相", ["PHASE2"]),
        ("Pilot", ["Pilot"]),
        ("Not Specified", []),  # isrctn
        ("EARLY_PHASE1", ["EARLY_PHASE1"]),  # biotechhunter's v2 form
    ],
)
def test_phases(text: str, expected: list[str]) -> None:
    assert values.phases(text) == expected


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("2024-02-01", False, "2024-02-01"),
        ("2026-02-28 10:31:24", False, "2026-02-28"),
        ("March 2024", False, "2024-03"),
        ("Mar 25, 2015", False, "2015-03-25"),
        ("28 Sep 2020", False, "2020-09-28"),
        ("08/04/2024", True, "2024-04-08"),
        ("08/04/2024", False, "2024-08-04"),
        ("17/09/2019", False, "2019-09-17"),
        ("20240408", False, "2024-04-08"),
        ("2024年2月1日", False, "2024-02-01"),
        ("令和3年1月15日", False, "2021-01-15"),
        ("平成31年3月7日", False, "2019-03-07"),
        ("February, 2015", False, "2015-02"),
        ("2024", False, "2024"),
        ("31/02/2024", True, None),
        ("soon", False, None),
    ],
)
def test_dates(text: str, day_first: bool, expected: str | None) -> None:
    assert values.date(text, day_first=day_first) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18 Years and older", ("18 Years", None)),
        ("18 Years to 75 Years (Adult)", ("18 Years", "75 Years")),
        ("≥ 18", ("18 Years", None)),
        ("60 - 85", ("60 Years", "85 Years")),
        ("Between 18 Year(s) - 100 Year(s)", ("18 Years", "100 Years")),
        ("18 Years - undefined (Adult, Older Adult)", ("18 Years", None)),
        ("From 21 to 55 Years", ("21 Years", "55 Years")),
        ("6 Months to 17 Years", ("6 Months", "17 Years")),
        ("All ages", None),
        ("20 years and up", ("20 Years", None)),  # takeda
    ],
)
def test_age_ranges(text: str, expected: tuple[str | None, str | None] | None) -> None:
    assert values.age_range(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 Months", "6 Months"),
        ("18.00 Year(s)", "18 Years"),
        ("Not stated", None),
        ("20歳", "20 Years"),
        ("No limit", None),
    ],
)
def test_single_ages(text: str, expected: str | None) -> None:
    assert values.age(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 participants", 10),
        ("Target sample size: 100", 100),
        ("10,000", 10000),
        ("none given", None),
    ],
)
def test_enrollment(text: str, expected: int | None) -> None:
    assert values.enrollment(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Both", "ALL"),
        ("Male or Female", "ALL"),
        ("All Genders", "ALL"),
        ("Female", "FEMALE"),
        ("男女両方/Male and Female", "ALL"),
        ("Not specified", None),
    ],
)
def test_sex(text: str, expected: str | None) -> None:
    assert values.sex(text) == expected


@given(st.text(max_size=40), st.booleans())
def test_dates_are_iso_or_none(text: str, day_first: bool) -> None:
    found = values.date(text, day_first=day_first)
    assert found is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", found)


@given(st.text(max_size=40))
def test_statuses_are_v2_values_or_the_words_written(text: str) -> None:
    found = values.status(text)
    assert found is None or found in {m.value for m in OverallStatus} or found in text


@given(st.text(max_size=40))
def test_ages_are_v2_ages_or_the_text(text: str) -> None:
    found = values.age(text)
    assert found is None or re.fullmatch(r"\d+(\.\d+)? [A-Z][a-z]+", found) or found == text.strip()
    assert all(values.phases(text)) or not text.strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # biotechhunter
            "NARecruitingINTERVENTIONAL",
            {"phases": "NA", "overall_status": "Recruiting", "study_type": "INTERVENTIONAL"},
        ),
        (  # hand-made, in the same site's form
            "PHASE2Active, not recruitingOBSERVATIONAL",
            {
                "phases": "PHASE2",
                "overall_status": "Active, not recruiting",
                "study_type": "OBSERVATIONAL",
            },
        ),
        (  # hand-made, in the same site's form
            "PHASE1PHASE2RecruitingINTERVENTIONAL",
            {
                "phases": "PHASE1, PHASE2",
                "overall_status": "Recruiting",
                "study_type": "INTERVENTIONAL",
            },
        ),
        ("Home Blood Pressure", None),
        ("DRUG", None),
    ],
)
def test_value_words_run_together(text: str, expected: dict[str, str] | None) -> None:
    assert values.glued_values(text) == expected


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("type", "2 Diabetes Mellitus", False),  # takeda: "Type 2 Diabetes Mellitus"
        ("phases", "II Study of Drug X", False),  # hand-made
        ("phases", "3", True),
        ("start_date", "July 2009", True),
        ("brief_title", "anything", True),
    ],
)
def test_a_value_fits_its_field(field: str, text: str, expected: bool) -> None:
    assert values.fits(field, text) is expected


@given(st.text(alphabet=st.sampled_from("NAPHSE12 ,RecruitingINTERVENTIONAL"), max_size=60))
def test_value_words_run_together_are_parts_of_the_line(text: str) -> None:
    found = values.glued_values(text)
    if found is not None:
        assert set(found) <= {"phases", "overall_status", "study_type"}
        assert len(found) >= 1
        assert all(
            part.replace(", ", "") in text.replace(" ", "") or part in text
            for part in found.values()
        )
