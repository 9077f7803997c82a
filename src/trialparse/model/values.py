"""Value types shared by the model: partial dates and eligibility ages."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .enums import AgeUnit, DateTypeField

__all__ = ["MONTHS", "Age", "DatePrecision", "PartialDate", "parse_date_parts"]

DatePrecision = Literal["year", "month", "day"]


MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
"""Month names and their abbreviations, lower case → month number."""
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# Legacy XML and web pages write "March 2024", "March 1, 2024" or "1 March 2024".
_MONTH_NAME_DATE = re.compile(r"([A-Za-z]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})")
_DAY_MONTH_NAME_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")


class PartialDate(BaseModel):
    """A date known to the year, the month or the day, as registries state them.

    "March 2024" is month precision: it is not the 1st of March. `type` says whether the
    registry gave it as ACTUAL or ESTIMATED (None where the source does not say).
    """

    model_config = ConfigDict(frozen=True)

    year: int = Field(description="the year (v2 *DateStruct.date, or a date string)")
    month: int | None = Field(None, description="the month, None at year precision")
    day: int | None = Field(None, description="the day, None at month or year precision")
    precision: DatePrecision = Field(description="year, month or day: how much of the date the record states")
    type: DateTypeField | None = Field(None, description="ACTUAL or ESTIMATED (v2 *DateStruct.type); None where the source does not say")

    @property
    def iso(self) -> str:
        """The date as ISO 8601 text at its own precision: "2024", "2024-02" or "2024-02-01"."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def to_date(self) -> _dt.date:
        """The first day of the period the date names."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        return self.iso

    @classmethod
    def parse(cls, text: str, type: str | None = None) -> PartialDate | None:
        """Read "2024", "2024-02", "2024-02-01", "March 2024" or "March 1, 2024"; None if not a date."""
        parts = parse_date_parts(text)
        if parts is None:
            return None
        year, month, day = parts
        precision: DatePrecision = "year" if month is None else "month" if day is None else "day"
        return cls(year=year, month=month, day=day, precision=precision, type=type)


def parse_date_parts(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a registry date in ISO or month-name form, or None."""
    text = text.strip()
    match = _ISO_DATE.fullmatch(text)
    if match:
        year = int(match[1])
        month = int(match[2]) if match[2] else None
        day = int(match[3]) if match[3] else None
    else:
        match = _MONTH_NAME_DATE.fullmatch(text)
        if match:
            month_name, day_text, year_text = match.groups()
        else:
            match = _DAY_MONTH_NAME_DATE.fullmatch(text)
            if not match:
                return None
            day_text, month_name, year_text = match.groups()
        month = MONTHS.get(month_name.lower())
        if month is None:
            return None
        year = int(year_text)
        day = int(day_text) if day_text else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        try:
            _dt.date(year, month or 1, day)
        except ValueError:
            return None
    if year < 1:
        return None
    return year, month, day


_YEARS_PER_UNIT = {
    AgeUnit.YEARS: 1.0,
    AgeUnit.MONTHS: 1.0 / 12.0,
    AgeUnit.WEEKS: 7.0 / 365.25,
    AgeUnit.DAYS: 1.0 / 365.25,
    AgeUnit.HOURS: 1.0 / (365.25 * 24.0),
    AgeUnit.MINUTES: 1.0 / (365.25 * 24.0 * 60.0),
}
_AGE_UNITS = {
    "year": AgeUnit.YEARS,
    "years": AgeUnit.YEARS,
    "yr": AgeUnit.YEARS,
    "yrs": AgeUnit.YEARS,
    "month": AgeUnit.MONTHS,
    "months": AgeUnit.MONTHS,
    "mo": AgeUnit.MONTHS,
    "mos": AgeUnit.MONTHS,
    "week": AgeUnit.WEEKS,
    "weeks": AgeUnit.WEEKS,
    "wk": AgeUnit.WEEKS,
    "wks": AgeUnit.WEEKS,
    "day": AgeUnit.DAYS,
    "days": AgeUnit.DAYS,
    "hour": AgeUnit.HOURS,
    "hours": AgeUnit.HOURS,
    "minute": AgeUnit.MINUTES,
    "minutes": AgeUnit.MINUTES,
}
_AGE = re.compile(r"(\d+(?:\.\d+)?)\s*([A-Za-z]+)")
# Registries write "N/A", "None", "No limit" for an unbounded age.
_NO_AGE = frozenset({"", "n/a", "na", "none", "no limit", "not applicable"})


class Age(BaseModel):
    """An eligibility age bound: "18 Years" is ``Age(value=18, unit=YEARS, in_years=18.0)``."""

    model_config = ConfigDict(frozen=True)

    value: int | float = Field(description="the number as written (v2 minimumAge / maximumAge: '18 Years' gives 18)")
    unit: AgeUnit = Field(description="YEARS, MONTHS, WEEKS, DAYS, HOURS or MINUTES")
    in_years: float = Field(description="the age in years (6 Months gives 0.5)")

    @classmethod
    def of(cls, value: int | float, unit: AgeUnit) -> Age:
        """The age `value` `unit`, with `in_years` computed."""
        return cls(value=value, unit=unit, in_years=value * _YEARS_PER_UNIT[unit])

    @classmethod
    def parse(cls, text: str) -> Age | None:
        """Read "18 Years", "6 Months", "1 Year"; None for "N/A" (no bound).

        Raises `ValueError` for text that is neither an age nor a "no bound" marker.
        """
        stripped = text.strip()
        if stripped.lower() in _NO_AGE:
            return None
        match = _AGE.fullmatch(stripped)
        unit = _AGE_UNITS.get(match[2].lower()) if match else None
        if match is None or unit is None:
            raise ValueError(f'expected "<number> <unit>", got {stripped!r}')
        number = float(match[1])
        value: int | float = int(number) if number.is_integer() else number
        return cls.of(value, unit)

    def to_ctgov(self) -> str:
        """The v2 API form: "18 Years", and "1 Year" in the singular as the registry writes it."""
        unit = self.unit.value.capitalize()
        return f"{self.value} {unit[:-1] if self.value == 1 else unit}"

    def __str__(self) -> str:
        return self.to_ctgov()
