"""Eligibility: criteria split into items, sex, ages, healthy volunteers."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .enums import (
    SexField,
)
from .values import Age

__all__ = ["Criterion", "Eligibility"]


class Criterion(BaseModel):
    """One criterion item: its text (marker removed, escapes resolved), its marker, sub-items."""

    text: str = Field(description="the item without its number or bullet, escapes resolved, whitespace collapsed")
    number: str | None = Field(None, description="the item's marker as written ('5', 'a'); None for a bullet")
    children: list[Criterion] = Field(default_factory=list, description="nested sub-items")


class Eligibility(BaseModel):
    """Who may take part (v2 ``eligibilityModule``)."""

    criteria_text: str | None = Field(None, description="the criteria as written, escapes resolved (v2 protocolSection.eligibilityModule.eligibilityCriteria)")
    inclusion: list[Criterion] = Field(default_factory=list, description="inclusion items split from the criteria text (v2 protocolSection.eligibilityModule.eligibilityCriteria)")
    exclusion: list[Criterion] = Field(default_factory=list, description="exclusion items split from the criteria text (v2 protocolSection.eligibilityModule.eligibilityCriteria)")
    sex: SexField | None = Field(None, description="ALL, FEMALE or MALE (v2 protocolSection.eligibilityModule.sex)")
    minimum_age: Age | None = Field(None, description="minimum age; None when unbounded (v2 protocolSection.eligibilityModule.minimumAge)")
    maximum_age: Age | None = Field(None, description="maximum age; None when unbounded (v2 protocolSection.eligibilityModule.maximumAge)")
    healthy_volunteers: bool | None = Field(None, description="accepts healthy volunteers (v2 protocolSection.eligibilityModule.healthyVolunteers)")
