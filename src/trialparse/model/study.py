"""The `Study`: one registry record, whatever form it came in."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from .design import Arm, Design, Intervention
from .eligibility import Eligibility
from .enums import SecondaryIdTypeField
from .outcomes import Outcome, RelatedTrial
from .people import Contact, Location, Official, Organization, ResponsibleParty
from .status import Status

__all__ = ["Format", "ParseWarning", "SecondaryId", "Source", "Study"]

Format = Literal["ctgov-json", "ctgov-xml", "html", "text"]


class SecondaryId(BaseModel):
    """Another identifier of the study: a grant number, an EudraCT number, another registry's ID."""

    id: str | None = None
    type: SecondaryIdTypeField | None = None
    domain: str | None = None


class Source(BaseModel):
    """Where a `Study` came from: which reader ran, which registry, which file (if any)."""

    format: Format
    registry: str = "ctgov"
    path: str | None = None


class ParseWarning(BaseModel):
    """Something a reader kept but could not map: an unknown enum value, an unknown key, ..."""

    code: str
    path: str
    message: str


class Study(BaseModel):
    """A clinical-trial registry record in one typed model (ClinicalTrials.gov v2 vocabulary)."""

    nct_id: str | None = None
    org_study_id: str | None = None
    secondary_ids: list[SecondaryId] = Field(default_factory=list)
    brief_title: str | None = None
    official_title: str | None = None
    acronym: str | None = None
    brief_summary: str | None = None
    detailed_description: str | None = None
    conditions: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    status: Status = Field(default_factory=Status)
    design: Design = Field(default_factory=Design)
    arms: list[Arm] = Field(default_factory=list)
    interventions: list[Intervention] = Field(default_factory=list)
    eligibility: Eligibility = Field(default_factory=Eligibility)
    lead_sponsor: Organization | None = None
    collaborators: list[Organization] = Field(default_factory=list)
    responsible_party: ResponsibleParty | None = None
    officials: list[Official] = Field(default_factory=list)
    central_contacts: list[Contact] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    related_trials: list[RelatedTrial] = Field(default_factory=list)
    has_results: bool = False
    source: Source | None = None
    extras: dict[str, Any] = Field(
        default_factory=dict,
        description="Everything the source held that the model does not map, keyed by its path.",
    )
    warnings: list[ParseWarning] = Field(default_factory=list)

    def to_ctgov_json(self) -> dict[str, Any]:
        """The study in the ClinicalTrials.gov API v2 JSON shape (with `extras` put back)."""
        from ..readers.ctgov_json import study_to_ctgov_json

        return study_to_ctgov_json(self)
