"""PartialDate and Age: precision, ordering, units (real values seen in the v2 records)."""

from __future__ import annotations

import datetime as dt

import pytest

from trialparse.model import Age, AgeUnit, PartialDate


@pytest.mark.parametrize(
    ("text", "iso", "precision", "first_day"),
    [
        ("2024", "2024", "year", dt.date(2024, 1, 1)),
        ("2024-02", "2024-02", "month", dt.date(2024, 2, 1)),
        ("2024-02-01", "2024-02-01", "day", dt.date(2024, 2, 1)),
        ("March 2024", "2024-03", "month", dt.date(2024, 3, 1)),  # legacy XML form
        ("March 5, 2024", "2024-03-05", "day", dt.date(2024, 3, 5)),  # legacy XML form
        ("Sept 2014", "2014-09", "month", dt.date(2014, 9, 1)),
    ],
)
def test_partial_date_precision(text: str, iso: str, precision: str, first_day: dt.date) -> None:
    date = PartialDate.parse(text)
    assert date is not None
    assert date.iso == iso
    assert date.precision == precision
    assert date.to_date() == first_day


@pytest.mark.parametrize("text", ["", "2024-13", "2023-02-30", "soon", "13/2024"])
def test_partial_date_rejects(text: str) -> None:
    assert PartialDate.parse(text) is None


def test_partial_date_orders_by_first_day() -> None:
    march = PartialDate.parse("2024-03")
    march_2 = PartialDate.parse("2024-03-02")
    year = PartialDate.parse("2023")
    assert march is not None
    assert march_2 is not None
    assert year is not None
    assert year < march < march_2
    assert sorted([march_2, year, march]) == [year, march, march_2]


@pytest.mark.parametrize(
    ("text", "value", "unit", "years"),
    [
        ("18 Years", 18, AgeUnit.YEARS, 18.0),
        ("1 Year", 1, AgeUnit.YEARS, 1.0),
        ("6 Months", 6, AgeUnit.MONTHS, 0.5),
        ("1 Month", 1, AgeUnit.MONTHS, 1 / 12),
        ("28 Days", 28, AgeUnit.DAYS, 28 / 365.25),
        ("2 Weeks", 2, AgeUnit.WEEKS, 14 / 365.25),
        ("30 Minutes", 30, AgeUnit.MINUTES, 30 / (365.25 * 24 * 60)),
    ],
)
def test_age(text: str, value: int, unit: AgeUnit, years: float) -> None:
    age = Age.parse(text)
    assert age is not None
    assert (age.value, age.unit) == (value, unit)
    assert age.in_years == pytest.approx(years)
    assert Age.parse(age.to_ctgov()) == age


def test_age_not_applicable_is_unbounded() -> None:
    assert Age.parse("N/A") is None


def test_age_rejects_words() -> None:
    with pytest.raises(ValueError, match="eighteen"):
        Age.parse("eighteen")
