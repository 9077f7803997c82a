"""The `Study`: one registry record, whatever form it came in."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from ._lazy import FilledOnAccess
from .design import Arm, Design, Intervention
from .eligibility import Eligibility
from .enums import SecondaryIdTypeField
from .outcomes import Outcome, RelatedTrial
from .people import Contact, Location, Official, Organization, ResponsibleParty
from .registry_ids import RegistryId, classify_id
from .status import Status

__all__ = ["Format", "ParseWarning", "SecondaryId", "Source", "Study"]

Format = Literal[
    "ctgov-json", "ctgov-xml", "html", "text", "ictrp-xml", "euctr-html", "isrctn-json"
]


class SecondaryId(BaseModel):
    """Another identifier of the study: a grant number, an EudraCT number, another registry's ID.

    `registry` names the registry the ID belongs to when its form says so (`euctr` for a
    EudraCT number, `isrctn`, ...); `id` is kept as written.
    """

    id: str | None = None
    type: SecondaryIdTypeField | None = None
    domain: str | None = None
    registry: str | None = None

    @model_validator(mode="after")
    def _registry_from_form(self) -> SecondaryId:
        if self.registry is None and self.id:
            found = classify_id(self.id)
            if found is not None:
                self.registry = found.registry
        return self


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


class Study(FilledOnAccess):
    """A clinical-trial registry record in one typed model (ClinicalTrials.gov v2 vocabulary).

    `registry` is the registry the record is from and `registry_id` its own ID there; unless a
    reader says otherwise they follow `source.registry`, and a ClinicalTrials.gov record's
    `registry_id` is its NCT number.
    """

    registry: str = "ctgov"
    registry_id: str | None = None
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

    # A reader may leave the warnings about content it keeps whole to be found when first read.
    _FILLED_LATER = ("warnings",)

    @model_validator(mode="after")
    def _identity(self) -> Study:
        if "registry" not in self.model_fields_set and self.source is not None:
            self.registry = self.source.registry
        if self.registry_id is None and self.registry == "ctgov":
            self.registry_id = self.nct_id
        return self

    def ids(self) -> list[RegistryId]:
        """Every registry ID of the study, its own first, each once: the keys to join it on."""
        found: dict[tuple[str, str], RegistryId] = {}
        if self.registry_id:
            found[(self.registry, self.registry_id)] = RegistryId(self.registry, self.registry_id)
        texts = [(self.nct_id, None), *((s.id, s.registry) for s in self.secondary_ids)]
        for text, registry in texts:
            if not text:
                continue
            registry_id = classify_id(text)
            if registry_id is None and registry is not None:
                registry_id = RegistryId(registry, text.strip())
            if registry_id is not None:
                found.setdefault((registry_id.registry, registry_id.id), registry_id)
        return list(found.values())

    def to_ctgov_json(self) -> dict[str, Any]:
        """The study in the ClinicalTrials.gov API v2 JSON shape (with `extras` put back)."""
        from ..v2 import study_to_ctgov_json

        return study_to_ctgov_json(self)
