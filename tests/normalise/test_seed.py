"""The seed record's normalised values, exactly as DESIGN.md states them."""

from __future__ import annotations

from pathlib import Path

import pytest

from trialparse import Normalised, normalise, parse_record

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "NCT06352281.txt"


@pytest.fixture(scope="module")
def result() -> Normalised:
    return normalise(parse_record(SEED))


def test_age(result: Normalised) -> None:
    assert result.age is not None
    assert (result.age.min_years, result.age.max_years, result.age.origin) == (
        8.0,
        75.0,
        "structured",
    )
    assert [(b.comparator, b.value, b.unit, b.side, b.text) for b in result.age_bounds] == [
        (">=", 8.0, "years", "inclusion", "aged 8-75"),
        ("<=", 75.0, "years", "inclusion", "aged 8-75"),
    ]


def test_labs(result: Normalised) -> None:
    assert [
        (
            lab.analyte,
            lab.comparator,
            lab.value,
            lab.unit,
            lab.uln_multiple,
            lab.side,
            lab.criterion_index,
        )
        for lab in result.labs
    ] == [
        ("platelets", "<", 30.0, "10^9/L", None, "inclusion", 5),
        ("transaminases", ">", 3.0, "ULN", 3.0, "exclusion", 10),
        ("creatinine", ">", 2.0, "ULN", 2.0, "exclusion", 11),
    ]
    platelets = result.labs[0]
    assert (platelets.canonical_value, platelets.canonical_unit) == (30.0, "10^9/L")
    assert platelets.text == "Platelet count <30 x 109 / L"


def test_windows(result: Normalised) -> None:
    assert [(w.comparator, w.value, w.unit, w.days) for w in result.windows] == [
        (">", 12.0, "months", 365.25),
        (">=", 2.0, "weeks", 14.0),
        ("<=", 2.0, "weeks", 14.0),
        ("<=", 1.0, "years", 365.25),
        ("<=", 4.0, "weeks", 28.0),
    ]
    assert [w.text for w in result.windows] == [
        ">12 months",
        "at least 2 weeks",
        "within 2 weeks",
        "within one year",
        "in the 4 weeks",
    ]


def test_no_scores(result: Normalised) -> None:
    assert result.scores == []


def test_spans_index_the_criteria_text(result: Normalised) -> None:
    text = parse_record(SEED).eligibility.criteria_text
    assert text is not None
    for item in [*result.age_bounds, *result.labs, *result.windows]:
        start, end = item.span
        assert text[start:end] == item.text


def test_text_ages_fill_in_when_structured_are_absent() -> None:
    criteria = parse_record(SEED).eligibility.criteria_text
    assert criteria is not None
    result = normalise(criteria)
    assert result.age is not None
    assert (result.age.min_years, result.age.max_years, result.age.origin) == (8.0, 75.0, "text")
