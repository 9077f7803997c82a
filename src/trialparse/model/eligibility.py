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

    text: str
    number: str | None = None
    children: list[Criterion] = Field(default_factory=list)


class Eligibility(FilledOnAccess):
    """Who may take part (v2 ``eligibilityModule``).

    `criteria_text` has the markdown escapes resolved; where the record's escapes cannot be
    rebuilt from it (the registry escapes punctuation unevenly), the text as written is kept in
    `Study.extras` under ``protocolSection.eligibilityModule.eligibilityCriteria``.
    """

    criteria_text: str | None = None
    inclusion: list[Criterion] = Field(default_factory=list)
    exclusion: list[Criterion] = Field(default_factory=list)
    sex: SexField | None = None
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    healthy_volunteers: bool | None = None

    _FILLED_LATER = SPLIT_ON_ACCESS

    def _later(self) -> dict[str, Any]:
        from ..normalise.criteria import split_criteria  # the splitter builds `Criterion`s

        inclusion, exclusion = split_criteria(self.__dict__.get("criteria_text"))
        return {"inclusion": inclusion, "exclusion": exclusion}
