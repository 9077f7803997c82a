"""Outcome measures (v2 ``outcomesModule``) and related trials listed by trial pages."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .enums import (
    OutcomeKindField,
    OverallStatusField,
    PhaseField,
)

__all__ = ["Outcome", "RelatedTrial"]


class Outcome(BaseModel):
    """A primary, secondary or other outcome measure."""

    kind: OutcomeKindField
    measure: str | None = None
    description: str | None = None
    time_frame: str | None = None


class RelatedTrial(BaseModel):
    """Another trial that a page lists as related ("More Related Trials")."""

    nct_id: str | None = None
    title: str | None = None
    status: OverallStatusField | None = None
    phases: list[PhaseField] = Field(default_factory=list)
