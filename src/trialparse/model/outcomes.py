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

    kind: OutcomeKindField = Field(description="PRIMARY, SECONDARY or OTHER: which v2 list it is in (primaryOutcomes, secondaryOutcomes, otherOutcomes)")
    measure: str | None = Field(None, description="the outcome measure (v2 *Outcomes[].measure)")
    description: str | None = Field(None, description="its description (v2 *Outcomes[].description)")
    time_frame: str | None = Field(None, description="when it is measured (v2 *Outcomes[].timeFrame)")


class RelatedTrial(BaseModel):
    """Another trial that a page lists as related ("More Related Trials")."""

    nct_id: str | None = Field(None, description="the related trial's NCT number (not in v2: record pages)")
    title: str | None = Field(None, description="its title (not in v2: record pages)")
    status: OverallStatusField | None = Field(None, description="its overall status (not in v2: record pages)")
    phases: list[PhaseField] = Field(default_factory=list, description="its phases (not in v2: record pages)")
