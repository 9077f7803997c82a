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

    text: str
    number: str | None = None
    children: list[Criterion] = Field(default_factory=list)


class Eligibility(BaseModel):
    """Who may take part (v2 ``eligibilityModule``)."""

    criteria_text: str | None = None
    inclusion: list[Criterion] = Field(default_factory=list)
    exclusion: list[Criterion] = Field(default_factory=list)
    sex: SexField | None = None
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    healthy_volunteers: bool | None = None
