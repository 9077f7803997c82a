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
_REPR_TITLE = 60


class SecondaryId(BaseModel):
    """Another identifier of the study: a grant number, an EudraCT number, another registry's ID.

    `registry` names the registry the ID belongs to when its form says so (`euctr` for a
    EudraCT number, `isrctn`, ...); `id` is kept as written.
    """

    id: str | None = Field(None, description="the identifier (v2 protocolSection.identificationModule.secondaryIdInfos[].id)")
    type: SecondaryIdTypeField | None = Field(None, description="what kind of identifier: NIH, FDA, REGISTRY, OTHER_GRANT, ... (v2 secondaryIdInfos[].type)")
    domain: str | None = Field(None, description="who issued it, e.g. a registry or funder name (v2 secondaryIdInfos[].domain)")
    registry: str | None = Field(None, description="the registry the ID belongs to when its form names one: euctr, isrctn, ... (not in v2)")

    @model_validator(mode="after")
    def _registry_from_form(self) -> SecondaryId:
        if self.registry is None and self.id:
            found = classify_id(self.id)
            if found is not None:
                self.registry = found.registry
        return self


class Source(BaseModel):
    """Where a `Study` came from: which reader ran, which registry, which file (if any)."""

    format: Format = Field(description="the reader that read the record: ctgov-json, ctgov-xml, html, text, ictrp-xml, ... (not in v2)")
    registry: str = Field("ctgov", description="the registry the record is from: ctgov, euctr, isrctn, ... (not in v2)")
    path: str | None = Field(None, description="the file, or the place in a batch input, the record was read from (not in v2)")


class ParseWarning(BaseModel):
    """Something a reader kept but could not map: an unknown enum value, an unknown key, ..."""

    code: str = Field(description="the warning's code (trialparse.errors.WarningCode): unknown-enum-value, unknown-key, ...")
    path: str = Field(description="where in the record, as a v2 JSON path (protocolSection.statusModule.overallStatus)")
    message: str = Field(description="what was kept and why")


class Study(FilledOnAccess):
    """A clinical-trial registry record in one typed model (ClinicalTrials.gov v2 vocabulary).

    `registry` is the registry the record is from and `registry_id` its own ID there; unless a
    reader says otherwise they follow `source.registry`, and a ClinicalTrials.gov record's
    `registry_id` is its NCT number.
    """

    registry: str = Field("ctgov", description="the registry the record is from: ctgov, euctr, ctis, isrctn, ... (not in v2: ctgov for every v2 record)")
    registry_id: str | None = Field(None, description="the record's own ID in its registry (v2 protocolSection.identificationModule.nctId for ctgov)")
    nct_id: str | None = Field(None, description="the NCT number (v2 protocolSection.identificationModule.nctId)")
    org_study_id: str | None = Field(None, description="the sponsor's own study ID (v2 protocolSection.identificationModule.orgStudyIdInfo.id)")
    secondary_ids: list[SecondaryId] = Field(default_factory=list, description="other identifiers of the study (v2 protocolSection.identificationModule.secondaryIdInfos)")
    brief_title: str | None = Field(None, description="the brief title (v2 protocolSection.identificationModule.briefTitle)")
    official_title: str | None = Field(None, description="the official title (v2 protocolSection.identificationModule.officialTitle)")
    acronym: str | None = Field(None, description="the study's acronym (v2 protocolSection.identificationModule.acronym)")
    brief_summary: str | None = Field(None, description="the brief summary (v2 protocolSection.descriptionModule.briefSummary)")
    detailed_description: str | None = Field(None, description="the detailed description (v2 protocolSection.descriptionModule.detailedDescription)")
    conditions: list[str] = Field(default_factory=list, description="conditions or diseases studied (v2 protocolSection.conditionsModule.conditions)")
    keywords: list[str] = Field(default_factory=list, description="keywords (v2 protocolSection.conditionsModule.keywords)")
    status: Status = Field(default_factory=Status, description="overall status and key dates (v2 protocolSection.statusModule)")
    design: Design = Field(default_factory=Design, description="study type, phases and design (v2 protocolSection.designModule)")
    arms: list[Arm] = Field(default_factory=list, description="arms or groups (v2 protocolSection.armsInterventionsModule.armGroups)")
    interventions: list[Intervention] = Field(default_factory=list, description="interventions (v2 protocolSection.armsInterventionsModule.interventions)")
    eligibility: Eligibility = Field(default_factory=Eligibility, description="who may take part (v2 protocolSection.eligibilityModule)")
    lead_sponsor: Organization | None = Field(None, description="the lead sponsor (v2 protocolSection.sponsorCollaboratorsModule.leadSponsor)")
    collaborators: list[Organization] = Field(default_factory=list, description="collaborating organisations (v2 protocolSection.sponsorCollaboratorsModule.collaborators)")
    responsible_party: ResponsibleParty | None = Field(None, description="who is responsible for the record (v2 protocolSection.sponsorCollaboratorsModule.responsibleParty)")
    officials: list[Official] = Field(default_factory=list, description="overall officials (v2 protocolSection.contactsLocationsModule.overallOfficials)")
    central_contacts: list[Contact] = Field(default_factory=list, description="central contacts (v2 protocolSection.contactsLocationsModule.centralContacts)")
    locations: list[Location] = Field(default_factory=list, description="study sites (v2 protocolSection.contactsLocationsModule.locations)")
    outcomes: list[Outcome] = Field(default_factory=list, description="registered outcome measures (v2 protocolSection.outcomesModule.primaryOutcomes, .secondaryOutcomes, .otherOutcomes)")
    related_trials: list[RelatedTrial] = Field(default_factory=list, description="related trials a record page lists (not in v2: pages and renders only)")
    has_results: bool = Field(False, description="the record has posted results (v2 hasResults)")
    source: Source | None = Field(None, description="where the record came from: reader, registry and file (not in v2)")
    extras: dict[str, Any] = Field(
        default_factory=dict,
        description="Everything the source held that the model does not map, keyed by its path.",
    )
    warnings: list[ParseWarning] = Field(default_factory=list, description="what a reader kept but could not map, each with its v2 path")

    # A reader may leave the warnings about content it keeps whole to be found when first read,
    # and the extras of a record it decoded itself to be gathered when first read.
    _FILLED_LATER = ("extras", "warnings")

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

    def __repr__(self) -> str:
        """A short form: ID, title, status, phases and counts (`model_dump()` gives it all)."""
        title = self.brief_title or self.official_title
        if title is not None and len(title) > _REPR_TITLE:
            title = title[: _REPR_TITLE - 3] + "..."
        overall = self.status.overall
        phases = [str(getattr(p, "value", p)) for p in self.design.phases]
        eligibility = self.eligibility
        return (
            f"Study({self.nct_id or self.registry_id or self.org_study_id!r}, {title!r}, "
            f"status={getattr(overall, 'value', overall)}, phases={'/'.join(phases) or None}, "
            f"arms={len(self.arms)}, interventions={len(self.interventions)}, "
            f"locations={len(self.locations)}, inclusion={len(eligibility.inclusion)}, "
            f"exclusion={len(eligibility.exclusion)}, warnings={len(self.warnings)})"
        )

    def to_ctgov_json(self) -> dict[str, Any]:
        """The study in the ClinicalTrials.gov API v2 JSON shape (with `extras` put back)."""
        from ..v2 import study_to_ctgov_json

        return study_to_ctgov_json(self)
