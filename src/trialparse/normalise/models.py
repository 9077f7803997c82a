"""What the normaliser returns: typed values, each with the text and span it came from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field

from ..model._build import maker
from ..model.study import ParseWarning

__all__ = [
    "AgeBound",
    "AgeRange",
    "Comparator",
    "LabThreshold",
    "Normalised",
    "ScoreThreshold",
    "Side",
    "Span",
    "TimeWindow",
]

Comparator = Literal["<", "<=", ">", ">=", "="]
Side = Literal["inclusion", "exclusion"]
Span = tuple[int, int]

_V = TypeVar("_V", bound="_Found")
_MAKERS: dict[type[BaseModel], tuple[tuple[str, ...], set[str], Callable[..., Any]]] = {}


class _Found(BaseModel):
    """A value the normaliser found in the text."""

    @classmethod
    def found(cls: type[_V], **values: Any) -> _V:
        """An instance from values its finder made of the field types already, without
        validating them again (validation cost more than finding them); unless every field is
        given, it is validated.

        The instances share one set of the names of the fields set: all of them (pydantic only
        adds to it the name of a field assigned, which it holds already)."""
        plan = _MAKERS.get(cls)
        if plan is None:
            names = tuple(cls.model_fields)
            plan = _MAKERS[cls] = (names, set(names), maker(cls))
        names, every, make = plan
        if len(values) != len(names):
            return cls(**values)
        instance: _V = make({name: values[name] for name in names}, every)
        return instance


class AgeRange(BaseModel):
    """The eligible age range in years; structured ages win over ages stated in the text."""

    min_years: float | None = None
    max_years: float | None = None
    min_inclusive: bool = True
    max_inclusive: bool = True
    origin: Literal["structured", "text"]


class AgeBound(_Found):
    """One age bound stated in the criteria text ("aged 8-75" gives two).

    `subject` names another person the age is of ("partner", "parent"); `condition` is the
    requirement the age is a condition of ("Systolic blood pressure above 140 mmHg if < 60
    years of age"). Bounds with either are not part of the record's `AgeRange`.
    """

    comparator: Comparator
    value: float
    unit: str
    in_years: float
    text: str
    span: Span
    side: Side | None = None
    subject: str | None = None
    condition: str | None = None


class LabThreshold(_Found):
    """One numeric bound on a lab value, as the text states it (not an eligibility verdict)."""

    analyte: str
    analyte_text: str
    comparator: Comparator
    value: float
    unit: str | None = None
    canonical_value: float | None = None
    canonical_unit: str | None = None
    uln_multiple: float | None = None
    side: Side | None = None
    criterion_index: int | None = None
    span: Span
    text: str
    condition: str | None = None
    """What the bound applies under, as written: "with liver involvement", "for females"."""


class TimeWindow(_Found):
    """A time window ("within 4 weeks", "> 12 months", "at least 2 weeks prior")."""

    comparator: Comparator
    value: float
    unit: str
    days: float
    text: str
    span: Span
    side: Side | None = None


class ScoreThreshold(_Found):
    """A bound on a performance score (ECOG, Karnofsky, Lansky, ...)."""

    scale: str
    comparator: Comparator
    value: float
    text: str
    span: Span
    side: Side | None = None


class Normalised(BaseModel):
    """Everything the normaliser found in one record's criteria."""

    age: AgeRange | None = None
    age_bounds: list[AgeBound] = Field(default_factory=list)
    labs: list[LabThreshold] = Field(default_factory=list)
    windows: list[TimeWindow] = Field(default_factory=list)
    scores: list[ScoreThreshold] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)
    """What the normaliser could not keep: values beyond `MAX_VALUES` of a kind, counted."""
