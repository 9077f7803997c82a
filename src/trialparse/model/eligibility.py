"""Eligibility: criteria split into items, sex, ages, healthy volunteers."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from ._lazy import FilledOnAccess
from .enums import (
    SexField,
)
from .values import Age

__all__ = ["Criterion", "Eligibility"]

SPLIT_ON_ACCESS = ("inclusion", "exclusion")
"""Fields a reader may leave out of an `Eligibility` it builds: they are split from
`criteria_text` when first used (`model._lazy`)."""


class Criterion(BaseModel):
    """One criterion item: its text (marker removed, escapes resolved), its marker, sub-items."""

    text: str = Field(description="the item without its number or bullet, escapes resolved, whitespace collapsed")
    number: str | None = Field(None, description="the item's marker as written ('5', 'a'); None for a bullet")
    children: list[Criterion] = Field(default_factory=list, description="nested sub-items")


class Eligibility(FilledOnAccess):
    """Who may take part (v2 ``eligibilityModule``).

    `criteria_text` has the markdown escapes resolved; where the record's escapes cannot be
    rebuilt from it (the registry escapes punctuation unevenly), the text as written is kept in
    `Study.extras` under ``protocolSection.eligibilityModule.eligibilityCriteria``.
    """

    criteria_text: str | None = Field(None, description="the criteria as written, escapes resolved (v2 protocolSection.eligibilityModule.eligibilityCriteria)")
    inclusion: list[Criterion] = Field(default_factory=list, description="inclusion items split from the criteria text (v2 protocolSection.eligibilityModule.eligibilityCriteria)")
    exclusion: list[Criterion] = Field(default_factory=list, description="exclusion items split from the criteria text (v2 protocolSection.eligibilityModule.eligibilityCriteria)")
    sex: SexField | None = Field(None, description="ALL, FEMALE or MALE (v2 protocolSection.eligibilityModule.sex)")
    minimum_age: Age | None = Field(None, description="minimum age; None when unbounded (v2 protocolSection.eligibilityModule.minimumAge)")
    maximum_age: Age | None = Field(None, description="maximum age; None when unbounded (v2 protocolSection.eligibilityModule.maximumAge)")
    healthy_volunteers: bool | None = Field(None, description="accepts healthy volunteers (v2 protocolSection.eligibilityModule.healthyVolunteers)")

    _FILLED_LATER = SPLIT_ON_ACCESS

    def _later(self) -> dict[str, Any]:
        from ..normalise.criteria import split_criteria  # the splitter builds `Criterion`s

        inclusion, exclusion = split_criteria(self.__dict__.get("criteria_text"))
        return {"inclusion": inclusion, "exclusion": exclusion}
